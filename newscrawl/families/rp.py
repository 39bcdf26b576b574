"""Rheinische Post Mediengruppe (InterRed CMS): RP, General-Anzeiger, Saarbrücker Zeitung, TV, AZ.

Evidence: reference/regional-papers.md §6 (``_aid-<id>`` URLs, "Content Management by
InterRed", JSON-LD ``isAccessibleForFree``, ``hasPart`` ``.paid-content``, meta
``article:content_tier=locked``, headline printed "Kicker : Headline", paywall body as random
letters). The body is read by the generic extractor; scrambled paid text is dropped statistically.
"""

from __future__ import annotations

from typing import ClassVar

from newscrawl.families.base import Family


class RheinischePostFamily(Family):
    """InterRed-based RP group titles."""

    name = "rp"
    domains = (
        "rp-online.de", "ga.de", "saarbruecker-zeitung.de", "volksfreund.de",
        "aachener-zeitung.de", "wuppertaler-rundschau.de", "solinger-tageblatt.de",
    )
    fingerprints = ("Content Management by InterRed", "/assets/skins/rp-online/",
                    "prefstorage.rp-online.de")

    # --- crawling (reference §6: Fundus rp-online config, RSS discovery report) -------------
    # /<ressort>/<ort>/<slug>_aid-<8 digits>, no ".html"
    article_url_pattern = r"_aid-\d{6,}$"
    news_sitemap_paths = ("/sitemap-news.xml",)
    sitemap_paths = ("/sitemap.xml",)
    feed_paths = ("/feed.rss",)
    pagination_selector = "a[rel=next]::attr(href)"

    # --- extraction -----------------------------------------------------------------------
    # The h1 prints "Kicker : Headline"; the headline after " : " is the title.
    title_source: ClassVar[str | None] = "h1"
    # The "park" design system: label, kicker and headline as spans in the h1.
    title_selector = ".park-article__title"
    kicker_selector = ".park-article__kicker"
    teaser_selector = ".park-article__intro"
    drop_selectors = (".park-article__paid", ".park-label")
    paywall_selectors = (".paid-content", "[data-paywall]")
