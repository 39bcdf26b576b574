"""Crash-safe resume of a crawl run with JOBDIR, even after SIGKILL.

Scrapy persists a job's frontier (requests.queue) and dupefilter (requests.seen) reliably only
on a clean stop: after SIGKILL the queue index is stale and requests.seen holds fingerprints of
requests that never completed, so a plain restart filters its own entry points and loses the
articles still in flight. :class:`ResumeExtension` makes a restart safe:

- ``JOBDIR/newscrawl-job.json`` records when the job started (written once, atomically);
- ``JOBDIR/newscrawl-running`` exists while a crawl runs; finding it at start means the previous
  run died, so the untrustworthy queue and dupefilter files are removed and the frontier is
  rebuilt from the entry points (``newscrawl/resume/unclean_restart``);
- the canonical URLs the store already holds from this job are handed to the spider
  (``skip_urls``) and not fetched again (``newscrawl/resume/stored_before``).

The store writes each article in one transaction, so every article is stored exactly once.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.exceptions import NotConfigured
from sqlalchemy import select

from newscrawl.dates.timezone import now_iso_z

logger = logging.getLogger(__name__)

JOB_FILE = "newscrawl-job.json"
RUNNING_MARKER = "newscrawl-running"
SCRAPY_STATE = ("requests.queue", "requests.seen")


def _write_atomically(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    _fsync_dir(path.parent)


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class JobDir:
    """The newscrawl files in one JOBDIR."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.mkdir(parents=True, exist_ok=True)

    def started_at(self) -> str:
        """When the job first started (created on first call)."""
        job = self.path / JOB_FILE
        if job.exists():
            return json.loads(job.read_text(encoding="utf-8"))["started_at"]
        started = now_iso_z()
        _write_atomically(job, json.dumps({"started_at": started}))
        return started

    def begin_run(self) -> bool:
        """Mark a run as started; True when the previous run did not finish cleanly (its
        Scrapy queue and dupefilter are then discarded)."""
        marker = self.path / RUNNING_MARKER
        unclean = marker.exists()
        if unclean:
            for name in SCRAPY_STATE:
                target = self.path / name
                if target.is_dir():
                    shutil.rmtree(target)
                elif target.exists():
                    target.unlink()
        _write_atomically(marker, now_iso_z())
        return unclean

    def end_run(self) -> None:
        """The run stopped cleanly: Scrapy's own state can be trusted next time."""
        (self.path / RUNNING_MARKER).unlink(missing_ok=True)


def stored_since(engine: Any, site: str, since: str) -> set[str]:
    """URLs (canonical and as fetched, canonicalized like the spider's requests) of the
    articles of ``site`` stored or re-confirmed at or after ``since``."""
    from newscrawl.crawl.urls import canonicalize_url
    from newscrawl.store.schema import articles

    query = select(articles.c.canonical_url, articles.c.url).where(
        articles.c.site == site, articles.c.fetched_at >= since)
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return {row.canonical_url for row in rows} | {canonicalize_url(row.url) for row in rows}


class ResumeExtension:
    """Make JOBDIR crawls resumable after any kill (see the module docstring)."""

    def __init__(self, crawler: Any, jobdir: JobDir) -> None:
        self.crawler = crawler
        self.jobdir = jobdir
        self.started_at = jobdir.started_at()
        # Before the engine opens the scheduler, so stale files are gone when it loads them.
        self.unclean = jobdir.begin_run()
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Any) -> ResumeExtension:
        jobdir = crawler.settings.get("JOBDIR")
        if not jobdir:
            raise NotConfigured  # only with JOBDIR; silent, as for any optional extension
        return cls(crawler, JobDir(jobdir))

    def spider_opened(self, spider: Any) -> None:
        stats = self.crawler.stats
        if self.unclean:
            stats.inc_value("newscrawl/resume/unclean_restart")
            logger.warning("previous run of this job (JOBDIR %s) was killed: rebuilding the "
                           "frontier from the entry points", self.jobdir.path)
        if not hasattr(spider, "skip_urls"):
            return
        from newscrawl.store import store_for

        done = stored_since(store_for(self.crawler).engine, spider.name, self.started_at)
        if done:
            spider.skip_urls(done)
            stats.set_value("newscrawl/resume/stored_before", len(done))
            logger.info("resuming job started %s: articles already stored are skipped (%d URLs)",
                        self.started_at, len(done))

    def spider_closed(self, spider: Any, reason: str) -> None:
        self.jobdir.end_run()
