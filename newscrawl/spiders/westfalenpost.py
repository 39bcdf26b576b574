"""Westfalenpost, Hagen (sister domain of WAZ on the Funke CMS)."""

from newscrawl.families.funke import FunkeFamily
from newscrawl.spiders.base import NewsSpider


class WestfalenpostSpider(NewsSpider):
    name = "westfalenpost"
    publisher = "Westfalenpost"
    family = FunkeFamily
    site_url = "https://www.wp.de"
    sections = {
        "hagen": "/lokales/hagen/",
        "panorama": "/panorama/",
        "politik": "/politik/",
        "wirtschaft": "/wirtschaft/",
        "sport": "/sport/",
    }
