"""Express, Köln. No feed or sitemap known: section pages only."""

from newscrawl.families.dumont import DumontFamily
from newscrawl.spiders.base import NewsSpider


class ExpressSpider(NewsSpider):
    name = "express"
    publisher = "Express"
    family = DumontFamily
    site_url = "https://www.express.de"
    sections = {
        "koeln": "/koeln/",
        "politik": "/politik/",
        "wirtschaft": "/wirtschaft/",
        "sport": "/sport/",
    }
