"""Schwarzwälder Bote, Oberndorf."""

from newscrawl.families.swmh import SwmhFamily
from newscrawl.spiders.base import NewsSpider


class SchwarzwaelderBoteSpider(NewsSpider):
    name = "schwarzwaelder_bote"
    publisher = "Schwarzwälder Bote"
    family = SwmhFamily
    site_url = "https://www.schwarzwaelder-bote.de"
    # Only an unverified list names this feed: requested after the sitemaps, failures counted.
    feeds = ("/news.feed",)
    sections = {
        "region": "/region/",
        "politik": "/politik/",
        "wirtschaft": "/wirtschaft/",
        "sport": "/sport/",
    }
