"""DuMont Köln: Kölner Stadt-Anzeiger, Express, Kölnische Rundschau.

Evidence: reference/regional-papers.md §7 and chrome-phrases.md §6/§8 ("KStA PLUS abonnieren",
"Zum Abo-Shop", the KStA toolbar "Artikel teilen / Schriftgröße ändern / Merkliste"). Only
identification and paywall markers; the generic extractor reads the body.
"""

from __future__ import annotations

from newscrawl.families.base import Family


class DumontFamily(Family):
    """DuMont Cologne titles."""

    name = "dumont"
    domains = ("ksta.de", "express.de", "rundschau-online.de")
    fingerprints = ("KStA PLUS abonnieren",)

    # --- crawling (reference §7: URL pattern not observed there; KStA feed 403/404/410) -----
    # Assumed from the current sites: /<ressort>/<ort>/<slug>-<6-7 digit id>, no ".html".
    article_url_pattern = r"/[a-z0-9]+(?:-[a-z0-9]+)+-\d{6,8}$"
    news_sitemap_paths = ()
    sitemap_paths = ()
    feed_paths = ()
    pagination_selector = "a[rel=next]::attr(href)"

    # --- extraction -----------------------------------------------------------------------
    paywall_selectors = ("[class*='paywall']",)
