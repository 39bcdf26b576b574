"""Kieler Nachrichten."""

from newscrawl.families.madsack import MadsackFamily
from newscrawl.spiders.base import NewsSpider


class KielerNachrichtenSpider(NewsSpider):
    name = "kieler_nachrichten"
    publisher = "Kieler Nachrichten"
    family = MadsackFamily
    site_url = "https://www.kn-online.de"
    sections = {
        "kiel": "/lokales/kiel/",
        "politik": "/politik/",
        "wirtschaft": "/wirtschaft/",
        "sport": "/sport/",
    }
