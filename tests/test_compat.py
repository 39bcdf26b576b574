"""Files an older newscrawl wrote still load: a JOBDIR's pending requests and a SQLite store
written before the modules moved (issue 15; fixtures/compat/README.md)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from scrapy.squeues import PickleLifoDiskQueue
from scrapy.utils.test import get_crawler

from newscrawl.offline.chain import process_page
from newscrawl.spiders.augsburger_allgemeine import AugsburgerAllgemeineSpider
from newscrawl.store import ArticleStore

OLD = Path(__file__).resolve().parents[1] / "fixtures" / "compat" / "pre-renovation"


@pytest.fixture
def old(tmp_path: Path) -> Path:
    copy = tmp_path / "old"
    shutil.copytree(OLD, copy)
    return copy


def test_pending_requests_of_an_old_jobdir_load(old: Path) -> None:
    crawler = get_crawler(AugsburgerAllgemeineSpider)
    spider = AugsburgerAllgemeineSpider.from_crawler(crawler, base_url="http://127.0.0.1:8798")
    crawler.spider = spider  # the disk queue resolves callbacks on the crawler's spider
    requests = []
    for path in sorted((old / "job" / "requests.queue").iterdir()):
        if path.name == "active.json":
            continue
        queue = PickleLifoDiskQueue.from_crawler(crawler, str(path))
        while (request := queue.pop()) is not None:
            requests.append(request)
        queue.close()
    assert len(requests) >= 10
    callbacks = {request.callback.__name__ for request in requests}
    assert callbacks <= {"parse_article", "parse_article_pooled", "parse_entry", "parse_section",
                         "parse"}, callbacks
    assert all(request.callback.__self__ is spider for request in requests)
    assert all(request.url.startswith("http://127.0.0.1:8798/") for request in requests)


def test_an_old_store_reads_and_reprocesses(old: Path) -> None:
    store = ArticleStore.open(str(old / "store.sqlite3"))
    try:
        articles = list(store.iter_articles())
        # The crawl stopped after 3 stored articles; those in flight were stored too.
        assert len(articles) == 15
        assert all(a["title"] and a["body"] and a["published_at"] for a in articles)
        pages = list(store.iter_pages())
        assert len(pages) == 15
        for page in pages:
            record = process_page(page.html, page.url, fetched_at=page.fetched_at,
                                  family=page.family, site=page.site)
            stored = store.get(record["canonical_url"])
            assert stored is not None
            assert record["body"] == stored["body"]
    finally:
        store.close()
