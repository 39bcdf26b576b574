"""newscrawl: a Scrapy crawler for German regional newspapers; clean, dated, deduplicated articles."""

__version__ = "0.1.0"
