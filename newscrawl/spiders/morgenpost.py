"""Berliner Morgenpost."""

from newscrawl.families.funke import FunkeFamily
from newscrawl.spiders.base import NewsSpider


class MorgenpostSpider(NewsSpider):
    name = "morgenpost"
    publisher = "Berliner Morgenpost"
    family = FunkeFamily
    site_url = "https://www.morgenpost.de"
    sections = {
        "berlin": "/berlin/",
        "panorama": "/panorama/",
        "politik": "/politik/",
        "wirtschaft": "/wirtschaft/",
        "sport": "/sport/",
    }
