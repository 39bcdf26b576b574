"""Funke Mediengruppe: WAZ, Berliner Morgenpost, Hamburger Abendblatt, Thüringer titles, BZ.

Evidence: realpages WAZ/Berliner Morgenpost pages of 2024-03 to 2025-11 (``div.article-body``,
JSON-LD NewsArticle with ``headline``/``author``/``datePublished``); reference/regional-papers.md
§1 (Fundus FunkeParser reads the headline from JSON-LD; in-body "Mehr zum Thema" boxes; Plus body
Caesar-shifted). Version 2 is the relaunch of fixtures/families/funke_relaunch.
"""

from __future__ import annotations

from typing import ClassVar

from newscrawl.families.base import Family


class FunkeFamily(Family):
    """One CMS for all Funke regional titles."""

    name = "funke"
    domains = (
        "waz.de", "nrz.de", "wp.de", "wr.de", "ikz-online.de", "derwesten.de", "morgenpost.de",
        "abendblatt.de", "thueringer-allgemeine.de", "otz.de", "tlz.de",
        "braunschweiger-zeitung.de", "sparknews.funkemedien.de",
    )
    fingerprints = ("funkedigital", "funke-digital", "FUNKE Mediengruppe")

    # --- crawling (reference §1: Fundus config, RSS discovery) ----------------------------
    # /<ressort>/.../article<id>/<slug>.html
    article_url_pattern = r"/article\d{6,}/[^/]+\.html$"
    news_sitemap_paths = ("/sitemaps/news.xml",)
    # Monthly archive sitemaps; {year}/{month} are expanded for the months of -a since/until.
    sitemap_paths = ("/sitemaps/archive/sitemap-{year}-{month}-p00.xml.gz",)
    feed_paths = ("/rss",)
    pagination_selector = "a[rel=next]::attr(href)"

    # --- extraction -----------------------------------------------------------------------
    # The JSON-LD headline is the editorial headline; the h1 is often an SEO variant.
    title_source: ClassVar[str | None] = "jsonld"
    # The lead ("Berlin. Die Feuerwehr …") is rendered from page state; the description holds it.
    teaser_from_description: ClassVar[bool] = True
    container_selector = "div.article-body"
    teaser_selector = "[data-article-element='intro'], p.article__header__intro__text"
    drop_selectors = (
        "a[data-track-v2-parentlabel='Mehr lesen über']",
        "aside",
        "[data-article-element='related']",
        "[class*='inline-teaser']",
    )
    paywall_selectors = ("[data-paywall]", "#paywall-container", ".article--paid")


class FunkeFamilyV2(FunkeFamily):
    """The relaunched layout (fixtures/families/funke_relaunch): only the body container was
    renamed. Modelled, not yet seen on a real page: realpages of 2025-11 still print version 1,
    which the extractor finds by its container whatever the page's date."""

    valid_from = "2025-10-01"
    container_selector = "div.article__body-text"
