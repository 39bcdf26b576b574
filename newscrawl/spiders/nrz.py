"""Neue Ruhr/Neue Rhein Zeitung (sister domain of WAZ on the Funke CMS)."""

from newscrawl.families.funke import FunkeFamily
from newscrawl.spiders.base import NewsSpider


class NrzSpider(NewsSpider):
    name = "nrz"
    publisher = "NRZ"
    family = FunkeFamily
    site_url = "https://www.nrz.de"
    sections = {
        "duisburg": "/lokales/duisburg/",
        "panorama": "/panorama/",
        "politik": "/politik/",
        "wirtschaft": "/wirtschaft/",
        "sport": "/sport/",
    }
