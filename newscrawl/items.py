"""The article record: one Scrapy item per stored article, with the exported JSON keys."""

from __future__ import annotations

import scrapy

# Keys a user sees in `scrapy export` and in feed exports, in this order.
EXPORT_FIELDS: tuple[str, ...] = (
    "url",
    "canonical_url",
    "site",
    "publisher",
    "title",
    "kicker",
    "teaser",
    "body",
    "authors",
    "section",
    "tags",
    "published_at",
    "modified_at",
    "published_raw",
    "modified_raw",
    "published_source",
    "modified_source",
    "images",
    "paywalled",
    "language",
    "fetched_at",
    "word_count",
    "content_hash",
    "version",
    "duplicate_of",
    "appearances",
    "extractor",
)


class ArticleItem(scrapy.Item):
    """An article as it moves through the pipelines and is stored.

    Spiders fill ``url``, ``site``, ``publisher``, ``family``, ``html``, ``fetched_at`` and
    ``http_headers``; the pipelines fill the rest. ``html`` is the raw page (kept in the store so
    pipelines can be re-run); ``blocks`` and ``date_candidates`` are working fields between stages.
    """

    url = scrapy.Field()
    canonical_url = scrapy.Field()
    site = scrapy.Field()
    publisher = scrapy.Field()
    title = scrapy.Field()
    kicker = scrapy.Field()
    teaser = scrapy.Field()
    body = scrapy.Field()
    authors = scrapy.Field()
    section = scrapy.Field()
    tags = scrapy.Field()
    published_at = scrapy.Field()
    modified_at = scrapy.Field()
    published_raw = scrapy.Field()
    modified_raw = scrapy.Field()
    published_source = scrapy.Field()
    modified_source = scrapy.Field()
    images = scrapy.Field()
    paywalled = scrapy.Field()
    language = scrapy.Field()
    fetched_at = scrapy.Field()
    word_count = scrapy.Field()
    content_hash = scrapy.Field()
    version = scrapy.Field()
    duplicate_of = scrapy.Field()
    appearances = scrapy.Field()
    extractor = scrapy.Field()
    # Working fields (not exported).
    family = scrapy.Field()
    html = scrapy.Field()
    http_status = scrapy.Field()
    http_headers = scrapy.Field()
    blocks = scrapy.Field()
    # Chrome lines the chrome pipeline dropped from this page (site health's per-site count).
    chrome_dropped = scrapy.Field()
    date_candidates = scrapy.Field()
    extracted = scrapy.Field()
