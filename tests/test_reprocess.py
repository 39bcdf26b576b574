"""`scrapy reprocess`: the stored raw pages go through the current pipelines again, offline; a
changed rule updates exactly the affected records, in place (no new version)."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, SCRAPY, run_crawl
from scrapy.utils.project import get_project_settings
from sqlalchemy import create_engine, text
from test_store import pg_database  # noqa: F401  (module-scoped PostgreSQL database)

import newscrawl.pipelines.chrome as chrome_pipeline
from newscrawl.chrome import clean_blocks
from newscrawl.commands.reprocess import reprocess
from newscrawl.store import ArticleStore
from newscrawl.store.database import database_url
from newscrawl.testing.serve import serve_in_thread

NEWSROOM2 = ROOT / "fixtures" / "newsroom2"
AFFECTED = "/lokales/landsberg-neue-lechbruecke-wird-im-mai-freigegeben-91209912.html"
NEW_CHROME = "Radfahrer bekommen auf der neuen Brücke"
ARTICLES = 7


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with serve_in_thread(root=NEWSROOM2) as server:
        yield server.base_url


@pytest.fixture(params=["sqlite", "postgresql"])
def crawled(request, site: str, tmp_path: Path) -> Iterator[str]:
    """A store holding one crawl of newsroom2 (SQLite file or a fresh PostgreSQL schema)."""
    if request.param == "sqlite":
        db = str(tmp_path / "store.sqlite3")
    else:
        db = request.getfixturevalue("pg_database")
        engine = create_engine(database_url(db))
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        engine.dispose()
    result = run_crawl("lech_isar_bote", f"base_url={site}", db=db)
    assert result.returncode == 0, result.stderr[-3000:]
    yield db


def _snapshot(db: str) -> dict[str, dict]:
    store = ArticleStore.open(db)
    try:
        return {r["canonical_url"]: r for r in store.iter_articles(include_duplicates=True)}
    finally:
        store.close()


def test_reprocess_with_unchanged_rules_changes_nothing(crawled: str) -> None:
    before = _snapshot(crawled)
    store = ArticleStore.open(crawled)
    try:
        counts = reprocess(store, get_project_settings(), progress=False)
    finally:
        store.close()
    assert counts["unchanged"] == ARTICLES and counts["updated"] == 0
    after = _snapshot(crawled)
    for url, record in before.items():
        assert {k: v for k, v in after[url].items() if k != "fetched_at"} == \
            {k: v for k, v in record.items() if k != "fetched_at"}


def test_a_changed_chrome_rule_updates_only_the_affected_record(
        crawled: str, site: str, monkeypatch: pytest.MonkeyPatch) -> None:
    before = _snapshot(crawled)

    def stricter(blocks, **kwargs):
        """Today's rules plus one new chrome phrase."""
        result = clean_blocks(blocks, **kwargs)
        result.blocks = [b for b in result.blocks if not b.text.startswith(NEW_CHROME)]
        return result

    monkeypatch.setattr(chrome_pipeline, "clean_blocks", stricter)
    store = ArticleStore.open(crawled)
    try:
        counts = reprocess(store, get_project_settings(), progress=False)
    finally:
        store.close()
    assert (counts["updated"], counts["unchanged"], counts["new_version"]) == (1, ARTICLES - 1, 0)
    after = _snapshot(crawled)
    url = site + AFFECTED
    assert NEW_CHROME in before[url]["body"] and NEW_CHROME not in after[url]["body"]
    assert after[url]["version"] == 1
    assert after[url]["content_hash"] != before[url]["content_hash"]
    for other in before:
        if other != url:
            assert after[other]["body"] == before[other]["body"]
            assert after[other]["content_hash"] == before[other]["content_hash"]


def test_reprocess_command_reports_counts(site: str, tmp_path: Path) -> None:
    db = tmp_path / "store.sqlite3"
    assert run_crawl("lech_isar_bote", f"base_url={site}", db=db).returncode == 0
    result = subprocess.run([SCRAPY, "reprocess", "--db", str(db)], cwd=ROOT,
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    assert f"reprocessed {ARTICLES} pages: 0 updated, {ARTICLES} unchanged" in result.stdout
    assert "reprocess" in result.stderr  # the tqdm progress bar
