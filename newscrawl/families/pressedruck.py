"""Mediengruppe Pressedruck (Augsburg): Augsburger Allgemeine, Allgäuer Zeitung.

Evidence: reference/regional-papers.md §4 (``/<ressort>/<Slug>-id<8 digits>.html`` URLs, "Plus"
flag before the lead, "Von X - HH:MM Uhr" meta line) and chrome-phrases.md (AA icon labels,
"(Lesen Sie auch: …)"); markup as in the offline newsroom fixture site (fixtures/newsroom/
README.md, "Markup conventions"): ``article.aa-article`` with ``aa-article__*`` elements.
"""

from __future__ import annotations

from typing import ClassVar

from newscrawl.families.base import Family


class PressedruckFamily(Family):
    """Augsburger Allgemeine platform (``aa-*`` markup)."""

    name = "pressedruck"
    domains = ("augsburger-allgemeine.de", "allgaeuer-zeitung.de")
    fingerprints = ('class="aa-article', "aa-article__body")

    # --- crawling (reference §4; /rss per CHK; the news sitemap as in the newsroom fixture) ---
    # /<ressort>/<Slug>-id<8 digits>.html
    article_url_pattern = r"-id\d{6,}\.html$"
    news_sitemap_paths = ("/sitemap-news.xml",)
    sitemap_paths = ()
    feed_paths = ("/rss",)
    pagination_selector = "a[rel=next]::attr(href)"

    # --- extraction -----------------------------------------------------------------------
    # The printed headline span; og:title may carry SEO variants.
    title_source: ClassVar[str | None] = "h1"
    container_selector = "article.aa-article .aa-article__body"
    title_selector = ".aa-article__headline"
    kicker_selector = ".aa-article__kicker"
    teaser_selector = "p.aa-article__lead"
    subheading_selector = "h2.aa-article__subhead"
    author_selector = ".aa-article__author"
    section_selector = "nav.breadcrumb li.breadcrumb__item:nth-child(2)"
    figure_selector = "figure.aa-figure"
    caption_selector = ".aa-figure__text"
    credit_selector = ".aa-figure__credit"
    drop_selectors = (
        ".aa-ad", "aside.aa-related", "section.aa-newsletter", "p.aa-separator",
        "p.aa-article__more", ".aa-paywall__offer", ".aa-plus-badge", ".aa-lightbox",
        ".aa-figure__pager",
    )
    paywall_selectors = ("article.aa-article--plus", "article[data-paywall='true']",
                         "div.aa-paywall")
