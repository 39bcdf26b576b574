"""newscrawl: a Scrapy crawler for German regional papers: clean, dated, deduplicated articles."""

__version__ = "0.1.0"
