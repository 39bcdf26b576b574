"""What the RedisMode add-on and the worker share: the Redis key layout, the switch (REDIS_URL)
and the canonical request fingerprint. Imports neither of them, so neither imports the other."""

from __future__ import annotations

import hashlib
import json

from scrapy.http import Request
from scrapy.settings import BaseSettings

from newscrawl.crawl.urls import canonicalize_url

KEY_PREFIX_SETTING = "NEWSCRAWL_REDIS_PREFIX"


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
    """Distributed mode is on: REDIS_URL is set (environment or -s)."""
    return bool((settings.get("REDIS_URL") or "").strip())


def request_fingerprint(request: Request) -> str:
    """SHA-1 over method, newscrawl's canonical URL and body: two links to one article (tracking
    parameters, http/https, AMP variants) are one request for every worker."""
    data = {
        "method": request.method,
        "url": canonicalize_url(request.url),
        "body": (request.body or b"").hex(),
    }
    return hashlib.sha1(json.dumps(data, sort_keys=True).encode()).hexdigest()
