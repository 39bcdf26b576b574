"""OVB, Rosenheim."""

from newscrawl.families.ippen import IppenFamily
from newscrawl.spiders.base import NewsSpider


class OvbSpider(NewsSpider):
    name = "ovb"
    publisher = "Oberbayerisches Volksblatt"
    family = IppenFamily
    site_url = "https://www.ovb-online.de"
    sections = {
        "rosenheim": "/rosenheim/",
        "politik": "/politik/",
        "wirtschaft": "/wirtschaft/",
        "sport": "/sport/",
    }
