"""End to end with the generic spider on two papers no rule knows (fixtures/generic_papers):
paper_b, which carries dpa copies published after paper_a's stories, is crawled first. Every
story is stored once; the copy published first is the story; agency notes, obfuscated paywall
text (schemes of the fixture's own) and nothing else leave the bodies; generic bylines are
read."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, run_crawl

from newscrawl.store import ArticleStore
from newscrawl.testing.serve import serve_in_thread

SITE = ROOT / "fixtures" / "generic_papers"
EXPECTED = json.loads((SITE / "expected.json").read_text())["papers"]
ORDER = ("paper_b", "paper_a")  # the later copies first: the reverse of publication order


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    db = tmp_path_factory.mktemp("generic-papers") / "store.sqlite3"
    with serve_in_thread(root=SITE / "paper_a") as a, serve_in_thread(root=SITE / "paper_b") as b:
        bases = {"paper_a": a.base_url, "paper_b": b.base_url}
        logs = {}
        for paper in ORDER:
            base = bases[paper]
            result = run_crawl("generic", f"start_urls={base}/sitemap.xml,{base}/", db=db)
            assert result.returncode == 0, result.stderr[-3000:]
            logs[paper] = result.stderr
    store = ArticleStore.open(str(db))
    try:
        records = {r["canonical_url"]: r for r in store.iter_articles(include_duplicates=True)}
    finally:
        store.close()
    yield {"bases": bases, "records": records, "logs": logs}


def _stat(log: str, key: str) -> int:
    found = re.search(rf"'{re.escape(key)}': (\d+)", log)
    return int(found.group(1)) if found else 0


def _articles() -> list[tuple[str, dict]]:
    return [(paper, a) for paper in ORDER for a in EXPECTED[paper]["articles"]]


def test_every_article_is_stored_once(crawled: dict) -> None:
    assert len(crawled["records"]) == len(_articles())


@pytest.mark.parametrize(("paper", "article"), _articles(), ids=lambda v: getattr(v, "get",
                         lambda _k: v)("path"))
def test_record_fields(crawled: dict, paper: str, article: dict) -> None:
    record = crawled["records"][crawled["bases"][paper] + article["path"]]
    assert record["title"] == article["title"]
    assert record["authors"] == article["authors"]
    assert record["paywalled"] is article["paywalled"]
    # The free text only: no obfuscated paragraph, no agency note.
    assert record["body"].split("\n\n") == article["body"]


def test_paywalled_text_is_counted_not_stored(crawled: dict) -> None:
    hidden = {paper: sum(len(a["hidden"]) for a in EXPECTED[paper]["articles"])
              for paper in ORDER}
    for paper in ORDER:
        assert _stat(crawled["logs"][paper], "newscrawl/extract/paywall_blocks_dropped") == \
            hidden[paper]
        assert _stat(crawled["logs"][paper], "newscrawl/extract/paywalled") == 1


def test_agency_notes_are_dropped_and_counted(crawled: dict) -> None:
    for paper in ORDER:
        notes = sum(1 for a in EXPECTED[paper]["articles"] if a["agency_note"])
        assert _stat(crawled["logs"][paper], "newscrawl/chrome/dropped/agency_note") == notes


def test_the_copy_published_first_is_the_story(crawled: dict) -> None:
    records, bases = crawled["records"], crawled["bases"]
    copies = [a for a in EXPECTED["paper_b"]["articles"] if a["wire_of"]]
    assert len(copies) == 2
    for copy in copies:
        story_url = bases["paper_a"] + copy["wire_of"]
        copy_url = bases["paper_b"] + copy["path"]
        assert records[copy_url]["duplicate_of"] == story_url
        assert records[story_url]["duplicate_of"] is None
    # Stored after their copies, both stories took over.
    assert _stat(crawled["logs"]["paper_a"], "newscrawl/dedup/earlier_original") == 2
    store_stories = [r for r in records.values() if r["duplicate_of"] is None]
    assert len(store_stories) == len(_articles()) - len(copies)


def test_fixture_matches_its_generator(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("generic_papers", SITE / "_generate.py")
    assert spec and spec.loader
    generate = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = generate
    spec.loader.exec_module(generate)
    generate.build(tmp_path)
    fresh = {p.relative_to(tmp_path): p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    committed = {p.relative_to(SITE): p.read_bytes() for p in SITE.rglob("*")
                 if p.is_file() and p.name != "_generate.py" and "__pycache__" not in p.parts}
    assert fresh == committed, "fixtures/generic_papers is out of date: run its _generate.py"
