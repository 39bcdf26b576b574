"""The article store on SQLite and PostgreSQL: versions, in-place re-extraction, copies of stories
(exact and near-duplicate) linked to the first stored record, persistence, concurrent writers.

Every test runs against both backends (``store_url`` fixture). PostgreSQL comes from
NEWSCRAWL_TEST_PG_URL (scripts/services/postgres.sh); each test module gets a database of its own.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import sqlite3
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, inspect, text

from newscrawl.store import ArticleStore
from newscrawl.store.database import database_url, open_engine
from newscrawl.store.identity import content_hash

BACKENDS = ("sqlite", "postgresql")
_VOCABULARY = [f"{a}{b}" for a in ("stadt", "rat", "bahn", "kita", "zoo", "bau", "land", "see",
                                   "wahl", "geld", "feld", "haus", "weg", "berg", "markt")
               for b in ("en", "er", "ung", "lich", "isch", "heit", "chen", "ig", "bar", "sam",
                         "los", "haft", "tum", "nis", "schaft", "ling")]


def story(seed: int, words: int = 160) -> str:
    """A deterministic pseudo-German text; different seeds share (almost) no 5-word shingles."""
    rng = random.Random(seed)
    return " ".join(rng.choice(_VOCABULARY) for _ in range(words))


def article(url: str, body: str, *, title: str = "Titel", site: str = "paper_a",
            published_at: str | None = "2024-05-01T08:00:00Z",
            fetched_at: str = "2024-05-01T09:00:00Z", **extra: Any) -> dict[str, Any]:
    record = {
        "url": url, "canonical_url": url, "site": site, "publisher": site.title(), "title": title,
        "body": body, "published_at": published_at, "fetched_at": fetched_at,
        "content_hash": content_hash(title, body), "word_count": len(body.split()),
    }
    record.update(extra)
    return record


def pg_admin_url() -> str:
    url = os.environ.get("NEWSCRAWL_TEST_PG_URL")
    if not url:
        pytest.fail("NEWSCRAWL_TEST_PG_URL is not set: start PostgreSQL with "
                    "`bash scripts/services.sh start` (scripts/services/postgres.sh)")
    return url


@pytest.fixture(scope="module")
def pg_database() -> Iterator[str]:
    """A fresh PostgreSQL database for this test module; dropped afterwards."""
    admin = pg_admin_url()
    name = f"newscrawl_test_{uuid.uuid4().hex[:12]}"
    engine = create_engine(database_url(admin), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield admin.rsplit("/", 1)[0] + "/" + name
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


@pytest.fixture(params=BACKENDS)
def store_url(request, tmp_path: Path) -> Iterator[str]:
    """A store URL for each backend; the PostgreSQL one is emptied before every test."""
    if request.param == "sqlite":
        yield str(tmp_path / "store.sqlite3")
        return
    url = request.getfixturevalue("pg_database")
    engine = create_engine(database_url(url))
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    yield url


@pytest.fixture
def store(store_url: str) -> Iterator[ArticleStore]:
    opened = ArticleStore.open(store_url)
    yield opened
    opened.close()


def test_insert_then_unchanged(store: ArticleStore) -> None:
    record = article("https://a.example/1", story(1))
    assert store.save(record, "<html>1</html>").outcome == "inserted"
    again = store.save({**record, "fetched_at": "2024-05-02T09:00:00Z"}, "<html>1</html>")
    assert (again.outcome, again.version) == ("unchanged", 1)
    stored = store.get("https://a.example/1")
    assert stored["version"] == 1 and stored["fetched_at"] == "2024-05-02T09:00:00Z"
    assert store.count() == 1


def test_changed_page_and_text_is_a_new_version_with_history(store: ArticleStore) -> None:
    url = "https://a.example/update"
    first = article(url, story(2), modified_at=None)
    store.save(first, "<html>v1</html>")
    changed_body = story(2) + " Update: Die Polizei hat inzwischen einen Verdächtigen gefasst."
    second = article(url, changed_body, fetched_at="2024-05-03T10:00:00Z", modified_at=None)
    result = store.save(second, "<html>v2</html>")
    assert (result.outcome, result.version) == ("new_version", 2)
    stored = store.get(url)
    assert stored["version"] == 2 and stored["body"] == changed_body
    # The page gave no modification date: the fetch that saw the change is the bound.
    assert stored["modified_at"] == "2024-05-03T10:00:00Z"
    history = store.versions(url)
    assert [v["version"] for v in history] == [1, 2]
    assert history[0]["body"] == story(2)
    assert store.count() == 1
    third = article(url, changed_body + " Mehr.", fetched_at="2024-05-04T10:00:00Z",
                    modified_at="2024-05-04T09:30:00Z")
    assert store.save(third, "<html>v3</html>").version == 3
    assert store.get(url)["modified_at"] == "2024-05-04T09:30:00Z"


def test_same_page_extracted_differently_is_updated_in_place(store: ArticleStore) -> None:
    url = "https://a.example/rules"
    store.save(article(url, story(3) + " Lesen Sie auch: Werbung"), "<html>same</html>")
    result = store.save(article(url, story(3)), "<html>same</html>")
    assert (result.outcome, result.version) == ("updated", 1)
    assert store.get(url)["body"] == story(3)
    assert len(store.versions(url)) == 1


def test_exact_copy_under_another_url_links_to_the_story(store: ArticleStore) -> None:
    body = story(4)
    store.save(article("https://a.example/wire", body), "<html>a</html>")
    copy = store.save(article("https://b.example/wire", body, site="paper_b"), "<html>b</html>")
    assert (copy.duplicate_of, copy.match) == ("https://a.example/wire", "exact")


def test_near_copy_with_new_headline_and_paragraph_links_to_the_story(store: ArticleStore) -> None:
    body = story(5, 200)
    store.save(article("https://a.example/dpa", body, title="Biden will mit Putin sprechen"))
    copy_body = body + " Ergänzend teilte das Weiße Haus mit, man sei zuversichtlich."
    copy = store.save(article("https://b.example/dpa", copy_body, site="paper_b",
                              title="Biden sucht Gespräch mit Putin"))
    assert (copy.duplicate_of, copy.match) == ("https://a.example/dpa", "near")
    third = store.save(article("https://c.example/dpa", copy_body + " Noch ein Satz dazu.",
                               site="paper_c"))
    # A copy of a copy links to the story itself.
    assert third.duplicate_of == "https://a.example/dpa"
    stories = list(store.iter_articles())
    assert [s["canonical_url"] for s in stories] == ["https://a.example/dpa"]
    assert stories[0]["appearances"] == ["https://a.example/dpa", "https://b.example/dpa",
                                         "https://c.example/dpa"]
    assert stories[0]["duplicate_of"] is None
    everything = {r["canonical_url"]: r for r in store.iter_articles(include_duplicates=True)}
    assert everything["https://b.example/dpa"]["duplicate_of"] == "https://a.example/dpa"
    assert everything["https://b.example/dpa"]["appearances"] == []


def test_different_stories_and_short_texts_stay_apart(store: ArticleStore) -> None:
    store.save(article("https://a.example/x", story(6)))
    assert store.save(article("https://a.example/y", story(7))).duplicate_of is None
    # Short bodies (below NEWSCRAWL_NEARDUP_MIN_WORDS) are only matched exactly.
    store.save(article("https://a.example/short1", "Der Stadtrat tagt am Montag im Rathaus."))
    other = store.save(article("https://a.example/short2", "Der Stadtrat tagt am Dienstag im "
                                                           "Rathaus.", title="Anders"))
    assert other.duplicate_of is None
    assert store.count() == 4


def test_near_duplicate_index_survives_a_restart(store_url: str) -> None:
    first = ArticleStore.open(store_url)
    first.save(article("https://a.example/restart", story(8, 180)))
    first.close()
    second = ArticleStore.open(store_url)
    copy = second.save(article("https://b.example/restart", story(8, 180) + " Zusatz am Ende.",
                               site="paper_b", title="Neu"))
    second.close()
    assert copy.duplicate_of == "https://a.example/restart"


def test_stored_state_has_the_newest_validators(store: ArticleStore) -> None:
    url = "https://a.example/etag"
    store.save(article(url, story(9)), "<html>1</html>", headers={"etag": '"abc"'})
    store.save(article(url, story(9) + " neu", fetched_at="2024-05-02T09:00:00Z"),
               "<html>2</html>", headers={"etag": '"def"', "last-modified": "Thu, 02 May 2024"})
    state = store.stored_state(url)
    assert (state.etag, state.last_modified) == ('"def"', "Thu, 02 May 2024")
    assert state.published_at == "2024-05-01T08:00:00Z"
    assert store.stored_state("https://a.example/none") is None


def test_stored_state_finds_an_article_by_the_url_it_was_fetched_from(
        store: ArticleStore) -> None:
    record = {**article("https://a.example/politik/slug-123.html", story(15)),
              "url": "https://a.example/p/123"}
    store.save(record, "<html>123</html>", headers={"ETag": '"e1"'})
    state = store.stored_state("https://a.example/p/123")
    assert state.canonical_url == "https://a.example/politik/slug-123.html"
    assert state.etag == '"e1"'


def test_iter_pages_gives_the_current_page_or_every_page(store: ArticleStore) -> None:
    url = "https://a.example/pages"
    store.save(article(url, story(10)), "<html>eins</html>", status=200)
    store.save(article(url, story(10) + " zwei", fetched_at="2024-05-02T09:00:00Z"),
               "<html>zwei</html>")
    assert [p.html for p in store.iter_pages()] == ["<html>zwei</html>"]
    assert [p.html for p in store.iter_pages(every_page=True)] == ["<html>eins</html>",
                                                                  "<html>zwei</html>"]
    assert store.count_pages() == 1


def test_export_filters(store: ArticleStore) -> None:
    store.save(article("https://a.example/may", story(11), published_at="2024-05-01T08:00:00Z"))
    store.save(article("https://a.example/june", story(12), published_at="2024-06-01T08:00:00Z"))
    store.save(article("https://b.example/june", story(13), site="paper_b",
                       published_at="2024-06-02T08:00:00Z"))
    urls = lambda **kw: [r["canonical_url"] for r in store.iter_articles(**kw)]  # noqa: E731
    assert urls(site="paper_b") == ["https://b.example/june"]
    assert urls(since="2024-06-01") == ["https://a.example/june", "https://b.example/june"]
    assert urls(until="2024-06-01") == ["https://a.example/may"]
    assert urls(since="2024-05-15", until="2024-06-02") == ["https://a.example/june"]


def _writer(url: str, worker: int, count: int) -> None:
    """One crawl process: its own articles plus copies of the shared wire stories."""
    store = ArticleStore.open(url)
    for i in range(count):
        if i % 4 == 0:
            # Wire story i//4 runs on this worker's paper too (its own chrome-free copy).
            body = story(1000 + i // 4, 150) + f" Ergänzung der Zeitung {worker}."
            record = article(f"https://paper{worker}.example/wire-{i // 4}", body,
                             site=f"paper_{worker}", title=f"Agenturmeldung {i // 4} ({worker})")
        else:
            record = article(f"https://paper{worker}.example/local-{i}",
                             story(worker * 10_000 + i, 120), site=f"paper_{worker}")
        store.save(record, f"<html>{worker}-{i}</html>")
    store.close()


def test_concurrent_writer_processes_lose_nothing_and_agree_on_stories(store_url: str) -> None:
    ArticleStore.open(store_url).close()  # create the schema once
    workers, count = 3, 40
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_writer, args=(store_url, w, count)) for w in range(workers)]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join(timeout=240)
        assert proc.exitcode == 0
    store = ArticleStore.open(store_url)
    try:
        assert store.count() == workers * count
        stories = {r["canonical_url"]: r for r in store.iter_articles()}
        wire = [r for r in stories.values() if "/wire-" in r["canonical_url"]]
        # Each wire story is stored once as a story, whichever process saved it first.
        assert len(wire) == count // 4
        for record in wire:
            assert len(record["appearances"]) == workers
        assert len(stories) == workers * count - (workers - 1) * (count // 4)
    finally:
        store.close()


def test_old_sqlite_store_gains_new_columns(tmp_path: Path) -> None:
    db = tmp_path / "old.sqlite3"
    engine = create_engine(f"sqlite:///{db}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE articles (id INTEGER PRIMARY KEY, canonical_url "
                          "VARCHAR(2048) NOT NULL UNIQUE, url VARCHAR(2048) NOT NULL, site "
                          "VARCHAR(128) NOT NULL, version INTEGER NOT NULL DEFAULT 1)"))
    engine.dispose()
    store = ArticleStore.open(str(db))
    try:
        assert store.save(article("https://a.example/m", story(14)), "<p>x</p>").outcome == \
            "inserted"
        assert store.get("https://a.example/m")["title"] == "Titel"
    finally:
        store.close()


def test_a_new_store_opens_while_another_connection_holds_its_lock(tmp_path: Path) -> None:
    """SQLite refuses a switch to WAL at once while another connection writes (no busy
    timeout): two replay workers opening a new store together killed one of them."""
    path = tmp_path / "new.sqlite3"
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("CREATE TABLE first_writer (x)")
    release = threading.Timer(0.3, holder.execute, args=("COMMIT",))
    release.start()
    try:
        engine = open_engine(str(path))
    finally:
        release.join()
        holder.close()
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert "articles" in inspect(conn).get_table_names()
    engine.dispose()
