"""Which archived pages a replay keeps, and as which site: the paper spiders' own rules.

A record on a paper's domain is that paper's (``site``, ``publisher``, ``family``) and is kept
only when the spider would have requested it (``NewsSpider.is_article_url``), as in a crawl. With
``--sites all`` every other host goes the generic spider's way: the page itself decides, and the
family is found from its markup. ``mirrors`` map a served copy of a paper (the crawl's
``-a base_url``) to its spider, so a WARC written from a mirror crawl replays as that paper.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from scrapy.settings import BaseSettings
from scrapy.spiderloader import SpiderLoader

from newscrawl.spiders.base import NewsSpider

OTHER_SITE = "other_site"
NOT_ARTICLE_URL = "not_article_url"


@dataclass(frozen=True, slots=True)
class Site:
    """What the item of a kept page says about its site (plain strings: it crosses processes)."""

    name: str
    publisher: str
    family: str | None


def _bare(host: str) -> str:
    return host.lower().removeprefix("www.")


class SiteRules:
    """The record filter of a replay: ``--sites known`` (the paper spiders' domains), ``all``, or
    a comma list of domains (papers among them keep their spider's rules)."""

    def __init__(self, settings: BaseSettings, sites: str = "known",
                 mirrors: dict[str, str] | None = None) -> None:
        loader = SpiderLoader.from_settings(settings)
        self.papers: dict[str, NewsSpider] = {}
        for name in loader.list():
            spider_cls = loader.load(name)
            if issubclass(spider_cls, NewsSpider) and spider_cls.site_url:
                spider = spider_cls()
                self.papers[_bare(spider.host)] = spider
        self.mirrors: dict[str, NewsSpider] = {}
        for name, base_url in (mirrors or {}).items():
            spider = loader.load(name)(base_url=base_url)
            self.mirrors[urlsplit(base_url).netloc.lower()] = spider
        self.every_host = sites == "all"
        self.domains = None if sites in {"known", "all"} else {
            _bare(d.strip()) for d in sites.split(",") if d.strip()}

    def site_for(self, url: str) -> Site | str:
        """The site a page at ``url`` is stored under, or why it is skipped (``other_site``,
        ``not_article_url``)."""
        try:
            parts = urlsplit(url)
            host = _bare(parts.hostname or "")
        except ValueError:
            return OTHER_SITE
        spider = self.mirrors.get(parts.netloc.lower()) or self._paper(host)
        if spider is not None and (self.domains is None or self._listed(host)):
            if not spider.is_article_url(url):
                return NOT_ARTICLE_URL
            return Site(spider.name, spider.publisher, spider.family.name)
        if not host or not (self.every_host or (self.domains and self._listed(host))):
            return OTHER_SITE
        # The generic spider's way: its site name, the host as publisher, the family (if
        # any) found from the page's markup at extraction.
        return Site("generic", host, None)

    @lru_cache(maxsize=4096)  # noqa: B019 - one SiteRules per replay; hosts repeat
    def _paper(self, host: str) -> NewsSpider | None:
        while host:
            if host in self.papers:
                return self.papers[host]
            host = host.partition(".")[2]
        return None

    def _listed(self, host: str) -> bool:
        domains = self.domains or set()
        return any(host == d or host.endswith("." + d) for d in domains)
