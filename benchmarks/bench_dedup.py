"""Near-duplicate index cost per article as the store grows (10k, 100k, 1M stored stories).

The store is filled with synthetic stories (random MinHash signatures: unrelated texts have
effectively random signatures, and computing 1M real ones would only measure MinHash), in batched
transactions. At each size, a sample of real texts is checked the way the crawler checks an
article: one write transaction per article that looks up its LSH band keys and, when no stored
story matches, indexes it. Half of the sample are near-copies (new first sentence, an extra
closing paragraph) of the other half and must be found; the originals must find nothing.

    PYTHONPATH=. python benchmarks/bench_dedup.py [--sizes 10000,100000,1000000] [--sample 400]
        [--db PATH_OR_URL]    (default: a new SQLite file in a temporary directory)
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
from sqlalchemy import func, select

from newscrawl.store.database import open_engine, write_transaction
from newscrawl.store.minhash import Fingerprinter
from newscrawl.store.neardup_index import NearDupIndex
from newscrawl.store.schema import neardup_bands, neardup_signatures

SAMPLE_ID_BASE = 2_000_000_000
FILL_BATCH = 20_000


def words(seed: int) -> list[str]:
    rng = random.Random(seed)
    syllables = ["ba", "ker", "stadt", "rat", "lin", "gen", "mar", "kt", "to", "ren", "sch",
                 "ul", "weg", "haus", "ber", "ung", "lich", "en", "zei", "tung", "pol", "iz"]
    return ["".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) for _ in range(6000)]


VOCABULARY = words(7)


def text(seed: int, length: int = 320) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(VOCABULARY) for _ in range(length))


def near_copy(original: str, seed: int) -> str:
    rng = random.Random(seed)
    intro = " ".join(rng.choice(VOCABULARY) for _ in range(8))
    extra = " ".join(rng.choice(VOCABULARY) for _ in range(25))
    return f"{intro}. {original} {extra}."


def fill(engine, index: NearDupIndex, start: int, stop: int, rng: np.random.Generator) -> float:
    """Index stories start..stop-1 with random signatures; returns seconds taken."""
    began = time.perf_counter()
    num_perm = index.fingerprinter.num_perm
    for first in range(start, stop, FILL_BATCH):
        last = min(stop, first + FILL_BATCH)
        signatures = rng.integers(0, 2**32, size=(last - first, num_perm), dtype=np.uint32)
        with write_transaction(engine) as conn:
            index.add_many(conn, zip(range(first + 1, last + 1), signatures, strict=True))
    if engine.dialect.name == "sqlite":
        # Fold the bulk load's WAL into the database now, not during the measured checks.
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return time.perf_counter() - began


def measure(engine, index: NearDupIndex, fp: Fingerprinter, size: int, sample: int) -> dict:
    """Per-article cost of check-and-index for ``sample`` articles at the current size."""
    seed = size
    originals = [text(seed + i) for i in range(sample // 2)]
    copies = [near_copy(t, seed + i) for i, t in enumerate(originals)]
    began = time.perf_counter()
    signatures = [fp.signature(t) for t in originals + copies]
    minhash_ms = (time.perf_counter() - began) * 1000 / len(signatures)
    timings, cpu, false_positives, missed = [], [], 0, 0
    next_id = SAMPLE_ID_BASE + size
    original_ids: dict[int, int] = {}
    half = len(originals)
    for position, signature in enumerate(signatures):
        began, began_cpu = time.perf_counter(), time.process_time()
        with write_transaction(engine) as conn:
            found = index.find(conn, signature)
            if found is None:
                next_id += 1
                index.add(conn, next_id, signature)
        timings.append((time.perf_counter() - began) * 1000)
        cpu.append((time.process_time() - began_cpu) * 1000)
        if position < half:
            false_positives += found is not None
            original_ids[position] = next_id
        else:
            missed += found != original_ids[position - half]
    timings.sort()
    return {
        "mean_ms": statistics.fmean(timings), "median_ms": statistics.median(timings),
        "p95_ms": timings[int(len(timings) * 0.95)], "minhash_ms": minhash_ms,
        "cpu_ms": statistics.fmean(cpu),
        "false_positives": false_positives, "missed_copies": missed, "checked": len(timings),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--sample", type=int, default=400)
    parser.add_argument("--db", help="store path or URL (default: temporary SQLite file)")
    parser.add_argument("--seed", type=int, default=20211229)
    args = parser.parse_args()
    workdir = None
    db = args.db
    if not db:
        workdir = tempfile.TemporaryDirectory(prefix="bench-dedup-")
        db = str(Path(workdir.name) / "dedup.sqlite3")
    engine = open_engine(db)
    fp = Fingerprinter()
    index = NearDupIndex(fp)
    rng = np.random.default_rng(args.seed)
    print(f"store: {engine.url.render_as_string(hide_password=True)}; threshold {fp.threshold}, "
          f"{fp.num_perm} permutations, {fp.bands} bands x {fp.rows} rows")
    print("| stored stories | check+index per article, wall: mean / median / p95 (ms) | CPU mean "
          "(ms) | MinHash (ms) | fill (s) | band rows | store size | peak RSS "
          "| missed copies / false matches |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|---|")
    stored = 0
    for size in (int(s) for s in args.sizes.split(",")):
        fill_s = fill(engine, index, stored, size, rng)
        stored = size
        result = measure(engine, index, fp, size, args.sample)
        with engine.connect() as conn:
            bands = conn.execute(select(func.count()).select_from(neardup_bands)).scalar_one()
            sigs = conn.execute(select(func.count()).select_from(neardup_signatures)).scalar_one()
        disk = ""
        if engine.dialect.name == "sqlite":
            path = Path(engine.url.database)
            size_bytes = sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
            disk = f"{size_bytes / 2**20:,.0f} MiB"
        elif engine.dialect.name == "postgresql":
            with engine.connect() as conn:
                size_bytes = conn.exec_driver_sql(
                    "SELECT pg_database_size(current_database())").scalar_one()
            disk = f"{size_bytes / 2**20:,.0f} MiB"
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"| {sigs:,} | {result['mean_ms']:.2f} / {result['median_ms']:.2f} / "
              f"{result['p95_ms']:.2f} | {result['cpu_ms']:.2f} | {result['minhash_ms']:.2f} | "
              f"{fill_s:.1f} | {bands:,} | "
              f"{disk} | {rss:,.0f} MiB | {result['missed_copies']} / "
              f"{result['false_positives']} of {result['checked']} |", flush=True)
    engine.dispose()
    if workdir is not None:
        workdir.cleanup()


if __name__ == "__main__":
    main()
