"""Norddeutsche Neueste Nachrichten, Rostock (medienhaus nord); no feed known."""

from newscrawl.families.noz import NozFamily
from newscrawl.spiders.base import NewsSpider


class NnnSpider(NewsSpider):
    name = "nnn"
    publisher = "Norddeutsche Neueste Nachrichten"
    family = NozFamily
    site_url = "https://www.nnn.de"
    sections = {
        "rostock": "/lokales/rostock/",
        "politik": "/politik/",
        "wirtschaft": "/wirtschaft/",
        "sport": "/sport/",
    }
