"""Distributed mode: with REDIS_URL set, crawl workers on any number of machines share one
scrapy-redis request queue and one dupefilter (docs/operations.md).

- ``keys``: what both sides share: Redis key names, the REDIS_URL switch, the canonical request
  fingerprint.
- ``addon``: ``RedisMode``, the Scrapy add-on (in ``ADDONS``) that switches scheduler and
  dupefilter when REDIS_URL is set and does nothing otherwise.
- ``worker``: the ``RedisFeed`` extension (idle close, URL feed, run bookkeeping) and the shared
  ``CanonicalRedisDupeFilter``; only imported in Redis mode (it needs scrapy-redis).
"""

from newscrawl.distributed.addon import RedisMode
from newscrawl.distributed.keys import redis_enabled, redis_keys, request_fingerprint

__all__ = ["RedisMode", "redis_enabled", "redis_keys", "request_fingerprint"]
