"""StoragePipeline: each article into the store once, with its raw page."""

from __future__ import annotations

import logging
from typing import Any

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem

from newscrawl.crawl.scrapy_compat import close_spider
from newscrawl.items import EXPORT_FIELDS
from newscrawl.store import ArticleStore, SaveResult, store_for

logger = logging.getLogger(__name__)


def save_item(store: ArticleStore, adapter: ItemAdapter) -> SaveResult:
    """Save an item's export keys and raw page; what happened comes back as a SaveResult."""
    return store.save(
        {key: adapter.get(key) for key in EXPORT_FIELDS},
        adapter.get("html"),
        family=adapter.get("family"),
        status=adapter.get("http_status"),
        headers=adapter.get("http_headers"),
    )


class StoragePipeline:
    """Save the article (export keys) and its raw HTML; count inserted / unchanged / new versions
    / updated under ``newscrawl/store/<outcome>`` and copies of stored stories under
    ``newscrawl/dedup/exact_copy`` and ``newscrawl/dedup/near_copy`` (and, when the new article
    was published before the stored story and so became the original, under
    ``newscrawl/dedup/earlier_original``).

    Stops the spider once ``limit`` articles (spider argument, or NEWSCRAWL_LIMIT) were stored.
    """

    def __init__(self, crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.limit = crawler.settings.getint("NEWSCRAWL_LIMIT")
        self.stored = 0

    @classmethod
    def from_crawler(cls, crawler) -> StoragePipeline:
        return cls(crawler)

    def open_spider(self, spider=None) -> None:
        store_for(self.crawler)  # open it now: a wrong NEWSCRAWL_DB fails before any fetch
        self.limit = int(getattr(self.crawler.spider, "limit", 0) or self.limit or 0)

    def process_item(self, item: Any, spider=None) -> Any:
        adapter = ItemAdapter(item)
        if self.limit and self.stored >= self.limit:
            # Pages already in flight when the limit closed the spider are not stored.
            self.stats.inc_value("newscrawl/store/over_limit")
            raise DropItem(f"limit of {self.limit} stored articles reached")
        result = save_item(store_for(self.crawler), adapter)
        outcome = result.outcome
        self.stats.inc_value(f"newscrawl/store/{outcome}")
        adapter["version"] = result.version
        adapter["duplicate_of"] = result.duplicate_of
        # As far as this crawl knows: later copies are listed by `scrapy export`.
        adapter["appearances"] = [] if result.duplicate_of else [
            adapter["canonical_url"], *([result.replaced] if result.replaced else [])]
        if result.match:
            self.stats.inc_value(f"newscrawl/dedup/{result.match}_copy")
        if result.replaced:
            # Published before a stored story: the links were turned round in the store.
            self.stats.inc_value("newscrawl/dedup/earlier_original")
        if outcome in {"inserted", "new_version"}:
            self.stored += 1
            self.stats.inc_value("newscrawl/store/articles_stored")
            if self.limit and self.stored >= self.limit and self.crawler.engine is not None:
                close_spider(self.crawler, "limit_reached")
        # Working fields stay out of feed exports and memory.
        for key in ("html", "blocks", "date_candidates", "extracted", "http_headers"):
            if key in adapter:
                adapter[key] = None
        return item
