"""Concurrent writers: four processes save overlapping articles into one store at the same time
(SQLite file, and PostgreSQL from NEWSCRAWL_TEST_PG_URL). The final store is exactly the union;
every URL was inserted once and found "unchanged" by the others; no error was lost or swallowed,
no "database is locked"."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from newscrawl.store import ArticleStore
from newscrawl.store.database import database_url
from tests.conftest import ROOT

WRITERS = 4
PER_WRITER = 120
STRIDE = 50  # writer k saves URLs k*50 .. k*50+119: neighbours share 70 URLs
UNION = range(0, (WRITERS - 1) * STRIDE + PER_WRITER)

WRITER = r"""
import json, random, sys, time
from newscrawl.store.identity import content_hash
from newscrawl.store import ArticleStore

db, index, start_at = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
per, stride = int(sys.argv[4]), int(sys.argv[5])


def article(i):
    rng = random.Random(i)
    words = [rng.choice(["Stadt", "Rat", "Brücke", "Bahn", "Kita", "Zoo", "Haushalt", "Markt",
                         "Feuerwehr", "Schule", "Verein", "Straße", "Bürger", "Kreis"])
             for _ in range(80)]
    url = f"https://www.example-zeitung.de/lokales/artikel-{i}-id{1000000 + i}.html"
    title, body = f"Artikel {i}: {words[0]} und {words[1]}", " ".join(words)
    return {"url": url, "canonical_url": url, "site": "example", "publisher": "Example",
            "title": title, "body": body, "content_hash": content_hash(title, body),
            "word_count": len(words), "fetched_at": "2024-05-01T09:00:00Z",
            "published_at": "2024-05-01T08:00:00Z"}


store = ArticleStore.open(db)
ids = list(range(index * stride, index * stride + per))
random.Random(index).shuffle(ids)
while time.time() < start_at:
    time.sleep(0.005)
outcomes, errors = {}, []
for i in ids:
    a = article(i)
    try:
        outcomes[a["canonical_url"]] = store.save(a, f"<html><body>{a['body']}</body></html>",
                                                  family="generic", status=200).outcome
    except Exception as exc:
        errors.append(f"{a['canonical_url']}: {exc!r}")
store.close()
print(json.dumps({"outcomes": outcomes, "errors": errors}))
"""


def run_writers(db: str) -> list[dict]:
    ArticleStore.open(db).close()  # tables exist before the race starts
    start_at = time.time() + 2.0
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, db, str(k), str(start_at),
                               str(PER_WRITER), str(STRIDE)], cwd=ROOT, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for k in range(WRITERS)]
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err[-3000:]
        assert "database is locked" not in err
        results.append(json.loads(out.strip().splitlines()[-1]))
    return results


def check(db: str, results: list[dict]) -> None:
    assert [r["errors"] for r in results] == [[]] * WRITERS
    saved = Counter()
    for result in results:
        saved.update(url for url, outcome in result["outcomes"].items() if outcome == "inserted")
        assert set(result["outcomes"].values()) <= {"inserted", "unchanged"}
    expected = {f"https://www.example-zeitung.de/lokales/artikel-{i}-id{1000000 + i}.html"
                for i in UNION}
    assert set(saved) == expected and set(saved.values()) == {1}  # each inserted exactly once
    store = ArticleStore.open(db)
    try:
        stored = {r["canonical_url"]: r for r in store.iter_articles(include_duplicates=True)}
        assert set(stored) == expected
        assert store.count() == len(expected)
        with store.engine.connect() as conn:
            assert conn.execute(text("SELECT DISTINCT version FROM articles")).all() == [(1,)]
            pages = conn.execute(text("SELECT canonical_url, count(*) FROM pages "
                                      "GROUP BY canonical_url")).all()
        assert {url for url, _n in pages} == expected
        assert {n for _url, n in pages} == {1}
    finally:
        store.close()


def test_four_processes_on_one_sqlite_store(tmp_path: Path) -> None:
    db = str(tmp_path / "store.sqlite3")
    check(db, run_writers(db))


@pytest.fixture
def pg_store() -> Iterator[str]:
    admin = os.environ.get("NEWSCRAWL_TEST_PG_URL")
    if not admin:
        pytest.fail("NEWSCRAWL_TEST_PG_URL is not set: start PostgreSQL with "
                    "`bash scripts/services.sh start` (scripts/services/postgres.sh)")
    name = f"newscrawl_writers_{uuid.uuid4().hex[:10]}"
    engine = create_engine(database_url(admin), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield admin.rsplit("/", 1)[0] + "/" + name
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


@pytest.mark.services
def test_four_processes_on_one_postgresql_store(pg_store: str) -> None:
    check(pg_store, run_writers(pg_store))
