"""shz.de (medienhaus nord)."""

from newscrawl.families.noz import NozFamily
from newscrawl.spiders.base import NewsSpider


class ShzSpider(NewsSpider):
    name = "shz"
    publisher = "Schleswig-Holsteinischer Zeitungsverlag"
    family = NozFamily
    site_url = "https://www.shz.de"
    feeds = ("/rss",)
    sections = {
        "kiel": "/lokales/kiel/",
        "politik": "/politik/",
        "wirtschaft": "/wirtschaft/",
        "sport": "/sport/",
    }
