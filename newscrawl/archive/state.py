"""A resumable replay (``--state DIR``): per source, the byte offset below which every unit is
done, written atomically as the replay goes.

Units are done out of order (worker processes), so the offset kept is that of the oldest unit
still in flight. Killed at any point, a restart re-reads from there: at most the units in flight
and those after them are replayed again, and the store finds those ``unchanged`` (one row per
canonical URL), so every article is stored exactly once.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path

# Offsets are written at most this often per source (and always when a source is finished):
# a kill costs at most this much work again.
SAVE_EVERY_SECONDS = 1.0


class Ledger:
    """Which units of one source are done: those below ``watermark``."""

    def __init__(self, start: int) -> None:
        self.read_to = start
        # Offset -> records of that unit still in flight, in reading (= offset) order.
        self.pending: dict[int, int] = {}
        self.ended = False

    def passed(self, end: int) -> None:
        """A unit read up to ``end`` needs no more work."""
        self.read_to = end

    def opened(self, offset: int, end: int) -> None:
        """A record of the unit at ``offset`` went to extraction."""
        self.pending[offset] = self.pending.get(offset, 0) + 1
        self.read_to = end

    def closed(self, offset: int) -> None:
        """A record of the unit at ``offset`` is stored (or found no article)."""
        left = self.pending[offset] - 1
        if left:
            self.pending[offset] = left
        else:
            del self.pending[offset]

    @property
    def watermark(self) -> int:
        return next(iter(self.pending), self.read_to)

    @property
    def finished(self) -> bool:
        return self.ended and not self.pending


class ReplayState:
    """The state directory (or nothing to keep, without ``--state``)."""

    def __init__(self, directory: str | Path | None) -> None:
        self.directory = Path(directory) if directory else None
        if self.directory:
            self.directory.mkdir(parents=True, exist_ok=True)
        self._saved_at: dict[str, float] = {}

    def _path(self, source: str) -> Path:
        assert self.directory is not None
        return self.directory / f"{hashlib.sha1(source.encode()).hexdigest()[:20]}.json"

    def start(self, source: str) -> int | None:
        """Where to start reading ``source``: 0, a saved offset, or None when it is done."""
        if not self.directory or not self._path(source).exists():
            return 0
        saved = json.loads(self._path(source).read_text())
        return None if saved.get("finished") else int(saved.get("offset", 0))

    def save(self, source: str, ledger: Ledger, *, force: bool = False) -> None:
        """Write the source's watermark (throttled unless ``force`` or finished)."""
        if not self.directory:
            return
        now = time.monotonic()
        if not (force or ledger.finished) and now - self._saved_at.get(source, 0) < \
                SAVE_EVERY_SECONDS:
            return
        self._saved_at[source] = now
        path = self._path(source)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps({"source": source, "offset": ledger.watermark,
                                   "finished": ledger.finished}))
        os.replace(tmp, path)
