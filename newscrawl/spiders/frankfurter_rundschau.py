"""Frankfurter Rundschau."""

from newscrawl.families.ippen import IppenFamily
from newscrawl.spiders.base import NewsSpider


class FrankfurterRundschauSpider(NewsSpider):
    name = "frankfurter_rundschau"
    publisher = "Frankfurter Rundschau"
    family = IppenFamily
    site_url = "https://www.fr.de"
    sections = {
        "frankfurt": "/frankfurt/",
        "politik": "/politik/",
        "wirtschaft": "/wirtschaft/",
        "sport": "/sport/",
    }
