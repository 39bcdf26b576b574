"""The schedule file (deploy/schedule.toml): which spider scrapyd runs when, with what.

::

    project = "newscrawl"           # the scrapyd project (scrapy.cfg [deploy] project)
    timezone = "Europe/Berlin"      # cron expressions are read in this zone

    [defaults]                      # merged under every job (job values win)
    settings = { NEWSCRAWL_LIMIT = 0 }

    [[jobs]]
    spider = "augsburger_allgemeine"
    cron = "*/30 5-23 * * *"        # minute hour day-of-month month day-of-week
    name = "aa-frequent"            # optional; defaults to the spider name, must be unique
    args = { sections = "augsburg,bayern" }   # spider arguments (-a)
    settings = { DOWNLOAD_DELAY = 0.5 }       # Scrapy settings (-s)
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from apscheduler.triggers.cron import CronTrigger

from newscrawl.scheduler.runtime import is_relative_store


class ScheduleError(ValueError):
    """The schedule file is missing, malformed or unsafe."""


@dataclass(frozen=True, slots=True)
class JobEntry:
    """One scheduled crawl."""

    name: str
    spider: str
    cron: str
    args: dict[str, str] = field(default_factory=dict)
    settings: dict[str, str] = field(default_factory=dict)

    def trigger(self, timezone: ZoneInfo) -> CronTrigger:
        return CronTrigger.from_crontab(self.cron, timezone=timezone)


@dataclass(frozen=True, slots=True)
class Schedule:
    """A parsed schedule file."""

    project: str
    timezone: ZoneInfo
    jobs: tuple[JobEntry, ...]


def _strings(value: Any, where: str) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ScheduleError(f"{where} must be a table of key = value")
    result = {}
    for key, item in value.items():
        if isinstance(item, dict | list):
            raise ScheduleError(f"{where}.{key} must be a string, number or boolean")
        result[str(key)] = str(item) if not isinstance(item, bool) else str(item).lower()
    return result


def parse_schedule(data: dict[str, Any]) -> Schedule:
    """Validate a loaded TOML document; raise ScheduleError with the offending entry."""
    project = data.get("project", "newscrawl")
    try:
        timezone = ZoneInfo(str(data.get("timezone", "UTC")))
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ScheduleError(f"unknown timezone {data.get('timezone')!r}") from exc
    defaults = data.get("defaults", {}) or {}
    default_args = _strings(defaults.get("args"), "defaults.args")
    default_settings = _strings(defaults.get("settings"), "defaults.settings")
    jobs: list[JobEntry] = []
    for index, raw in enumerate(data.get("jobs", []) or []):
        where = f"jobs[{index}]"
        spider = raw.get("spider")
        cron = raw.get("cron")
        if not spider or not cron:
            raise ScheduleError(f"{where} needs spider and cron")
        entry = JobEntry(
            name=str(raw.get("name") or spider), spider=str(spider), cron=str(cron),
            args={**default_args, **_strings(raw.get("args"), f"{where}.args")},
            settings={**default_settings, **_strings(raw.get("settings"), f"{where}.settings")},
        )
        try:
            entry.trigger(timezone)
        except ValueError as exc:
            raise ScheduleError(f"{where} ({entry.name}): bad cron {cron!r}: {exc}") from exc
        db = entry.settings.get("NEWSCRAWL_DB")
        if db is not None and is_relative_store(db):
            raise ScheduleError(f"{where} ({entry.name}): NEWSCRAWL_DB={db!r} is relative; scrapyd "
                                "runs crawls in its own directory: give an absolute path or URL")
        if any(job.name == entry.name for job in jobs):
            raise ScheduleError(f"{where}: job name {entry.name!r} is used twice; set name = …")
        jobs.append(entry)
    if not jobs:
        raise ScheduleError("the schedule has no [[jobs]]")
    return Schedule(project=str(project), timezone=timezone, jobs=tuple(jobs))


def load_schedule(path: Path | str) -> Schedule:
    """Read and validate a schedule file."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ScheduleError(f"cannot read {path}: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ScheduleError(f"{path}: {exc}") from exc
    return parse_schedule(data)
