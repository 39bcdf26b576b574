"""Which site a page belongs to: a paper spider is one site; a multi-site crawl (``generic``)
has one site per host, so three papers crawled together are three rows, never one."""

from __future__ import annotations

from urllib.parse import urlsplit


def site_of(spider_name: str, paper: bool, url: str) -> str:
    """The site name: the spider's for a paper spider, else the URL's host without ``www.``."""
    if paper:
        return spider_name
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.") or spider_name
