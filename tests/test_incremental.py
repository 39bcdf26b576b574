"""Incremental crawls over a temporary copy of the Lech-Isar-Bote: stored articles are not fetched
again; young ones are re-checked with conditional requests (304 counted, not an error); a changed
page becomes version 2; entry points are always fetched."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, run_crawl

from newscrawl.store import ArticleStore
from newscrawl.testing.serve import serve_in_thread

NEWSROOM2 = ROOT / "fixtures" / "newsroom2"
CHANGED = "/lokales/schongau-hallenbad-bleibt-wegen-sanierung-geschlossen-91210087.html"
ARTICLES = 7


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A copy of newsroom2 the test may edit, served on a free port."""
    root = tmp_path / "site"
    shutil.copytree(NEWSROOM2, root)
    with serve_in_thread(root=root) as server:
        yield root, server.base_url


def crawl(base_url: str, db: Path, **settings: str) -> str:
    result = run_crawl("lech_isar_bote", f"base_url={base_url}", db=db, settings=settings)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    return result.stderr


def test_second_crawl_does_not_fetch_stored_articles(site: tuple[Path, str],
                                                      tmp_path: Path) -> None:
    _root, base = site
    db = tmp_path / "store.sqlite3"
    crawl(base, db)
    log = crawl(base, db)  # default window (48 h); the fixture's stories are from 2021/2022
    assert f"'newscrawl/incremental/skipped_stored': {ARTICLES}," in log
    # Entry points were read again (they list the articles); no article page was downloaded.
    # Which listing (sitemap, feed, section) a URL is credited to depends on which response
    # arrives first; that each article was requested once does not.
    credited = sum(int(n) for n in re.findall(r"'newscrawl/discovery/source/\w+': (\d+)", log))
    assert credited == ARTICLES
    assert "newscrawl/store/" not in log
    assert "newscrawl/fetch/failed" not in log
    assert "could not fetch" not in log


def test_young_articles_are_rechecked_and_a_changed_page_is_a_new_version(
        site: tuple[Path, str], tmp_path: Path) -> None:
    root, base = site
    db = tmp_path / "store.sqlite3"
    crawl(base, db)
    page = root / CHANGED.lstrip("/")
    added = ("Nachtrag: Der Stadtrat hat den Nachtragshaushalt inzwischen genehmigt, die "
             "Arbeiten an der Decke beginnen im März.")
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace("</article>", f'<p class="id-StoryElement-paragraph">{added}'
                                               "</p>\n</article>"), encoding="utf-8")
    # A window wide enough that every stored article counts as young: all are re-checked.
    log = crawl(base, db, NEWSCRAWL_REFRESH_WINDOW_HOURS="1000000")
    assert f"'newscrawl/incremental/refresh': {ARTICLES}," in log
    assert f"'newscrawl/incremental/conditional': {ARTICLES}," in log
    assert f"'newscrawl/incremental/not_modified': {ARTICLES - 1}," in log
    assert "'newscrawl/store/new_version': 1," in log
    assert "newscrawl/fetch/failed" not in log
    store = ArticleStore.open(str(db))
    try:
        record = store.get(base + CHANGED)
        assert record["version"] == 2 and record["body"].endswith(added)
        assert [v["version"] for v in store.versions(base + CHANGED)] == [1, 2]
        assert store.count() == ARTICLES
        others = [r for r in store.iter_articles(include_duplicates=True)
                  if r["canonical_url"] != base + CHANGED]
        assert {r["version"] for r in others} == {1}
    finally:
        store.close()


def test_incremental_crawling_can_be_switched_off(site: tuple[Path, str], tmp_path: Path) -> None:
    _root, base = site
    db = tmp_path / "store.sqlite3"
    crawl(base, db)
    log = crawl(base, db, NEWSCRAWL_INCREMENTAL="False")
    assert "newscrawl/incremental/" not in log
    assert f"'newscrawl/store/unchanged': {ARTICLES}," in log
