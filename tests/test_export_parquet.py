"""`scrapy export -o corpus.parquet`: typed columns (UTC timestamps, lists, image structs), the
export keys in order, the same filters as JSON Lines, and row groups as the rows stream."""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest import ROOT, SCRAPY
from test_store import article, story

from newscrawl.items import EXPORT_FIELDS
from newscrawl.store import ArticleStore
from newscrawl.store.parquet import write_parquet

IMAGES = [{"url": "https://a.example/img/1.jpg", "caption": "Der Rat tagt.", "credit": "dpa"},
          {"url": "https://a.example/img/2.jpg", "caption": None, "credit": None}]


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("parquet") / "store.sqlite3")
    store = ArticleStore.open(path)
    store.save(article("https://a.example/mai", story(1), published_at="2024-05-31T22:30:00Z",
                       authors=["Ina Marks", "Ole Berg"], tags=["Rat"], images=IMAGES,
                       paywalled=True, word_count=160), "<html>mai</html>")
    store.save(article("https://a.example/juni", story(2), published_at=None), "<html>j</html>")
    store.save(article("https://b.example/juni-kopie", story(2), site="paper_b"),
               "<html>b</html>")
    store.close()
    return path


def export(db: str, out: Path, *args: str) -> None:
    result = subprocess.run([SCRAPY, "export", "--db", db, "-o", str(out), *args], cwd=ROOT,
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr


def test_columns_are_typed(db: str, tmp_path: Path) -> None:
    out = tmp_path / "corpus.parquet"
    export(db, out)
    table = pq.read_table(out)
    assert table.column_names == list(EXPORT_FIELDS)
    schema = table.schema
    assert schema.field("published_at").type == pa.timestamp("us", tz="UTC")
    assert schema.field("fetched_at").type == pa.timestamp("us", tz="UTC")
    assert schema.field("authors").type == pa.list_(pa.string())
    assert schema.field("images").type.value_type.names == ["url", "caption", "credit"]
    assert schema.field("paywalled").type == pa.bool_()
    assert schema.field("word_count").type == pa.int32()
    rows = table.to_pylist()
    assert [r["canonical_url"] for r in rows] == ["https://a.example/mai",
                                                  "https://a.example/juni"]
    first, second = rows
    assert first["published_at"] == datetime(2024, 5, 31, 22, 30, tzinfo=UTC)
    assert first["authors"] == ["Ina Marks", "Ole Berg"] and first["tags"] == ["Rat"]
    assert first["images"] == IMAGES
    assert first["paywalled"] is True and first["word_count"] == 160
    assert second["published_at"] is None and second["images"] == []
    assert second["appearances"] == ["https://a.example/juni", "https://b.example/juni-kopie"]


def test_filters_and_copies_as_in_jsonl(db: str, tmp_path: Path) -> None:
    out = tmp_path / "b.parquet"
    export(db, out, "--site", "paper_b", "--include-duplicates")
    rows = pq.read_table(out).to_pylist()
    assert [(r["canonical_url"], r["duplicate_of"]) for r in rows] == [
        ("https://b.example/juni-kopie", "https://a.example/juni")]


def test_empty_export_is_a_readable_file(db: str, tmp_path: Path) -> None:
    out = tmp_path / "none.parquet"
    export(db, out, "--since", "2030-01-01")
    table = pq.read_table(out)
    assert table.num_rows == 0 and table.column_names == list(EXPORT_FIELDS)


def test_rows_are_written_in_row_groups(db: str, tmp_path: Path) -> None:
    records = ({**article(f"https://a.example/{i}", story(i)), "version": 1,
                "appearances": []} for i in range(7))
    out = tmp_path / "groups.parquet"
    assert write_parquet(records, out, row_group=3) == 7
    meta = pq.ParquetFile(out).metadata
    assert meta.num_rows == 7
    assert [meta.row_group(i).num_rows for i in range(meta.num_row_groups)] == [3, 3, 1]


def test_read_as_it_is_by_pandas_duckdb_and_datasets(db: str, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The corpus file in the tools researchers use, with no conversion: the same rows, UTC
    timestamps as timestamps, lists as lists, images as structs (dev requirements: pandas,
    duckdb, datasets)."""
    out = tmp_path / "corpus.parquet"
    export(db, out)

    import pandas as pd

    frame = pd.read_parquet(out)
    assert list(frame.columns) == list(EXPORT_FIELDS)
    assert str(frame["published_at"].dtype) == "datetime64[us, UTC]"
    first = frame.iloc[0]
    assert first["canonical_url"] == "https://a.example/mai"
    assert first["published_at"] == pd.Timestamp("2024-05-31T22:30:00Z")
    assert list(first["authors"]) == ["Ina Marks", "Ole Berg"]
    assert [dict(image) for image in first["images"]] == IMAGES
    assert bool(first["paywalled"]) is True and pd.isna(frame.iloc[1]["published_at"])

    import duckdb

    relation = duckdb.sql(f"SELECT * FROM read_parquet('{out}')")
    types = dict(zip(relation.columns, map(str, relation.types), strict=True))
    assert types["published_at"] == "TIMESTAMP WITH TIME ZONE"
    assert types["authors"] == "VARCHAR[]"
    assert types["images"] == "STRUCT(url VARCHAR, caption VARCHAR, credit VARCHAR)[]"
    assert duckdb.sql(f"SELECT unnest(authors) FROM '{out}' WHERE paywalled").fetchall() == [
        ("Ina Marks",), ("Ole Berg",)]
    assert duckdb.sql(f"SELECT images[1].credit, epoch(published_at) FROM '{out}' "
                      "WHERE paywalled").fetchall() == [
        ("dpa", datetime(2024, 5, 31, 22, 30, tzinfo=UTC).timestamp())]

    # Local files only: no Hub look-up, the cache in the test's folder.
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    from datasets import load_dataset

    corpus = load_dataset("parquet", data_files=str(out), split="train",
                          cache_dir=str(tmp_path / "hf-cache"))
    assert corpus.column_names == list(EXPORT_FIELDS)
    assert corpus.features["published_at"].dtype == "timestamp[us, tz=UTC]"
    assert corpus.num_rows == 2
    row = corpus[0]
    assert row["canonical_url"] == "https://a.example/mai"
    assert row["published_at"] == datetime(2024, 5, 31, 22, 30, tzinfo=UTC)
    assert row["authors"] == ["Ina Marks", "Ole Berg"] and row["images"] == IMAGES
