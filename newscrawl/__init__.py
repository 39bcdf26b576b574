"""newscrawl: a Scrapy crawler for German regional newspapers that stores clean, dated, deduplicated articles."""

__version__ = "0.1.0"
