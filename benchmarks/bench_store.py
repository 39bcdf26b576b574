"""Store throughput: articles saved per second, as the crawler saves them (one transaction per
article: duplicate check by content hash and MinHash bands, insert, index, raw page compressed).

Synthetic articles of ~350 words with a ~40 KB raw page; a quarter are near-copies of earlier
ones (wire stories). Runs one writer, then several writer processes at once on the same store.

    PYTHONPATH=. python benchmarks/bench_store.py [--articles 1000] [--writers 2]
        [--db PATH_OR_URL]    (default: a new SQLite file; PostgreSQL: postgresql://…)
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import tempfile
import time
from pathlib import Path

from sqlalchemy import text

from newscrawl.store import ArticleStore
from newscrawl.store.database import database_url
from newscrawl.store.identity import content_hash

_WORDS = ["Stadtrat", "Bürger", "Haushalt", "Brücke", "Verkehr", "Schule", "Landkreis", "Polizei",
          "Millionen", "Euro", "Jahr", "Bürgermeister", "Sitzung", "Antrag", "Gemeinde",
          "Projekt", "Baustelle", "Kosten", "Zeitplan", "Anwohner", "Freistaat", "Verwaltung"]
_CHROME = "<div class='teaser'><a href='/x'>Lesen Sie auch: Mehr aus der Region</a></div>" * 120


def make_article(run: str, writer: int, i: int) -> tuple[dict, str]:
    """An article and its raw page; every fourth is a near-copy of story i-1's text."""
    source = i - 1 if i % 4 == 3 else i
    rng = random.Random(f"{run}-{writer}-{source}")
    paragraphs = [" ".join(rng.choice(_WORDS) + str(rng.randint(0, 999)) for _ in range(50))
                  for _ in range(7)]
    if source != i:
        paragraphs.append("Ergänzend teilte die Agentur mit, weitere Details folgten.")
    body = "\n\n".join(paragraphs)
    url = f"https://paper{writer}.example/{run}/artikel-{i}"
    title = f"Artikel {writer}-{i}"
    html = (f"<html><head><title>{title}</title></head><body>{_CHROME}<article>"
            + "".join(f"<p>{p}</p>" for p in paragraphs) + f"</article>{_CHROME}</body></html>")
    record = {"url": url, "canonical_url": url, "site": f"paper{writer}", "title": title,
              "body": body, "published_at": "2024-05-01T08:00:00Z",
              "fetched_at": "2024-05-01T09:00:00Z", "content_hash": content_hash(title, body),
              "word_count": len(body.split())}
    return record, html


def write(db: str, run: str, writer: int, count: int) -> tuple[float, float]:
    """Save ``count`` articles; returns when saving began and ended (epoch seconds)."""
    store = ArticleStore.open(db)
    batch = [make_article(run, writer, i) for i in range(count)]
    began = time.time()
    for record, html in batch:
        store.save(record, html, status=200, headers={"etag": '"x"'})
    ended = time.time()
    store.close()
    return began, ended


def _worker(args: tuple[str, str, int, int]) -> tuple[float, float]:
    return write(*args)


def reset(db: str) -> None:
    store = ArticleStore.open(db)
    with store.engine.begin() as conn:
        for table in ("neardup_bands", "neardup_signatures", "article_versions", "pages",
                      "articles"):
            conn.execute(text(f"DELETE FROM {table}"))
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000, help="per writer")
    parser.add_argument("--writers", type=int, default=2)
    parser.add_argument("--db", help="store path or URL (default: temporary SQLite file)")
    args = parser.parse_args()
    workdir = tempfile.TemporaryDirectory(prefix="bench-store-")
    db = args.db or str(Path(workdir.name) / "store.sqlite3")
    reset(db)
    print(f"store: {database_url(db).split('@')[-1]}")
    began, ended = write(db, "single", 0, args.articles)
    elapsed = ended - began
    print(f"1 writer: {args.articles} articles in {elapsed:.1f} s = "
          f"{args.articles / elapsed:.0f} articles/s")
    reset(db)
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(args.writers) as pool:
        spans = pool.map(_worker, [(db, "multi", w, args.articles) for w in range(args.writers)])
    # From the first writer's first save to the last writer's last (process start excluded).
    elapsed = max(end for _, end in spans) - min(start for start, _ in spans)
    total = args.writers * args.articles
    store = ArticleStore.open(db)
    stored, stories = store.count(), sum(1 for _ in store.iter_articles())
    store.close()
    print(f"{args.writers} writer processes at once: {total} articles in {elapsed:.1f} s = "
          f"{total / elapsed:.0f} articles/s; stored {stored}, "
          f"{stories} stories")
    workdir.cleanup()


if __name__ == "__main__":
    main()
