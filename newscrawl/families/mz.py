"""Mitteldeutsche Zeitung and Volksstimme (Bauer Media regional platform).

Evidence: reference/regional-papers.md §9 (Fundus config for mz.de: news sitemap index
``/sitemaps/newssitemap-index.xml``, ressort sitemap index ``/sitemaps/sitemap-ressort-index.xml``,
article URLs ``/<ressort>/<slug>-<7 digits>``; their feeds answer 403/404/410). Volksstimme on the
same platform is unverified. No saved page: crawl rules only, the generic extractor reads the body.
"""

from __future__ import annotations

from newscrawl.families.base import Family


class MzFamily(Family):
    """mz.de and volksstimme.de."""

    name = "mz"
    domains = ("mz.de", "volksstimme.de")

    # --- crawling (reference §9: Fundus config for mz.de; feeds left out, reported failing) --
    article_url_pattern = r"/[a-z0-9]+(?:-[a-z0-9]+)+-\d{7}$"
    news_sitemap_paths = ("/sitemaps/newssitemap-index.xml",)
    sitemap_paths = ("/sitemaps/sitemap-ressort-index.xml",)
    feed_paths = ()
    pagination_selector = "a[rel=next]::attr(href)"
