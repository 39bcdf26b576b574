"""CompactDupeFilter: same answers and requests.seen file as Scrapy's RFPDupeFilter."""

from __future__ import annotations

from pathlib import Path

from scrapy import Request
from scrapy.dupefilters import RFPDupeFilter
from scrapy.settings import Settings
from scrapy.utils.test import get_crawler

from newscrawl.crawl.dupefilter import COMPACT, CompactDupeFilter, CompactDupeFilterAddon


def _filter(jobdir: Path | None = None) -> CompactDupeFilter:
    settings = {"JOBDIR": str(jobdir)} if jobdir else {}
    return CompactDupeFilter.from_crawler(get_crawler(settings_dict=settings))


def test_seen_once_and_persisted(tmp_path: Path) -> None:
    ours, stock = tmp_path / "ours", tmp_path / "stock"
    dupefilter = _filter(ours)
    first, again = Request("http://127.0.0.1/a-1.html"), Request("http://127.0.0.1/a-1.html")
    assert not dupefilter.request_seen(first)
    assert dupefilter.request_seen(again)
    assert not dupefilter.request_seen(Request("http://127.0.0.1/a-2.html"))
    dupefilter.close("finished")
    # requests.seen as the installed Scrapy writes it (hex lines on 2.13, binary later).
    reference = RFPDupeFilter.from_crawler(get_crawler(settings_dict={"JOBDIR": str(stock)}))
    for url in ("http://127.0.0.1/a-1.html", "http://127.0.0.1/a-2.html"):
        reference.request_seen(Request(url))
    reference.close("finished")
    assert (ours / "requests.seen").read_bytes() == (stock / "requests.seen").read_bytes()
    resumed = _filter(ours)
    assert resumed.request_seen(Request("http://127.0.0.1/a-2.html"))
    assert not resumed.request_seen(Request("http://127.0.0.1/a-3.html"))
    resumed.close("finished")


def test_addon_keeps_an_explicit_dupefilter() -> None:
    stock = Settings()
    CompactDupeFilterAddon().update_settings(stock)
    assert stock.get("DUPEFILTER_CLASS") == COMPACT
    chosen = Settings({"DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter"})
    CompactDupeFilterAddon().update_settings(chosen)
    assert chosen.get("DUPEFILTER_CLASS") == "scrapy_redis.dupefilter.RFPDupeFilter"


def test_project_crawls_use_it() -> None:
    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.utils.project import get_project_settings

    crawler = Crawler(Spider, get_project_settings())
    crawler._apply_settings()
    assert crawler.settings.get("DUPEFILTER_CLASS") == COMPACT
