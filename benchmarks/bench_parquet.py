"""`scrapy export -o corpus.parquet` at corpus scale: a SQLite store of N synthetic articles
(bulk-inserted rows: ~2,500-character bodies, authors, tags, two images), exported to Parquet;
seconds (wall and CPU: CPU seconds do not depend on what else the machine runs) and peak RSS of
the export, for each N (flat memory means the same peak at 10k and 100k).

    python benchmarks/bench_parquet.py --articles 10000 100000
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
from pathlib import Path

from sqlalchemy import insert

from newscrawl.store import ArticleStore
from newscrawl.store.schema import articles

ROOT = Path(__file__).resolve().parents[1]
SCRAPY = str(Path(sys.executable).with_name("scrapy"))
WORDS = ("Stadt", "Rat", "Brücke", "Bahn", "Kita", "Zoo", "Haushalt", "Markt", "Feuerwehr",
         "Schule", "Verein", "Straße", "Bürger", "Kreis", "Landrat", "Polizei", "Gemeinde")


def row(i: int, rng: random.Random) -> dict:
    url = f"https://www.example-zeitung.de/lokales/artikel-{i}-id{10_000_000 + i}.html"
    body = " ".join(rng.choice(WORDS) for _ in range(330))
    return {
        "canonical_url": url, "url": url, "site": "example", "publisher": "Example",
        "title": f"Artikel {i}", "kicker": "Lokales", "teaser": body[:160], "body": body,
        "authors": ["Ina Marks", "Ole Berg"], "section": "lokales", "tags": ["Stadt", "Rat"],
        "published_at": "2024-05-01T08:00:00Z", "modified_at": None,
        "published_raw": "01.05.2024, 10:00 Uhr", "published_source": "jsonld",
        "images": [{"url": f"https://img.example/{i}/a.jpg", "caption": "Der Rat.",
                    "credit": "dpa"}, {"url": f"https://img.example/{i}/b.jpg",
                                       "caption": None, "credit": None}],
        "paywalled": i % 7 == 0, "language": "de", "fetched_at": "2024-05-01T09:00:00Z",
        "first_seen_at": "2024-05-01T09:00:00Z", "word_count": 330,
        "content_hash": f"{i:040x}", "version": 1, "extractor": "family:funke",
    }


def build_store(path: Path, count: int) -> None:
    if path.exists():
        return
    store = ArticleStore.open(str(path))
    rng = random.Random(count)
    with store.engine.begin() as conn:
        for start in range(0, count, 5000):
            conn.execute(insert(articles), [row(i, rng) for i in range(start,
                                                                       min(count, start + 5000))])
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--cache", type=Path, default=Path("/tmp/newscrawl-bench"))
    args = parser.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    wrapper = ("import resource,subprocess,sys,time;t=time.perf_counter();"
               "r=subprocess.run(sys.argv[1:],capture_output=True);"
               "u=resource.getrusage(resource.RUSAGE_CHILDREN);"
               "print(time.perf_counter()-t,u.ru_maxrss,u.ru_utime+u.ru_stime);"
               "sys.exit(r.returncode)")
    for count in args.articles:
        db = args.cache / f"parquet-{count}.sqlite3"
        build_store(db, count)
        out = args.cache / f"corpus-{count}.parquet"
        result = subprocess.run([sys.executable, "-c", wrapper, SCRAPY, "export", "--db",
                                 str(db), "-o", str(out)], cwd=ROOT, capture_output=True,
                                text=True, check=True)
        seconds, rss, cpu = result.stdout.split()
        print(f"export -o corpus.parquet, {count:,} articles: {float(seconds):.1f} s "
              f"({float(cpu):.1f} CPU s), peak RSS {int(rss) // 1024} MB, "
              f"{out.stat().st_size / 1e6:.0f} MB file")


if __name__ == "__main__":
    main()
