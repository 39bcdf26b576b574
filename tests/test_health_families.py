"""Site health on the family fixtures: the figures a crawl records, `scrapy health`, and a
relaunched Funke site (body container renamed) that still yields its articles through the
generic fallback while the crawl warns that the layout probably changed."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from newscrawl.extensions.site_health import health_figures
from newscrawl.store import ArticleStore
from tests.conftest import ROOT, SCRAPY, run_crawl
from tests.test_families_e2e import EXPECTED, FAMILIES_DIR

RELAUNCH = json.loads((FAMILIES_DIR / "funke_relaunch" / "expected.json").read_text())


def _crawl(site: str, tmp: Path) -> dict:
    from newscrawl.testing.serve import serve_in_thread

    db = tmp / "store.sqlite3"
    with serve_in_thread(root=FAMILIES_DIR / site) as server:
        result = run_crawl("waz", f"base_url={server.base_url}", db=db)
    assert result.returncode == 0, result.stderr[-3000:]
    store = ArticleStore.open(str(db))
    records = {r["canonical_url"].removeprefix(server.base_url): r for r in store.iter_articles()}
    history = store.crawl_history()
    store.close()
    return {"db": db, "log": result.stderr, "records": records, "history": history}


@pytest.fixture(scope="module")
def healthy(tmp_path_factory: pytest.TempPathFactory) -> dict:
    return _crawl("funke", tmp_path_factory.mktemp("healthy"))


@pytest.fixture(scope="module")
def relaunched(tmp_path_factory: pytest.TempPathFactory) -> dict:
    return _crawl("funke_relaunch", tmp_path_factory.mktemp("relaunch"))


def test_health_figures_from_stats() -> None:
    stats = {"response_received_count": 12, "newscrawl/store/articles_stored": 5,
             "newscrawl/extract/extractor/family:funke": 4,
             "newscrawl/extract/extractor/generic": 1,
             "newscrawl/extract/fallback_generic": 1, "newscrawl/chrome/empty_body": 0,
             "newscrawl/extract/paywalled": 2, "newscrawl/chrome/lines_dropped": 7}
    figures = health_figures(stats)
    assert figures["pages_fetched"] == 12
    assert figures["articles_stored"] == 5
    assert figures["generic_fallbacks"] == 1
    assert figures["fallback_rate"] == pytest.approx(0.2)
    assert figures["paywalled"] == 2
    assert figures["chrome_lines_dropped"] == 7
    assert figures["empty_bodies"] == 0


def test_a_healthy_crawl_records_its_figures(healthy: dict) -> None:
    (crawl,) = healthy["history"]
    articles = EXPECTED["funke"]["articles"]
    assert crawl["site"] == "waz"
    assert crawl["finish_reason"] == "finished"
    assert crawl["articles_stored"] == len(articles)
    assert crawl["pages_fetched"] > len(articles)
    assert crawl["paywalled"] == sum(a["paywalled"] for a in articles)
    assert crawl["generic_fallbacks"] == 0
    assert crawl["empty_bodies"] == 0
    # The "Mehr zum Thema" box under each free Funke article is chrome.
    assert crawl["chrome_lines_dropped"] >= 3
    stats = crawl["stats"] if isinstance(crawl["stats"], dict) else json.loads(crawl["stats"])
    # Every fixture article prints JSON-LD dates: that is where published_at came from.
    assert stats["newscrawl/dates/source/jsonld"] == len(articles)
    assert "probably changed" not in healthy["log"]


def test_relaunched_layout_falls_back_to_generic_and_warns(relaunched: dict) -> None:
    articles = RELAUNCH["articles"]
    assert sorted(relaunched["records"]) == sorted(a["path"] for a in articles)
    for article in articles:
        record = relaunched["records"][article["path"]]
        assert record["title"] == article["title"]
        assert record["published_at"] == article["published_at"]
        assert record["extractor"] == "generic"
        for paragraph in article["body"]:
            assert paragraph in record["body"].split("\n\n"), (article["path"], paragraph)
    n = len(articles)
    assert f"layout of waz probably changed: 100% of article pages needed the generic " \
           f"extractor ({n} of {n})" in relaunched["log"]
    (crawl,) = relaunched["history"]
    assert crawl["generic_fallbacks"] == n
    assert crawl["fallback_rate"] == 1.0


def test_scrapy_health_shows_the_fallbacks(relaunched: dict) -> None:
    result = subprocess.run([SCRAPY, "health", "--db", str(relaunched["db"])], cwd=ROOT,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    header, row = result.stdout.strip().splitlines()
    cells = dict(zip(header.split(), row.split(), strict=True))
    assert cells["site"] == "waz"
    assert cells["generic_fallbacks"] == str(len(RELAUNCH["articles"]))
    assert cells["fallback_rate"] == "100%"
    assert cells["articles_stored"] == str(len(RELAUNCH["articles"]))
