"""Lübecker Nachrichten (Madsack; Arc feed per a checked feed list)."""

from newscrawl.families.madsack import MadsackFamily
from newscrawl.spiders.base import NewsSpider


class LuebeckerNachrichtenSpider(NewsSpider):
    name = "luebecker_nachrichten"
    publisher = "Lübecker Nachrichten"
    family = MadsackFamily
    site_url = "https://www.ln-online.de"
    sections = {
        "luebeck": "/lokales/luebeck/",
        "politik": "/politik/",
        "wirtschaft": "/wirtschaft/",
        "sport": "/sport/",
    }
