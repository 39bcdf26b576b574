"""RedisFeed and the shared dupefilter: what turns any NewsSpider into a distributed worker when
REDIS_URL is set.

The Redis-fed variant of every spider, as an extension rather than a spider base class, so the
25 paper spiders need no change (and spider discovery never imports scrapy-redis); the
``RedisMode`` add-on enables it. It

- keeps a worker whose share of the queue is momentarily empty alive (another worker may be
  parsing a sitemap that refills it) and closes it after ``NEWSCRAWL_REDIS_IDLE_CLOSE`` seconds
  without a response (0 = never: a standing worker). The idle clock is this worker's own last
  response, not scrapy-redis's ``MAX_IDLE_TIME_BEFORE_CLOSE``, which is measured from import time;
- feeds it: URLs pushed onto ``<prefix>:<spider>:start_urls`` (``LPUSH``) are crawled as extra
  entry points (sitemap, feed or section page, sniffed as usual) by whichever worker is idle;
- ends a run: workers register in ``<prefix>:<spider>:workers`` (heartbeat scores, server clock);
  the last live worker to leave with an empty queue deletes the dupefilter, so the next crawl
  starts afresh while a crawl interrupted with requests left is resumed by the next worker.
"""

from __future__ import annotations

import logging
import os
import socket
import time
import uuid
from typing import Any

import scrapy
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider, NotConfigured
from scrapy_redis.connection import get_redis_from_settings
from scrapy_redis.dupefilter import RFPDupeFilter
from twisted.internet.task import LoopingCall

from newscrawl.distributed.keys import (
    KEY_PREFIX_SETTING,
    redis_enabled,
    redis_keys,
    request_fingerprint,
)
from newscrawl.spiders.base import NewsSpider

logger = logging.getLogger(__name__)

# KEYS: workers, requests, dupefilter. ARGV: worker id, worker timeout (s).
# Drops workers whose heartbeat is older than the timeout (crashed); with nobody left and no
# queued request the previous run is over, so its dupefilter goes. Returns 1 for a fresh run.
_JOIN = """
local now = tonumber(redis.call('TIME')[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[2]))
local fresh = 0
if redis.call('ZCARD', KEYS[1]) == 0 and redis.call('EXISTS', KEYS[2]) == 0 then
  redis.call('DEL', KEYS[3])
  fresh = 1
end
redis.call('ZADD', KEYS[1], now, ARGV[1])
return fresh
"""
_HEARTBEAT = """
redis.call('ZADD', KEYS[1], tonumber(redis.call('TIME')[1]), ARGV[1])
return 1
"""
# Returns 1 when this worker was the last one and the run ended (dupefilter deleted).
_LEAVE = """
local now = tonumber(redis.call('TIME')[1])
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[2]))
if redis.call('ZCARD', KEYS[1]) == 0 and redis.call('EXISTS', KEYS[2]) == 0 then
  redis.call('DEL', KEYS[3])
  return 1
end
return 0
"""


class CanonicalRedisDupeFilter(RFPDupeFilter):
    """scrapy-redis's shared dupefilter, fingerprinting newscrawl's canonical URLs.

    It is the authority in distributed mode: a spider's in-process ``_requested`` set only saves
    round trips for links that worker already sent itself.
    """

    def request_fingerprint(self, request: scrapy.Request) -> str:
        return request_fingerprint(request)


def feed_request(spider: scrapy.Spider, url: str) -> scrapy.Request:
    """A request for a URL taken from the Redis feed: an entry point for a NewsSpider."""
    if isinstance(spider, NewsSpider):
        return scrapy.Request(url, callback=spider.parse_entry, errback=spider.on_entry_error,
                              meta={"entry_kind": "redis", "section_page": 1}, priority=10,
                              dont_filter=True)
    return scrapy.Request(url, dont_filter=True)


class RedisFeed:
    """Idle handling, URL feed and run bookkeeping for one distributed worker."""

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.idle_close = settings.getfloat("NEWSCRAWL_REDIS_IDLE_CLOSE")
        self.heartbeat_every = settings.getfloat("NEWSCRAWL_REDIS_HEARTBEAT")
        self.worker_timeout = max(int(3 * self.heartbeat_every),
                                  settings.getint("NEWSCRAWL_REDIS_WORKER_TIMEOUT"))
        self.batch = settings.getint("CONCURRENT_REQUESTS", 16)
        self.prefix = settings.get(KEY_PREFIX_SETTING)
        self.server = get_redis_from_settings(settings)
        self.worker_id = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.keys: dict[str, str] = {}
        self.last_activity = time.monotonic()
        self._beat: LoopingCall | None = None
        self._join = self.server.register_script(_JOIN)
        self._heartbeat_script = self.server.register_script(_HEARTBEAT)
        self._leave = self.server.register_script(_LEAVE)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RedisFeed:
        if not redis_enabled(crawler.settings):
            raise NotConfigured  # only in distributed mode (REDIS_URL)
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(ext.activity, signal=signals.response_received)
        return ext

    # --- lifecycle ---------------------------------------------------------------------------
    def spider_opened(self, spider: scrapy.Spider) -> None:
        self.keys = redis_keys(self.prefix, spider.name)
        fresh = self._join(keys=self._run_keys(), args=[self.worker_id, self.worker_timeout])
        stats = self.crawler.stats
        stats.set_value("newscrawl/distributed/worker", self.worker_id)
        stats.set_value("newscrawl/distributed/fresh_run", bool(fresh))
        logger.info("%s: worker %s joined %s run (queue %s, idle close after %ss)", spider.name,
                    self.worker_id, "a new" if fresh else "the running", self.keys["requests"],
                    self.idle_close or "never")
        db = str(self.crawler.settings.get("NEWSCRAWL_DB"))
        if not db.startswith(("postgresql", "postgres:")):
            logger.warning("%s: distributed mode writes to NEWSCRAWL_DB=%s; workers on other "
                           "machines need one shared PostgreSQL store", spider.name, db)
        self.last_activity = time.monotonic()
        self._beat = LoopingCall(self.heartbeat)
        self._beat.start(self.heartbeat_every, now=False)

    def spider_closed(self, spider: scrapy.Spider, reason: str) -> None:
        if self._beat is not None and self._beat.running:
            self._beat.stop()
        ended = self._leave(keys=self._run_keys(), args=[self.worker_id, self.worker_timeout])
        self.crawler.stats.set_value("newscrawl/distributed/run_ended", bool(ended))
        logger.info("%s: worker %s left (%s)%s", spider.name, self.worker_id, reason,
                    "; last worker out: run ended, dupefilter cleared" if ended else "")

    def heartbeat(self) -> None:
        try:
            self._heartbeat_script(keys=[self.keys["workers"]], args=[self.worker_id])
        except Exception as exc:  # Redis blips must not kill the crawl; the next beat retries.
            logger.warning("redis heartbeat failed: %s", exc)

    def activity(self, *args: Any, **kwargs: Any) -> None:
        self.last_activity = time.monotonic()

    # --- idle --------------------------------------------------------------------------------
    def spider_idle(self, spider: scrapy.Spider) -> None:
        """Feed from Redis if there is anything; else wait until idle long enough to close."""
        fed = self.feed(spider)
        if fed:
            self.last_activity = time.monotonic()
            raise DontCloseSpider
        idle = time.monotonic() - self.last_activity
        if self.idle_close <= 0 or idle < self.idle_close:
            raise DontCloseSpider
        self.crawler.stats.set_value("newscrawl/distributed/idle_closed_after", round(idle, 1))
        logger.info("%s: worker %s idle for %.0f s, closing", spider.name, self.worker_id, idle)

    def feed(self, spider: scrapy.Spider) -> int:
        """Schedule up to one batch of URLs from the Redis feed; return how many."""
        urls = self.server.lpop(self.keys["start_urls"], self.batch) or []
        for raw in urls:
            url = raw.decode("utf-8") if isinstance(raw, bytes) else str(raw)
            self.crawler.engine.crawl(feed_request(spider, url.strip()))
        if urls:
            self.crawler.stats.inc_value("newscrawl/distributed/fed_urls", len(urls))
            logger.info("%s: %d URL(s) from %s", spider.name, len(urls), self.keys["start_urls"])
        return len(urls)

    def _run_keys(self) -> list[str]:
        return [self.keys["workers"], self.keys["requests"], self.keys["dupefilter"]]
