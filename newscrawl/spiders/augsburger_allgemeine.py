"""Augsburger Allgemeine (Mediengruppe Pressedruck, Augsburg)."""

from newscrawl.families.pressedruck import PressedruckFamily
from newscrawl.spiders.base import NewsSpider


class AugsburgerAllgemeineSpider(NewsSpider):
    name = "augsburger_allgemeine"
    publisher = "Augsburger Allgemeine"
    family = PressedruckFamily
    site_url = "https://www.augsburger-allgemeine.de"
    sections = {
        "augsburg": "/augsburg/",
        "bayern": "/bayern/",
        "politik": "/politik/",
        "wirtschaft": "/wirtschaft/",
        "sport": "/sport/",
        "panorama": "/panorama/",
    }
