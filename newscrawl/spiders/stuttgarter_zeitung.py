"""Stuttgarter Zeitung. Its feed answers 403/404/410 (reference §5): sitemaps and sections."""

from newscrawl.families.swmh import SwmhFamily
from newscrawl.spiders.base import NewsSpider


class StuttgarterZeitungSpider(NewsSpider):
    name = "stuttgarter_zeitung"
    publisher = "Stuttgarter Zeitung"
    family = SwmhFamily
    site_url = "https://www.stuttgarter-zeitung.de"
    sections = {
        "stuttgart": "/stuttgart/",
        "politik": "/politik/",
        "wirtschaft": "/wirtschaft/",
        "sport": "/sport/",
    }
