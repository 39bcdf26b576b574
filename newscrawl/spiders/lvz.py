"""LVZ, Leipzig."""

from newscrawl.families.madsack import MadsackFamily
from newscrawl.spiders.base import NewsSpider


class LvzSpider(NewsSpider):
    name = "lvz"
    publisher = "Leipziger Volkszeitung"
    family = MadsackFamily
    site_url = "https://www.lvz.de"
    sections = {
        "leipzig": "/lokales/leipzig/",
        "politik": "/politik/",
        "wirtschaft": "/wirtschaft/",
        "sport": "/sport/",
    }
