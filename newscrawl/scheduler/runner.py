"""Scheduling decisions: is an entry due, is its spider still busy, schedule it, log why."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from newscrawl.scheduler.config import JobEntry, Schedule
from newscrawl.scheduler.scrapyd import ScrapydAuthError, ScrapydClient, ScrapydError

logger = logging.getLogger("newscrawl.scheduler")

Action = Literal["scheduled", "skipped", "failed"]


@dataclass(frozen=True, slots=True)
class Decision:
    """What happened to one entry, and why."""

    entry: str
    action: Action
    detail: str
    jobid: str | None = None


def is_due(entry: JobEntry, schedule: Schedule, now: datetime, window: timedelta) -> bool:
    """True when the entry's cron expression fired in (now - window, now]."""
    trigger = entry.trigger(schedule.timezone)
    start = now - window + timedelta(microseconds=1)
    fire = trigger.get_next_fire_time(None, start.astimezone(schedule.timezone))
    return fire is not None and fire <= now


class Runner:
    """Schedules entries on one scrapyd, never starting a spider that is pending or running.

    Check and schedule happen under one lock, so two entries of one spider that fire together
    cannot both start it.
    """

    def __init__(self, client: ScrapydClient, schedule: Schedule) -> None:
        self.client = client
        self.schedule = schedule
        self._lock = threading.Lock()

    def run(self, entry: JobEntry) -> Decision:
        with self._lock:
            decision = self._decide(entry)
        log = logger.error if decision.action == "failed" else logger.info
        log("%s: %s (%s)", entry.name, decision.action, decision.detail)
        return decision

    def _decide(self, entry: JobEntry) -> Decision:
        project = self.schedule.project
        try:
            busy = self.client.busy_jobs(project, entry.spider)
            if busy:
                jobs = ", ".join(f"{job['id']} {job['state']}" for job in busy)
                return Decision(entry.name, "skipped", f"spider {entry.spider} busy: {jobs}")
            jobid = self.client.schedule(project, entry.spider, entry.args, entry.settings)
        except ScrapydAuthError as exc:
            return Decision(entry.name, "failed", str(exc))
        except ScrapydError as exc:
            return Decision(entry.name, "failed", f"scrapyd: {exc}")
        return Decision(entry.name, "scheduled", f"spider {entry.spider}, job {jobid}", jobid)
