"""What differs between the two Scrapy releases newscrawl runs on (README "Which stack"): 2.13.4,
the pinned stack with Splash, and the newest release. One place, so the components stay
version-free and no deprecated call is made on the newer release.
"""

from __future__ import annotations

from typing import Any

from scrapy.settings import default_settings
from scrapy.utils.defer import deferred_from_coro

# Scrapy 2.14+ names the resolver setting TWISTED_DNS_RESOLVER; reading or setting the old
# DNS_RESOLVER there raises a ScrapyDeprecationWarning.
DNS_RESOLVER_SETTING = (
    "TWISTED_DNS_RESOLVER" if hasattr(default_settings, "TWISTED_DNS_RESOLVER") else "DNS_RESOLVER"
)


def close_spider(crawler: Any, reason: str) -> None:
    """Close the crawl's spider with ``reason``, as a component that has no spider argument.

    ``ExecutionEngine.close_spider(spider, reason)`` is deprecated from Scrapy 2.14 for
    ``close_spider_async(reason=...)``, which 2.13 lacks.
    """
    engine = crawler.engine
    if hasattr(engine, "close_spider_async"):
        deferred_from_coro(engine.close_spider_async(reason=reason))
    else:
        engine.close_spider(crawler.spider, reason)
