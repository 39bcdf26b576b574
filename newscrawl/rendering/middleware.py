"""RenderMiddleware: the URL-pattern half of the render decision, and the rendered-page count.

Enabled by whichever rendering add-on is switched on (Splash or Playwright), so without a
renderer nothing is rewritten.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request, Spider
from scrapy.crawler import Crawler

from newscrawl.rendering.decision import RENDER_META, is_rendered, render_request

__all__ = ["RenderMiddleware"]


class RenderMiddleware:
    """Spider middleware: renders pattern-listed URLs from the start and counts rendered pages.

    A request whose URL path (plus ``?query``) matches one of the spider family's or the paper
    spider's ``render_url_patterns`` is replaced by the crawl's ``render_request`` with the same
    callback, errback, meta, priority and cb_kwargs (stat ``newscrawl/render/requested`` and
    ``newscrawl/render/pattern``). Each successful rendered response that reaches the spider
    counts ``newscrawl/render/rendered``.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self._patterns: re.Pattern[str] | None = None
        self._patterns_for: Spider | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RenderMiddleware:
        return cls(crawler)

    def _pattern(self, spider: Spider) -> re.Pattern[str] | None:
        if self._patterns_for is not spider:
            family = getattr(spider, "family", None)
            found = (
                *(getattr(family, "render_url_patterns", None) or ()),
                *(getattr(spider, "render_url_patterns", None) or ()),
            )
            self._patterns = re.compile("|".join(f"(?:{p})" for p in found)) if found else None
            self._patterns_for = spider
        return self._patterns

    def _convert(self, obj: Any, spider: Spider) -> Any:
        if not isinstance(obj, Request) or is_rendered(obj.meta):
            return obj
        pattern = self._pattern(spider)
        parts = urlsplit(obj.url)
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        if pattern is None or not pattern.search(target):
            return obj
        stats = self.crawler.stats
        stats.inc_value("newscrawl/render/requested")
        stats.inc_value("newscrawl/render/pattern")
        return render_request(
            self.crawler.settings,
            obj.url,
            obj.callback,
            meta={**obj.meta, RENDER_META: "pattern"},
            errback=obj.errback,
            priority=obj.priority,
            dont_filter=obj.dont_filter,
            cb_kwargs=obj.cb_kwargs,
        )

    # ``spider`` is optional: Scrapy 2.13 passes it, 2.14+ deprecates requiring it.
    def process_spider_input(self, response: Any, spider: Spider | None = None) -> None:
        if response.meta.get(RENDER_META) and is_rendered(response.meta):
            self.crawler.stats.inc_value("newscrawl/render/rendered")

    def process_spider_output(self, response: Any, result: Any,
                              spider: Spider | None = None) -> Any:
        for obj in result:
            yield self._convert(obj, spider or self.crawler.spider)

    async def process_spider_output_async(
        self, response: Any, result: AsyncIterator[Any], spider: Spider | None = None
    ) -> AsyncIterator[Any]:
        async for obj in result:
            yield self._convert(obj, spider or self.crawler.spider)

    async def process_start(self, start: AsyncIterator[Any]) -> AsyncIterator[Any]:
        async for obj in start:
            yield self._convert(obj, self.crawler.spider)
