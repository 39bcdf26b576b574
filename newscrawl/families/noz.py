"""NOZ / mh:n Medien: Neue Osnabrücker Zeitung, shz, SVZ, NNN, Prignitzer.

Evidence: reference/regional-papers.md §8 and chrome-phrases.md §6 (``/artikel/<slug>-<id>``
URLs, "Exklusiv für SVZ+ Nutzer", paywalled text shuffled within words, meta line
"Von dpa | 11.05.2023, 19:01 Uhr"). Generic body extraction; shuffled text dropped statistically.
"""

from __future__ import annotations

from typing import ClassVar

from newscrawl.families.base import Family


class NozFamily(Family):
    """NOZ / medienhaus nord titles."""

    name = "noz"
    domains = ("noz.de", "shz.de", "svz.de", "nnn.de", "prignitzer.de", "ostfriesischer-kurier.de")
    fingerprints = ("svz+ Logo", "Exklusiv für SVZ+", "noz-mhn")

    # --- crawling (reference §8: no sitemap known; feeds differ per title) ------------------
    # New: /<ressort>/<sub>/artikel/<slug>-<8 digits>; older shz/svz: <slug>-id<8 digits>.html
    article_url_pattern = r"/artikel/[^/]+-\d{8}$|-id\d{7,9}\.html$"
    news_sitemap_paths = ()
    sitemap_paths = ()
    feed_paths = ()
    pagination_selector = "a[rel=next]::attr(href)"

    # --- extraction -----------------------------------------------------------------------
    # The h1 prints "Kicker : Headline"; the headline after " : " is the title.
    title_source: ClassVar[str | None] = "h1"
    paywall_selectors = ("[class*='paywall']",)
