"""Site health on the family fixtures: the figures a crawl records, `scrapy health`, the
relaunched Funke site (body container renamed) read through Funke version 2 with no warning, and
a layout no version knows (the relaunch renamed once more) that still yields its articles through
the generic fallback while the crawl warns that the layout probably changed."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from newscrawl.extensions.site_health import health_figures
from newscrawl.store import ArticleStore
from tests.conftest import ROOT, SCRAPY, run_crawl
from tests.test_families_e2e import EXPECTED, FAMILIES_DIR

RELAUNCH = json.loads((FAMILIES_DIR / "funke_relaunch" / "expected.json").read_text())
FIELDS = ("title", "teaser", "authors", "section", "published_at", "modified_at", "paywalled")


def _crawl(site_dir: Path, tmp: Path) -> dict:
    from newscrawl.testing.serve import serve_in_thread

    db = tmp / "store.sqlite3"
    with serve_in_thread(root=site_dir) as server:
        result = run_crawl("waz", f"base_url={server.base_url}", db=db)
    assert result.returncode == 0, result.stderr[-3000:]
    store = ArticleStore.open(str(db))
    records = {r["canonical_url"].removeprefix(server.base_url): r for r in store.iter_articles()}
    history = store.crawl_history()
    store.close()
    return {"db": db, "log": result.stderr, "records": records, "history": history}


@pytest.fixture(scope="module")
def healthy(tmp_path_factory: pytest.TempPathFactory) -> dict:
    return _crawl(FAMILIES_DIR / "funke", tmp_path_factory.mktemp("healthy"))


@pytest.fixture(scope="module")
def relaunched(tmp_path_factory: pytest.TempPathFactory) -> dict:
    return _crawl(FAMILIES_DIR / "funke_relaunch", tmp_path_factory.mktemp("relaunch"))


@pytest.fixture(scope="module")
def unknown_layout(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The relaunched site with its body container renamed again, to a class no version of the
    Funke family knows."""
    tmp = tmp_path_factory.mktemp("unknown")
    site = shutil.copytree(FAMILIES_DIR / "funke_relaunch", tmp / "site")
    pages = [site / a["path"].lstrip("/") for a in RELAUNCH["articles"]]
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert html.count('class="article__body-text ') == 1
        page.write_text(html.replace('class="article__body-text ', 'class="story-flow '),
                        encoding="utf-8")
    return _crawl(site, tmp)


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
    stats = crawl["stats"] if isinstance(crawl["stats"], dict) else json.loads(crawl["stats"])
    # The "Mehr zum Thema" box under each free Funke article is chrome, skipped as a DOM region
    # while the body is read (counted in regions, not in the chrome stage's lines).
    assert stats["newscrawl/extract/chrome_regions_skipped"] >= 3
    # Every fixture article prints JSON-LD dates: that is where published_at came from.
    assert stats["newscrawl/dates/source/jsonld"] == len(articles)
    assert "probably changed" not in healthy["log"]


def test_relaunched_layout_reads_through_family_version_2(relaunched: dict) -> None:
    articles = RELAUNCH["articles"]
    assert sorted(relaunched["records"]) == sorted(a["path"] for a in articles)
    for article in articles:
        record = relaunched["records"][article["path"]]
        for field in FIELDS:
            assert record[field] == article[field], (article["path"], field)
        assert record["body"].split("\n\n") == article["body"], article["path"]
        assert record["extractor"] == "family:funke@2"
    (crawl,) = relaunched["history"]
    stats = crawl["stats"] if isinstance(crawl["stats"], dict) else json.loads(crawl["stats"])
    assert stats["newscrawl/extract/extractor/family:funke@2"] == len(articles)
    assert crawl["generic_fallbacks"] == 0
    assert crawl["fallback_rate"] == 0.0
    assert "probably changed" not in relaunched["log"]


def test_unknown_layout_falls_back_to_generic_and_warns(unknown_layout: dict) -> None:
    articles = RELAUNCH["articles"]
    assert sorted(unknown_layout["records"]) == sorted(a["path"] for a in articles)
    for article in articles:
        record = unknown_layout["records"][article["path"]]
        assert record["title"] == article["title"]
        assert record["published_at"] == article["published_at"]
        assert record["extractor"] == "generic"
        for paragraph in article["body"]:
            assert paragraph in record["body"].split("\n\n"), (article["path"], paragraph)
    n = len(articles)
    assert f"layout of waz probably changed: 100% of article pages needed the generic " \
           f"extractor ({n} of {n})" in unknown_layout["log"]
    (crawl,) = unknown_layout["history"]
    assert crawl["generic_fallbacks"] == n
    assert crawl["fallback_rate"] == 1.0


def test_scrapy_health_shows_the_fallbacks(unknown_layout: dict) -> None:
    result = subprocess.run([SCRAPY, "health", "--db", str(unknown_layout["db"])], cwd=ROOT,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    header, row = result.stdout.strip().splitlines()
    columns = header.split()
    # One line per site; the reason (last column) is words.
    cells = dict(zip(columns, row.split(maxsplit=len(columns) - 1), strict=True))
    assert cells["site"] == "waz"
    assert cells["state"] == "amber"
    assert cells["reason"].startswith("100% of articles needed the generic extractor")
    assert cells["generic_fallbacks"] == str(len(RELAUNCH["articles"]))
    assert cells["fallback_rate"] == "100%"
    assert cells["articles_stored"] == str(len(RELAUNCH["articles"]))
