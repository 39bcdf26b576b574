"""The near-duplicate index in the database: one signature row per story, one row per LSH band.

Finding candidates is an indexed lookup of the new article's band keys (``band_key IN (…)``),
so its cost does not grow with the number of stored stories, and every process writing to the
same database sees the same index (no per-process LSH to rebuild or keep in sync).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from sqlalchemy import bindparam, select, tuple_
from sqlalchemy.engine import Connection

from newscrawl.store.fastsql import Prepared
from newscrawl.store.minhash import Fingerprinter, best_match, from_bytes, to_bytes
from newscrawl.store.schema import neardup_bands, neardup_signatures

_INSERT_SIGNATURE = Prepared(neardup_signatures.insert(), insert_of=neardup_signatures)
_INSERT_BAND = Prepared(neardup_bands.insert(), insert_of=neardup_bands)


class NearDupIndex:
    """Find, add and remove stories by MinHash signature, within the caller's transaction."""

    def __init__(self, fingerprinter: Fingerprinter) -> None:
        self.fingerprinter = fingerprinter
        # Built once with one parameter per band (not an expanding IN list, which SQLAlchemy
        # rewrites on every call): the compiled statement is reused as it is.
        self._key_names = [f"k{band}" for band in range(fingerprinter.bands)]
        bands = select(neardup_bands.c.story_id).where(
            neardup_bands.c.band_key.in_([bindparam(name) for name in self._key_names]))
        self._candidates = Prepared(
            select(neardup_signatures.c.story_id, neardup_signatures.c.signature)
            .where(neardup_signatures.c.story_id.in_(bands)))

    def find(self, conn: Connection, signature: np.ndarray | None,
             band_keys: list[int] | None = None) -> int | None:
        """The oldest indexed story whose signature matches ``signature``, or None.

        ``band_keys``: the signature's keys when the caller has them already."""
        if signature is None:
            return None
        keys = band_keys if band_keys is not None else self.fingerprinter.band_keys(signature)
        rows = self._candidates.execute(conn, dict(zip(self._key_names, keys, strict=True))
                                        ).fetchall()
        return best_match(self.fingerprinter, signature, [(r[0], r[1]) for r in rows])

    def add(self, conn: Connection, story_id: int, signature: np.ndarray | None,
            band_keys: list[int] | None = None) -> None:
        if signature is None:
            return
        keys = band_keys if band_keys is not None else self.fingerprinter.band_keys(signature)
        _INSERT_SIGNATURE.execute(conn, {"story_id": story_id, "signature": to_bytes(signature)})
        _INSERT_BAND.executemany(conn, [{"band_key": key, "story_id": story_id}
                                        for key in set(keys)])

    def add_many(self, conn: Connection, stories: Iterable[tuple[int, np.ndarray]]) -> None:
        """Index several stories with two batched inserts."""
        signatures, bands = [], []
        for story_id, signature in stories:
            signatures.append({"story_id": story_id, "signature": to_bytes(signature)})
            bands.extend({"band_key": key, "story_id": story_id}
                         for key in set(self.fingerprinter.band_keys(signature)))
        if signatures:
            _INSERT_SIGNATURE.executemany(conn, signatures)
            _INSERT_BAND.executemany(conn, bands)

    def remove(self, conn: Connection, story_id: int) -> None:
        stored = conn.execute(
            select(neardup_signatures.c.signature).where(neardup_signatures.c.story_id == story_id)
        ).scalar()
        if stored is None:
            return
        keys = self.fingerprinter.band_keys(from_bytes(stored))
        conn.execute(neardup_bands.delete().where(
            tuple_(neardup_bands.c.band_key, neardup_bands.c.story_id).in_(
                [(key, story_id) for key in keys])
        ))
        conn.execute(neardup_signatures.delete().where(neardup_signatures.c.story_id == story_id))
