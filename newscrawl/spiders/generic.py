"""The generic spider: any news site from its home/section pages, feeds or sitemaps."""

from __future__ import annotations

from typing import Any

from newscrawl.spiders.base import NewsSpider


class GenericSpider(NewsSpider):
    """``scrapy crawl generic -a start_urls=URL[,URL…]``: each URL may be a home or section page,
    an RSS/Atom feed or a (news) sitemap. Every on-site page a feed or sitemap lists is fetched;
    from HTML pages, same-site links that look like article URLs are. The page itself decides
    whether it is an article.
    """

    name = "generic"
    trust_listings = True

    def __init__(self, *args: Any, start_urls: str | None = None, **kwargs: Any) -> None:
        if not start_urls:
            raise ValueError("generic: give -a start_urls=URL[,URL…]")
        super().__init__(*args, start_urls=start_urls, **kwargs)
        self.publisher = self.host.removeprefix("www.")
