"""scrapy-splash, imported only when Splash is switched on (``SPLASH_URL``).

scrapy-splash 0.11.1 does not import on Scrapy 2.16+ (``scrapy.utils.url.canonicalize_url`` is
gone), so ``newscrawl.rendering.splash`` imports this module only from ``render_request`` and
names its middleware only in ``splash_settings()``: without ``SPLASH_URL`` nothing here loads.
"""

from __future__ import annotations

import warnings
from collections.abc import AsyncIterator
from typing import Any

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import ScrapyDeprecationWarning

with warnings.catch_warnings():
    # scrapy-splash 0.11.1 imports scrapy.utils.url.canonicalize_url, deprecated in Scrapy 2.13.
    warnings.simplefilter("ignore", ScrapyDeprecationWarning)
    from scrapy_splash import SplashDeduplicateArgsMiddleware as _SplashDedupArgs
    from scrapy_splash import SplashRequest
# ... and calls a protected Scrapy method once per Splash request; silence only that warning.
warnings.filterwarnings(
    "ignore",
    message="Use of this protected method",
    category=ScrapyDeprecationWarning,
    module=r"scrapy_splash\.",
)

__all__ = ["SplashDeduplicateArgsMiddleware", "SplashRequest"]


class SplashDeduplicateArgsMiddleware(_SplashDedupArgs):
    """scrapy-splash's ``SplashDeduplicateArgsMiddleware`` for Scrapy 2.13 spiders.

    The original only has ``process_start_requests``; Scrapy 2.13 refuses to start a spider
    that defines ``async def start()`` (and no ``start_requests``) with such a middleware
    enabled. This adds ``process_start`` and an async ``process_spider_output``.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SplashDeduplicateArgsMiddleware:
        return cls(crawler)

    def _process_request(self, request: Request, spider: Spider) -> Request:
        # The original sets up spider.state only in process_start_requests.
        if not hasattr(spider, "state"):
            spider.state = {}
        spider.state.setdefault(self.local_values_key, {})
        return super()._process_request(request, spider)

    async def process_start(self, start: AsyncIterator[Any]) -> AsyncIterator[Any]:
        spider = self.crawler.spider
        async for item_or_request in start:
            if isinstance(item_or_request, Request):
                yield self._process_request(item_or_request, spider)
            else:
                yield item_or_request

    async def process_spider_output_async(
        self, response: Any, result: AsyncIterator[Any], spider: Spider
    ) -> AsyncIterator[Any]:
        async for item_or_request in result:
            if isinstance(item_or_request, Request):
                yield self._process_request(item_or_request, spider)
            else:
                yield item_or_request
