"""Neue Osnabrücker Zeitung."""

from newscrawl.families.noz import NozFamily
from newscrawl.spiders.base import NewsSpider


class NozSpider(NewsSpider):
    name = "noz"
    publisher = "Neue Osnabrücker Zeitung"
    family = NozFamily
    site_url = "https://www.noz.de"
    # Only an unverified list names this feed; failures are counted, sections carry on.
    feeds = ("/rss/aktuell.xml",)
    sections = {
        "osnabrueck": "/lokales/osnabrueck/",
        "deutschland-welt": "/deutschland-welt/",
        "politik": "/politik/",
        "wirtschaft": "/wirtschaft/",
        "sport": "/sport/",
    }
