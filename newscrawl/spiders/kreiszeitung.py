"""Kreiszeitung Syke."""

from newscrawl.families.ippen import IppenFamily
from newscrawl.spiders.base import NewsSpider


class KreiszeitungSpider(NewsSpider):
    name = "kreiszeitung"
    publisher = "Kreiszeitung"
    family = IppenFamily
    site_url = "https://www.kreiszeitung.de"
    sections = {
        "lokales": "/lokales/",
        "politik": "/politik/",
        "wirtschaft": "/wirtschaft/",
        "sport": "/sport/",
    }
