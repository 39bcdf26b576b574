"""Rheinische Post, Düsseldorf."""

from newscrawl.families.rp import RheinischePostFamily
from newscrawl.spiders.base import NewsSpider


class RheinischePostSpider(NewsSpider):
    name = "rheinische_post"
    publisher = "Rheinische Post"
    family = RheinischePostFamily
    site_url = "https://rp-online.de"
    feeds = ("/feed.rss", "/nrw/staedte/duesseldorf/feed.rss")
    sections = {
        "duesseldorf": "/nrw/staedte/duesseldorf/",
        "politik": "/politik/",
        "wirtschaft": "/wirtschaft/",
        "sport": "/sport/",
    }
