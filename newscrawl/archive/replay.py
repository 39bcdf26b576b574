"""A replay: every record of the sources read once, triaged, the kept pages extracted and stored
(in process or by workers), progress and a resumable state kept as it goes.

Stats keys follow a crawl's: ``newscrawl/replay/records``, ``…/pages`` (kept for extraction),
``…/skipped/<reason>``, ``…/broken/<reason>``, ``…/not_article``, ``…/other_language``,
``…/sources/failed``, and the store's ``newscrawl/store/<outcome>`` and
``newscrawl/store/articles_stored``, beside what extraction, chrome and dates count.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from scrapy.settings import BaseSettings
from tqdm import tqdm

from newscrawl.archive.pages import triage
from newscrawl.archive.records import iter_units
from newscrawl.archive.shared import SharedQueue
from newscrawl.archive.site_rules import SiteRules
from newscrawl.archive.sources import READ_ERRORS, Source
from newscrawl.archive.state import Ledger, ReplayState
from newscrawl.archive.workers import InProcess, WorkerPool, peak_rss
from newscrawl.middlewares.ssrf import AddressPolicy

PREFIX = "newscrawl/replay/"
STORED = ("store/inserted", "store/new_version")


@dataclass
class ReplayOptions:
    """What the command line says about a replay."""

    sites: str = "known"
    mirrors: dict[str, str] = field(default_factory=dict)
    language: str | None = None
    db: str | None = None
    processes: int = 1
    state_dir: str | Path | None = None
    progress: bool = True


class _Progress:
    """The progress bar: records read (and their rate), pages kept, articles stored."""

    def __init__(self, counts: Counter[str], enabled: bool) -> None:
        self.counts = counts
        self.bar = tqdm(unit="rec", desc="replay", disable=not enabled, file=sys.stderr,
                        mininterval=0.5)
        self.shown = 0.0

    def update(self) -> None:
        self.bar.update(self.counts["records"] - self.bar.n)
        now = time.monotonic()
        if now - self.shown > 0.5:
            self.shown = now
            self.bar.set_postfix(kept=self.counts["pages"],
                                 stored=sum(self.counts[k] for k in STORED), refresh=False)

    def close(self) -> None:
        self.update()
        self.bar.close()


def _local(sources: list[Source]) -> Iterator[Source]:
    yield from sources


def _claimed(queue: SharedQueue, failed: set[str]) -> Iterator[Source]:
    """Sources claimed from the shared queue until none is left (or one this machine could not
    read comes back to it)."""
    while (name := queue.claim()) is not None and name not in failed:
        yield Source(name)


def replay(sources: list[Source], settings: BaseSettings, options: ReplayOptions,
           ) -> dict[str, int]:
    """Replay ``sources`` into the store; the run's stats (crawl-style keys). With ``REDIS_URL``
    set the sources are shared with every machine running the same replay
    (``newscrawl.archive.shared``)."""
    rules = SiteRules(settings, options.sites, options.mirrors)
    policy = AddressPolicy(settings.getlist("NEWSCRAWL_ALLOWED_PRIVATE_NETWORKS"))
    failed: set[str] = set()
    # Workers first: they are forked before the Redis connection and the progress bar exist.
    executor = (WorkerPool(settings, options.db, options.language, options.processes)
                if options.processes > 1 else InProcess(settings, options.db, options.language))
    state: ReplayState | SharedQueue
    try:
        if settings.get("REDIS_URL"):
            state = SharedQueue(settings["REDIS_URL"], settings["NEWSCRAWL_REDIS_PREFIX"],
                                [s.name for s in sources],
                                settings.getint("NEWSCRAWL_REPLAY_LEASE_SECONDS"))
            feed = _claimed(state, failed)
        else:
            state = ReplayState(options.state_dir)
            feed = _local(sources)
    except BaseException:
        if isinstance(executor, WorkerPool):
            executor.terminate()
        raise
    counts: Counter[str] = Counter()
    read: list[Source] = []
    ledgers: dict[int, Ledger] = {}
    progress = _Progress(counts, options.progress)

    def settle(wait: bool = False) -> None:
        for index, offset, outcome in executor.completed(wait):
            counts[outcome] += 1
            ledger = ledgers[index]
            ledger.closed(offset)
            state.save(read[index].name, ledger)

    try:
        for source in feed:
            start = state.start(source.name)
            if start is None:
                counts["sources/done_before"] += 1
                continue
            index = len(read)
            read.append(source)
            ledger = ledgers[index] = Ledger(start)
            try:
                _read(source, index, start, rules, policy, settings["USER_AGENT"], ledger,
                      executor, counts, settle, progress)
                ledger.ended = True
                counts["sources/read"] += 1
            except READ_ERRORS as exc:
                failed.add(source.name)
                counts["sources/failed"] += 1
                # Shown whatever the log settings (commands run with LOG_ENABLED off).
                tqdm.write(f"replay: {source.name}: {exc} (what is done is kept; run again to "
                           "resume)", file=sys.stderr)
            state.save(source.name, ledger, force=True)
        while any(ledger.pending for ledger in ledgers.values()):
            settle(wait=True)
            progress.update()
        extraction = executor.close()
    except BaseException:
        if isinstance(executor, WorkerPool):
            executor.terminate()
        raise
    finally:
        progress.close()
    for index, ledger in ledgers.items():
        state.save(read[index].name, ledger, force=True)
    return summary(counts, {**extraction, "memusage/max": peak_rss()})


def _read(source: Source, index: int, start: int, rules: SiteRules, policy: AddressPolicy,
          user_agent: str, ledger: Ledger, executor: InProcess | WorkerPool,
          counts: Counter[str], settle, progress: _Progress) -> None:
    """Read one source from ``start``, handing kept pages to the executor."""
    with source.open(policy, start, user_agent) as stream:
        for unit in iter_units(stream, start):
            counts["records"] += 1
            page = triage(unit, rules)
            if isinstance(page, str):
                counts[page] += 1
                ledger.passed(unit.end)
            else:
                counts["pages"] += 1
                ledger.opened(unit.offset, unit.end)
                executor.submit(index, unit.offset, page)
            settle()
            progress.update()


def summary(counts: Counter[str], extraction: dict[str, int]) -> dict[str, int]:
    """The replay's own counts under ``newscrawl/replay/``, the store's under
    ``newscrawl/store/``, and what the extraction chain counted."""
    stats: dict[str, int] = dict(extraction)
    for key, value in counts.items():
        if key.startswith("store/"):
            stats[f"newscrawl/{key}"] = value
        else:
            stats[PREFIX + key] = value
    stats["newscrawl/store/articles_stored"] = sum(counts[k] for k in STORED)
    return dict(sorted(stats.items()))
