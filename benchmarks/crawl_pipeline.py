"""The pipeline ceiling: the spider's per-page work (decode, extract) and every item pipeline
(extraction, chrome, dates, dedup, storage into a temp SQLite store) over pages read from
disk, no network; and trafilatura.extract over the same HTML for comparison. Prints JSON.

    python benchmarks/crawl_pipeline.py SITE_DIR --base-url URL [--limit N] [--trafilatura K]
        [--realpages DIR [--realpages-repeat R]]

``--realpages`` also runs the whole pipeline (family by host or fingerprint, as the paper
spiders and ``scrapy evaluate`` get it; a fresh store per pass) and trafilatura over the
extraction benchmark's archived pages.
"""

from __future__ import annotations

import argparse
import inspect
import json
import sys
import tempfile
import time
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from scrapy.exceptions import DropItem
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.misc import load_object
from scrapy.utils.project import get_project_settings

from newscrawl.crawl.decoding import decode_html
from newscrawl.dates import to_iso_z
from newscrawl.extract import extract_article
from newscrawl.families.pressedruck import PressedruckFamily
from newscrawl.items import ArticleItem

CONTENT_TYPE = b"text/html; charset=utf-8"


class _Crawler:
    """Settings and stats: what the pipelines' from_crawler and the store need."""

    def __init__(self, settings: Any) -> None:
        self.settings = settings
        self.stats = MemoryStatsCollector(self)  # type: ignore[arg-type]


class _Spider:
    name = "augsburger_allgemeine"
    limit = 0


def build_pipelines(db: Path) -> tuple[_Crawler, list[Any]]:
    settings = get_project_settings()
    settings.set("NEWSCRAWL_DB", str(db), priority="cmdline")
    crawler = _Crawler(settings)
    order = sorted(settings.getdict("ITEM_PIPELINES").items(), key=lambda kv: kv[1])
    return crawler, [load_object(path).from_crawler(crawler) for path, _ in order]


def page_item(body: bytes, url: str) -> ArticleItem | None:
    """What NewsSpider.parse_article does with a response: decode, extract once, build the item."""
    html, _how = decode_html(body, CONTENT_TYPE)
    extracted = extract_article(html, url, family=PressedruckFamily)
    if not extracted.is_article:
        return None
    return ArticleItem(url=url, site=_Spider.name, publisher="Augsburger Allgemeine",
                       family=PressedruckFamily.name, html=html, http_status=200,
                       http_headers={"content-type": CONTENT_TYPE.decode()},
                       fetched_at=to_iso_z(datetime.now(UTC)), extracted=extracted)


def run_pipeline(site: Path, base_url: str, paths: list[str], db: Path) -> dict[str, Any]:
    crawler, pipelines = build_pipelines(db)
    spider = _Spider()
    for pipeline in pipelines:
        if hasattr(pipeline, "open_spider"):
            pipeline.open_spider(spider)
    stages: dict[str, float] = defaultdict(float)
    stored = 0
    t0, c0 = time.perf_counter(), time.process_time()
    for path in paths:
        t = time.process_time()
        body = (site / path.lstrip("/")).read_bytes()
        item = page_item(body, base_url + path)
        stages["read+decode+extract"] += time.process_time() - t
        if item is None:
            continue
        for pipeline in pipelines:
            t = time.process_time()
            item = pipeline.process_item(item, spider)
            if inspect.isawaitable(item):
                raise RuntimeError(f"{type(pipeline).__name__} is async: bench needs a loop")
            stages[type(pipeline).__name__] += time.process_time() - t
        stored += 1
    t = time.process_time()
    for pipeline in pipelines:
        if hasattr(pipeline, "close_spider"):
            pipeline.close_spider(spider)
    stages["close_spider"] += time.process_time() - t
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    stats = crawler.stats.get_stats()
    return {"pages": len(paths), "items": stored, "wall_s": wall, "cpu_s": cpu,
            "pages_per_s": len(paths) / wall, "stages_cpu_s": dict(stages),
            "stored": stats.get("newscrawl/store/articles_stored", 0)}


def run_realpages(directory: Path, repeat: int, tmp: Path) -> dict[str, Any]:
    """Whole pipeline vs trafilatura.extract over the archived pages, CPU per page."""
    import trafilatura

    from newscrawl.commands.evaluate import iter_pairs, load_pair
    from newscrawl.families import family_for

    pages = [load_pair(page, expected) for _name, page, expected in iter_pairs(directory)]
    stages: dict[str, float] = defaultdict(float)
    ours = stored = 0
    # Round -1 warms up (dateparser's language data, family and selector caches) untimed, as
    # the crawl's workers and bench_extraction.py do; each timed round gets a fresh store.
    for round_ in range(-1, repeat):
        if round_ == 0:
            stages.clear()
            ours = stored = 0
        crawler, pipelines = build_pipelines(tmp / f"realpages-{round_ + 1}.sqlite3")
        spider = _Spider()
        for pipeline in pipelines:
            if hasattr(pipeline, "open_spider"):
                pipeline.open_spider(spider)
        for html, expected in pages:
            url = expected.get("url") or ""
            t = time.process_time()
            family = family_for(url, html)
            extracted = extract_article(html, url, family=family)
            item = ArticleItem(url=url, site=_Spider.name, family=family.name if family else None,
                               html=html, http_status=200, fetched_at=expected.get("crawl_date")
                               or to_iso_z(datetime.now(UTC)), extracted=extracted)
            stages["extract"] += time.process_time() - t
            for pipeline in pipelines:
                t = time.process_time()
                try:
                    item = pipeline.process_item(item, spider)
                except DropItem:
                    break
                finally:
                    stages[type(pipeline).__name__] += time.process_time() - t
            ours += 1
        for pipeline in pipelines:
            if hasattr(pipeline, "close_spider"):
                pipeline.close_spider(spider)
        stored += crawler.stats.get_value("newscrawl/store/articles_stored", 0)
    trafilatura.extract(pages[0][0], url=pages[0][1].get("url") or None)  # warm-up
    c0 = time.process_time()
    for _round in range(repeat):
        for html, expected in pages:
            trafilatura.extract(html, url=expected.get("url") or None)
    theirs_cpu = time.process_time() - c0
    ours_cpu = sum(stages.values())
    return {"pages": len(pages), "repeat": repeat, "stored": stored,
            "ms_per_page": {k: 1000 * v / ours for k, v in stages.items()},
            "our_ms_per_page": 1000 * ours_cpu / ours,
            "trafilatura_ms_per_page": 1000 * theirs_cpu / (len(pages) * repeat),
            "ours_over_trafilatura_cpu": theirs_cpu / ours_cpu}


def run_trafilatura(site: Path, base_url: str, paths: list[str]) -> dict[str, Any]:
    import trafilatura

    texts = 0
    t0, c0 = time.perf_counter(), time.process_time()
    for path in paths:
        html, _how = decode_html((site / path.lstrip("/")).read_bytes(), CONTENT_TYPE)
        if trafilatura.extract(html, url=base_url + path):
            texts += 1
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    return {"pages": len(paths), "with_text": texts, "wall_s": wall, "cpu_s": cpu,
            "pages_per_s": len(paths) / wall}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--limit", type=int, default=0, help="first N pages (0 = all)")
    parser.add_argument("--trafilatura", type=int, default=0,
                        help="also time trafilatura and our chain on the first K pages")
    parser.add_argument("--skip-pipeline", action="store_true")
    parser.add_argument("--realpages", type=Path, default=None,
                        help="also compare on these archived pages (*.html.gz + *.json)")
    parser.add_argument("--realpages-repeat", type=int, default=3)
    args = parser.parse_args(argv)
    paths = (args.site / "urls.txt").read_text(encoding="utf-8").split()
    if args.limit:
        paths = paths[:args.limit]
    result: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="bench-pipeline-") as tmp:
        if not args.skip_pipeline:
            result["pipeline"] = run_pipeline(args.site, args.base_url, paths,
                                              Path(tmp) / "a.sqlite3")
        if args.trafilatura:
            subset = paths[:args.trafilatura]
            result["subset_pipeline"] = run_pipeline(args.site, args.base_url, subset,
                                                     Path(tmp) / "b.sqlite3")
            result["trafilatura"] = run_trafilatura(args.site, args.base_url, subset)
        if args.realpages:
            result["realpages"] = run_realpages(args.realpages, args.realpages_repeat, Path(tmp))
    json.dump(result, sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
