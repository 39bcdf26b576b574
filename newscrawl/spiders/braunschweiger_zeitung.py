"""Braunschweiger Zeitung."""

from newscrawl.families.funke import FunkeFamily
from newscrawl.spiders.base import NewsSpider


class BraunschweigerZeitungSpider(NewsSpider):
    name = "braunschweiger_zeitung"
    publisher = "Braunschweiger Zeitung"
    family = FunkeFamily
    site_url = "https://www.braunschweiger-zeitung.de"
    sections = {
        "braunschweig": "/braunschweig/",
        "panorama": "/panorama/",
        "politik": "/politik/",
        "wirtschaft": "/wirtschaft/",
        "sport": "/sport/",
    }
