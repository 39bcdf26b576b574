"""store/fastsql.py: statements run on SQLite's cursor store exactly what SQLAlchemy stores, and
fail the way SQLAlchemy fails (so run_write retries them alike)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import bindparam, select, text
from sqlalchemy.exc import IntegrityError

from newscrawl.store import ArticleStore
from newscrawl.store.database import write_transaction
from newscrawl.store.fastsql import Prepared
from newscrawl.store.schema import articles, pages

FULL = {"url": "u", "site": "s", "title": "T", "body": "B", "authors": None, "tags": ["a"],
        "images": [{"url": "i", "caption": None, "credit": "dpa"}], "paywalled": True,
        "word_count": 1, "published_at": None}
SPARSE = {"url": "u", "site": "s", "title": "T"}  # JSON columns, paywalled and version absent

RAW = text("SELECT canonical_url, authors, typeof(authors), tags, images, paywalled, "
           "typeof(paywalled), version, published_at, typeof(published_at) FROM articles "
           "ORDER BY id")


@pytest.fixture
def store(tmp_path: Path):
    opened = ArticleStore.open(str(tmp_path / "s.sqlite3"))
    yield opened
    opened.close()


@pytest.mark.parametrize("record", [FULL, SPARSE], ids=["full", "sparse"])
def test_insert_stores_what_sqlalchemy_stores(store: ArticleStore, record: dict) -> None:
    prepared = Prepared(articles.insert(), insert_of=articles)
    with write_transaction(store.engine) as conn:
        conn.execute(articles.insert(), {**record, "canonical_url": "core"})
        new_id = prepared.lastrowid(conn, {**record, "canonical_url": "fast"})
    with store.engine.connect() as conn:
        core, fast = conn.execute(RAW).all()
    assert new_id == 2
    assert tuple(core)[1:] == tuple(fast)[1:]


def test_select_update_and_errors(store: ArticleStore) -> None:
    by_url = Prepared(select(articles.c.id, articles.c.title)
                      .where(articles.c.canonical_url == bindparam("url")).limit(1))
    touch = Prepared(pages.update().where(pages.c.id == bindparam("p_id"))
                     .values(headers=bindparam("p_headers")))
    insert = Prepared(articles.insert(), insert_of=articles)
    with write_transaction(store.engine) as conn:
        insert.execute(conn, {**SPARSE, "canonical_url": "x"})
        row = by_url.first(conn, {"url": "x"})
        assert (row.id, row.title) == (1, "T")
        assert by_url.first(conn, {"url": "y"}) is None
        assert by_url.scalar(conn, {"url": "x"}) == 1
        assert touch.execute(conn, {"p_id": 5, "p_headers": {"ETag": "1"}}).rowcount == 0
        with pytest.raises(IntegrityError):  # what run_write retries
            insert.execute(conn, {**SPARSE, "canonical_url": "x"})
    with pytest.raises(TypeError, match="conversion"), store.engine.connect() as conn:
        Prepared(select(articles.c.tags)).first(conn, {})
