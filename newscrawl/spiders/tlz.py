"""Thüringische Landeszeitung, Weimar (Funke; `/rss` per the RSS discovery report)."""

from newscrawl.families.funke import FunkeFamily
from newscrawl.spiders.base import NewsSpider


class TlzSpider(NewsSpider):
    name = "tlz"
    publisher = "Thüringische Landeszeitung"
    family = FunkeFamily
    site_url = "https://www.tlz.de"
    sections = {
        "weimar": "/lokales/weimar/",
        "panorama": "/panorama/",
        "politik": "/politik/",
        "wirtschaft": "/wirtschaft/",
        "sport": "/sport/",
    }
