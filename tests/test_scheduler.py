"""newscrawl-scheduler without scrapyd: the schedule file, due times, the long-running mode, and
the shipped deploy/ configuration. (Against a real scrapyd: tests/test_scrapyd.py.)"""

from __future__ import annotations

import configparser
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newscrawl.scheduler.cli import build_scheduler
from newscrawl.scheduler.config import ScheduleError, load_schedule, parse_schedule
from newscrawl.scheduler.runner import Runner, is_due
from newscrawl.scheduler.scrapyd import ScrapydClient

ROOT = Path(__file__).resolve().parent.parent
MINUTE = timedelta(seconds=60)


def _schedule(**job: object) -> dict:
    return {"timezone": "Europe/Berlin", "jobs": [{"spider": "aa", "cron": "*/20 * * * *", **job}]}


def test_entries_merge_defaults_and_stringify() -> None:
    data = _schedule(args={"limit": 5}, settings={"AUTOTHROTTLE_ENABLED": False})
    data["defaults"] = {"settings": {"LOG_LEVEL": "INFO", "AUTOTHROTTLE_ENABLED": True},
                        "args": {"sections": "augsburg"}}
    (entry,) = parse_schedule(data).jobs
    assert entry.name == "aa"
    assert entry.args == {"sections": "augsburg", "limit": "5"}
    assert entry.settings == {"LOG_LEVEL": "INFO", "AUTOTHROTTLE_ENABLED": "false"}


@pytest.mark.parametrize(("data", "message"), [
    (_schedule(cron="61 * * * *"), "bad cron"),
    (_schedule(settings={"NEWSCRAWL_DB": "data/x.sqlite3"}), "is relative"),
    ({"jobs": [{"spider": "aa", "cron": "0 * * * *"}] * 2}, "used twice"),
    ({"timezone": "Mars/Olympus", "jobs": []}, "unknown timezone"),
    ({"jobs": [{"spider": "aa"}]}, "needs spider and cron"),
    ({}, r"no \[\[jobs\]\]"),
])
def test_bad_schedules_are_refused(data: dict, message: str) -> None:
    with pytest.raises(ScheduleError, match=message):
        parse_schedule(data)


def test_absolute_store_settings_are_accepted() -> None:
    for db in ("/var/lib/newscrawl/a.sqlite3", "postgresql://u@db/newscrawl"):
        assert parse_schedule(_schedule(settings={"NEWSCRAWL_DB": db})).jobs


def test_shipped_schedule_loads() -> None:
    schedule = load_schedule(ROOT / "deploy" / "schedule.toml")
    assert schedule.project == "newscrawl"
    assert len({job.name for job in schedule.jobs}) == len(schedule.jobs) >= 1


def test_due_means_fired_within_the_window() -> None:
    schedule = parse_schedule(_schedule())
    (entry,) = schedule.jobs
    at = datetime(2026, 1, 15, 9, 20, 5, tzinfo=UTC)  # 10:20:05 in Berlin
    assert is_due(entry, schedule, at, MINUTE)
    assert not is_due(entry, schedule, at + timedelta(seconds=70), MINUTE)
    assert is_due(entry, schedule, at + timedelta(minutes=5), timedelta(minutes=6))


def test_cron_is_read_in_the_schedule_timezone() -> None:
    schedule = parse_schedule(_schedule(cron="0 6 * * *"))
    (entry,) = schedule.jobs
    winter = datetime(2026, 1, 15, 5, 0, 10, tzinfo=UTC)   # 06:00 CET
    summer = datetime(2026, 7, 15, 4, 0, 10, tzinfo=UTC)   # 06:00 CEST
    assert is_due(entry, schedule, winter, MINUTE)
    assert is_due(entry, schedule, summer, MINUTE)
    assert not is_due(entry, schedule, winter + timedelta(hours=1), MINUTE)


def test_long_running_jobs_never_overlap() -> None:
    schedule = parse_schedule({"jobs": [{"spider": "aa", "cron": "*/5 * * * *"},
                                        {"name": "bb", "spider": "bb", "cron": "0 3 * * *"}]})
    scheduler = build_scheduler(Runner(ScrapydClient(), schedule), schedule, only=[])
    jobs = {job.id: job for job in scheduler.get_jobs()}
    assert set(jobs) == {"aa", "bb"}
    for job in jobs.values():
        assert job.max_instances == 1
        assert job.coalesce is True
    assert str(jobs["bb"].trigger) == \
        "cron[month='*', day='*', day_of_week='*', hour='3', minute='0']"


def test_long_running_scheduler_stops_on_sigterm(tmp_path: Path) -> None:
    schedule = tmp_path / "schedule.toml"
    schedule.write_text('[[jobs]]\nspider = "aa"\ncron = "0 4 1 1 *"\n')
    proc = subprocess.Popen([sys.executable, "-m", "newscrawl.scheduler", "--config",
                             str(schedule)], stderr=subprocess.PIPE, text=True, cwd=tmp_path)
    assert proc.stderr is not None
    lines = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        lines.append(line)
        if "next run" in line or not line:
            break
    assert "aa: cron 0 4 1 1 *, next run " in "".join(lines)
    proc.send_signal(signal.SIGTERM)
    rest = proc.communicate(timeout=30)[1]
    assert proc.returncode == 0
    assert "signal 15: stopping" in rest


def test_bad_schedule_exits_2(tmp_path: Path) -> None:
    schedule = tmp_path / "schedule.toml"
    schedule.write_text('[[jobs]]\nspider = "aa"\ncron = "every day"\n')
    result = subprocess.run([sys.executable, "-m", "newscrawl.scheduler", "--config",
                             str(schedule), "--once"], capture_output=True, text=True,
                            timeout=60, check=False)
    assert result.returncode == 2
    assert "bad schedule" in result.stderr and "Traceback" not in result.stderr


def test_production_scrapyd_conf_is_safe() -> None:
    config = configparser.ConfigParser()
    config.read(ROOT / "deploy" / "scrapyd.conf")
    scrapyd = config["scrapyd"]
    assert scrapyd["bind_address"] == "127.0.0.1"
    # No credentials committed: they come from /etc/scrapyd/conf.d/auth.conf.
    assert "username" not in scrapyd and "password" not in scrapyd
    for key in ("eggs_dir", "logs_dir", "dbs_dir"):
        assert Path(scrapyd[key]).is_absolute(), key
    assert int(scrapyd["max_proc"]) > 0
    unit = (ROOT / "deploy" / "scrapyd.service").read_text()
    assert "AssertPathExists=/etc/scrapyd/conf.d/auth.conf" in unit
    assert "WorkingDirectory=/var/lib/scrapyd" in unit
