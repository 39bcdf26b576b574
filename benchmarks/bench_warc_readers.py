"""WARC readers side by side over one file: records/s and MB/s to read every record and the
payload of every response (warcio, fastwarc, newscrawl.archive.records), best of --repeat.

    python benchmarks/warc_corpus.py /tmp/bench.warc.gz --records 10000
    python benchmarks/bench_warc_readers.py /tmp/bench.warc.gz
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from fastwarc.warc import ArchiveIterator as FastIterator
from warcio.archiveiterator import ArchiveIterator as WarcioIterator

from newscrawl.archive.records import Record, iter_units


def read_warcio(path: Path) -> int:
    count = 0
    with path.open("rb") as stream:
        for record in WarcioIterator(stream):
            if record.rec_type == "response":
                record.content_stream().read()
            count += 1
    return count


def read_fastwarc(path: Path) -> int:
    count = 0
    with path.open("rb") as stream:
        for record in FastIterator(stream, parse_http=True):
            record.reader.read()
            count += 1
    return count


def read_newscrawl(path: Path) -> int:
    count = 0
    with path.open("rb") as stream:
        for unit in iter_units(stream):
            count += isinstance(unit, Record)
    return count


READERS = {"warcio": read_warcio, "fastwarc": read_fastwarc, "newscrawl": read_newscrawl}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    size = args.path.stat().st_size / 1e6
    for name, read in READERS.items():
        best, count = float("inf"), 0
        for _ in range(args.repeat):
            start = time.perf_counter()
            count = read(args.path)
            best = min(best, time.perf_counter() - start)
        print(f"{name:10} {count} records in {best:.2f} s: {count / best:,.0f} records/s, "
              f"{size / best:.0f} MB/s (compressed)")


if __name__ == "__main__":
    main()
