"""The generic spider: any news site from its home/section pages, feeds or sitemaps."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from newscrawl.spiders.base import NewsSpider


class GenericSpider(NewsSpider):
    """``scrapy crawl generic -a start_urls=URL[,URL…]``: each URL may be a home or section page,
    an RSS/Atom feed or a (news) sitemap. Every on-site page a feed or sitemap lists is fetched;
    from HTML pages, same-site links that look like article URLs are. The page itself decides
    whether it is an article. URLs on several hosts crawl several sites in one run; site health
    (newscrawl.extensions.site_health) gives each host its own row.
    """

    name = "generic"
    trust_listings = True

    def __init__(self, *args: Any, start_urls: str | None = None, **kwargs: Any) -> None:
        if not start_urls:
            raise ValueError("generic: give -a start_urls=URL[,URL…]")
        super().__init__(*args, start_urls=start_urls, **kwargs)
        self.publisher = self.host.removeprefix("www.")
        self.hosts = {(urlsplit(url).hostname or "").lower().removeprefix("www.")
                      for url in self.entry_urls or ()} - {""}
        self.allowed_domains = sorted(self.hosts)

    def on_site(self, url: str) -> bool:
        host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
        return bool(host) and host in self.hosts
