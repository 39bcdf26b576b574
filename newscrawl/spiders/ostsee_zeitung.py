"""Ostsee-Zeitung, Rostock."""

from newscrawl.families.madsack import MadsackFamily
from newscrawl.spiders.base import NewsSpider


class OstseeZeitungSpider(NewsSpider):
    name = "ostsee_zeitung"
    publisher = "Ostsee-Zeitung"
    family = MadsackFamily
    site_url = "https://www.ostsee-zeitung.de"
    sections = {
        "rostock": "/lokales/rostock/",
        "politik": "/politik/",
        "wirtschaft": "/wirtschaft/",
        "sport": "/sport/",
    }
