"""Reading sitemaps and feeds: what they list, and that hostile XML stays harmless."""

from __future__ import annotations

import gzip

from newscrawl.crawl.discovery import parse_feed, parse_sitemap, sniff

NEWS_SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>https://www.example-zeitung.de/lokales/a-id123.html</loc>
    <news:news><news:publication><news:name>EZ</news:name></news:publication>
      <news:publication_date>2021-12-29T18:05:00+01:00</news:publication_date>
      <news:title>Erster Titel</news:title></news:news></url>
  <url><loc> https://www.example-zeitung.de/lokales/b-id124.html </loc>
    <lastmod>2021-12-30</lastmod></url>
</urlset>"""

SITEMAP_INDEX = b"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://x.de/sitemap-2021-12.xml.gz</loc><lastmod>2021-12-31</lastmod></sitemap>
<sitemap><loc>https://x.de/sitemap-2022-01.xml.gz</loc></sitemap></sitemapindex>"""

RSS = """<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>AA</title>
<item><title>Ä-Titel</title><link>https://x.de/a-id1.html?utm_source=rss</link>
<pubDate>Wed, 29 Dec 2021 18:05:00 +0100</pubDate></item>
<item><title>Ohne Link</title><guid>https://x.de/b-id2.html</guid></item>
<item><title>kaputt</title></item></channel></rss>""".encode()

ATOM = b"""<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>A</title>
<link rel="alternate" href="https://x.de/c-id3.html"/><link rel="enclosure" href="https://x.de/c.jpg"/>
<published>2021-12-29T17:05:00Z</published><updated>2021-12-30T10:00:00Z</updated></entry></feed>"""

RDF = b"""<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<item rdf:about="https://x.de/d-123.html"><title>D</title><link>https://x.de/d-123.html</link>
<dc:date>2021-12-29T18:05:00+01:00</dc:date></item></rdf:RDF>"""


def test_news_sitemap_entries_with_dates() -> None:
    entries = list(parse_sitemap(NEWS_SITEMAP))
    assert [e.url for e in entries] == [
        "https://www.example-zeitung.de/lokales/a-id123.html",
        "https://www.example-zeitung.de/lokales/b-id124.html",
    ]
    assert entries[0].published == "2021-12-29T18:05:00+01:00"
    assert entries[0].title == "Erster Titel"
    assert entries[1].lastmod == "2021-12-30" and entries[1].published is None


def test_sitemap_index_lists_child_sitemaps() -> None:
    entries = list(parse_sitemap(SITEMAP_INDEX))
    assert all(e.is_sitemap for e in entries)
    assert [e.lastmod for e in entries] == ["2021-12-31", None]


def test_feeds_of_all_three_kinds() -> None:
    rss = list(parse_feed(RSS))
    assert [e.url for e in rss] == ["https://x.de/a-id1.html?utm_source=rss",
                                    "https://x.de/b-id2.html"]
    assert rss[0].published == "Wed, 29 Dec 2021 18:05:00 +0100"
    assert rss[0].title == "Ä-Titel"
    atom = list(parse_feed(ATOM))
    assert [(e.url, e.published, e.lastmod) for e in atom] == [
        ("https://x.de/c-id3.html", "2021-12-29T17:05:00Z", "2021-12-30T10:00:00Z")]
    rdf = list(parse_feed(RDF))
    assert [(e.url, e.published) for e in rdf] == [("https://x.de/d-123.html",
                                                    "2021-12-29T18:05:00+01:00")]


def test_sniff_tells_entry_kinds_apart() -> None:
    assert sniff(NEWS_SITEMAP) == "sitemap"
    assert sniff(b"\xef\xbb\xbf" + SITEMAP_INDEX) == "sitemap"
    assert sniff(RSS) == "feed" and sniff(ATOM) == "feed" and sniff(RDF) == "feed"
    assert sniff(b"<!DOCTYPE html><html><body>x</body></html>") == "html"
    assert sniff(gzip.compress(b"x")) == "unknown"


def test_entities_are_never_expanded() -> None:
    laughs = b"""<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">
<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>https://x.de/&lol3;</loc></url><url><loc>https://x.de/&xxe;</loc></url>
<url><loc>https://x.de/ok-id1.html</loc></url></urlset>"""
    urls = [e.url for e in parse_sitemap(laughs)]
    assert "https://x.de/ok-id1.html" in urls
    assert not any("lollol" in u or "root:" in u for u in urls)


def test_broken_xml_yields_what_it_can() -> None:
    truncated = NEWS_SITEMAP[: NEWS_SITEMAP.index(b"<url><loc> https")]
    assert [e.url for e in parse_sitemap(truncated)] == [
        "https://www.example-zeitung.de/lokales/a-id123.html"]
    assert list(parse_feed(b"\x00\x01 not xml")) == []
