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

    # --- extraction -----------------------------------------------------------------------
    paywall_selectors = ("[class*='paywall']",)
