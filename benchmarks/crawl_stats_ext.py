"""A Scrapy extension for benchmarks: the crawl's stats, timing and RSS samples as JSON.

Enable with ``-s EXTENSIONS={..., "crawl_stats_ext.StatsDump": 900}`` (``benchmarks/`` on
PYTHONPATH) and ``-s BENCH_STATS_FILE=path.json``. RSS is sampled every
``BENCH_RSS_EVERY`` responses (default 1000) from ``/proc``: the crawl process plus its child
processes (extraction workers, ``NEWSCRAWL_EXTRACT_PROCESSES``), summed. The children's CPU time
is sampled every 100 responses and at close, so ``cpu_s`` is the whole process tree's.
"""

from __future__ import annotations

import json
import os
import resource
import time
from typing import Any

from scrapy import signals

_PAGE = os.sysconf("SC_PAGE_SIZE")


_TICK = os.sysconf("SC_CLK_TCK")


def children(pid: int) -> list[int]:
    """Live descendants of ``pid`` (from /proc/<pid>/task/*/children, recursively)."""
    found: list[int] = []
    todo = [pid]
    while todo:
        current = todo.pop()
        try:
            tasks = os.listdir(f"/proc/{current}/task")
        except OSError:
            continue
        for task in tasks:
            try:
                with open(f"/proc/{current}/task/{task}/children", encoding="ascii") as f:
                    kids = [int(k) for k in f.read().split()]
            except OSError:
                continue
            found += kids
            todo += kids
    return found


def _statm_mb(pid: int | str) -> float:
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * _PAGE / 1e6
    except OSError:
        return 0.0


def _cpu_s(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / _TICK  # utime + stime


def rss_mb() -> float:
    """Resident set size of this process and its live children, in MB."""
    return _statm_mb("self") + sum(_statm_mb(pid) for pid in children(os.getpid()))


class StatsDump:
    """Write responses, items, wall/CPU time and an RSS timeline when the spider closes."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.path = crawler.settings.get("BENCH_STATS_FILE")
        self.every = crawler.settings.getint("BENCH_RSS_EVERY", 1000)
        self.responses = 0
        self.samples: list[tuple[int, float]] = []
        self.t0 = self.c0 = 0.0
        self.child_cpu: dict[int, float] = {}

    @classmethod
    def from_crawler(cls, crawler: Any) -> StatsDump:
        ext = cls(crawler)
        crawler.signals.connect(ext.opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.response, signal=signals.response_received)
        crawler.signals.connect(ext.closed, signal=signals.spider_closed)
        return ext

    def opened(self, spider: Any) -> None:
        self.t0, self.c0 = time.perf_counter(), time.process_time()
        self.samples.append((0, rss_mb()))

    def _sample_children_cpu(self) -> None:
        for pid in children(os.getpid()):
            self.child_cpu[pid] = max(self.child_cpu.get(pid, 0.0), _cpu_s(pid))

    def response(self, response: Any, request: Any, spider: Any) -> None:
        self.responses += 1
        if self.responses % 100 == 0:
            self._sample_children_cpu()
        if self.responses % self.every == 0:
            self.samples.append((self.responses, rss_mb()))

    def closed(self, spider: Any, reason: str) -> None:
        self._sample_children_cpu()
        wall, main_cpu = time.perf_counter() - self.t0, time.process_time() - self.c0
        children_cpu = sum(self.child_cpu.values())
        cpu = main_cpu + children_cpu
        self.samples.append((self.responses, rss_mb()))
        stats = {k: v for k, v in self.crawler.stats.get_stats().items()
                 if isinstance(v, int | float | str)}
        result = {
            "reason": reason, "responses": self.responses, "wall_s": wall, "cpu_s": cpu,
            "main_cpu_s": main_cpu, "children_cpu_s": children_cpu, "children": len(self.child_cpu),
            "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6,
            "rss_samples": self.samples, "stats": stats,
        }
        if self.path:
            with open(self.path, "w", encoding="utf-8") as out:
                json.dump(result, out, indent=1)
