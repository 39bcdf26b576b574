"""Schweriner Volkszeitung (medienhaus nord); no feed known."""

from newscrawl.families.noz import NozFamily
from newscrawl.spiders.base import NewsSpider


class SvzSpider(NewsSpider):
    name = "svz"
    publisher = "Schweriner Volkszeitung"
    family = NozFamily
    site_url = "https://www.svz.de"
    sections = {
        "schwerin": "/lokales/schwerin/",
        "politik": "/politik/",
        "wirtschaft": "/wirtschaft/",
        "sport": "/sport/",
    }
