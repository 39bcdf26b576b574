"""Kölner Stadt-Anzeiger. Its feed answers 403/404/410 (reference §7): section pages only."""

from newscrawl.families.dumont import DumontFamily
from newscrawl.spiders.base import NewsSpider


class KstaSpider(NewsSpider):
    name = "ksta"
    publisher = "Kölner Stadt-Anzeiger"
    family = DumontFamily
    site_url = "https://www.ksta.de"
    sections = {
        "koeln": "/koeln/",
        "region": "/region/",
        "politik": "/politik/",
        "wirtschaft": "/wirtschaft/",
        "sport": "/sport/",
    }
