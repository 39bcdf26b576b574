"""Mitteldeutsche Zeitung, Halle. Its feed answers 403/404/410 (reference §9): sitemaps and
sections only.
"""

from newscrawl.families.mz import MzFamily
from newscrawl.spiders.base import NewsSpider


class MitteldeutscheZeitungSpider(NewsSpider):
    name = "mitteldeutsche_zeitung"
    publisher = "Mitteldeutsche Zeitung"
    family = MzFamily
    site_url = "https://www.mz.de"
    sections = {
        "halle": "/lokal/halle/",
        "politik": "/deutschland-und-welt/politik/",
        "wirtschaft": "/deutschland-und-welt/wirtschaft/",
        "sport": "/sport/",
    }
