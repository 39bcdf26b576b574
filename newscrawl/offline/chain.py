"""The offline processing chain: a saved page through the crawl's own extraction path and its
chrome and date pipelines, without a crawl. `scrapy evaluate` and `scrapy reprocess` use it, so
there is one code path from page to article.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from typing import Any

from scrapy.exceptions import DropItem
from scrapy.settings import BaseSettings, Settings
from scrapy.utils.misc import load_object

from newscrawl.crawl.article_page import article_item, count_extraction
from newscrawl.dates import to_iso_z
from newscrawl.extract import extract_article
from newscrawl.families import Family, family_by_name
from newscrawl.items import EXPORT_FIELDS, ArticleItem
from newscrawl.store.identity import name_story

# Pipelines that need a store or crawl-wide state are not part of the offline chain.
ONLINE_ONLY = frozenset(
    {
        "newscrawl.pipelines.dedup.DeduplicationPipeline",
        "newscrawl.pipelines.storage.StoragePipeline",
    }
)


class Counts:
    """The stats collector of an offline run: Scrapy's ``inc_value``/``get_value`` interface over
    a Counter (Scrapy's collectors need a crawler, and there is none)."""

    def __init__(self) -> None:
        self.values: Counter[str] = Counter()

    def inc_value(self, key: str, count: int = 1, start: int = 0, spider: Any = None) -> None:
        self.values[key] += count

    def get_value(self, key: str, default: Any = None, spider: Any = None) -> Any:
        return self.values.get(key, default)

    def get_stats(self, spider: Any = None) -> dict[str, Any]:
        return dict(self.values)


def family_named(name: str | None) -> type[Family] | None:
    """The family registered under ``name`` (None when unknown or not given)."""
    try:
        return family_by_name(name) if name else None
    except KeyError:
        return None


class OfflineChain:
    """The crawl's extraction path and its offline pipelines (ITEM_PIPELINES without dedup and
    storage, in their configured order), built once. Each offline pipeline is built from the
    stats collector alone, as its ``from_crawler`` does."""

    def __init__(self, settings: BaseSettings | None = None) -> None:
        if settings is None:
            from scrapy.utils.project import get_project_settings

            settings = get_project_settings()
        self.settings = settings
        self.stats = Counts()
        order = sorted(settings.getdict("ITEM_PIPELINES").items(), key=lambda kv: kv[1])
        self.pipelines = [load_object(path)(self.stats) for path, _priority in order
                          if path not in ONLINE_ONLY]

    def item(self, html: str, url: str, *, fetched_at: datetime | str | None = None,
             site: str | None = None, publisher: str | None = None, family: str | None = None,
             http_status: int | None = None,
             http_headers: dict[str, str] | None = None) -> ArticleItem | None:
        """The item after extraction, chrome and dates, or None when the page is no article."""
        if isinstance(fetched_at, datetime):
            fetched = fetched_at if fetched_at.tzinfo else fetched_at.replace(tzinfo=UTC)
            fetched_at = to_iso_z(fetched)
        family_cls = family_named(family)
        # A stored page's fetch date picks its family version when it states no published date.
        extracted = extract_article(html, url, family=family_cls, fetched_at=fetched_at)
        count_extraction(self.stats, extracted, family_cls)
        if not extracted.is_article:
            return None
        item = article_item(extracted, url=url, html=html,
                            fetched_at=fetched_at or to_iso_z(datetime.now(UTC)), site=site,
                            publisher=publisher, family=family, http_status=http_status,
                            http_headers=http_headers)
        try:
            for pipeline in self.pipelines:
                item = pipeline.process_item(item)
        except DropItem:
            return None
        return item

    def run(self, html: str, url: str, **fields: Any) -> dict[str, Any] | None:
        """The article record (export keys) for one page, or None when it is not an article."""
        item = self.item(html, url, **fields)
        if item is None:
            return None
        record = {key: item.get(key) for key in EXPORT_FIELDS}
        name_story(record)
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
