"""Thüringer Allgemeine, Erfurt. The news sitemap is the family's by analogy (unverified)."""

from newscrawl.families.funke import FunkeFamily
from newscrawl.spiders.base import NewsSpider


class ThueringerAllgemeineSpider(NewsSpider):
    name = "thueringer_allgemeine"
    publisher = "Thüringer Allgemeine"
    family = FunkeFamily
    site_url = "https://www.thueringer-allgemeine.de"
    feeds = ("/rss", "/lokales/erfurt/rss")
    sections = {
        "erfurt": "/lokales/erfurt/",
        "panorama": "/panorama/",
        "politik": "/politik/",
        "wirtschaft": "/wirtschaft/",
        "sport": "/sport/",
    }
