"""Lech-Isar-Bote: a fictional Ippen-style regional paper (the second offline fixture site,
fixtures/newsroom2), which carries dpa copies of stories the first fixture paper ran."""

from newscrawl.families.ippen import IppenFamily
from newscrawl.spiders.base import NewsSpider


class LechIsarBoteSpider(NewsSpider):
    name = "lech_isar_bote"
    publisher = "Lech-Isar-Bote"
    family = IppenFamily
    site_url = "https://www.lech-isar-bote.de"
    news_sitemaps = ("/news.xml",)
    feeds = ("/rssfeed.rdf",)
    sections = {
        "politik": "/politik/",
        "wirtschaft": "/wirtschaft/",
        "panorama": "/panorama/",
        "lokales": "/lokales/",
    }
