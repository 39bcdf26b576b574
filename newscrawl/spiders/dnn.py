"""Dresdner Neueste Nachrichten (Madsack; Arc feed per a checked feed list)."""

from newscrawl.families.madsack import MadsackFamily
from newscrawl.spiders.base import NewsSpider


class DnnSpider(NewsSpider):
    name = "dnn"
    publisher = "Dresdner Neueste Nachrichten"
    family = MadsackFamily
    site_url = "https://www.dnn.de"
    sections = {
        "dresden": "/lokales/dresden/",
        "politik": "/politik/",
        "wirtschaft": "/wirtschaft/",
        "sport": "/sport/",
    }
