"""Madsack / RND (Arc XP): HAZ, LVZ, MAZ, Ostsee-Zeitung, Kieler/Lübecker Nachrichten, DNN.

Evidence: reference/regional-papers.md §3 (Arc URLs with 26-char ids, ``/arc/outboundfeeds/``;
visible chrome "Partner im Redaktionsnetzwerk Deutschland", newsletter teasers). No saved page:
only identification and paywall markers, the generic extractor reads the body.
"""

from __future__ import annotations

from newscrawl.families.base import Family


class MadsackFamily(Family):
    """Madsack regional titles on Arc XP."""

    name = "madsack"
    domains = (
        "haz.de", "neuepresse.de", "goettinger-tageblatt.de", "maz-online.de", "dnn.de", "lvz.de",
        "ostsee-zeitung.de", "kn-online.de", "ln-online.de", "rnd.de", "paz-online.de",
        "sn-online.de", "waz-online.de", "cz.de",
    )
    fingerprints = ("/arc/outboundfeeds/", "Partner im Redaktionsnetzwerk Deutschland")

    # --- crawling (reference §3: Arc XP; CHK lists the outbound RSS feed for every title) ---
    # <ressort>/<sub>/<slug>-<26-char Arc id>.html
    article_url_pattern = r"-[A-Z0-9]{26}\.html$"
    # Arc's default news sitemap (/arc/outboundfeeds/news-sitemap/) is unverified here: left out.
    news_sitemap_paths = ()
    sitemap_paths = ()
    feed_paths = ("/arc/outboundfeeds/rss/",)
    pagination_selector = "a[rel=next]::attr(href)"

    # --- extraction -----------------------------------------------------------------------
    drop_selectors = ("[class*='newsletter']", "[class*='Newsletter']")
    paywall_selectors = ("[class*='paywall']", "[data-testid='paywall']")
