"""SiteHealthExtension: at the end of each crawl, the site's health figures, a warning when a
layout probably changed, and a record in the store for `scrapy health`.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from scrapy import signals

from newscrawl.dates import to_iso_z
from newscrawl.store import store_for

logger = logging.getLogger(__name__)


def health_figures(stats: dict[str, Any]) -> dict[str, Any]:
    """The health figures of one crawl from its stats."""
    articles_seen = sum(v for k, v in stats.items() if k.startswith("newscrawl/extract/extractor/"))
    fallbacks = stats.get("newscrawl/extract/fallback_generic", 0)
    empty = stats.get("newscrawl/chrome/empty_body", 0)
    return {
        "pages_fetched": stats.get("response_received_count", 0),
        "articles_stored": stats.get("newscrawl/store/articles_stored", 0),
        "generic_fallbacks": fallbacks,
        "empty_bodies": empty,
        "paywalled": stats.get("newscrawl/extract/paywalled", 0),
        "chrome_lines_dropped": stats.get("newscrawl/chrome/lines_dropped", 0),
        "fallback_rate": (fallbacks / articles_seen) if articles_seen else 0.0,
        "empty_rate": (empty / articles_seen) if articles_seen else 0.0,
        "article_pages": articles_seen,
    }


class SiteHealthExtension:
    """Log a warning when the generic-fallback or empty-body rate of a crawl crosses its
    threshold (NEWSCRAWL_HEALTH_MAX_FALLBACK_RATE, NEWSCRAWL_HEALTH_MAX_EMPTY_RATE) and record the
    crawl's figures in the store.
    """

    def __init__(self, crawler) -> None:
        self.crawler = crawler
        self.max_fallback = crawler.settings.getfloat("NEWSCRAWL_HEALTH_MAX_FALLBACK_RATE")
        self.max_empty = crawler.settings.getfloat("NEWSCRAWL_HEALTH_MAX_EMPTY_RATE")
        self.started = datetime.now(UTC)

    @classmethod
    def from_crawler(cls, crawler) -> SiteHealthExtension:
        ext = cls(crawler)
        # Runs before the storage pipeline's close_spider (signals fire before pipelines close).
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_closed(self, spider, reason: str) -> None:
        stats = self.crawler.stats.get_stats()
        figures = health_figures(stats)
        site = spider.name
        if figures["article_pages"] >= 5 and figures["fallback_rate"] > self.max_fallback:
            logger.warning(
                "layout of %s probably changed: %.0f%% of article pages needed the generic "
                "extractor (%d of %d)", site, 100 * figures["fallback_rate"],
                figures["generic_fallbacks"], figures["article_pages"],
            )
            self.crawler.stats.set_value("newscrawl/health/layout_warning", 1)
        if figures["article_pages"] >= 5 and figures["empty_rate"] > self.max_empty:
            logger.warning("%s: %.0f%% of article pages gave an empty body", site,
                           100 * figures["empty_rate"])
            self.crawler.stats.set_value("newscrawl/health/empty_warning", 1)
        record = {k: v for k, v in figures.items() if k not in {"empty_rate", "article_pages"}}
        record.update(
            site=site, started_at=to_iso_z(self.started), finished_at=to_iso_z(datetime.now(UTC)),
            finish_reason=reason,
            stats={k: v for k, v in stats.items() if k.startswith("newscrawl/")},
        )
        try:
            store_for(self.crawler).record_crawl(record)
        except Exception:
            logger.exception("could not record crawl health for %s", site)
