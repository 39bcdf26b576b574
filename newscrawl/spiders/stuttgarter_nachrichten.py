"""Stuttgarter Nachrichten."""

from newscrawl.families.swmh import SwmhFamily
from newscrawl.spiders.base import NewsSpider


class StuttgarterNachrichtenSpider(NewsSpider):
    name = "stuttgarter_nachrichten"
    publisher = "Stuttgarter Nachrichten"
    family = SwmhFamily
    site_url = "https://www.stuttgarter-nachrichten.de"
    sections = {
        "stuttgart": "/stuttgart/",
        "politik": "/politik/",
        "wirtschaft": "/wirtschaft/",
        "sport": "/sport/",
    }
