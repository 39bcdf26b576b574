"""`newscrawl-scheduler`: start the crawls of deploy/schedule.toml on scrapyd.

Two modes:

- long-running (default): an APScheduler cron trigger per entry (``max_instances=1``,
  coalescing missed runs into one); for systemd (deploy/newscrawl-scheduler.service).
- ``--once``: for system cron. Schedules every entry that is *due* — whose cron expression fired
  within the last ``--window`` seconds (default 60, so a crontab line ``* * * * *`` running it
  every minute reproduces the schedule) — and exits. ``--once --all`` schedules every entry
  regardless of its cron expression (a manual "crawl everything now").

Either way an entry whose spider has a pending or running job on scrapyd is skipped, every
decision is logged, and an unreachable scrapyd is retried with backoff, never a crash.
Credentials: SCRAPYD_URL, SCRAPYD_USERNAME, SCRAPYD_PASSWORD. Exit status of ``--once``: 0 when
nothing failed, 1 when an entry could not be scheduled, 2 for a bad schedule file.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
from datetime import UTC, datetime, timedelta
from types import FrameType

from apscheduler.schedulers.background import BackgroundScheduler
from scrapy.settings import Settings

from newscrawl.scheduler.config import Schedule, ScheduleError, load_schedule
from newscrawl.scheduler.runner import Decision, Runner, is_due
from newscrawl.scheduler.scrapyd import ScrapydClient

logger = logging.getLogger("newscrawl.scheduler")


def default_schedule() -> str:
    """NEWSCRAWL_SCHEDULE from the project settings (not a crawl: no scrapy.cfg needed)."""
    settings = Settings()
    settings.setmodule("newscrawl.settings", priority="project")
    return settings.get("NEWSCRAWL_SCHEDULE")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="newscrawl-scheduler",
        description="Schedule the crawls of a schedule file on scrapyd (SCRAPYD_URL, "
                    "SCRAPYD_USERNAME, SCRAPYD_PASSWORD).",
    )
    parser.add_argument("-c", "--config",
                        default=default_schedule(),
                        help="schedule file (default: NEWSCRAWL_SCHEDULE, here %(default)s)")
    parser.add_argument("--once", action="store_true",
                        help="schedule the entries that are due now, then exit (system cron)")
    parser.add_argument("--all", action="store_true",
                        help="with --once: every entry, due or not")
    parser.add_argument("--window", type=float, default=60.0,
                        help="with --once: an entry is due if it fired in the last N seconds")
    parser.add_argument("--job", action="append", default=[],
                        help="only this entry (name); repeatable")
    parser.add_argument("--retries", type=int, default=5,
                        help="attempts per scrapyd call before giving up (default 5)")
    parser.add_argument("--backoff", type=float, default=2.0,
                        help="first wait between attempts in seconds, doubling (default 2)")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    if args.all and not args.once:
        parser.error("--all needs --once")
    return args


def run_once(runner: Runner, schedule: Schedule, *, every: bool, window: timedelta,
             only: list[str]) -> list[Decision]:
    """Schedule each selected entry that is due (or every one); return the decisions."""
    now = datetime.now(UTC)
    decisions = []
    for entry in schedule.jobs:
        if only and entry.name not in only:
            continue
        if not every and not is_due(entry, schedule, now, window):
            logger.debug("%s: not due (cron %s)", entry.name, entry.cron)
            continue
        decisions.append(runner.run(entry))
    if not decisions:
        logger.info("nothing due")
    return decisions


def build_scheduler(runner: Runner, schedule: Schedule, only: list[str]) -> BackgroundScheduler:
    """One cron job per entry; a firing while the previous one still runs is dropped."""
    scheduler = BackgroundScheduler(timezone=schedule.timezone)
    for entry in schedule.jobs:
        if only and entry.name not in only:
            continue
        scheduler.add_job(runner.run, entry.trigger(schedule.timezone), args=[entry],
                          id=entry.name, name=entry.name, max_instances=1, coalesce=True,
                          misfire_grace_time=300)
    return scheduler


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO,
                        format="%(asctime)s %(name)s %(levelname)s: %(message)s")
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    try:
        schedule = load_schedule(args.config)
    except ScheduleError as exc:
        logger.error("bad schedule: %s", exc)
        return 2
    unknown = set(args.job) - {entry.name for entry in schedule.jobs}
    if unknown:
        logger.error("no such job in %s: %s", args.config, ", ".join(sorted(unknown)))
        return 2
    client = ScrapydClient.from_env(attempts=args.retries, backoff=args.backoff)
    runner = Runner(client, schedule)
    logger.info("scrapyd %s, project %s, %d job(s) from %s", client.url, schedule.project,
                len(schedule.jobs), args.config)
    if args.once:
        decisions = run_once(runner, schedule, every=args.all,
                             window=timedelta(seconds=args.window), only=args.job)
        return 1 if any(d.action == "failed" for d in decisions) else 0
    scheduler = build_scheduler(runner, schedule, args.job)
    stopping = threading.Event()

    def stop(signum: int, _frame: FrameType | None) -> None:
        logger.info("signal %d: stopping", signum)
        stopping.set()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    scheduler.start()
    for job in scheduler.get_jobs():
        logger.info("%s: cron %s, next run %s", job.name, job.args[0].cron, job.next_run_time)
    while not stopping.wait(1.0):
        pass
    scheduler.shutdown(wait=False)
    return 0

if __name__ == "__main__":
    sys.exit(main())
