"""tz, München. Sitemaps by analogy with merkur.de."""

from newscrawl.families.ippen import IppenFamily
from newscrawl.spiders.base import NewsSpider


class TzSpider(NewsSpider):
    name = "tz"
    publisher = "tz"
    family = IppenFamily
    site_url = "https://www.tz.de"
    sections = {
        "muenchen": "/muenchen/",
        "politik": "/politik/",
        "wirtschaft": "/wirtschaft/",
        "sport": "/sport/",
    }
