"""Kölnische Rundschau (DuMont Köln). No feed or sitemap known: section pages only."""

from newscrawl.families.dumont import DumontFamily
from newscrawl.spiders.base import NewsSpider


class RundschauOnlineSpider(NewsSpider):
    name = "rundschau_online"
    publisher = "Kölnische Rundschau"
    family = DumontFamily
    site_url = "https://www.rundschau-online.de"
    sections = {
        "koeln": "/region/koeln/",
        "politik": "/politik/",
        "wirtschaft": "/wirtschaft/",
        "sport": "/sport/",
    }
