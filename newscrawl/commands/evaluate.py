"""`scrapy evaluate DIR`: score the offline processing chain against hand-checked pages.

DIR holds ``NAME.html.gz`` + ``NAME.json`` pairs (format: /work/shared/realpages/README.md).
Every page runs through ``newscrawl.offline.chain.process_page`` — the crawler's own extraction,
chrome and date pipelines — with ``fetched_at`` = the JSON's ``crawl_date``. The scoring maths
is in ``newscrawl.offline.scoring`` (shared with benchmarks/bench_extraction.py).
"""

from __future__ import annotations

import gzip
import json
import sys
import time
from argparse import ArgumentParser, Namespace
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from newscrawl.chrome import looks_like_chrome
from newscrawl.offline.datescore import format_date_line
from newscrawl.offline.scoring import (
    PageScore,
    by_publisher,
    empty_body,
    no_record,
    score_page,
    summarize,
)

# Threshold options: (option dest, summary key, "min" or "max").
THRESHOLDS: tuple[tuple[str, str, str], ...] = (
    ("min_body_f1", "body_f1", "min"),
    ("min_body_precision", "body_precision", "min"),
    ("min_body_recall", "body_recall", "min"),
    ("min_title_accuracy", "title_accuracy", "min"),
    ("min_published_accuracy", "published_accuracy", "min"),
    ("min_authors_f1", "authors_f1", "min"),
    ("max_chrome_leaks", "chrome_leaks", "max"),
    ("max_no_record", "no_record", "max"),
    ("max_empty_body", "empty_body", "max"),
)


def iter_pairs(directory: Path) -> Iterator[tuple[str, Path, Path]]:
    """(name, page path, json path) for every complete pair in ``directory``, sorted; the page
    is ``NAME.html.gz`` or (for hand-written fixtures) plain ``NAME.html``."""
    for expected in sorted(directory.glob("*.json")):
        for suffix in (".html.gz", ".html"):
            page = expected.with_name(expected.stem + suffix)
            if page.exists():
                yield expected.stem, page, expected
                break


def load_pair(page: Path, expected: Path) -> tuple[str, dict[str, Any]]:
    """The page's HTML (UTF-8) and its expectation."""
    raw = page.read_bytes()
    if page.suffix == ".gz":
        raw = gzip.decompress(raw)
    return raw.decode("utf-8", errors="replace"), json.loads(expected.read_text(encoding="utf-8"))


def check_thresholds(summary: dict[str, Any], scores: list[PageScore], opts: Namespace
                     ) -> list[str]:
    """Human-readable failures of the thresholds given on the command line."""
    failures: list[str] = []
    for dest, key, kind in THRESHOLDS:
        limit = getattr(opts, dest, None)
        value = summary.get(key)
        if limit is None or value is None:
            continue
        if (kind == "min" and value < limit) or (kind == "max" and value > limit):
            failures.append(f"{key} = {value:.4g} ({'<' if kind == 'min' else '>'} {limit})")
    if opts.max_pages_below:
        f1_limit, max_pages = parse_pages_below(opts.max_pages_below)
        below = [s.name for s in scores if s.body_f1 is not None and s.body_f1 < f1_limit]
        if len(below) > max_pages:
            failures.append(f"{len(below)} pages below body F1 {f1_limit} (max {max_pages}): "
                            + ", ".join(below))
    return failures


def parse_pages_below(value: str) -> tuple[float, int]:
    """"0.85:2" -> (0.85, 2)."""
    try:
        f1, count = value.split(":")
        return float(f1), int(count)
    except ValueError as exc:
        raise UsageError(f"--max-pages-below expects F1:N, e.g. 0.85:2, not {value!r}") from exc


def format_table(summary: dict[str, Any], publishers: dict[str, dict[str, Any]]) -> str:
    """Per-publisher rows and the macro average as a fixed-width table."""
    header = (f"{'publisher':24} {'pages':>5} {'bodyF1':>7} {'bodyP':>7} {'bodyR':>7} "
              f"{'title':>6} {'authF1':>6} {'date':>6} {'leaks':>5}")
    lines = [header, "-" * len(header)]

    def fmt(v: float | None, width: int) -> str:
        return f"{v:{width}.3f}" if v is not None else f"{'-':>{width}}"

    def row(name: str, s: dict[str, Any]) -> str:
        return (f"{name[:24]:24} {s['pages']:5d} {fmt(s['body_f1'], 7)} "
                f"{fmt(s['body_precision'], 7)} {fmt(s['body_recall'], 7)} "
                f"{fmt(s['title_accuracy'], 6)} {fmt(s['authors_f1'], 6)} "
                f"{fmt(s['published_accuracy'], 6)} {s['chrome_leaks']:5d}")

    lines.extend(row(name, s) for name, s in publishers.items())
    lines.append("-" * len(header))
    lines.append(row("MACRO (pages)", summary))
    return "\n".join(lines)


def format_body_summary(summary: dict[str, Any], scores: list[PageScore]) -> str:
    """Body F1, precision and recall side by side, then the pages that got no record or an
    empty body, named (they score 0 and are the first thing to look at)."""
    lines = []
    if summary.get("body_f1") is not None:
        scored = sum(s.body_f1 is not None for s in scores)
        lines.append(f"body: F1 {summary['body_f1']:.3f}  precision "
                     f"{summary['body_precision']:.3f}  recall {summary['body_recall']:.3f}"
                     f"  ({scored} pages with body gold)")
    for label, names in (("no record", no_record(scores)), ("empty body", empty_body(scores))):
        lines.append(f"{label} ({len(names)}): {', '.join(names) or '-'}")
    return "\n".join(lines)


def write_report(path: Path, pages: list, directory: Path) -> None:
    """The --html report (``newscrawl.offline.report``) for the scored pages."""
    from newscrawl.offline.report import render

    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(pages, f"newscrawl evaluation: {directory.name}"), encoding="utf-8")
    print(f"report: {path}")


def date_report(summary: dict[str, Any], scores: list[PageScore]) -> str:
    """The published line: minute accuracy over minute gold, day accuracy over all gold, and
    the misses as pages without a date and pages with a wrong day."""
    minute = [bool(s.published_ok) for s in scores
              if s.published_ok is not None and not s.published_day_gold]
    return format_date_line(summary, sum(minute) / len(minute) if minute else None)


class Command(ScrapyCommand):
    requires_project = True
    default_settings = {"LOG_ENABLED": False}

    def syntax(self) -> str:
        return "DIR [options]"

    def short_desc(self) -> str:
        return "Score extraction on saved pages with hand-checked expectations"

    def long_desc(self) -> str:
        return (
            "Run every NAME.html.gz in DIR through the offline processing chain (extraction, "
            "chrome removal, dates) and compare with NAME.json: body ROUGE-LSum F1/P/R, title "
            "exact match, authors F1, published to the minute (UTC; a day-only gold by day, "
            "with the pages without a date or with a wrong day), chrome leaks; fields the "
            "gold leaves null or empty are skipped. Prints a per-publisher table with macro "
            "averages and names the pages with no record or an empty body; --html writes a "
            "report of every page, worst first; exits 1 when a threshold is missed."
        )

    def add_options(self, parser: ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--json", metavar="FILE", help="write the scores as JSON to FILE")
        parser.add_argument("--dump", metavar="DIR",
                            help="write each page's record to DIR/NAME.json")
        parser.add_argument("--min-body-f1", type=float)
        parser.add_argument("--min-body-precision", type=float)
        parser.add_argument("--min-body-recall", type=float)
        parser.add_argument("--min-title-accuracy", type=float)
        parser.add_argument("--min-published-accuracy", type=float)
        parser.add_argument("--min-authors-f1", type=float)
        parser.add_argument("--max-chrome-leaks", type=int)
        parser.add_argument("--max-pages-below", metavar="F1:N",
                            help="fail when more than N pages have body F1 below F1")
        parser.add_argument("--max-no-record", type=int,
                            help="fail when more pages than this get no record")
        parser.add_argument("--max-empty-body", type=int,
                            help="fail when more pages than this get a record without body")
        parser.add_argument("--html", metavar="FILE",
                            help="write a report (one self-contained HTML page) to FILE, with "
                                 "each page's expected and extracted text aligned, worst first")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def run(self, args: list[str], opts: Namespace) -> None:
        if len(args) != 1:
            raise UsageError("expected exactly one directory")
        directory = Path(args[0])
        pairs = list(iter_pairs(directory))
        if not pairs:
            raise UsageError(f"no NAME.html.gz + NAME.json pairs in {directory}")
        if opts.max_pages_below:
            parse_pages_below(opts.max_pages_below)
        dump = Path(opts.dump) if opts.dump else None
        if dump:
            dump.mkdir(parents=True, exist_ok=True)
        report_pages: list | None = [] if opts.html else None
        scores, elapsed = self._score_all(pairs, dump, progress=not opts.no_progress,
                                          report=report_pages)
        summary = summarize(scores)
        summary["pages_per_second"] = len(scores) / elapsed if elapsed else None
        publishers = by_publisher(scores)
        print(format_table(summary, publishers))
        print(format_body_summary(summary, scores))
        print(date_report(summary, scores))
        print(f"{len(scores)} pages in {elapsed:.2f} s ({summary['pages_per_second']:.1f} "
              f"pages/s, extraction + chrome + dates)")
        if opts.json:
            report = dict(summary, by_publisher=publishers,
                          per_page=[s.as_dict() for s in scores])
            Path(opts.json).write_text(json.dumps(report, ensure_ascii=False, indent=1),
                                       encoding="utf-8")
        if report_pages is not None:
            write_report(Path(opts.html), report_pages, directory)
        failures = check_thresholds(summary, scores, opts)
        for failure in failures:
            print(f"THRESHOLD MISSED: {failure}", file=sys.stderr)
        self.exitcode = 1 if failures else 0

    def _score_all(self, pairs: list[tuple[str, Path, Path]], dump: Path | None,
                   progress: bool, report: list | None = None
                   ) -> tuple[list[PageScore], float]:
        """Process and score every page; the time counts processing only (after one untimed
        warm-up page), not loading, scoring or collecting the ``report`` pages."""
        from tqdm import tqdm

        from newscrawl.offline.chain import process_page
        from newscrawl.offline.report import report_page

        scores: list[PageScore] = []
        elapsed = 0.0
        # Warm-up (untimed): building the chain and first-use imports are not per-page costs.
        html, expected = load_pair(pairs[0][1], pairs[0][2])
        process_page(html, expected.get("url") or "", fetched_at=expected.get("crawl_date"))
        for name, page, expected_path in tqdm(pairs, desc="evaluate", unit="page",
                                              file=sys.stderr, disable=not progress):
            html, expected = load_pair(page, expected_path)
            start = time.perf_counter()
            record = process_page(html, expected.get("url") or "",
                                  fetched_at=expected.get("crawl_date"))
            elapsed += time.perf_counter() - start
            scores.append(score_page(name, expected, record, looks_like_chrome))
            if report is not None:
                report.append(report_page(scores[-1], html, expected, record))
            if dump is not None:
                (dump / f"{name}.json").write_text(
                    json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")
        return scores, elapsed
