"""Freie Presse (Chemnitzer Verlag): one site, regional RSS feeds per district.

Evidence: reference/regional-papers.md §9 (Fundus config: feeds ``/rss/rss_<region>.php``,
sitemap ``/sitemaps/articles_last2years.xml``). No saved page: crawl rules only, the generic
extractor reads the body.
"""

from __future__ import annotations

from newscrawl.families.base import Family


class FreiePresseFamily(Family):
    """freiepresse.de."""

    name = "freiepresse"
    domains = ("freiepresse.de",)

    # --- crawling (reference §9: Fundus config) ---------------------------------------------
    # Assumed from the current site (not in the reference): /<region>/<ort>/<slug>-artikel<id>
    article_url_pattern = r"-artikel\d{6,9}$"
    news_sitemap_paths = ()
    # Every article of the last two years: archive mode only (too big for "latest").
    sitemap_paths = ("/sitemaps/articles_last2years.xml",)
    feed_paths = ("/rss/rss_regional.php", "/rss/rss_sachsen.php", "/rss/rss_politik.php",
                  "/rss/rss_wirtschaft.php", "/rss/rss_sport.php")
    pagination_selector = "a[rel=next]::attr(href)"
