"""The offline processing chain: the crawler's own extraction, chrome and date pipelines, run on a
saved page without a crawl. `scrapy evaluate` and `scrapy reprocess` use it, so there is one code
path from page to article.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from scrapy.exceptions import DropItem
from scrapy.settings import BaseSettings, Settings
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.misc import load_object

from newscrawl.dates import to_iso_z
from newscrawl.items import EXPORT_FIELDS, ArticleItem
from newscrawl.pipelines.dedup import choose_canonical, content_hash

# Pipelines that need a store or crawl-wide state are not part of the offline chain.
ONLINE_ONLY = frozenset(
    {
        "newscrawl.pipelines.dedup.DeduplicationPipeline",
        "newscrawl.pipelines.storage.StoragePipeline",
    }
)


class _OfflineCrawler:
    """Just enough of a Crawler (settings and stats) for the offline pipelines' from_crawler."""

    def __init__(self, settings: BaseSettings, stats: MemoryStatsCollector) -> None:
        self.settings = settings
        self.stats = stats


class OfflineChain:
    """The offline pipelines from ITEM_PIPELINES, in their configured order, built once."""

    def __init__(self, settings: BaseSettings | None = None) -> None:
        if settings is None:
            from scrapy.utils.project import get_project_settings

            settings = get_project_settings()
        self.settings = settings
        self.stats = MemoryStatsCollector(_OfflineCrawler(settings, None))  # type: ignore[arg-type]
        crawler = _OfflineCrawler(settings, self.stats)
        order = sorted(settings.getdict("ITEM_PIPELINES").items(), key=lambda kv: kv[1])
        self.pipelines = [
            load_object(path).from_crawler(crawler)
            for path, _priority in order
            if path not in ONLINE_ONLY
        ]

    def run(self, html: str, url: str, *, fetched_at: datetime | str | None = None,
            site: str | None = None, publisher: str | None = None,
            family: str | None = None) -> dict[str, Any] | None:
        """The article record (export keys) for one page, or None when it is not an article."""
        if isinstance(fetched_at, datetime):
            fetched = fetched_at if fetched_at.tzinfo else fetched_at.replace(tzinfo=UTC)
            fetched_at = to_iso_z(fetched)
        item = ArticleItem(
            url=url, html=html, fetched_at=fetched_at or to_iso_z(datetime.now(UTC)),
            site=site, publisher=publisher, family=family,
        )
        try:
            for pipeline in self.pipelines:
                item = pipeline.process_item(item, None)
        except DropItem:
            return None
        record = {key: item.get(key) for key in EXPORT_FIELDS}
        record["canonical_url"] = choose_canonical(url, item.get("canonical_url"))
        record["content_hash"] = content_hash(record.get("title"), record.get("body"))
        return record


_DEFAULT_CHAIN: OfflineChain | None = None


def process_page(html: str, url: str, *, fetched_at: datetime | str | None = None,
                 settings: Settings | None = None, **fields: Any) -> dict[str, Any] | None:
    """Run one page through extraction, chrome removal and dates, as the crawler does.

    Returns the article record with the export keys (``canonical_url`` and ``content_hash``
    included), or None when the page is not an article. Extra keyword arguments (``site``,
    ``publisher``, ``family``) are passed to the item.
    """
    global _DEFAULT_CHAIN
    if settings is not None:
        return OfflineChain(settings).run(html, url, fetched_at=fetched_at, **fields)
    if _DEFAULT_CHAIN is None:
        _DEFAULT_CHAIN = OfflineChain()
    return _DEFAULT_CHAIN.run(html, url, fetched_at=fetched_at, **fields)
