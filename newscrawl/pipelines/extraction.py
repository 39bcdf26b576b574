"""ExtractionPipeline: the raw page becomes the article's fields, blocks and date candidates."""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urljoin

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem

from newscrawl.article import ExtractedArticle
from newscrawl.extract import extract_article

logger = logging.getLogger(__name__)


def family_named(name: str | None):
    """The family class registered under ``name`` (None when unknown or not given)."""
    if not name:
        return None
    from newscrawl.families import family_by_name

    try:
        return family_by_name(name)
    except KeyError:
        return None


class ExtractionPipeline:
    """Fill title, kicker, teaser, blocks, authors, section, tags, images, paywall flag and
    date candidates from ``item['html']``.

    The spider may already have extracted the page (it needs to know whether a page is an
    article before it yields it); that result travels in ``item['extracted']`` so the page is
    parsed once. Pages that are not articles are dropped and counted.
    """

    def __init__(self, stats) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler) -> ExtractionPipeline:
        return cls(crawler.stats)

    @staticmethod
    def _has_body_rules(name: str | None) -> bool:
        family = family_named(name)
        return bool(family and family.container_selector)

    def process_item(self, item: Any, spider=None) -> Any:
        adapter = ItemAdapter(item)
        extracted: ExtractedArticle | None = adapter.get("extracted")
        if extracted is None:
            family = family_named(adapter.get("family"))
            extracted = extract_article(adapter.get("html") or "", adapter["url"], family=family)
        if not extracted.is_article:
            self.stats.inc_value("newscrawl/extract/not_article")
            raise DropItem(f"not an article: {adapter['url']}")
        self.stats.inc_value(f"newscrawl/extract/extractor/{extracted.extractor}")
        if extracted.extractor == "generic" and self._has_body_rules(adapter.get("family")):
            # The family's body rules found nothing: its layout probably changed.
            self.stats.inc_value("newscrawl/extract/fallback_generic")
        if extracted.chrome_regions_skipped:
            # Chrome removed while reading the container counts with the chrome stage's lines.
            self.stats.inc_value("newscrawl/chrome/lines_dropped", extracted.chrome_regions_skipped)
            self.stats.inc_value("newscrawl/chrome/dropped/region",
                                 extracted.chrome_regions_skipped)
        if extracted.paywall_blocks_dropped:
            self.stats.inc_value("newscrawl/extract/paywall_blocks_dropped",
                                 extracted.paywall_blocks_dropped)
        adapter["title"] = extracted.title
        adapter["kicker"] = extracted.kicker
        adapter["teaser"] = extracted.teaser
        adapter["blocks"] = list(extracted.blocks)
        adapter["authors"] = list(extracted.authors)
        adapter["section"] = extracted.section
        adapter["tags"] = list(extracted.tags)
        adapter["images"] = [
            {**image.as_dict(), "url": urljoin(adapter["url"], image.url) if image.url else None}
            for image in extracted.images
        ]
        adapter["paywalled"] = bool(extracted.paywalled)
        adapter["language"] = extracted.language
        adapter["extractor"] = extracted.extractor
        adapter["date_candidates"] = list(extracted.date_candidates)
        if extracted.canonical_url and not adapter.get("canonical_url"):
            adapter["canonical_url"] = extracted.canonical_url
        if extracted.paywalled:
            self.stats.inc_value("newscrawl/extract/paywalled")
        adapter["extracted"] = None  # the working copy has served its purpose
        return item
