"""General-Anzeiger, Bonn."""

from newscrawl.families.rp import RheinischePostFamily
from newscrawl.spiders.base import NewsSpider


class GeneralAnzeigerSpider(NewsSpider):
    name = "general_anzeiger"
    publisher = "General-Anzeiger Bonn"
    family = RheinischePostFamily
    site_url = "https://www.ga.de"
    sections = {
        "bonn": "/bonn/",
        "politik": "/politik/",
        "wirtschaft": "/wirtschaft/",
        "sport": "/sport/",
    }
