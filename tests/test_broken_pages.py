"""Broken pages (truncated, lying charsets, empty, 500-then-200, binary under .html) do not stop a
crawl: each is logged and counted, good pages are stored, nothing already stored is lost."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from newscrawl.testing.serve import serve_in_thread
from tests.conftest import ROOT, run_crawl

EXPECTED = json.loads((ROOT / "fixtures" / "newsroom" / "expected.json").read_text())
BROKEN = {case["case"]: case for case in EXPECTED["broken"]}


def _rows(db: Path) -> dict[str, tuple]:
    with sqlite3.connect(db) as conn:
        return {url: (title, body) for url, title, body in
                conn.execute("SELECT canonical_url, title, body FROM articles")}


@pytest.fixture
def newsroom() -> Iterator[str]:
    """A server of our own: the 500-then-200 page counts requests per server."""
    with serve_in_thread() as server:
        yield server.base_url


def test_broken_pages_are_counted_and_nothing_is_lost(newsroom: str, tmp_path: Path) -> None:
    db = tmp_path / "store.sqlite3"
    first = run_crawl("augsburger_allgemeine", f"base_url={newsroom}", "limit=3", db=db)
    assert first.returncode == 0, first.stderr[-2000:]
    before = _rows(db)
    assert len(before) == 3

    result = run_crawl("augsburger_allgemeine", f"base_url={newsroom}",
                       f"start_urls={newsroom}/sitemap-kaputt.xml", db=db,
                       settings={"RETRY_TIMES": "2"})
    assert result.returncode == 0, result.stderr[-3000:]
    log = result.stderr
    after = _rows(db)

    # Nothing stored before is lost or changed.
    for url, row in before.items():
        assert after[url] == row
    # Every broken case that still is an article was stored, with clean text.
    for case in BROKEN.values():
        url = newsroom + case["path"]
        if case.get("article"):
            title, body = after[url]
            assert title == case["article"]["title"], case["case"]
            expected_body = "\n\n".join(b["text"] for b in case["article"]["body"])
            assert body == expected_body, case["case"]
            assert "Ã" not in body and "\ufffd" not in body
        else:
            assert url not in after, case["case"]
    # Each problem is counted under its reason and logged with its URL.
    assert "'newscrawl/bad_input/empty_body': 1" in log
    assert "'newscrawl/bad_input/not_html': 2" in log
    assert "'retry/count': 1" in log
    assert "newscrawl/bad_input/charset_" in log
    assert BROKEN["empty-200"]["path"] in log
    assert BROKEN["png-as-html"]["path"] in log
