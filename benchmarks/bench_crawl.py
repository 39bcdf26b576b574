"""Crawl throughput and memory, side by side in one session, against a generated newsroom
served by nginx on 127.0.0.1:

- nginx: requests/s wrk gets over the article URLs (the server must outrun the crawler);
- engine: Scrapy with a no-op callback over the same sitemap (benchmarks/crawl_noop_spider.py);
- pipeline: decode + extraction + every item pipeline into a temp SQLite store, from disk;
- e2e: ``scrapy crawl augsburger_allgemeine`` of the sitemap with every pipeline and SQLite;
- e2e_pool: the same crawl with extraction in a worker process (NEWSCRAWL_EXTRACT_PROCESSES=1);
- trafilatura.extract over the first K pages, against our pipeline on the same pages.

    python benchmarks/bench_crawl.py --pages 10000 --repeat 3
    python benchmarks/bench_crawl.py --pages 100000 --modes e2e --jobdir --repeat 1   # memory

Sites are generated once per (pages, port, weight) under --cache (default
/tmp/newscrawl-bench). ``--weight real`` (default) gives article pages of a real regional
paper's size and shape (~270 KB, ~1,200 elements; ``newscrawl/testing/page_weight.py``),
``--weight light`` the bare ~12 KB template.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from crawl_nginx import Nginx, wrk_rate
from crawl_runs import Run, crawl_run, pipeline_run

from newscrawl.testing.big_newsroom import WEIGHTS, build

MODES = ("engine", "pipeline", "e2e", "e2e_pool")
CRAWLS = ("e2e", "e2e_pool")


def ensure_site(cache: Path, pages: int, port: int, weight: str = "real") -> Path:
    """The generated site for ``pages`` articles at 127.0.0.1:``port`` (built when missing)."""
    site = cache / f"site-{pages}-{port}-{weight}"
    marker = site / ".complete"
    if not marker.exists():
        started = time.perf_counter()
        info = build(site, pages, base_url=f"http://127.0.0.1:{port}", weight=weight)
        marker.write_text(json.dumps({"pages": pages, "bytes": info.bytes_written}))
        print(f"# generated {pages} pages ({info.bytes_written / 1e6:.0f} MB, "
              f"{info.sitemaps} sitemap files) in {time.perf_counter() - started:.0f} s",
              flush=True)
    return site


def trafilatura_figures(data: dict[str, Any]) -> dict[str, float]:
    """Our chain vs trafilatura.extract on the same pages: whole pipeline and extraction only,
    wall and CPU (CPU figures are steadier on a shared machine)."""
    ours, theirs = data["subset_pipeline"], data["trafilatura"]
    extract_cpu = ours["stages_cpu_s"]["read+decode+extract"]
    return {
        "trafilatura_pages_per_s": theirs["pages_per_s"],
        "trafilatura_pages_per_cpu_s": theirs["pages"] / theirs["cpu_s"],
        "our_subset_pages_per_s": ours["pages_per_s"],
        "our_subset_pages_per_cpu_s": ours["pages"] / ours["cpu_s"],
        "ours_over_trafilatura": ours["pages_per_s"] / theirs["pages_per_s"],
        "ours_over_trafilatura_cpu": theirs["cpu_s"] / ours["cpu_s"],
        "our_extraction_over_trafilatura_cpu": theirs["cpu_s"] / extract_cpu,
    }


def load_average() -> str:
    return Path("/proc/loadavg").read_text().split(" ", 3)[:3].__str__()


def summarize(runs: dict[str, list[Run]], extra: dict[str, Any]) -> dict[str, Any]:
    rates = {mode: [r.pages_per_s for r in rs] for mode, rs in runs.items() if rs}
    median = {mode: statistics.median(v) for mode, v in rates.items()}
    cpu_rates = {mode: [r.pages / r.detail["cpu_s"] for r in rs]
                 for mode, rs in runs.items() if rs}
    cpu_median = {mode: statistics.median(v) for mode, v in cpu_rates.items()}
    summary: dict[str, Any] = {"pages_per_s": rates, "median": median,
                               "pages_per_cpu_s": cpu_rates, "median_cpu": cpu_median, **extra}
    if {"engine", "pipeline"} <= median.keys():
        ceiling = min(median["engine"], median["pipeline"])
        cpu_ceiling = min(cpu_median["engine"], cpu_median["pipeline"])
        # One process on one core: the best in-process e2e can do is the harmonic combination.
        summary["harmonic_ceiling"] = 1 / (1 / median["engine"] + 1 / median["pipeline"])
        for crawl in CRAWLS:
            if crawl not in median:
                continue
            summary[f"{crawl}_over_min_ceiling"] = median[crawl] / ceiling
            summary[f"{crawl}_over_min_ceiling_cpu"] = cpu_median[crawl] / cpu_ceiling
            summary[f"{crawl}_per_run_ratio"] = [
                e.pages_per_s / min(g.pages_per_s, p.pages_per_s)
                for g, p, e in zip(runs["engine"], runs["pipeline"], runs[crawl], strict=False)
            ]
    summary["peak_rss_mb"] = {mode: [round(r.peak_rss_mb, 1) for r in rs]
                              for mode, rs in runs.items() if rs}
    summary["rss_samples"] = {mode: [r.detail.get("rss_samples") for r in rs]
                              for mode, rs in runs.items() if rs and mode != "pipeline"}
    return summary


def print_table(summary: dict[str, Any]) -> None:
    print("\n| measure | median | runs |\n| --- | ---: | --- |")
    for mode, values in summary["pages_per_s"].items():
        runs = " / ".join(f"{v:,.0f}" for v in values)
        print(f"| {mode} pages/s | {summary['median'][mode]:,.0f} | {runs} |")
    for mode, values in summary["pages_per_cpu_s"].items():
        runs = " / ".join(f"{v:,.0f}" for v in values)
        print(f"| {mode} pages per CPU s | {summary['median_cpu'][mode]:,.0f} | {runs} |")
    for key in ("nginx_rps", "trafilatura_pages_per_s", "trafilatura_pages_per_cpu_s",
                "our_subset_pages_per_s", "our_subset_pages_per_cpu_s", "ours_over_trafilatura",
                "ours_over_trafilatura_cpu", "our_extraction_over_trafilatura_cpu",
                "e2e_over_min_ceiling", "e2e_over_min_ceiling_cpu", "e2e_pool_over_min_ceiling",
                "e2e_pool_over_min_ceiling_cpu", "harmonic_ceiling"):
        if key in summary:
            print(f"| {key} | {summary[key]:,.2f} | |")
    real = summary.get("realpages")
    if real:
        print(f"| realpages: our pipeline / trafilatura ms per page (CPU) | "
              f"{real['our_ms_per_page']:.1f} / {real['trafilatura_ms_per_page']:.1f} | "
              f"{real['ours_over_trafilatura_cpu']:.2f}x |")
    for mode, values in summary["peak_rss_mb"].items():
        print(f"| {mode} peak RSS MB | | {' / '.join(map(str, values))} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--modes", default=",".join(MODES))
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--port", type=int, default=18765)
    parser.add_argument("--weight", choices=WEIGHTS, default="real",
                        help="article pages with a real page's furniture (~270 KB, default) or "
                             "the bare template (light, ~12 KB)")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/newscrawl-bench"))
    parser.add_argument("--trafilatura", type=int, default=1000,
                        help="pages for the trafilatura comparison (0 = skip)")
    parser.add_argument("--no-nginx-check", action="store_true")
    parser.add_argument("--realpages", type=Path, default=None,
                        help="also run the whole pipeline and trafilatura over these archived "
                             "pages (the extraction benchmark's, e.g. ../shared/realpages)")
    parser.add_argument("--jobdir", action="store_true", help="crawl with JOBDIR (disk queues)")
    parser.add_argument("--profile", type=Path, default=None,
                        help="py-spy raw profiles of each mode into this directory "
                             "(separate, slower runs: do not quote their rates)")
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                        help="extra Scrapy setting for the engine and e2e crawls")
    parser.add_argument("--json", type=Path, default=None, help="write the summary here")
    args = parser.parse_args(argv)
    modes = [m for m in args.modes.split(",") if m]
    site = ensure_site(args.cache, args.pages, args.port, args.weight)
    runs: dict[str, list[Run]] = {m: [] for m in modes}
    extra: dict[str, Any] = {"pages": args.pages, "weight": args.weight,
                             "concurrency": args.concurrency,
                             "settings": args.set,
                             "jobdir": args.jobdir, "load_before": load_average()}
    work = args.cache / "runs" / time.strftime("%Y%m%dT%H%M%S")
    work.mkdir(parents=True)
    print(f"# logs in {work}", flush=True)
    with Nginx(site, args.port) as nginx:
        if not args.no_nginx_check:
            extra["nginx_rps"] = wrk_rate(nginx.base_url, site / "urls.txt")
            print(f"# nginx: {extra['nginx_rps']:,.0f} requests/s (wrk, 16 connections)",
                  flush=True)
        for repeat in range(args.repeat):
            for mode in modes:
                profile = args.profile / f"{mode}.txt" if args.profile else None
                if profile:
                    args.profile.mkdir(parents=True, exist_ok=True)
                if mode == "pipeline":
                    k = args.trafilatura if repeat == 0 else 0
                    run, data = pipeline_run(site, nginx.base_url, args.pages, work,
                                             trafilatura=k, profile=profile,
                                             realpages=args.realpages if k else None)
                    if k:
                        extra.update(trafilatura_figures(data))
                    if "realpages" in data:
                        real = data["realpages"]
                        extra["realpages"] = real
                        print(f"#   realpages ({real['pages']} x {real['repeat']}): our "
                              f"pipeline {real['our_ms_per_page']:.1f} ms, trafilatura "
                              f"{real['trafilatura_ms_per_page']:.1f} ms CPU per page -> "
                              f"{real['ours_over_trafilatura_cpu']:.2f}x", flush=True)
                else:
                    run = crawl_run(mode, nginx.base_url, args.pages, work,
                                    concurrency=args.concurrency, jobdir=args.jobdir,
                                    profile=profile, extra=args.set)
                    stats = run.detail["stats"]
                    if run.detail.get("children"):
                        print(f"#   CPU: crawl process {run.detail['main_cpu_s']:.1f} s, "
                              f"{run.detail['children']} worker(s) "
                              f"{run.detail['children_cpu_s']:.1f} s", flush=True)
                    print(f"#   responses {stats.get('downloader/response_count')}, items "
                          f"{stats.get('item_scraped_count', 0)}, stored "
                          f"{stats.get('newscrawl/store/articles_stored', 0)}, rss "
                          f"{[s[1] for s in run.detail['rss_samples']][::5]}", flush=True)
                runs[mode].append(run)
                print(f"# run {repeat + 1} {mode}: {run.pages_per_s:,.1f} pages/s, "
                      f"{run.wall_s:.1f} s wall, {run.detail['cpu_s']:.1f} s CPU "
                      f"({run.pages / run.detail['cpu_s']:,.0f} pages per CPU s), "
                      f"peak RSS {run.peak_rss_mb:.0f} MB", flush=True)
    extra["load_after"] = load_average()
    summary = summarize(runs, extra)
    print_table(summary)
    if args.json:
        args.json.write_text(json.dumps(summary, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
