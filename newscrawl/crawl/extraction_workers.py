"""Extraction in worker processes, so a crawl uses more than one core (docs/performance.md).

With ``NEWSCRAWL_EXTRACT_PROCESSES = N > 0`` the spider hands each article page to
``ExtractPool.extract``: ``extract_article`` runs in one of N ``spawn``-started worker processes
(never a fork of the process running the reactor) while the engine, the render decision and the
item pipelines stay in the crawl process. ``extract`` is awaited on the reactor's asyncio loop
(``asyncio.wrap_future``), so the crawl process downloads and stores other pages meanwhile.

- Workers start at ``spider_opened`` (each imports and warms the extractor once) and are shut
  down at ``spider_closed``; a worker also exits by itself when the crawl process dies (it
  watches its parent), so a killed crawl leaves no orphans. Workers ignore SIGINT: Ctrl-C is the
  crawl process's business.
- Work handed to the pool is bounded by ``CONCURRENT_REQUESTS`` (at least 2 per worker); pages
  beyond that wait in the crawl process before being sent (they are already in memory there).
- A worker that dies (``BrokenProcessPool``) or raises: one log line, the page is extracted in
  the crawl process (``newscrawl/extract/pool_failed``), and a dead pool is replaced by a new one
  (``newscrawl/extract/pool_restarted``). After ``MAX_RESTARTS`` replacements the pool is given up
  and the rest of the crawl extracts in process (``newscrawl/extract/pool_disabled``).
- Pages extracted in a worker count ``newscrawl/extract/pooled``; the most pages handed to the
  pool at once is ``newscrawl/extract/pool_max_in_flight``.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import multiprocessing.connection
import os
import pickle
import signal
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from newscrawl.article import ExtractedArticle
from newscrawl.crawl.decoding import decode_html
from newscrawl.extract import extract_article
from newscrawl.families.base import Family

logger = logging.getLogger(__name__)

SETTING = "NEWSCRAWL_EXTRACT_PROCESSES"
# A pool replaced this often in one crawl is given up (workers keep dying: out of memory, a bad
# native library); the crawl goes on extracting in its own process.
MAX_RESTARTS = 10
# Test hook (tests/test_extract_pool.py): a worker asked to extract a URL containing this string
# dies on the spot (os._exit), as a worker killed by the OOM killer would. Read in the worker.
CRASH_ENV = "NEWSCRAWL_TEST_EXTRACT_WORKER_CRASH"

_WARM_HTML = (
    "<html lang='de'><head><title>Titel</title><meta property='og:title' content='Titel'>"
    "<script type='application/ld+json'>{\"@type\": \"NewsArticle\", \"headline\": \"Titel\","
    " \"datePublished\": \"2024-01-02T03:04:05+01:00\"}</script></head><body><article>"
    "<h1>Titel</h1><p class='teaser'>Vorspann.</p><p>Ein Absatz mit Text.</p>"
    "<time datetime='2024-01-02T03:04:05+01:00'>2. Januar 2024</time></article></body></html>"
)


# --- in the worker processes ----------------------------------------------------------------
_crash_on: str | None = None


def _exit_with_parent() -> None:
    """Exit when the crawl process is gone (SIGKILL, OOM): the pool's queues would otherwise keep
    an orphaned worker waiting for work forever."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(0)

    threading.Thread(target=watch, name="newscrawl-parent-watch", daemon=True).start()


def _init_worker() -> None:
    """Once per worker: ignore Ctrl-C, watch the parent, warm the extractor for every family."""
    global _crash_on
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _exit_with_parent()
    _crash_on = os.environ.get(CRASH_ENV) or None
    from newscrawl.families import FAMILIES

    for family in (None, Family, *FAMILIES):
        try:
            extract_article(_WARM_HTML, "https://www.example.org/lokales/ein-test-artikel-1.html",
                            family=family)
        except Exception:  # warming only; real pages report their own errors
            logger.debug("warming the extractor for %s failed", family, exc_info=True)


def _extract_in_worker(html: str | None, url: str, family: type[Family] | None,
                       raw: tuple[bytes, bytes | None, int] | None = None) -> ExtractedArticle:
    if _crash_on is not None and _crash_on in url:
        os._exit(70)
    if html is None and raw is not None:
        body, content_type, length = raw
        html = decode_html(body, content_type)[0]
        if len(html) != length:  # decode_html is pure: never expected
            raise ValueError(f"{url}: decoded to {len(html)} characters here, {length} in the "
                             "crawl process")
    return extract_article(html, url, family=family)


def _worker_pid() -> int:
    return os.getpid()


# --- in the crawl process ---------------------------------------------------------------------
class ExtractPool:
    """A pool of ``processes`` extraction workers for one crawl (see the module docstring)."""

    def __init__(self, processes: int, stats: Any = None, *, max_in_flight: int = 16,
                 crawler: Any = None) -> None:
        if processes < 1:
            raise ValueError(f"{SETTING} must be at least 1 for a pool, got {processes}")
        self.processes = processes
        self._stats = stats
        self._crawler = crawler
        self.max_in_flight = max(max_in_flight, 2 * processes)
        self._slots = asyncio.Semaphore(self.max_in_flight)
        self._in_flight = 0
        self._executor: ProcessPoolExecutor | None = None
        self._restarts = 0
        self._disabled = False
        self._closed = False
        self._picklable: dict[Any, bool] = {}
        self._pid_futures: list[Future[int]] = []

    @classmethod
    def from_crawler(cls, crawler: Any) -> ExtractPool:
        """A pool sized by ``NEWSCRAWL_EXTRACT_PROCESSES``, started at spider_opened and shut
        down at spider_closed. The caller keeps the reference (signals hold receivers weakly)."""
        from scrapy import signals  # here: workers import this module and need no Scrapy

        settings = crawler.settings
        pool = cls(settings.getint(SETTING), crawler=crawler,
                   max_in_flight=settings.getint("CONCURRENT_REQUESTS", 16))
        crawler.signals.connect(pool.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(pool.spider_closed, signal=signals.spider_closed)
        return pool

    @property
    def stats(self) -> Any:
        # The crawler's stats collector exists only once the spider is built: look it up late.
        return self._stats if self._stats is not None else self._crawler.stats

    # --- life cycle ----------------------------------------------------------------------------
    def spider_opened(self, spider: Any = None) -> None:
        self.start()

    def spider_closed(self, spider: Any = None, reason: str = "") -> None:
        self.close()

    def start(self) -> None:
        """Start the workers now (they import and warm the extractor while the crawl fetches
        its entry points) instead of at the first page."""
        if self._executor is None and not self._closed and not self._disabled:
            self._launch()
            logger.info("extraction in %d worker process(es) (%s)", self.processes, SETTING)

    def _launch(self) -> None:
        executor = self._pool()
        # Each submit starts one more worker (spawn context) until there are `processes`.
        self._pid_futures = [executor.submit(_worker_pid) for _ in range(self.processes)]

    def _pool(self) -> ProcessPoolExecutor:
        if self._executor is None:
            self._executor = ProcessPoolExecutor(
                max_workers=self.processes, mp_context=multiprocessing.get_context("spawn"),
                initializer=_init_worker,
            )
        return self._executor

    def worker_pids(self) -> list[int]:
        """Process ids of the live workers (for logs and tests)."""
        executor = self._executor
        processes = getattr(executor, "_processes", None) or {}
        return sorted(pid for pid, proc in list(processes.items()) if proc.is_alive())

    def close(self) -> None:
        """Shut the workers down and wait for them (no orphan processes after a crawl)."""
        self._closed = True
        executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)
            logger.info("extraction workers stopped")

    # --- work --------------------------------------------------------------------------------
    def _can_send(self, family: type[Family] | None) -> bool:
        """Whether the family class reaches a worker as itself (module-level classes do)."""
        known = self._picklable.get(family)
        if known is None:
            try:
                known = pickle.loads(pickle.dumps(family)) is family
            except Exception:  # a local/dynamic class: extract in process
                known = False
            if not known:
                logger.warning("family %r cannot be sent to an extraction worker; its pages are "
                               "extracted in the crawl process", family)
            self._picklable[family] = known
        return known

    async def extract(self, html: str, url: str, family: type[Family] | None = None, *,
                      body: bytes | None = None,
                      content_type: bytes | None = None) -> ExtractedArticle:
        """``extract_article(html, url, family=family)`` in a worker; in this process when the
        pool is closed, given up, or the worker failed.

        With ``body`` (and the ``Content-Type`` header) that ``html`` was decoded from by
        ``newscrawl.crawl.decoding.decode_html``, the raw bytes are sent and decoded again in the
        worker: sending a non-ASCII ``str`` costs the crawl process a UTF-8 encode of the whole
        page (~0.4 ms of its CPU on a 270 KB page), sending bytes a copy."""
        if self._closed or self._disabled or not self._can_send(family):
            return extract_article(html, url, family=family)
        async with self._slots:
            if not (self._closed or self._disabled):
                self._in_flight += 1
                self.stats.max_value("newscrawl/extract/pool_max_in_flight", self._in_flight)
                executor = self._pool()
                try:
                    if body is None:
                        future = executor.submit(_extract_in_worker, html, url, family)
                    else:
                        future = executor.submit(_extract_in_worker, None, url, family,
                                                 (body, content_type, len(html)))
                    extracted = await asyncio.wrap_future(future)
                except BrokenProcessPool as exc:
                    self._failed(url, exc, executor)
                except Exception as exc:  # retried in process below
                    self._failed(url, exc, None)
                else:
                    self.stats.inc_value("newscrawl/extract/pooled")
                    return extracted
                finally:
                    self._in_flight -= 1
        return extract_article(html, url, family=family)

    def _failed(self, url: str, exc: BaseException, broken: ProcessPoolExecutor | None) -> None:
        self.stats.inc_value("newscrawl/extract/pool_failed")
        if broken is None:
            logger.warning("extraction worker raised %s on %s: %s; extracting it in the crawl "
                           "process", type(exc).__name__, url, exc)
            return
        if self._executor is not broken:
            # Another page of the same dead pool: already reported and replaced.
            logger.info("extraction pool died with %s in it; extracting it in the crawl process",
                        url)
            return
        self._executor = None
        broken.shutdown(wait=False, cancel_futures=True)
        self._restarts += 1
        if self._restarts > MAX_RESTARTS:
            self._disabled = True
            self.stats.set_value("newscrawl/extract/pool_disabled", 1)
            logger.error("extraction worker died (%s) on %s; pool replaced %d times already, "
                         "giving it up: the rest of the crawl extracts in the crawl process",
                         exc, url, MAX_RESTARTS)
            return
        self.stats.inc_value("newscrawl/extract/pool_restarted")
        logger.warning("extraction worker died (%s) on %s; extracting it in the crawl process "
                       "and starting a new pool", exc, url)
        # Now, not at the next page: the new workers warm up while the pages that were in the
        # dead pool are extracted here.
        if not self._closed:
            self._launch()
