"""HAZ, Hannover."""

from newscrawl.families.madsack import MadsackFamily
from newscrawl.spiders.base import NewsSpider


class HazSpider(NewsSpider):
    name = "haz"
    publisher = "Hannoversche Allgemeine Zeitung"
    family = MadsackFamily
    site_url = "https://www.haz.de"
    sections = {
        "hannover": "/lokales/hannover/",
        "politik": "/politik/",
        "wirtschaft": "/wirtschaft/",
        "sport": "/sport/",
    }
