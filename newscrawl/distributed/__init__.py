"""Distributed mode: with REDIS_URL set, crawl workers on any number of machines share one
scrapy-redis request queue and one dupefilter (docs/operations.md).

- ``addon``: ``RedisMode``, the Scrapy add-on (in ``ADDONS``) that switches scheduler and
  dupefilter when REDIS_URL is set and does nothing otherwise; Redis key names; the canonical
  request fingerprint.
- ``worker``: the ``RedisFeed`` extension (idle close, URL feed, run bookkeeping) and the shared
  ``CanonicalRedisDupeFilter``; only imported in Redis mode (it needs scrapy-redis).
"""

from newscrawl.distributed.addon import RedisMode, redis_enabled, redis_keys, request_fingerprint

__all__ = ["RedisMode", "redis_enabled", "redis_keys", "request_fingerprint"]
