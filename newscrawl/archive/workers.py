"""Where kept pages are extracted and stored: in the reading process, or in N worker processes.

Reading and triage stay in one process (gzip inflation is cheap next to extraction). A page goes
to the worker with the fewest pages in hand, unless an earlier capture of its URL is still in a
worker's hands: then to that worker, so the captures of one URL are stored in archive order.
(Fixed ``crc32(url) % N`` routing left one worker idle at the end, or while the reader waited on
the other's full queue.) Each worker opens its own store connection (SQLite and PostgreSQL
serialise concurrent writers; see tests/test_concurrent_writers.py).

Workers are forked from the reading process before it opens anything (no store, no Redis, no
progress-bar thread yet), so they inherit the imported extraction code instead of importing
Scrapy, lxml and the models again: a spawned worker spent ~1.4 CPU s on that, which made two
processes cost ~9 % more CPU than one on a 10,000-record WARC. Where fork is unavailable, or
the parent already runs other threads, they are spawned.

A page (~170 KiB of HTML on average in CC-NEWS-like WARCs) is larger than a Linux pipe's default
64 KiB buffer, so each one crossed the pipe in several writes, each waking the other side: the
task pipes are widened to 1 MiB where the system allows it (``F_SETPIPE_SZ``), which cut the
CPU of handing 3,168 pages over from ~1.5 to ~0.35 s.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import multiprocessing as mp
import os
import resource
import threading
import time
from collections import Counter
from multiprocessing.connection import wait
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess
from multiprocessing.queues import SimpleQueue
from typing import Any

from scrapy.settings import BaseSettings, Settings

from newscrawl.archive.pages import Page, PageHandler

try:
    from fcntl import F_SETPIPE_SZ, fcntl
except ImportError:  # not Linux: pipes keep their size
    F_SETPIPE_SZ = None

logger = logging.getLogger(__name__)
Done = tuple[int, int, str]  # (source index, unit offset, outcome stats key)
QUEUE_SIZE = 32
# Bytes a task pipe holds: several pages, so one page passes in one write (Linux allows up to
# /proc/sys/fs/pipe-max-size, 1 MiB by default, without privileges).
PIPE_SIZE = 1 << 20
# Without waiting, the reader looks for finished pages at most this often (seconds): looking
# costs a poll and a lock, and the reader would otherwise look after every record.
POLL_EVERY = 0.01
# A reader waiting for the workers (their queues full, or at the end) sleeps this long between
# looks: a worker needs ~10 ms a page, and has up to QUEUE_SIZE pages in hand.
WAIT = 0.02
# Peak RSS of the largest worker, in bytes (the reading process's is Scrapy's ``memusage/max``).
WORKER_PEAK = "memusage/workers_max"


def peak_rss() -> int:
    """This process's peak resident set size, in bytes (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def handle_safely(handler: PageHandler, page: Page) -> str:
    """A page's outcome; an exception costs that page (counted and logged), not the replay."""
    try:
        return handler.handle(page)
    except Exception as exc:
        logger.exception("replay: %s failed", page.url)
        return f"error/{type(exc).__name__}"


class InProcess:
    """Extraction in the reading process (``--processes 1``)."""

    def __init__(self, settings: BaseSettings, db: str | None, language: str | None) -> None:
        self.handler = PageHandler(settings, db, language)
        self.done: list[Done] = []

    def submit(self, source: int, offset: int, page: Page) -> None:
        self.done.append((source, offset, handle_safely(self.handler, page)))

    def completed(self, wait: bool = False) -> list[Done]:
        done, self.done = self.done, []
        return done

    def close(self) -> dict[str, Any]:
        self.handler.close()
        return self.handler.stats()


def _exit_with(parent: BaseProcess) -> None:
    """End this worker when the replay's process is gone. Killed while it wrote a page, it
    leaves a partial message that a read would wait for for ever (every worker holds the pipe's
    write end open, so no end of file comes); whatever was not stored is read again on resume."""
    wait([parent.sentinel])
    os._exit(1)


def _work(settings: dict[str, Any], db: str | None, language: str | None,
          tasks: mp.Queue, results: SimpleQueue) -> None:
    handler = PageHandler(Settings(settings), db, language)
    parent = mp.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()
    try:
        while (task := tasks.get()) is not None:
            ticket, page = task
            # Written by this thread itself: a tiny message, no feeder thread to wake.
            results.put((ticket, handle_safely(handler, page)))
    finally:
        handler.close()
    results.put(("stats", {**handler.stats(), WORKER_PEAK: peak_rss()}))


def start_method() -> str:
    """``fork`` when it is safe (POSIX, no thread but this one), else ``spawn``."""
    if "fork" in mp.get_all_start_methods() and threading.active_count() == 1:
        return "fork"
    return "spawn"


def widen(tasks: mp.Queue) -> None:
    """Give the queue's pipe ``PIPE_SIZE`` bytes of buffer where the system allows it."""
    if F_SETPIPE_SZ is None:
        return
    # Another Queue implementation, or a lower limit: the pipe keeps its size.
    with contextlib.suppress(AttributeError, OSError):
        fcntl(tasks._writer.fileno(), F_SETPIPE_SZ, PIPE_SIZE)  # type: ignore[attr-defined]


class WorkerPool:
    """Extraction and storage in ``processes`` worker processes (see the module's docstring
    for how they start and which pages each gets); create it before the replay opens
    connections or threads."""

    def __init__(self, settings: BaseSettings, db: str | None, language: str | None,
                 processes: int) -> None:
        self.start_method = start_method()
        context: BaseContext = mp.get_context(self.start_method)
        self.tasks = [context.Queue(QUEUE_SIZE) for _ in range(processes)]
        for tasks in self.tasks:
            widen(tasks)
        self.results: SimpleQueue = context.SimpleQueue()
        plain = settings.copy_to_dict()
        self.workers = [context.Process(target=_work, args=(plain, db, language, q,
                                                            self.results), daemon=True)
                        for q in self.tasks]
        # What is imported by now stays shared with forked workers: frozen, no collection in a
        # worker touches (and so copies) those pages. This process thaws them again.
        gc.freeze()
        try:
            for worker in self.workers:
                worker.start()
        finally:
            gc.unfreeze()
        self.done: list[Done] = []
        self.stats: Counter[str] = Counter()
        self.finished = 0
        # Pages handed over and not yet finished: per worker, and by ticket (source index,
        # unit offset, worker, URL); per URL, the worker that has it and how many captures.
        self.in_hand = [0] * processes
        self.tickets: dict[int, tuple[int, int, int, str]] = {}
        self.holder: dict[str, list[int]] = {}
        self.next_ticket = 0
        self.polled = 0.0

    def _choose(self, url: str) -> int:
        """The worker for a page at ``url``: the one with an earlier capture of it in hand,
        else the one with the fewest pages in hand."""
        held = self.holder.get(url)
        if held is not None:
            return held[0]
        return min(range(len(self.in_hand)), key=self.in_hand.__getitem__)

    def submit(self, source: int, offset: int, page: Page) -> None:
        while True:
            worker = self._choose(page.url)
            if self.in_hand[worker] < QUEUE_SIZE:
                break
            self._collect(block=True)
        ticket = self.next_ticket
        self.next_ticket += 1
        # Never waits: the queue holds fewer pages than the worker has in hand.
        self.tasks[worker].put((ticket, page))
        self.tickets[ticket] = (source, offset, worker, page.url)
        self.in_hand[worker] += 1
        held = self.holder.setdefault(page.url, [worker, 0])
        held[1] += 1

    def completed(self, wait: bool = False) -> list[Done]:
        if wait or time.monotonic() - self.polled >= POLL_EVERY:
            self._collect(block=wait)
        done, self.done = self.done, []
        return done

    def _finish(self, ticket: int, outcome: str) -> None:
        source, offset, worker, url = self.tickets.pop(ticket)
        self.in_hand[worker] -= 1
        held = self.holder[url]
        held[1] -= 1
        if not held[1]:
            del self.holder[url]
        self.done.append((source, offset, outcome))

    def _collect(self, block: bool) -> None:
        """Take what the workers finished; with ``block``, after a short sleep (one wake-up
        for the pages finished meanwhile, not one per page)."""
        if block:
            time.sleep(WAIT)
        while not self.results.empty():
            message = self.results.get()
            if message[0] == "stats":
                counted = dict(message[1])
                peak = max(self.stats.pop(WORKER_PEAK, 0), counted.pop(WORKER_PEAK, 0))
                self.stats.update(counted)
                self.stats[WORKER_PEAK] = peak
                self.finished += 1
            else:
                self._finish(*message)
        self.polled = time.monotonic()
        dead = [w for w in self.workers if w.exitcode not in (None, 0)]
        if dead:
            raise RuntimeError(f"replay worker died (exit code {dead[0].exitcode})")

    def close(self) -> dict[str, Any]:
        """Let the workers finish their queues; their extraction stats, summed."""
        for tasks in self.tasks:
            tasks.put(None)
        while self.finished < len(self.workers):
            self._collect(block=True)
        for worker in self.workers:
            worker.join()
        return dict(self.stats)

    def terminate(self) -> None:
        for worker in self.workers:
            if worker.is_alive():
                worker.terminate()
