"""Münchner Merkur."""

from newscrawl.families.ippen import IppenFamily
from newscrawl.spiders.base import NewsSpider


class MerkurSpider(NewsSpider):
    name = "merkur"
    publisher = "Münchner Merkur"
    family = IppenFamily
    site_url = "https://www.merkur.de"
    feeds = ("/welt/rssfeed.rdf", "/rssfeed.rdf")
    sections = {
        "muenchen": "/lokales/muenchen/",
        "welt": "/welt/",
        "politik": "/politik/",
        "wirtschaft": "/wirtschaft/",
        "sport": "/sport/",
    }
