"""`scrapy health --html` on a big store: 100,000 articles from 40 sites over 30 daily crawls
(1,200 crawl records with their per-site figures), generated straight into SQLite.

    python benchmarks/bench_health.py --articles 100000 --crawls 30 --sites 40 --repeat 3

Prints the wall time of the whole command (Scrapy start-up, reading the crawl records, judging
every site, 360 SVG charts, writing the file) and the report's size. The report reads the
``crawls`` table only, so the article count sets the store's size, not the work.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newscrawl.store import ArticleStore  # noqa: E402
from newscrawl.store.schema import articles, crawls  # noqa: E402

SCRAPY = str(Path(sys.executable).with_name("scrapy"))


def figures(rng: random.Random, site: str, n: int, broken: bool) -> dict:
    """Plausible per-site figures of one crawl (as SiteTally.figures() writes them)."""
    median = rng.gauss(2400, 200) / (3 if broken else 1)
    return {
        "site": site, "pages_fetched": n + 12, "articles": n,
        "statuses": {"200": n + 10, "404": 2}, "failures": {"4xx": 2, "robots": 1},
        "walls": {}, "wall_titles": [], "body_chars_p25": median * 0.7,
        "body_chars_median": median, "body_chars_p75": median * 1.3,
        "paragraphs_median": 9.0 / (3 if broken else 1), "empty_bodies": 0,
        "short_bodies": rng.randint(0, 3), "share_author": 0.9, "share_date": 1.0,
        "share_teaser": 0.95, "no_date": 0, "generic_fallbacks": 0, "fallback_rate": 0.0,
        "paywalled": rng.randint(0, n // 4), "chrome_lines_dropped": 2 * n,
        "chrome_per_article": 2.0, "trailing_line": "", "trailing_share": 0.0,
        "duration_s": rng.uniform(60, 900), "state": "red" if broken else "green",
        "reasons": ["median body length 0.33× the usual"] if broken else [], "change": 0.0,
    }


def build(db: Path, n_articles: int, n_crawls: int, n_sites: int) -> None:
    """A store with ``n_articles`` articles and one crawl record per site and day."""
    rng = random.Random(20)
    store = ArticleStore.open(str(db))
    start = datetime(2025, 3, 1, 5, tzinfo=UTC)
    per_crawl = max(-(-n_articles // (n_crawls * n_sites)), 1)  # ceil: at least n_articles
    body = "Ein Absatz mit Artikeltext über die Stadt und ihre Leute. " * 40
    rows, crawl_rows, made = [], [], 0
    for day in range(n_crawls):
        when = start + timedelta(days=day)
        stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
        for s in range(n_sites):
            site = f"paper{s:02d}"
            broken = s == 7 and day == n_crawls - 1
            fig = figures(rng, site, per_crawl, broken)
            crawl_rows.append({
                "site": site, "started_at": stamp, "finished_at": stamp,
                "finish_reason": "finished", "pages_fetched": fig["pages_fetched"],
                "articles_stored": per_crawl, "generic_fallbacks": 0, "empty_bodies": 0,
                "paywalled": fig["paywalled"], "chrome_lines_dropped": fig["chrome_lines_dropped"],
                "fallback_rate": 0.0, "stats": {"newscrawl/store/articles_stored": per_crawl,
                                                "health": fig}})
            for _ in range(per_crawl):
                made += 1
                rows.append({"canonical_url": f"https://{site}.example/a/{made}.html",
                             "url": f"https://{site}.example/a/{made}.html", "site": site,
                             "title": f"Artikel {made}", "body": body, "published_at": stamp,
                             "fetched_at": stamp, "word_count": 400, "version": 1})
    with store.engine.begin() as conn:
        for i in range(0, len(rows), 5000):
            conn.execute(articles.insert(), rows[i:i + 5000])
        conn.execute(crawls.insert(), crawl_rows)
    print(f"store: {made:,} articles, {len(crawl_rows):,} crawl records ({n_sites} sites x "
          f"{n_crawls} crawls), {db.stat().st_size / 1e6:.0f} MB")
    store.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--crawls", type=int, default=30)
    parser.add_argument("--sites", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "store.sqlite3"
        build(db, args.articles, args.crawls, args.sites)
        report = Path(tmp) / "report.html"
        times = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            subprocess.run([SCRAPY, "health", "--db", str(db), "--html", str(report),
                            "--last", str(args.crawls)], cwd=ROOT, check=True,
                           capture_output=True)
            times.append(time.perf_counter() - t0)
        print(f"scrapy health --html --last {args.crawls}: median {statistics.median(times):.2f} "
              f"s, max {max(times):.2f} s over {args.repeat} runs; report "
              f"{report.stat().st_size / 1e6:.1f} MB, {report.read_text().count('<svg')} charts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
