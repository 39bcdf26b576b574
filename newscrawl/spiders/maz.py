"""Märkische Allgemeine Zeitung, Potsdam."""

from newscrawl.families.madsack import MadsackFamily
from newscrawl.spiders.base import NewsSpider


class MazSpider(NewsSpider):
    name = "maz"
    publisher = "Märkische Allgemeine"
    family = MadsackFamily
    site_url = "https://www.maz-online.de"
    sections = {
        "potsdam": "/lokales/potsdam/",
        "politik": "/politik/",
        "wirtschaft": "/wirtschaft/",
        "sport": "/sport/",
    }
