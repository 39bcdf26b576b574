"""What differs between the two Scrapy releases newscrawl runs on (README "Which stack"): 2.13.4,
the pinned stack with Splash, and the newest release. One place, so the components stay
version-free and no deprecated call is made on the newer release.
"""

from __future__ import annotations

from typing import Any

from scrapy.settings import default_settings
from scrapy.utils import deprecate
from scrapy.utils.defer import deferred_from_coro

# Scrapy 2.14+ names the resolver setting TWISTED_DNS_RESOLVER; reading or setting the old
# DNS_RESOLVER there raises a ScrapyDeprecationWarning.
DNS_RESOLVER_SETTING = (
    "TWISTED_DNS_RESOLVER" if hasattr(default_settings, "TWISTED_DNS_RESOLVER") else "DNS_RESOLVER"
)

# Scrapy 2.13 passes ``spider`` to every component method and its own middlewares require it;
# 2.14+ deprecates the argument (it added ``argument_is_required`` to tell who still wants it).
_SPIDER_ARGUMENT_REQUIRED = not hasattr(deprecate, "argument_is_required")


def spider_args(spider: Any) -> tuple[Any, ...]:
    """The spider argument for a call of one of Scrapy's own component methods (a subclass
    handing on to ``super()``): ``(spider,)`` on 2.13, nothing on 2.14+."""
    return (spider,) if _SPIDER_ARGUMENT_REQUIRED else ()


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
