"""DeduplicationPipeline: one canonical URL per story, exact copies linked to their original.

``name_story`` (canonical URL and content hash) lives in ``newscrawl.store.identity``.
"""

from __future__ import annotations

from typing import Any

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem

from newscrawl.crawl.compactset import CompactStringSet
from newscrawl.store.identity import name_story


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
        canonical = name_story(adapter)
        if canonical in self.seen:
            self.stats.inc_value("newscrawl/dedup/same_url_in_crawl")
            raise DropItem(f"already stored in this crawl: {canonical}")
        self.seen.add(canonical)
        return item
