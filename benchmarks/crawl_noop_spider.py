"""The engine-ceiling spider: walks a sitemap (index) with the crawler's own sitemap reader and
fetches every listed page with a no-op callback; nothing is extracted or stored.

    scrapy runspider benchmarks/crawl_noop_spider.py -a sitemap=http://127.0.0.1:PORT/sitemap-index.xml
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import scrapy
from scrapy.http import Response

from newscrawl.crawl.discovery import parse_sitemap


class NoopSitemapSpider(scrapy.Spider):
    """Fetch what the sitemap lists; the callback does nothing."""

    name = "bench_noop"

    def __init__(self, *args: Any, sitemap: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not sitemap:
            raise ValueError("give -a sitemap=URL")
        self.sitemap = sitemap

    async def start(self) -> AsyncIterator[scrapy.Request]:
        yield scrapy.Request(self.sitemap, callback=self.parse_sitemap, priority=10)

    def parse_sitemap(self, response: Response) -> Iterator[scrapy.Request]:
        for entry in parse_sitemap(response.body):
            if entry.is_sitemap:
                yield scrapy.Request(entry.url, callback=self.parse_sitemap, priority=10)
            else:
                yield scrapy.Request(entry.url, callback=self.noop)

    def noop(self, response: Response) -> None:
        """The page is fetched; nothing else happens."""
        return None
