"""DeduplicationPipeline: one canonical URL per story, exact copies linked to their original."""

from __future__ import annotations

import hashlib
import re
from typing import Any
from urllib.parse import urlsplit

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem

from newscrawl.crawl.compactset import CompactStringSet
from newscrawl.crawl.urls import canonicalize_url, declared_canonical

_SPACE = re.compile(r"\s+")


def content_hash(title: str | None, body: str | None) -> str:
    """SHA-1 of the case-folded, whitespace-normalised title and body."""
    text = _SPACE.sub(" ", f"{title or ''}\n{body or ''}").strip().casefold()
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def choose_canonical(url: str, declared: str | None) -> str:
    """The page's declared canonical URL when it is trustworthy (same site, not the front page),
    else the fetched URL; canonicalised either way.

    The fetched scheme and host are kept: a mirror (``base_url``) serves the real site's paths.
    """
    trusted = declared_canonical(url, declared)
    if trusted is None:
        return canonicalize_url(url)
    base = urlsplit(url)
    return canonicalize_url(urlsplit(trusted)._replace(scheme=base.scheme,
                                                       netloc=base.netloc).geturl())


class DeduplicationPipeline:
    """Set ``canonical_url`` and ``content_hash``; drop a second copy of the same canonical URL
    within one crawl.

    Linking copies of a story stored under other URLs (same content hash, or near-duplicate by
    MinHash) happens in the store's save, atomically with the insert, so crawl processes writing
    to one database at once agree on which record is the story.
    """

    def __init__(self, crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        # Canonical URLs of this crawl as 8-byte hashes (newscrawl.crawl.compactset): flat memory.
        self.seen = CompactStringSet()

    @classmethod
    def from_crawler(cls, crawler) -> DeduplicationPipeline:
        return cls(crawler)

    def process_item(self, item: Any, spider=None) -> Any:
        adapter = ItemAdapter(item)
        canonical = choose_canonical(adapter["url"], adapter.get("canonical_url"))
        adapter["canonical_url"] = canonical
        if canonical in self.seen:
            self.stats.inc_value("newscrawl/dedup/same_url_in_crawl")
            raise DropItem(f"already stored in this crawl: {canonical}")
        self.seen.add(canonical)
        adapter["content_hash"] = content_hash(adapter.get("title"), adapter.get("body"))
        return item
