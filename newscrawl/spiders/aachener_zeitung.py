"""Aachener Zeitung."""

from newscrawl.families.rp import RheinischePostFamily
from newscrawl.spiders.base import NewsSpider


class AachenerZeitungSpider(NewsSpider):
    name = "aachener_zeitung"
    publisher = "Aachener Zeitung"
    family = RheinischePostFamily
    site_url = "https://www.aachener-zeitung.de"
    sections = {
        "aachen": "/lokales/aachen/",
        "politik": "/politik/",
        "wirtschaft": "/wirtschaft/",
        "sport": "/sport/",
    }
