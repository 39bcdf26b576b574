"""Each story once across papers: crawling the newsroom and the Lech-Isar-Bote (which carries dpa
copies of newsroom stories) stores every copy linked to the first stored record; two crawl
processes writing to one store at once (SQLite and PostgreSQL) lose nothing and agree."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import ROOT, SCRAPY, run_crawl
from test_store import pg_database  # noqa: F401  (module-scoped PostgreSQL database)

from newscrawl.store import ArticleStore
from newscrawl.testing.serve import serve_in_thread

NEWSROOM2 = ROOT / "fixtures" / "newsroom2"
FIRST = json.loads((ROOT / "fixtures" / "newsroom" / "expected.json").read_text())["articles"]
SECOND = json.loads((NEWSROOM2 / "expected.json").read_text())["articles"]
WIRE = [a for a in SECOND if a["wire_of"]]
TWO_URLS = "/bayern/Schneemangel-Skigebiete-im-Allgaeu-bangen-um-die-Ferien-id61301457.html"


@pytest.fixture(scope="module")
def servers() -> Iterator[tuple[str, str]]:
    with serve_in_thread() as first, serve_in_thread(root=NEWSROOM2) as second:
        yield first.base_url, second.base_url


def crawl_both(db: str, servers: tuple[str, str], *, parallel: bool,
               ) -> list[subprocess.CompletedProcess[str]]:
    jobs = [("augsburger_allgemeine", servers[0]), ("lech_isar_bote", servers[1])]
    if not parallel:
        return [run_crawl(name, f"base_url={base}", db=db) for name, base in jobs]
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(run_crawl, name, f"base_url={base}", db=db) for name, base in jobs]
        return [f.result() for f in futures]


def records(db: str) -> dict[str, dict]:
    store = ArticleStore.open(db)
    try:
        return {r["canonical_url"]: r for r in store.iter_articles(include_duplicates=True)}
    finally:
        store.close()


@pytest.fixture(scope="module")
def sequential(servers: tuple[str, str], tmp_path_factory) -> dict:
    db = str(tmp_path_factory.mktemp("crosssite") / "store.sqlite3")
    results = crawl_both(db, servers, parallel=False)
    for result in results:
        assert result.returncode == 0, result.stderr[-3000:]
    return {"db": db, "records": records(db), "logs": [r.stderr for r in results]}


def test_wire_copies_link_to_the_story_first_stored(sequential: dict,
                                                     servers: tuple[str, str]) -> None:
    stored = sequential["records"]
    first, second = servers
    for copy in WIRE:
        story_url, copy_url = first + copy["wire_of"], second + copy["path"]
        assert stored[copy_url]["duplicate_of"] == story_url, copy["path"]
        assert stored[copy_url]["title"] == copy["title"]
        assert stored[story_url]["duplicate_of"] is None
        assert stored[story_url]["appearances"] == [story_url, copy_url]


def test_near_and_exact_copies_are_counted(sequential: dict) -> None:
    log = sequential["logs"][1]
    exact = sum(1 for a in WIRE if a["exact_copy"])
    assert f"'newscrawl/dedup/exact_copy': {exact}," in log
    assert f"'newscrawl/dedup/near_copy': {len(WIRE) - exact}," in log


def test_everything_else_is_its_own_story_and_stored_once(sequential: dict,
                                                         servers: tuple[str, str]) -> None:
    stored = sequential["records"]
    assert len(stored) == len(FIRST) + len(SECOND)
    assert [u for u in stored if "Schneemangel" in u] == [servers[0] + TWO_URLS]
    for local in (a for a in SECOND if not a["wire_of"]):
        record = stored[servers[1] + local["path"]]
        assert record["duplicate_of"] is None and record["version"] == 1


def test_export_leaves_copies_out_unless_asked(sequential: dict, tmp_path: Path) -> None:
    out = tmp_path / "stories.jsonl"
    result = subprocess.run([SCRAPY, "export", "--db", sequential["db"], "-o", str(out)],
                            cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    stories = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(stories) == len(FIRST) + len(SECOND) - len(WIRE)
    assert all(s["duplicate_of"] is None for s in stories)
    assert sum(len(s["appearances"]) for s in stories) == len(FIRST) + len(SECOND)
    everything = tmp_path / "all.jsonl"
    subprocess.run([SCRAPY, "export", "--db", sequential["db"], "-o", str(everything),
                    "--include-duplicates"], cwd=ROOT, check=True, timeout=120,
                   capture_output=True)
    assert len(everything.read_text().splitlines()) == len(FIRST) + len(SECOND)


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_two_crawl_processes_at_once_lose_nothing(backend: str, servers: tuple[str, str],
                                                  tmp_path: Path, request) -> None:
    db = (str(tmp_path / "store.sqlite3") if backend == "sqlite"
          else request.getfixturevalue("pg_database"))
    for result in crawl_both(db, servers, parallel=True):
        assert result.returncode == 0, result.stderr[-3000:]
        assert "Traceback" not in result.stderr, result.stderr[-3000:]
    stored = records(db)
    assert len(stored) == len(FIRST) + len(SECOND)
    first, second = servers
    for copy in WIRE:
        pair = {first + copy["wire_of"], second + copy["path"]}
        stories = [u for u in pair if stored[u]["duplicate_of"] is None]
        # Whichever process stored the story first, the other record links to it.
        assert len(stories) == 1, pair
        (story,) = stories
        (other,) = pair - {story}
        assert stored[other]["duplicate_of"] == story
        assert stored[story]["appearances"] == [story, other]
