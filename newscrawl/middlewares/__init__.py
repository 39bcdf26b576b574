"""Downloader middlewares that keep a crawl safe and going: SSRF guard, hostile-input counting,
Retry-After-aware retries."""
