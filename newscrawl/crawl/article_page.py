"""What follows ``extract_article`` on every path a page takes: the crawl's spider (in process
or with extraction workers), ``scrapy evaluate`` and ``scrapy reprocess``.

``count_extraction`` counts what extraction found; ``article_item`` turns it into the
``ArticleItem`` the pipelines (chrome, dates, dedup, storage) take. One place for both, so a page
gives the same item and the same stats whichever entry point extracted it.
"""

from __future__ import annotations

from typing import Any

from newscrawl.article import ExtractedArticle
from newscrawl.crawl.urls import resolve_url
from newscrawl.families import Family
from newscrawl.items import ArticleItem


def count_extraction(stats: Any, extracted: ExtractedArticle,
                     family: type[Family] | None) -> None:
    """Stats of one extracted page under ``newscrawl/extract/``.

    ``not_article`` (no item follows); ``extractor/<name>``; ``fallback_generic`` when the
    family has body rules (in any version) and the generic extractor had to step in (its layout
    probably changed; site health watches the rate); ``chrome_regions_skipped`` (DOM regions,
    not lines); ``paywall_blocks_dropped`` and ``paywalled``.
    """
    if not extracted.is_article:
        stats.inc_value("newscrawl/extract/not_article")
        return
    stats.inc_value(f"newscrawl/extract/extractor/{extracted.extractor}")
    if extracted.extractor == "generic" and family is not None and any(
            version.container_selector for version in family.versions()):
        stats.inc_value("newscrawl/extract/fallback_generic")
    if extracted.chrome_regions_skipped:
        stats.inc_value("newscrawl/extract/chrome_regions_skipped",
                        extracted.chrome_regions_skipped)
    if extracted.paywall_blocks_dropped:
        stats.inc_value("newscrawl/extract/paywall_blocks_dropped",
                        extracted.paywall_blocks_dropped)
    if extracted.paywalled:
        stats.inc_value("newscrawl/extract/paywalled")


def article_item(extracted: ExtractedArticle, *, url: str, html: str, fetched_at: str,
                 site: str | None = None, publisher: str | None = None,
                 family: str | None = None, http_status: int | None = None,
                 http_headers: dict[str, str] | None = None) -> ArticleItem:
    """The item for an article page: what the spider knows about the fetch plus the extracted
    fields (image URLs made absolute); ``blocks`` and ``date_candidates`` are the working fields
    the chrome and date pipelines turn into ``body`` and the dates."""
    return ArticleItem(
        url=url, site=site, publisher=publisher, family=family, html=html,
        http_status=http_status, http_headers=http_headers, fetched_at=fetched_at,
        canonical_url=extracted.canonical_url,
        title=extracted.title, kicker=extracted.kicker, teaser=extracted.teaser,
        blocks=list(extracted.blocks), authors=list(extracted.authors),
        section=extracted.section, tags=list(extracted.tags),
        images=[{**image.as_dict(), "url": resolve_url(url, image.url) if image.url else None}
                for image in extracted.images],
        paywalled=bool(extracted.paywalled), language=extracted.language,
        extractor=extracted.extractor, date_candidates=list(extracted.date_candidates),
    )
