"""CompactStringSet: a set of strings (canonical URLs, request fingerprints) kept as 64-bit hashes,
for crawl-wide "seen" sets that must not grow memory by ~150 bytes per URL.

Members are the strings' 64-bit ``hash()`` values (SipHash, salted per process: the set is never
persisted) in a sorted ``array('q')`` (8 bytes each) plus a small Python set of recent additions
that is merged in geometrically, so ``add`` and ``in`` stay O(log n) amortised. Two different
strings collide with probability ~ n² / 2⁶⁵ (about 3e-6 at 10 million members); a collision makes
one URL look seen.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from itertools import chain

_MIN_PENDING = 4096
_key = hash


class CompactStringSet:
    """``add``, ``update``, ``in`` and ``len`` of a set of strings in ~8 bytes per member.

    Members are ``str`` or ``bytes`` (Scrapy 2.14+ keeps request fingerprints as bytes); one set
    holds one kind, since ``hash("a")`` and ``hash(b"a")`` differ."""

    __slots__ = ("_pending", "_sorted")

    def __init__(self, values: Iterable[str | bytes] = ()) -> None:
        self._sorted = array("q")
        self._pending: set[int] = set()
        self.update(values)

    def __contains__(self, value: object) -> bool:
        if not isinstance(value, str | bytes):
            return False
        key = _key(value)
        return key in self._pending or self._in_sorted(key)

    def _in_sorted(self, key: int) -> bool:
        index = bisect_left(self._sorted, key)
        return index < len(self._sorted) and self._sorted[index] == key

    def add(self, value: str | bytes) -> None:
        key = _key(value)
        if key in self._pending or self._in_sorted(key):
            return
        self._pending.add(key)
        if len(self._pending) >= max(_MIN_PENDING, len(self._sorted) >> 3):
            self._merge()

    def update(self, values: Iterable[str | bytes]) -> None:
        for value in values:
            self.add(value)

    def _merge(self) -> None:
        self._sorted = array("q", sorted(chain(self._sorted, self._pending)))
        self._pending = set()

    def __len__(self) -> int:
        return len(self._sorted) + len(self._pending)

    def __iter__(self) -> Iterator[str]:
        raise TypeError("CompactStringSet keeps hashes only; its members cannot be listed")

    @property
    def nbytes(self) -> int:
        """Approximate memory held by the members (array plus pending set)."""
        return self._sorted.itemsize * len(self._sorted) + len(self._pending) * 64
