"""The RedisMode add-on, the Redis key layout and the canonical request fingerprint.

This module does not import scrapy-redis, so a crawl without REDIS_URL never needs it.
"""

from __future__ import annotations

import hashlib
import json

from scrapy.http import Request
from scrapy.settings import BaseSettings

from newscrawl.crawl.urls import canonicalize_url

KEY_PREFIX_SETTING = "NEWSCRAWL_REDIS_PREFIX"
DUPEFILTER = "newscrawl.distributed.worker.CanonicalRedisDupeFilter"


def redis_keys(prefix: str, spider: str) -> dict[str, str]:
    """The Redis keys one spider's distributed crawl uses."""
    base = f"{prefix}:{spider}"
    return {
        "requests": f"{base}:requests",
        "dupefilter": f"{base}:dupefilter",
        "start_urls": f"{base}:start_urls",
        "workers": f"{base}:workers",
    }


def redis_enabled(settings: BaseSettings) -> bool:
    return bool((settings.get("REDIS_URL") or "").strip())


class RedisMode:
    """Scrapy add-on: scrapy-redis scheduler + shared canonical-URL dupefilter when REDIS_URL is
    set; a no-op otherwise.

    ``SCHEDULER_PERSIST`` is forced on (with it off, the first worker to close would wipe the
    queue and dupefilter the others still use); ``SCHEDULER_IDLE_BEFORE_CLOSE`` is forced to 0
    (a blocking pop would stall the reactor, and the priority queue ignores it anyway): idle
    workers are kept alive and closed by :class:`newscrawl.distributed.worker.RedisFeed`.
    """

    def update_settings(self, settings: BaseSettings) -> None:
        if not redis_enabled(settings):
            return
        prefix = settings.get(KEY_PREFIX_SETTING) or "newscrawl"
        keys = redis_keys(prefix, "%(spider)s")
        settings.set("SCHEDULER", "scrapy_redis.scheduler.Scheduler", "addon")
        settings.set("SCHEDULER_QUEUE_CLASS", "scrapy_redis.queue.PriorityQueue", "addon")
        settings.set("SCHEDULER_QUEUE_KEY", keys["requests"], "addon")
        settings.set("SCHEDULER_DUPEFILTER_KEY", keys["dupefilter"], "addon")
        settings.set("DUPEFILTER_CLASS", DUPEFILTER, "addon")
        settings.set("SCHEDULER_FLUSH_ON_START", False, "addon")
        # Correctness, not taste: these two win over -s.
        settings.set("SCHEDULER_PERSIST", True, "cmdline")
        settings.set("SCHEDULER_IDLE_BEFORE_CLOSE", 0, "cmdline")
        from newscrawl.distributed.worker import RedisFeed

        settings.setdefault_in_component_priority_dict("EXTENSIONS", RedisFeed, 600)


def request_fingerprint(request: Request) -> str:
    """SHA-1 over method, newscrawl's canonical URL and body: two links to one article (tracking
    parameters, http/https, AMP variants) are one request for every worker."""
    data = {
        "method": request.method,
        "url": canonicalize_url(request.url),
        "body": (request.body or b"").hex(),
    }
    return hashlib.sha1(json.dumps(data, sort_keys=True).encode()).hexdigest()
