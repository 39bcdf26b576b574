"""Mediengruppe Pressedruck (Augsburg): Augsburger Allgemeine, Allgäuer Zeitung.

Evidence: reference/regional-papers.md §4 (``/<ressort>/<Slug>-id<8 digits>.html`` URLs,
"Plus" flag before the lead) and the offline newsroom fixture site (fixtures/newsroom/).
"""

from __future__ import annotations

from newscrawl.families.base import Family


class PressedruckFamily(Family):
    """Augsburger Allgemeine platform."""

    name = "pressedruck"
    domains = ("augsburger-allgemeine.de", "allgaeuer-zeitung.de")
    fingerprints = ("augsburger-allgemeine.de/",)

    # --- extraction -----------------------------------------------------------------------
    paywall_selectors = ("[class*='paywall']",)
