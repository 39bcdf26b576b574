"""Publication day: newscrawl against htmldate and trafilatura on saved pages, in one run.

For every NAME.html.gz + NAME.json pair of each directory given (datepages: day gold; realpages:
minute gold, compared by day here), four answers are scored:

- ``record``: the record of the offline chain (``process_page``), as a crawl stores it; a page
  the article detector rejects has no record and counts as without a date;
- ``finder``: ``find_page_dates`` called directly on the page (the date finder alone, whatever
  the article detector says);
- ``htmldate``: ``find_date(html, url=…, extensive_search=True, original_date=True)``;
- ``trafilatura``: ``extract_metadata(html, default_url=…).date``.

A day counts as right when the answer's instant falls on it in UTC or in Europe/Berlin, the
rule of ``scrapy evaluate`` (``newscrawl.offline.datescore``); a peer's bare day is taken as is.
The gold of datepages is a bare day; realpages' gold is converted to its UTC and Berlin days.
Pages without an answer count as wrong. ``fetched_at`` is the JSON's ``crawl_date``
(datepages: none, so the run time).

    PYTHONPATH=. python benchmarks/bench_page_dates.py /work/shared/datepages /work/shared/realpages
    [--misses] (list the finder's misses with what it chose)
"""

from __future__ import annotations

import argparse
import logging
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from newscrawl.commands.evaluate import iter_pairs, load_pair
from newscrawl.extract.pagedates import find_page_dates
from newscrawl.offline.chain import process_page
from newscrawl.offline.datescore import day_verdict
from newscrawl.pipelines.dates import fetched_at_of

TOOLS = ("record", "finder", "htmldate", "trafilatura")


def _record(html: str, url: str, fetched: datetime) -> tuple[Any, str | None, str]:
    record = process_page(html, url, fetched_at=fetched)
    if record is None:
        return None, None, "not an article"
    raw = record.get("published_raw")
    return record.get("published_at"), raw, f"{record.get('published_source')}: {raw}"


def _finder(html: str, url: str, fetched: datetime) -> tuple[Any, str | None, str]:
    found = find_page_dates(html, url, fetched_at=fetched)
    return (found.published_at, found.published_raw,
            f"{found.published_source}: {found.published_raw} "
            f"(runner-up {found.published_runner_up})")


def _htmldate(html: str, url: str, fetched: datetime) -> tuple[Any, str]:
    from htmldate import find_date  # peer, dev-only

    return find_date(html, url=url, extensive_search=True, original_date=True), None, ""


def _trafilatura(html: str, url: str, fetched: datetime) -> tuple[Any, str]:
    from trafilatura.metadata import extract_metadata  # peer, dev-only

    meta = extract_metadata(html, default_url=url)
    return (meta.date if meta else None), None, ""


RUNNERS: dict[str, Callable[[str, str, datetime], tuple[Any, str | None, str]]] = {
    "record": _record, "finder": _finder, "htmldate": _htmldate, "trafilatura": _trafilatura}


def score_directory(directory: Path, misses: bool, tools: tuple[str, ...] = TOOLS
                    ) -> dict[str, dict[str, float]]:
    """Per tool: accuracy, pages without a date, pages with a wrong day, seconds."""
    stats = {t: {"right": 0, "none": 0, "wrong": 0, "seconds": 0.0} for t in tools}
    pages = 0
    for name, page, expected_path in iter_pairs(directory):
        html, expected = load_pair(page, expected_path)
        if not expected.get("published"):
            continue
        pages += 1
        url = expected.get("url") or ""
        fetched = fetched_at_of(expected.get("crawl_date"))
        for tool in tools:
            start = time.perf_counter()
            try:
                value, _raw, why = RUNNERS[tool](html, url, fetched)
            except Exception as exc:  # a peer crashing on a page is that page's miss
                value, _raw, why = None, None, repr(exc)
            stats[tool]["seconds"] += time.perf_counter() - start
            verdict = day_verdict(expected["published"], value)
            stats[tool][verdict] += 1
            if misses and tool in ("finder", "record") and verdict != "right":
                print(f"  {verdict:5} {name}: gold {expected['published']} got {value} ({why})")
    for tool in tools:
        stats[tool]["accuracy"] = stats[tool]["right"] / pages if pages else 0.0
        stats[tool]["pages"] = pages
    return stats


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("directories", nargs="+", type=Path)
    parser.add_argument("--misses", action="store_true",
                        help="list newscrawl's misses (record and finder)")
    parser.add_argument("--tools", default=",".join(TOOLS), help="comma-separated subset")
    args = parser.parse_args()
    tools = tuple(t for t in args.tools.split(",") if t in RUNNERS)
    logging.disable(logging.WARNING)  # peers log every page they cannot date
    for directory in args.directories:
        stats = score_directory(directory, args.misses, tools)
        pages = stats[tools[0]]["pages"]
        print(f"\n{directory} ({pages} pages with a gold day)")
        print(f"{'tool':12} {'day acc':>8} {'no date':>8} {'wrong':>6} {'ms/page':>8}")
        for tool in tools:
            s = stats[tool]
            print(f"{tool:12} {s['accuracy']:8.3f} {s['none']:8d} {s['wrong']:6d} "
                  f"{1000 * s['seconds'] / max(pages, 1):8.1f}")


if __name__ == "__main__":
    main()
