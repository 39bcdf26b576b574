"""DeduplicationPipeline: one canonical URL per story, exact copies linked to their original.

``content_hash`` and ``choose_canonical`` live in ``newscrawl.store.identity``.
"""

from __future__ import annotations

from typing import Any

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem

from newscrawl.crawl.compactset import CompactStringSet
from newscrawl.store.identity import choose_canonical, content_hash


class DeduplicationPipeline:
    """Set ``canonical_url`` and ``content_hash``; drop a second copy of the same canonical URL
    within one crawl.

    Linking copies of a story stored under other URLs (same content hash, or near-duplicate by
    MinHash) happens in the store's save, atomically with the insert, so crawl processes writing
    to one database at once agree on which record is the story: the copy published first.
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
