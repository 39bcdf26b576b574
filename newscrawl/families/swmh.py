"""SWMH: Stuttgarter Zeitung/Nachrichten, Esslinger Zeitung, Schwarzwälder Bote, Frankenpost.

Evidence: realpages Stuttgarter Zeitung pages (``p.u-paragraph``, ``u-article-header__*``,
inline ``u-teaser`` boxes of other articles); reference/regional-papers.md §5 (Fundus StZ parser:
title og:title, body ``div.article-body p`` (V1) / ``p.u-paragraph`` (V2); "StZ Plus" paywall).
"""

from __future__ import annotations

from typing import ClassVar

from newscrawl.families.base import Family


class SwmhFamily(Family):
    """Südwestdeutsche Medienholding regional titles (``inhalt.<slug>.<uuid>.html``)."""

    name = "swmh"
    domains = (
        "stuttgarter-zeitung.de", "stuttgarter-nachrichten.de", "esslinger-zeitung.de",
        "schwarzwaelder-bote.de", "frankenpost.de", "kornwestheimer-zeitung.de",
        "cannstatter-zeitung.de", "lkz.de",
    )
    fingerprints = ("u-article-header__", "u-paragraph")

    # --- crawling (reference §5: Fundus StZ sitemaps; StZ feeds answer 403/404/410 per CHK) --
    # /inhalt.<slug>.<uuid-v4>.html
    article_url_pattern = (r"/inhalt\.[^/]+\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-"
                           r"[0-9a-f]{12}\.html$")
    news_sitemap_paths = ("/sitemap-news.xml",)
    sitemap_paths = ("/sitemap.xml",)
    feed_paths = ()
    pagination_selector = "a[rel=next]::attr(href)"

    # --- extraction -----------------------------------------------------------------------
    title_source: ClassVar[str | None] = "og"
    kicker_selector = ".u-article-header__overline"
    teaser_selector = ".u-article-header__intro, .u-article-header__description"
    author_selector = ".u-author__name"
    drop_selectors = (".u-teaser", ".u-inline-teaser", ".u-article-newsletter",
                      ".u-article-header__utility-bar")
    paywall_selectors = (".u-paywall", ".u-pay-plus--article")
