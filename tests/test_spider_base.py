"""NewsSpider without a network: entry points per mode, article-URL rules, mirrors, sections."""

from __future__ import annotations

import pytest
from scrapy.http import HtmlResponse, Request, TextResponse
from scrapy.utils.test import get_crawler

from newscrawl.spiders.augsburger_allgemeine import AugsburgerAllgemeineSpider
from newscrawl.spiders.generic import GenericSpider

MIRROR = "http://127.0.0.1:8765"


def make(spider_cls=AugsburgerAllgemeineSpider, **kwargs):
    crawler = get_crawler(spider_cls)
    spider = spider_cls.from_crawler(crawler, **kwargs)
    return spider


def test_default_mode_uses_sitemaps_feeds_and_sections() -> None:
    spider = make(base_url=MIRROR)
    points = list(spider.entry_points())
    kinds = [kind for kind, _ in points]
    assert kinds[0] == "sitemap" and "feed" in kinds and kinds.count("section") == len(
        spider.sections)
    assert all(url.startswith(MIRROR + "/") for _, url in points)
    assert (("sitemap", MIRROR + "/sitemap-news.xml")) in points


def test_sections_mode_only_crawls_those_sections() -> None:
    spider = make(base_url=MIRROR, sections="sport,politik")
    assert list(spider.entry_points()) == [("section", MIRROR + "/politik/"),
                                           ("section", MIRROR + "/sport/")]


def test_start_urls_replace_the_default_entry_points() -> None:
    spider = make(base_url=MIRROR, start_urls=f"{MIRROR}/a.xml,{MIRROR}/b.xml")
    assert [u for _, u in spider.entry_points()] == [f"{MIRROR}/a.xml", f"{MIRROR}/b.xml"]


def test_article_url_rules() -> None:
    spider = make(base_url=MIRROR)
    assert spider.is_article_url(MIRROR + "/augsburg/Kirche-St-Gallus-id59469031.html")
    assert not spider.is_article_url(MIRROR + "/augsburg/")
    assert not spider.is_article_url("https://other.de/augsburg/Kirche-id59469031.html")
    assert not spider.is_article_url(MIRROR + "/suche/x-id59469031.html")


def test_real_domain_links_are_rewritten_to_the_mirror() -> None:
    spider = make(base_url=MIRROR)
    url = "https://www.augsburger-allgemeine.de/bayern/X-id12345678.html?x=1"
    assert spider.localize(url) == MIRROR + "/bayern/X-id12345678.html?x=1"
    real = make()
    assert real.localize(url) == url


def test_section_page_yields_canonical_article_requests_once_and_next_page() -> None:
    spider = make(base_url=MIRROR)
    html = b"""<html><body>
      <a href="/augsburg/A-id11111111.html?utm_source=home">A</a>
      <a href="/augsburg/A-id11111111.html">A again</a>
      <a href="https://www.augsburger-allgemeine.de/bayern/B-id22222222.html">B</a>
      <a href="/impressum/">Impressum</a> <a href="https://twitter.com/x">tw</a>
      <a rel="next" href="?page=2">weiter</a></body></html>"""
    request = Request(MIRROR + "/augsburg/", meta={"section_page": 1})
    response = HtmlResponse(MIRROR + "/augsburg/", body=html, request=request)
    out = list(spider.parse_entry(response))
    urls = [r.url for r in out]
    assert urls == [MIRROR + "/augsburg/A-id11111111.html",
                    MIRROR + "/bayern/B-id22222222.html",
                    MIRROR + "/augsburg/?page=2"]
    assert out[2].meta["section_page"] == 2
    assert spider.crawler.stats.get_value("newscrawl/discovery/duplicate_url") == 1


def test_pagination_stops_at_max_section_pages() -> None:
    spider = make(base_url=MIRROR, max_section_pages="2")
    html = b'<html><body><a rel="next" href="?page=3">weiter</a></body></html>'
    request = Request(MIRROR + "/augsburg/?page=2", meta={"section_page": 2})
    response = HtmlResponse(request.url, body=html, request=request)
    assert list(spider.parse_entry(response)) == []


def test_archive_mode_filters_sitemap_entries_by_date() -> None:
    spider = make(base_url=MIRROR, since="2021-12-01", until="2021-12-31")
    body = b"""<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <url><loc>https://www.augsburger-allgemeine.de/a/In-id10000001.html</loc>
        <lastmod>2021-12-15</lastmod></url>
      <url><loc>https://www.augsburger-allgemeine.de/a/Out-id10000002.html</loc>
        <lastmod>2022-01-02</lastmod></url></urlset>"""
    response = TextResponse(MIRROR + "/sitemap.xml", body=body)
    urls = [r.url for r in spider.parse_entry(response)]
    assert urls == [MIRROR + "/a/In-id10000001.html"]
    assert spider.crawler.stats.get_value("newscrawl/discovery/out_of_range") == 1


def test_generic_spider_trusts_feed_listings_but_not_offsite() -> None:
    spider = make(GenericSpider, start_urls="http://127.0.0.1:9/feed")
    body = b"""<rss><channel><item><link>http://127.0.0.1:9/kurz</link></item>
      <item><link>https://elsewhere.example/x-y-z-w</link></item></channel></rss>"""
    out = list(spider.parse_entry(TextResponse("http://127.0.0.1:9/feed", body=body)))
    assert [r.url for r in out] == ["http://127.0.0.1:9/kurz"]


def test_generic_spider_needs_start_urls() -> None:
    with pytest.raises(ValueError, match="start_urls"):
        make(GenericSpider)


def test_binary_and_empty_pages_are_counted_not_extracted() -> None:
    spider = make(base_url=MIRROR)
    empty = HtmlResponse(MIRROR + "/x-id1.html", body=b"")
    png = HtmlResponse(MIRROR + "/y-id2.html", body=b"\x89PNG\r\n\x1a\n\x00\x00",
                       headers={"Content-Type": "text/html"})
    assert list(spider.parse_article(empty)) == []
    assert list(spider.parse_article(png)) == []
    stats = spider.crawler.stats
    assert stats.get_value("newscrawl/bad_input/empty_body") == 1
    assert stats.get_value("newscrawl/bad_input/not_html") == 1


def test_archive_mode_without_dated_sitemaps_warns(caplog: pytest.LogCaptureFixture) -> None:
    spider = make(base_url=MIRROR, since="2021-12-01")
    spider.sitemaps = ()
    assert list(spider.entry_points()) == []
    assert spider.crawler.stats.get_value("newscrawl/discovery/no_archive_source") == 1
    assert "needs dated sitemaps" in caplog.text
