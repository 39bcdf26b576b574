"""Westdeutsche Allgemeine Zeitung, Essen. Local feeds per the RSS discovery report."""

from newscrawl.families.funke import FunkeFamily
from newscrawl.spiders.base import NewsSpider


class WazSpider(NewsSpider):
    name = "waz"
    publisher = "WAZ"
    family = FunkeFamily
    site_url = "https://www.waz.de"
    feeds = ("/rss", "/lokales/essen/rss", "/lokales/duisburg/rss", "/lokales/bochum/rss")
    sections = {
        "essen": "/lokales/essen/",
        "panorama": "/panorama/",
        "politik": "/politik/",
        "wirtschaft": "/wirtschaft/",
        "sport": "/sport/",
    }
