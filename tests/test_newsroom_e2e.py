"""End to end: `scrapy crawl augsburger_allgemeine` against the served offline newsroom, then the
stored records checked field by field against fixtures/newsroom/expected.json."""

from __future__ import annotations

import json
import sqlite3
import subprocess
from pathlib import Path

import pytest

from newscrawl.chrome import looks_like_chrome
from tests.conftest import ROOT, SCRAPY, run_crawl

EXPECTED = json.loads((ROOT / "fixtures" / "newsroom" / "expected.json").read_text())
ARTICLES = EXPECTED["articles"]
SEED_PATH = EXPECTED["site"]["seed_path"]
FIELDS = ("title", "kicker", "teaser", "authors", "section", "published_at", "modified_at",
          "paywalled")


@pytest.fixture(scope="module")
def crawled(newsroom: str, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """One crawl of the newsroom, its export and a second crawl of the same site."""
    db = tmp_path_factory.mktemp("e2e") / "store.sqlite3"
    first = run_crawl("augsburger_allgemeine", f"base_url={newsroom}", db=db)
    assert first.returncode == 0, first.stderr[-3000:]
    out = db.with_name("export.jsonl")
    export = subprocess.run([SCRAPY, "export", "-o", str(out), "--db", str(db)], cwd=ROOT,
                            capture_output=True, text=True, check=False)
    assert export.returncode == 0, export.stderr
    records = [json.loads(line) for line in out.read_text().splitlines()]
    count_after_first = _count(db)
    second = run_crawl("augsburger_allgemeine", f"base_url={newsroom}", db=db)
    assert second.returncode == 0, second.stderr[-3000:]
    return {"db": db, "records": records, "log": first.stderr, "base": newsroom,
            "count_first": count_after_first, "count_second": _count(db)}


def _count(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM articles").fetchone()[0]


def _by_path(crawled: dict) -> dict[str, dict]:
    base = crawled["base"]
    return {r["canonical_url"].removeprefix(base): r for r in crawled["records"]}


def test_every_article_stored_exactly_once(crawled: dict) -> None:
    paths = sorted(_by_path(crawled))
    assert paths == sorted(a["canonical_path"] for a in ARTICLES)
    assert crawled["count_first"] == len(ARTICLES)


def test_non_article_pages_are_not_stored(crawled: dict) -> None:
    stored = set(_by_path(crawled))
    for page in EXPECTED["non_articles"]:
        assert page["path"] not in stored


def test_second_crawl_adds_no_rows(crawled: dict) -> None:
    assert crawled["count_second"] == crawled["count_first"]


@pytest.mark.parametrize("article", ARTICLES, ids=[a["path"].rsplit("/", 1)[-1] for a in ARTICLES])
def test_record_matches_expected(crawled: dict, article: dict) -> None:
    record = _by_path(crawled)[article["canonical_path"]]
    for field in FIELDS:
        assert record[field] == article[field], field
    assert record["body"] == "\n\n".join(block["text"] for block in article["body"])
    assert record["tags"] == article["tags"]
    expected_images = [{**img, "url": crawled["base"] + img["url"] if img["url"] and
                        img["url"].startswith("/") else img["url"]} for img in article["images"]]
    assert record["images"] == expected_images
    assert record["site"] == "augsburger_allgemeine"
    assert record["publisher"] == "Augsburger Allgemeine"
    assert record["fetched_at"].endswith("Z")


def test_seed_article(crawled: dict) -> None:
    record = _by_path(crawled)[SEED_PATH]
    assert record["title"] == "Ukraine-Konflikt: Biden will direkt mit Putin sprechen"
    assert record["kicker"] == "Spannungen"
    body = record["body"].split("\n\n")
    assert "Ukraine-Konflikt: Biden und Putin wollen telefonieren" in body
    assert "USA versichert der Ukraine „standhafte Unterstützung“" in body
    assert len(body) == 9
    assert "Lesen Sie auch" not in record["body"]
    assert body[0] != "Spannungen"
    assert "Patrick Semansky" not in record["body"]
    assert any(img["credit"] == "Patrick Semansky, dpa" and
               img["caption"].startswith("US-Präsident Joe Biden und") for img in record["images"])
    assert record["published_at"] == "2021-12-29T17:05:00Z"


def test_no_chrome_line_in_any_body(crawled: dict) -> None:
    for record in crawled["records"]:
        for line in record["body"].split("\n\n"):
            assert not looks_like_chrome(line), (record["canonical_url"], line)


def test_crawl_stats_name_the_work(crawled: dict) -> None:
    log = crawled["log"]
    assert "'newscrawl/store/inserted': " in log
    assert "'newscrawl/extract/not_article': 1" in log
    assert "'newscrawl/discovery/source/sitemap'" in log
    assert "'newscrawl/discovery/source/feed'" in log
    assert "'newscrawl/discovery/source/section'" in log


def test_feed_export_works(newsroom: str, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = run_crawl("augsburger_allgemeine", f"base_url={newsroom}", "limit=3",
                       db=tmp_path / "s.sqlite3", settings={"FEEDS": json.dumps(
                           {str(out): {"format": "jsonlines"}})})
    assert result.returncode == 0, result.stderr[-2000:]
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(rows) == 3
    assert set(rows[0]) >= {"url", "canonical_url", "title", "body", "published_at", "images"}
    assert "html" not in rows[0] and "blocks" not in rows[0]
