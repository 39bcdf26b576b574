"""NewsSpider: finds a paper's articles through news sitemaps, feeds and section pages and hands
each article page to the pipelines. Paper spiders are a few declarative lines on top of it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator, Iterable, Iterator
from datetime import UTC, date, datetime
from typing import Any, ClassVar
from urllib.parse import urljoin, urlsplit, urlunsplit

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.gz import gunzip

from newscrawl.article import DateCandidate
from newscrawl.crawl.article_page import article_item, count_extraction
from newscrawl.crawl.compactset import CompactStringSet
from newscrawl.crawl.decoding import decode_html, looks_binary
from newscrawl.crawl.discovery import Entry, parse_feed, parse_sitemap, sniff
from newscrawl.crawl.extraction_workers import SETTING as EXTRACT_PROCESSES
from newscrawl.crawl.extraction_workers import ExtractPool
from newscrawl.crawl.signals import fetch_failed, page_rejected, page_walled
from newscrawl.crawl.urls import canonicalize_url
from newscrawl.dates import to_iso_z
from newscrawl.extract import extract_article
from newscrawl.extract.walls import detect_wall
from newscrawl.families.base import Family
from newscrawl.rendering.decision import fallback_request

logger = logging.getLogger(__name__)

# Links that are never articles, whatever the family's URL pattern says.
_NEVER_ARTICLE = re.compile(
    r"\.(?:jpe?g|png|gif|webp|svg|pdf|mp[34]|zip|css|js|xml|rss)(?:$|\?)|/(?:suche|search|login|"
    r"abo|impressum|datenschutz|kontakt|agb|newsletter|tag|thema|autor|author)(?:/|$)",
    re.IGNORECASE,
)
# A generic article URL: a long hyphenated slug or a numeric id in the last path segment.
_GENERIC_ARTICLE = re.compile(r"/[^/]*(?:[a-z0-9]+-){3,}[^/]*/?$|\d{5,}", re.IGNORECASE)
KEPT_HEADERS = ("content-type", "etag", "last-modified", "content-language")
MAX_DECOMPRESSED_SITEMAP = 50 * 1024 * 1024


def archive_paths(path: str, since: str | None, until: str | None) -> list[str]:
    """``path`` once per month from ``since`` to ``until`` (default: this month) when it holds
    ``{year}``/``{month}`` placeholders (monthly archive sitemaps); else ``[path]``."""
    if "{year}" not in path:
        return [path]
    end = date.fromisoformat(until) if until else datetime.now(UTC).date()
    start = date.fromisoformat(since) if since else end
    months = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month) and len(months) < 1200:
        months.append(path.format(year=f"{year:04d}", month=f"{month:02d}"))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


class NewsSpider(scrapy.Spider):
    """Base spider for a news site.

    Spider arguments (``-a name=value``):

    - ``base_url``: crawl a mirror of the site (e.g. ``http://127.0.0.1:8765``) instead of the real
      domain; every entry point and link on the real domain is rewritten to it.
    - ``sections``: comma-separated section slugs (``lokales,politik``): crawl only these sections.
    - ``since`` / ``until`` (``YYYY-MM-DD``): archive mode through the site's dated sitemaps;
      entries outside the range are skipped.
    - ``limit``: stop after N stored articles.
    - ``start_urls``: comma-separated entry points (feed, sitemap or page) replacing the defaults.
    - ``max_section_pages``: how many pages of each section to follow (default 3).
    """

    # --- what a paper declares ---------------------------------------------------------------
    publisher: ClassVar[str] = ""
    family: ClassVar[type[Family]] = Family
    # The real site root, e.g. "https://www.augsburger-allgemeine.de".
    site_url: ClassVar[str] = ""
    # Entry points relative to the root; None means "the family's".
    news_sitemaps: ClassVar[tuple[str, ...] | None] = None
    sitemaps: ClassVar[tuple[str, ...] | None] = None
    feeds: ClassVar[tuple[str, ...] | None] = None
    # Section slug -> path of its front page.
    sections: ClassVar[dict[str, str]] = {}
    article_url_pattern: ClassVar[str | None] = None
    # Whether every on-site URL a feed or sitemap lists is fetched, pattern or not.
    trust_listings: ClassVar[bool] = False

    custom_settings: ClassVar[dict[str, Any]] = {}
    # Extraction worker processes (NEWSCRAWL_EXTRACT_PROCESSES > 0); None: extract in process.
    extract_pool: ExtractPool | None = None

    def __init__(self, *args: Any, base_url: str | None = None, sections: str | None = None,
                 since: str | None = None, until: str | None = None, limit: str | int = 0,
                 start_urls: str | None = None, max_section_pages: str | int = 3,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.root = (base_url or self.site_url).rstrip("/")
        if not self.root and not start_urls:
            raise ValueError(f"{self.name}: give -a base_url=… or -a start_urls=…")
        self.real_host = (urlsplit(self.site_url).hostname or "").lower()
        first = start_urls.split(",")[0].strip() if start_urls else self.root
        self.host = (urlsplit(first).hostname or "").lower()
        self.allowed_domains = [self.host.removeprefix("www.")] if self.host else []
        self.selected_sections = [s.strip() for s in sections.split(",")] if sections else None
        self.since = since
        self.until = until
        self.limit = int(limit or 0)
        self.entry_urls = [u.strip() for u in start_urls.split(",")] if start_urls else None
        self.max_section_pages = int(max_section_pages)
        pattern = self.article_url_pattern or self.family.article_url_pattern or ""
        self._pattern = re.compile(pattern)
        # Canonical URLs requested in this crawl, as 8-byte hashes: flat memory on big crawls.
        self._requested = CompactStringSet()

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> NewsSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        if crawler.settings.getint(EXTRACT_PROCESSES) > 0:
            spider.extract_pool = ExtractPool.from_crawler(crawler)
        return spider

    # --- URLs --------------------------------------------------------------------------------
    def localize(self, url: str) -> str:
        """Rewrite a URL on the real domain to the mirror given by ``base_url``."""
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        if self.real_host and self.root and host and host.removeprefix("www.") == \
                self.real_host.removeprefix("www.") and not self.root.startswith(self.site_url):
            root = urlsplit(self.root)
            return urlunsplit((root.scheme, root.netloc, parts.path, parts.query, ""))
        return url

    def absolute(self, path: str) -> str:
        return urljoin(self.root + "/", path.lstrip("/")) if not path.startswith("http") else path

    def on_site(self, url: str) -> bool:
        host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
        return bool(host) and host == self.host.removeprefix("www.")

    def is_article_url(self, url: str) -> bool:
        """Override to change which links are treated as article pages."""
        path = urlsplit(url).path
        if not self.on_site(url) or _NEVER_ARTICLE.search(path):
            return False
        # Patterns are matched against the path: tracking queries must not hide an article.
        if self._pattern.pattern:
            return self._pattern.search(path) is not None
        return _GENERIC_ARTICLE.search(path) is not None

    # --- entry points ------------------------------------------------------------------------
    def _paths(self, own: tuple[str, ...] | None, family: tuple[str, ...]) -> tuple[str, ...]:
        return own if own is not None else family

    def entry_points(self) -> Iterator[tuple[str, str]]:
        """(kind, url) pairs to start from, in the order the spider's mode asks for."""
        if self.entry_urls:
            for url in self.entry_urls:
                yield "auto", url
            return
        if self.since or self.until:
            archive = self._paths(self.sitemaps, self.family.sitemap_paths)
            if not archive:
                logger.warning("%s: archive mode (since/until) needs dated sitemaps, and this site "
                               "has none configured; nothing to crawl", self.name)
                if hasattr(self, "crawler"):  # spiders built without a crawler (tests, tools)
                    self.crawler.stats.inc_value("newscrawl/discovery/no_archive_source")
            for path in archive:
                for dated in archive_paths(path, self.since, self.until):
                    yield "sitemap", self.absolute(dated)
        if self.selected_sections is None and not (self.since or self.until):
            for path in self._paths(self.news_sitemaps, self.family.news_sitemap_paths):
                yield "sitemap", self.absolute(path)
            for path in self._paths(self.feeds, self.family.feed_paths):
                yield "feed", self.absolute(path)
        sections = self.sections
        if self.selected_sections is not None:
            unknown = [s for s in self.selected_sections if s not in sections]
            for slug in unknown:
                logger.warning("%s: unknown section %r; known: %s", self.name, slug,
                               ", ".join(sections))
            sections = {k: v for k, v in sections.items() if k in self.selected_sections}
        if not (self.since or self.until):
            for path in sections.values():
                yield "section", self.absolute(path)

    def entry_requests(self) -> Iterable[scrapy.Request]:
        """The first requests of a crawl: one per entry point."""
        for kind, url in self.entry_points():
            yield scrapy.Request(
                url, callback=self.parse_entry, errback=self.on_entry_error,
                meta={"entry_kind": kind, "section_page": 1}, priority=10,
            )

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for request in self.entry_requests():
            yield request

    def on_entry_error(self, failure: Any) -> None:
        """An entry point failed (403/404/410, timeout…): count it; the other kinds carry on."""
        request = failure.request
        kind = request.meta.get("entry_kind", "entry")
        reason = (f"http_{failure.value.response.status}" if failure.check(HttpError)
                  else failure.type.__name__)
        self._fetch_failed(failure)
        self.crawler.stats.inc_value(f"newscrawl/discovery/entry_failed/{kind}")
        logger.warning("%s: entry point %s (%s) failed: %s; continuing with the other sources",
                       self.name, request.url, kind, reason)

    def parse_entry(self, response: Response) -> Iterator[scrapy.Request]:
        """Dispatch an entry point to the sitemap, feed or section reader."""
        body = response.body
        if body[:2] == b"\x1f\x8b":
            try:
                body = gunzip(body, max_size=MAX_DECOMPRESSED_SITEMAP)
            except Exception as exc:
                self._bad_input(response, "bad_gzip", str(exc))
                return
        kind = sniff(body)
        stats = self.crawler.stats
        if kind == "sitemap":
            stats.inc_value("newscrawl/discovery/entry_read/sitemap")
            yield from self.parse_sitemap(response, body)
        elif kind == "feed":
            stats.inc_value("newscrawl/discovery/entry_read/feed")
            yield from self.parse_feed(response, body)
        elif kind == "html" and isinstance(response, TextResponse):
            stats.inc_value("newscrawl/discovery/entry_read/section")
            yield from self.parse_section(response)
        else:
            self._bad_input(response, "unknown_entry", f"{len(body)} bytes")

    def parse_sitemap(self, response: Response, body: bytes) -> Iterator[scrapy.Request]:
        stats = self.crawler.stats
        for entry in parse_sitemap(body):
            url = self.localize(entry.url)
            if entry.is_sitemap:
                if self._in_range(entry.lastmod, child_sitemap=True):
                    stats.inc_value("newscrawl/discovery/child_sitemaps")
                    yield scrapy.Request(url, callback=self.parse_entry,
                                         errback=self.on_entry_error,
                                         meta={"entry_kind": "sitemap"}, priority=10)
                continue
            if not self._in_range(entry.published or entry.lastmod):
                stats.inc_value("newscrawl/discovery/out_of_range")
                continue
            yield from self.article_request(url, "sitemap", entry)

    def parse_feed(self, response: Response, body: bytes) -> Iterator[scrapy.Request]:
        for entry in parse_feed(body):
            yield from self.article_request(self.localize(entry.url), "feed", entry)

    def parse_section(self, response: TextResponse) -> Iterator[scrapy.Request]:
        """Article links of a section page, then its next page (up to ``max_section_pages``)."""
        for href in response.css("a::attr(href)").getall():
            url = self.localize(response.urljoin(href.strip()))
            if self.is_article_url(url):
                yield from self.article_request(url, "section")
        page = response.meta.get("section_page", 1)
        if page < self.max_section_pages:
            next_href = response.css(self.family.pagination_selector).get()
            if next_href:
                yield response.follow(
                    next_href.strip(), callback=self.parse_entry, errback=self.on_entry_error,
                    meta={"entry_kind": "section", "section_page": page + 1}, priority=5,
                )

    def _in_range(self, date: str | None, *, child_sitemap: bool = False) -> bool:
        if not (self.since or self.until) or not date:
            return True
        day = date[:10]
        if child_sitemap:
            # A child sitemap's lastmod is its newest entry: it may hold older ones too.
            return not self.since or day >= self.since
        return (not self.since or day >= self.since) and (not self.until or day <= self.until)

    # --- articles ----------------------------------------------------------------------------
    def skip_urls(self, urls: Iterable[str]) -> None:
        """Canonical URLs not to request in this crawl (a resumed job's stored articles)."""
        self._requested.update(urls)

    def article_request(self, url: str, source: str,
                        entry: Entry | None = None) -> Iterator[scrapy.Request]:
        """One request per canonical URL and crawl, for links that look like articles."""
        stats = self.crawler.stats
        trusted = self.trust_listings and source in {"sitemap", "feed"}
        if not (self.on_site(url) if trusted else self.is_article_url(url)):
            stats.inc_value("newscrawl/discovery/skipped_not_article_url")
            return
        try:
            canonical = canonicalize_url(url)
        except ValueError as exc:
            # One malformed listed URL (bad port, broken IPv6 literal) must not end the listing.
            stats.inc_value("newscrawl/discovery/bad_url")
            logger.warning("%s: skipping malformed URL %r: %s", self.name, url, exc)
            return
        if canonical in self._requested:
            stats.inc_value("newscrawl/discovery/duplicate_url")
            return
        self._requested.add(canonical)
        stats.inc_value(f"newscrawl/discovery/source/{source}")
        meta: dict[str, Any] = {"source": source}
        if entry and entry.published:
            meta["listed_published"] = entry.published
        yield scrapy.Request(canonical, callback=self.article_callback(),
                             errback=self.on_article_error, meta=meta)

    def on_article_error(self, failure: Any) -> None:
        """A failed article fetch is logged and counted; the crawl goes on."""
        request = failure.request
        self._fetch_failed(failure)
        if failure.check(IgnoreRequest) and not failure.check(HttpError):
            # robots.txt, the SSRF guard or the incremental check said no: a decision, not a
            # fetch failure (those components count it under their own keys too).
            reason = failure.type.__name__
            self.crawler.stats.inc_value(f"newscrawl/fetch/ignored/{reason}")
            logger.info("%s: could not fetch %s: %s", self.name, request.url, reason)
            return
        if failure.check(HttpError):
            reason = f"http_{failure.value.response.status}"
        else:
            reason = failure.type.__name__
        self.crawler.stats.inc_value(f"newscrawl/fetch/failed/{reason}")
        logger.warning("%s: could not fetch %s: %s", self.name, request.url, reason)

    def _fetch_failed(self, failure: Any) -> None:
        """Tell the site-health extension (newscrawl.extensions.site_health) what failed."""
        status = failure.value.response.status if failure.check(HttpError) else None
        self.crawler.signals.send_catch_log(fetch_failed, request=failure.request, status=status,
                                            error=f"{failure.type.__name__}: {failure.value}",
                                            spider=self)

    def _bad_input(self, response: Response, reason: str, detail: str = "") -> None:
        self.crawler.stats.inc_value(f"newscrawl/bad_input/{reason}")
        logger.warning("%s: bad input at %s: %s %s", self.name, response.url, reason, detail)
        # The quarantine (newscrawl.extensions.quarantine) keeps rejected pages for reprocessing.
        self.crawler.signals.send_catch_log(page_rejected, response=response, reason=reason,
                                            spider=self, detail=detail)

    def page_text(self, response: Response) -> str | None:
        """The page as text, or None (counted) when it is empty or not HTML."""
        if not response.body.strip():
            self._bad_input(response, "empty_body")
            return None
        content_type = response.headers.get(b"Content-Type", b"").decode("latin-1").lower()
        textual = not content_type or any(k in content_type for k in ("html", "xml", "text"))
        if looks_binary(response.body) or not textual:
            self._bad_input(response, "not_html", content_type or "binary")
            return None
        text, how = decode_html(response.body, response.headers.get(b"Content-Type"))
        if how not in {"header", "meta", "utf-8"}:
            self._bad_input(response, f"charset_{how.replace('+', '_').replace('-', '_')}")
        return text

    def article_callback(self) -> Any:
        """The callback for article pages: ``parse_article_pooled`` when extraction runs in
        worker processes (``NEWSCRAWL_EXTRACT_PROCESSES`` > 0), else ``parse_article``.

        A method, not a property: ``Request.to_dict`` (JOBDIR) names a callback by looking
        through the spider's members, and a property returning the callback would be found
        under its own name."""
        return self.parse_article if self.extract_pool is None else self.parse_article_pooled

    def parse_article(self, response: Response) -> Iterator[Any]:
        """Extract the page once; yield an item for articles, count everything else."""
        html = self.page_text(response)
        if html is None:
            return
        extracted = extract_article(html, response.url, family=self.family)
        yield from self.article_output(response, html, extracted)

    async def parse_article_pooled(self, response: Response) -> list[Any]:
        """``parse_article`` with the extraction in a worker process
        (``newscrawl.crawl.extraction_workers``); the crawl process downloads and stores other
        pages meanwhile. Without a pool (e.g. a JOBDIR request resumed with the setting at 0) it
        extracts in process."""
        html = self.page_text(response)
        if html is None:
            return []
        pool = self.extract_pool
        if pool is None:
            extracted = extract_article(html, response.url, family=self.family)
        else:
            # The raw body goes to the worker, which decodes it as page_text did (cheaper for
            # this process than sending the decoded text).
            extracted = await pool.extract(html, response.url, self.family, body=response.body,
                                           content_type=response.headers.get(b"Content-Type"))
        return list(self.article_output(response, html, extracted))

    def article_output(self, response: Response, html: str, extracted: Any) -> Iterator[Any]:
        """Everything after extraction, whichever process extracted: the render decision, the
        extraction stats, the ``ArticleItem`` (with the listed date as last resort)."""
        stats = self.crawler.stats
        # Before the article check: a client-rendered page has no body yet, so it is no article.
        request = self.render_if_needed(response, extracted)
        if request is not None:
            yield request
            return
        if self.is_wall(response, html, extracted):
            return
        count_extraction(stats, extracted, self.family)
        if not extracted.is_article:
            logger.info("%s: not an article page, skipped: %s", self.name, response.url)
            return
        item = article_item(
            extracted,
            url=response.url,
            html=html,
            fetched_at=to_iso_z(datetime.now(UTC)),
            site=self.name,
            publisher=self.publisher,
            family=self.family.name,
            http_status=response.status,
            http_headers={k: response.headers.get(k, b"").decode("latin-1")
                          for k in KEPT_HEADERS if response.headers.get(k)},
        )
        listed = response.meta.get("listed_published")
        if listed:
            # A sitemap/feed date is the last resort when the page prints none.
            item["date_candidates"].append(DateCandidate("published", "feed", listed))
        yield item

    def is_wall(self, response: Response, html: str, extracted: Any) -> bool:
        """Whether a page without article text is a bot challenge or consent wall
        (``newscrawl.extract.walls``): counted under ``newscrawl/health/wall/<kind>``, reported
        to site health, and never stored as an empty article."""
        if extracted.is_article and sum(len(b.text) for b in extracted.blocks) >= 200:
            return False
        wall = detect_wall(html)
        if wall is None:
            return False
        self.crawler.stats.inc_value(f"newscrawl/health/wall/{wall.kind}")
        logger.info("%s: %s wall in place of an article (%r): %s", self.name, wall.kind,
                    wall.title, response.url)
        self.crawler.signals.send_catch_log(page_walled, response=response, wall=wall,
                                            spider=self)
        return True

    # --- rendering (JavaScript-only pages; see docs/rendering.md) ---------------------------------
    def render_if_needed(self, response: Response, extracted: Any) -> scrapy.Request | None:
        """Re-request a page without body text once through the crawl's renderer (Splash or
        Chromium) when it looks client-rendered: ``newscrawl.rendering.decision.fallback_request``
        back to ``article_callback()`` (``parse_article``, or ``parse_article_pooled`` with the
        extraction pool). Override to render differently; ``render_url_patterns`` (rendered
        from the start) are ``newscrawl.rendering.middleware.RenderMiddleware``'s.
        """
        return fallback_request(self.crawler, response, extracted, self.article_callback(),
                                self.on_article_error)
