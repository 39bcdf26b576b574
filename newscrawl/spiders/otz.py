"""Ostthüringer Zeitung, Gera (Funke; `/rss` per the RSS discovery report)."""

from newscrawl.families.funke import FunkeFamily
from newscrawl.spiders.base import NewsSpider


class OtzSpider(NewsSpider):
    name = "otz"
    publisher = "Ostthüringer Zeitung"
    family = FunkeFamily
    site_url = "https://www.otz.de"
    sections = {
        "gera": "/lokales/gera/",
        "panorama": "/panorama/",
        "politik": "/politik/",
        "wirtschaft": "/wirtschaft/",
        "sport": "/sport/",
    }
