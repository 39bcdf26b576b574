"""The RedisMode add-on: switches scheduler and dupefilter to scrapy-redis when REDIS_URL is set.

This module does not import scrapy-redis, so a crawl without REDIS_URL never needs it.
"""

from __future__ import annotations

from scrapy.settings import BaseSettings

from newscrawl.distributed.keys import KEY_PREFIX_SETTING, redis_enabled, redis_keys

DUPEFILTER = "newscrawl.distributed.worker.CanonicalRedisDupeFilter"


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
        keys = redis_keys(settings.get(KEY_PREFIX_SETTING), "%(spider)s")
        settings.set("SCHEDULER", "scrapy_redis.scheduler.Scheduler", "addon")
        settings.set("SCHEDULER_QUEUE_CLASS", "scrapy_redis.queue.PriorityQueue", "addon")
        settings.set("SCHEDULER_QUEUE_KEY", keys["requests"], "addon")
        settings.set("SCHEDULER_DUPEFILTER_KEY", keys["dupefilter"], "addon")
        settings.set("DUPEFILTER_CLASS", DUPEFILTER, "addon")
        settings.set("SCHEDULER_FLUSH_ON_START", False, "addon")
        # Correctness, not taste: these two win over -s.
        settings.set("SCHEDULER_PERSIST", True, "cmdline")
        settings.set("SCHEDULER_IDLE_BEFORE_CLOSE", 0, "cmdline")
        # Deferred: the worker imports scrapy-redis, an import needed only in Redis mode.
        from newscrawl.distributed.worker import RedisFeed

        settings.setdefault_in_component_priority_dict("EXTENSIONS", RedisFeed, 600)
