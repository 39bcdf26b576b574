"""Wuppertaler Rundschau (RP group; `/feed.rss` per the RSS discovery report)."""

from newscrawl.families.rp import RheinischePostFamily
from newscrawl.spiders.base import NewsSpider


class WuppertalerRundschauSpider(NewsSpider):
    name = "wuppertaler_rundschau"
    publisher = "Wuppertaler Rundschau"
    family = RheinischePostFamily
    site_url = "https://www.wuppertaler-rundschau.de"
    sections = {
        "wuppertal": "/lokales/",
        "politik": "/politik/",
        "wirtschaft": "/wirtschaft/",
        "sport": "/sport/",
    }
