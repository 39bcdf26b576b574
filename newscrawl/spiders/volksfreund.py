"""Trierischer Volksfreund."""

from newscrawl.families.rp import RheinischePostFamily
from newscrawl.spiders.base import NewsSpider


class VolksfreundSpider(NewsSpider):
    name = "volksfreund"
    publisher = "Trierischer Volksfreund"
    family = RheinischePostFamily
    site_url = "https://www.volksfreund.de"
    sections = {
        "trier": "/region/trier/",
        "politik": "/politik/",
        "wirtschaft": "/wirtschaft/",
        "sport": "/sport/",
    }
