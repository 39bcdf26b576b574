"""Frankfurter Neue Presse (Ippen; `/rssfeed.rdf` per a checked feed list)."""

from newscrawl.families.ippen import IppenFamily
from newscrawl.spiders.base import NewsSpider


class FnpSpider(NewsSpider):
    name = "fnp"
    publisher = "Frankfurter Neue Presse"
    family = IppenFamily
    site_url = "https://www.fnp.de"
    sections = {
        "frankfurt": "/frankfurt/",
        "politik": "/politik/",
        "wirtschaft": "/wirtschaft/",
        "sport": "/sport/",
    }
