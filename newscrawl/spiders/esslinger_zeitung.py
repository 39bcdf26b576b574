"""Esslinger Zeitung."""

from newscrawl.families.swmh import SwmhFamily
from newscrawl.spiders.base import NewsSpider


class EsslingerZeitungSpider(NewsSpider):
    name = "esslinger_zeitung"
    publisher = "Esslinger Zeitung"
    family = SwmhFamily
    site_url = "https://www.esslinger-zeitung.de"
    sections = {
        "esslingen": "/esslingen/",
        "politik": "/politik/",
        "wirtschaft": "/wirtschaft/",
        "sport": "/sport/",
    }
