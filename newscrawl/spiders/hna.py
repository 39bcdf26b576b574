"""Hessische/Niedersächsische Allgemeine, Kassel."""

from newscrawl.families.ippen import IppenFamily
from newscrawl.spiders.base import NewsSpider


class HnaSpider(NewsSpider):
    name = "hna"
    publisher = "HNA"
    family = IppenFamily
    site_url = "https://www.hna.de"
    sections = {
        "kassel": "/kassel/",
        "goettingen": "/lokales/goettingen/",
        "politik": "/politik/",
        "wirtschaft": "/wirtschaft/",
        "sport": "/sport/",
    }
