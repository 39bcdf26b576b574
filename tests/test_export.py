"""`scrapy export`: JSON Lines and CSV with the export keys, --site/--since/--until filters,
copies only with --include-duplicates, raw pages as WARC."""

from __future__ import annotations

import csv
import json
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, SCRAPY
from test_store import article, story
from warcio.archiveiterator import ArchiveIterator

from newscrawl.items import EXPORT_FIELDS
from newscrawl.store import ArticleStore


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("export") / "store.sqlite3")
    store = ArticleStore.open(path)
    store.save(article("https://a.example/mai", story(1), published_at="2024-05-31T22:30:00Z",
                       authors=["Ina Marks"]), "<html>mai</html>", status=200,
               headers={"etag": '"m1"'})
    store.save(article("https://a.example/juni", story(2), published_at="2024-06-01T06:00:00Z"),
               "<html>juni</html>")
    store.save(article("https://b.example/juni-kopie", story(2) + " Ein Satz mehr.",
                       site="paper_b", published_at="2024-06-01T07:00:00Z"), "<html>b</html>")
    store.save(article("https://b.example/juli", story(3), site="paper_b",
                       published_at="2024-07-02T10:00:00Z"), "<html>juli</html>")
    store.close()
    return path


def export(db: str, out: Path, *args: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([SCRAPY, "export", "--db", db, "-o", str(out), *args], cwd=ROOT,
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    return result


def urls(path: Path) -> list[str]:
    return [json.loads(line)["canonical_url"] for line in path.read_text().splitlines()]


def test_jsonl_has_the_export_keys_and_leaves_copies_out(db: str, tmp_path: Path) -> None:
    out = tmp_path / "a.jsonl"
    result = export(db, out)
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert list(rows[0]) == list(EXPORT_FIELDS)
    assert [r["canonical_url"] for r in rows] == ["https://a.example/mai", "https://a.example/juni",
                                                  "https://b.example/juli"]
    assert rows[0]["authors"] == ["Ina Marks"] and rows[0]["version"] == 1
    assert rows[1]["appearances"] == ["https://a.example/juni", "https://b.example/juni-kopie"]
    assert "exported 3 articles" in result.stderr


@pytest.mark.parametrize(("args", "expected"), [
    (["--site", "paper_b"], ["https://b.example/juli"]),
    (["--site", "paper_b", "--include-duplicates"],
     ["https://b.example/juni-kopie", "https://b.example/juli"]),
    (["--since", "2024-06-01"], ["https://a.example/juni", "https://b.example/juli"]),
    (["--until", "2024-06-01"], ["https://a.example/mai"]),
    (["--since", "2024-06-01", "--until", "2024-07-01", "--include-duplicates"],
     ["https://a.example/juni", "https://b.example/juni-kopie"]),
    (["--since", "2025-01-01"], []),
])
def test_filters(db: str, tmp_path: Path, args: list[str], expected: list[str]) -> None:
    out = tmp_path / "f.jsonl"
    export(db, out, *args)
    assert urls(out) == expected


def test_csv(db: str, tmp_path: Path) -> None:
    out = tmp_path / "a.csv"
    export(db, out, "--include-duplicates")
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == list(EXPORT_FIELDS)
    assert len(rows) == 4
    assert json.loads(rows[0]["authors"]) == ["Ina Marks"]
    assert rows[2]["duplicate_of"] == "https://a.example/juni"


def test_warc_holds_every_stored_page(db: str, tmp_path: Path) -> None:
    out = tmp_path / "pages.warc.gz"
    result = export(db, out, "--warc", str(out))
    assert "exported 4 pages" in result.stderr
    with out.open("rb") as handle:
        records = [(r.rec_headers.get_header("WARC-Target-URI"), r.http_headers.get_statuscode(),
                    r.http_headers.get_header("ETag"), r.content_stream().read())
                   for r in ArchiveIterator(handle) if r.rec_type == "response"]
    assert records[0] == ("https://a.example/mai", "200", '"m1"', b"<html>mai</html>")
    assert [r[0] for r in records] == ["https://a.example/mai", "https://a.example/juni",
                                       "https://b.example/juni-kopie", "https://b.example/juli"]
