"""Hamburger Abendblatt."""

from newscrawl.families.funke import FunkeFamily
from newscrawl.spiders.base import NewsSpider


class AbendblattSpider(NewsSpider):
    name = "abendblatt"
    publisher = "Hamburger Abendblatt"
    family = FunkeFamily
    site_url = "https://www.abendblatt.de"
    sections = {
        "hamburg": "/hamburg/",
        "panorama": "/panorama/",
        "politik": "/politik/",
        "wirtschaft": "/wirtschaft/",
        "sport": "/sport/",
    }
