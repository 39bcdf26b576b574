"""A Scrapy extension for benchmarks: the crawl's stats, timing and RSS samples as JSON.

Enable with ``-s EXTENSIONS={..., "crawl_stats_ext.StatsDump": 900}`` (``benchmarks/`` on
PYTHONPATH) and ``-s BENCH_STATS_FILE=path.json``. RSS is sampled every
``BENCH_RSS_EVERY`` responses (default 1000) from ``/proc/self/statm``.
"""

from __future__ import annotations

import json
import os
import resource
import time
from typing import Any

from scrapy import signals

_PAGE = os.sysconf("SC_PAGE_SIZE")


def rss_mb() -> float:
    """Current resident set size of this process in MB."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * _PAGE / 1e6


class StatsDump:
    """Write responses, items, wall/CPU time and an RSS timeline when the spider closes."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.path = crawler.settings.get("BENCH_STATS_FILE")
        self.every = crawler.settings.getint("BENCH_RSS_EVERY", 1000)
        self.responses = 0
        self.samples: list[tuple[int, float]] = []
        self.t0 = self.c0 = 0.0

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

    def response(self, response: Any, request: Any, spider: Any) -> None:
        self.responses += 1
        if self.responses % self.every == 0:
            self.samples.append((self.responses, rss_mb()))

    def closed(self, spider: Any, reason: str) -> None:
        wall, cpu = time.perf_counter() - self.t0, time.process_time() - self.c0
        self.samples.append((self.responses, rss_mb()))
        stats = {k: v for k, v in self.crawler.stats.get_stats().items()
                 if isinstance(v, int | float | str)}
        result = {
            "reason": reason, "responses": self.responses, "wall_s": wall, "cpu_s": cpu,
            "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6,
            "rss_samples": self.samples, "stats": stats,
        }
        if self.path:
            with open(self.path, "w", encoding="utf-8") as out:
                json.dump(result, out, indent=1)
