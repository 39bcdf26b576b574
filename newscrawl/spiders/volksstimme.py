"""Volksstimme, Magdeburg. Same platform as mz.de (unverified); its feed answers 403/404/410
(reference §9): sitemaps and sections only.
"""

from newscrawl.families.mz import MzFamily
from newscrawl.spiders.base import NewsSpider


class VolksstimmeSpider(NewsSpider):
    name = "volksstimme"
    publisher = "Volksstimme"
    family = MzFamily
    site_url = "https://www.volksstimme.de"
    sections = {
        "magdeburg": "/lokal/magdeburg/",
        "politik": "/deutschland-und-welt/politik/",
        "wirtschaft": "/deutschland-und-welt/wirtschaft/",
        "sport": "/sport/",
    }
