"""Allgäuer Zeitung, Kempten. Same group as the Augsburger Allgemeine; that it shares the
AA platform is unverified (reference §4), so extraction falls back to generic if not.
"""

from newscrawl.families.pressedruck import PressedruckFamily
from newscrawl.spiders.base import NewsSpider


class AllgaeuerZeitungSpider(NewsSpider):
    name = "allgaeuer_zeitung"
    publisher = "Allgäuer Zeitung"
    family = PressedruckFamily
    site_url = "https://www.allgaeuer-zeitung.de"
    sections = {
        "kempten": "/allgaeu/kempten/",
        "bayern": "/bayern/",
        "politik": "/politik/",
        "wirtschaft": "/wirtschaft/",
        "sport": "/sport/",
    }
