"""Reading entry points: news sitemaps, sitemap indexes and RSS/RDF/Atom feeds, safely.

Parsers never resolve entities or fetch external DTDs (no billion laughs, no XXE), stream with
iterparse so a 100k-URL sitemap does not build a huge tree, and tolerate broken XML.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from lxml import etree

EntryKind = Literal["sitemap", "feed", "html", "unknown"]
MAX_SITEMAP_BYTES = 50 * 1024 * 1024  # the sitemap protocol's own limit, uncompressed


@dataclass(slots=True)
class Entry:
    """One URL listed by a sitemap or feed, with the dates the listing gave for it."""

    url: str
    published: str | None = None
    lastmod: str | None = None
    title: str | None = None
    is_sitemap: bool = False  # a child sitemap of a sitemap index


def sniff(body: bytes) -> EntryKind:
    """Guess what an entry point is from its first bytes."""
    head = body[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if b"<urlset" in head or b"<sitemapindex" in head:
        return "sitemap"
    if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
        return "feed"
    if b"<html" in head or b"<!doctype html" in head or b"<head" in head or b"<body" in head:
        return "html"
    return "unknown"


def _local(tag: object) -> str:
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].lower()


def _iterparse(body: bytes) -> Iterator[etree._Element]:
    parser_args = dict(
        events=("end",), resolve_entities=False, no_network=True, huge_tree=False,
        recover=True, load_dtd=False, remove_comments=True,
    )
    try:
        for _event, element in etree.iterparse(io.BytesIO(body), **parser_args):
            yield element
    except etree.XMLSyntaxError:
        return


def _release(element: etree._Element) -> None:
    """Free a handled element *and* its already-handled siblings: ``clear()`` alone leaves an
    empty element per entry attached to the root, so memory would grow with the sitemap."""
    element.clear(keep_tail=False)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def parse_sitemap(body: bytes) -> Iterator[Entry]:
    """URLs of a sitemap (``<url>``) or sitemap index (``<sitemap>``, ``is_sitemap=True``)."""
    for element in _iterparse(body[:MAX_SITEMAP_BYTES]):
        name = _local(element.tag)
        if name not in {"url", "sitemap"}:
            continue
        entry = Entry(url="", is_sitemap=name == "sitemap")
        for child in element.iter():
            child_name = _local(child.tag)
            text = (child.text or "").strip()
            if child_name == "loc" and not entry.url:
                entry.url = text
            elif child_name == "lastmod":
                entry.lastmod = text
            elif child_name == "publication_date":
                entry.published = text
            elif child_name == "title" and not entry.title:
                entry.title = text
        _release(element)
        if entry.url:
            yield entry


def parse_feed(body: bytes) -> Iterator[Entry]:
    """Item links of an RSS 2.0, RSS 1.0 (RDF) or Atom feed, with their publication dates."""
    for element in _iterparse(body):
        name = _local(element.tag)
        if name not in {"item", "entry"}:
            continue
        entry = Entry(url="")
        for child in element:
            child_name = _local(child.tag)
            text = (child.text or "").strip()
            if child_name == "link":
                href = child.get("href")
                rel = child.get("rel", "alternate")
                if href and rel == "alternate":
                    entry.url = entry.url or href.strip()
                elif text:
                    entry.url = entry.url or text
            elif child_name == "guid" and not entry.url and text.startswith("http"):
                entry.url = text
            elif child_name in {"pubdate", "published", "date", "issued"}:
                entry.published = entry.published or text
            elif child_name in {"updated", "modified"}:
                entry.lastmod = text
            elif child_name == "title":
                entry.title = text
        _release(element)
        if entry.url:
            yield entry
