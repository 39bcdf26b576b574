"""Parquet export of the stored articles: the corpus format pyarrow, pandas, DuckDB, Polars and
Hugging Face ``datasets`` read as it is.

Typed columns, in EXPORT_FIELDS order: timestamps as UTC ``timestamp[us, tz=UTC]``, lists as
lists, images as a list of ``{url, caption, credit}`` structs. Rows are written in row groups of
``ROW_GROUP`` articles as the store streams them, so memory stays flat at any corpus size.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from newscrawl.items import EXPORT_FIELDS

# ~5,000 articles are ~20-40 MB of text in memory: big enough for good compression and fast
# scans, small enough to keep the writer's peak flat.
ROW_GROUP = 5_000
TIMESTAMP = pa.timestamp("us", tz="UTC")
STRINGS = pa.list_(pa.string())
IMAGE = pa.struct([("url", pa.string()), ("caption", pa.string()), ("credit", pa.string())])
_TYPES: dict[str, pa.DataType] = {
    "authors": STRINGS, "tags": STRINGS, "appearances": STRINGS,
    "published_at": TIMESTAMP, "modified_at": TIMESTAMP, "fetched_at": TIMESTAMP,
    "images": pa.list_(IMAGE), "paywalled": pa.bool_(),
    "word_count": pa.int32(), "version": pa.int32(),
}
SCHEMA = pa.schema([(name, _TYPES.get(name, pa.string())) for name in EXPORT_FIELDS])


def _timestamp(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def _images(value: Any) -> list[dict[str, str | None]]:
    return [{key: image.get(key) for key in ("url", "caption", "credit")}
            for image in value or [] if isinstance(image, dict)]


def _column(name: str, values: list[Any]) -> pa.Array:
    kind = _TYPES.get(name)
    if kind == TIMESTAMP:
        values = [_timestamp(v) for v in values]
    elif kind == STRINGS:
        values = [list(v) if v else [] for v in values]
    elif name == "images":
        values = [_images(v) for v in values]
    return pa.array(values, type=SCHEMA.field(name).type)


def _batch(rows: list[dict[str, Any]]) -> pa.RecordBatch:
    return pa.RecordBatch.from_arrays(
        [_column(name, [row.get(name) for row in rows]) for name in EXPORT_FIELDS],
        schema=SCHEMA)


def write_parquet(records: Iterable[dict[str, Any]], path: str | Path, *,
                  row_group: int = ROW_GROUP) -> int:
    """Write ``records`` (export keys) to ``path`` (zstd-compressed); the number written."""
    count = 0
    rows: list[dict[str, Any]] = []
    with pq.ParquetWriter(str(path), SCHEMA, compression="zstd") as writer:
        for record in records:
            rows.append(record)
            if len(rows) >= row_group:
                writer.write_batch(_batch(rows), row_group_size=row_group)
                count += len(rows)
                rows = []
        if rows or not count:
            writer.write_batch(_batch(rows), row_group_size=row_group)
            count += len(rows)
    return count
