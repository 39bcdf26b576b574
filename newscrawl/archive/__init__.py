"""Web archives in: WARC records read robustly and replayed through the crawl's path."""
