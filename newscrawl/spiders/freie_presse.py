"""Freie Presse, Chemnitz. Regional feeds per the Fundus config; the Atom feed of a checked list."""

from newscrawl.families.freiepresse import FreiePresseFamily
from newscrawl.spiders.base import NewsSpider


class FreiePresseSpider(NewsSpider):
    name = "freie_presse"
    publisher = "Freie Presse"
    family = FreiePresseFamily
    site_url = "https://www.freiepresse.de"
    feeds = (*FreiePresseFamily.feed_paths, "/rss/rss_chemnitz.php", "/chemnitz/feed.atom")
    sections = {
        "chemnitz": "/chemnitz/",
        "erzgebirge": "/erzgebirge/",
        "politik": "/politik/",
        "wirtschaft": "/wirtschaft/",
        "sport": "/sport/",
    }
