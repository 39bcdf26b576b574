"""Saarbrücker Zeitung. One list reports its feed failing (403/404/410): the news sitemap
comes first and a failed feed is only counted.
"""

from newscrawl.families.rp import RheinischePostFamily
from newscrawl.spiders.base import NewsSpider


class SaarbrueckerZeitungSpider(NewsSpider):
    name = "saarbruecker_zeitung"
    publisher = "Saarbrücker Zeitung"
    family = RheinischePostFamily
    site_url = "https://www.saarbruecker-zeitung.de"
    sections = {
        "saarland": "/saarland/",
        "politik": "/politik/",
        "wirtschaft": "/wirtschaft/",
        "sport": "/sport/",
    }
