"""Benchmark parse_date on a deterministic mixed corpus shaped like real article pages.

Most date strings on a page are machine-readable (JSON-LD, meta, <time>), then visible German
numeric lines, fewer textual months and relative ages, and a little free text that only
dateparser reads. Reports the cold start (first dateparser call, which loads its language
data), warm throughput on one core and how many strings reached dateparser.

    python benchmarks/bench_dates.py [--count 100000] [--seed 20211229]
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import newscrawl.dates.parse as parse_module
from newscrawl.dates import parse_date

FETCHED = datetime(2025, 11, 6, 12, 0, tzinfo=UTC)
_MONTHS = [
    "Januar", "Februar", "März", "April", "Mai", "Juni",
    "Juli", "August", "September", "Oktober", "November", "Dezember",
]
_EN_MONTHS = ["January", "Feb.", "March", "Apr", "May", "June", "July", "Aug.", "Sept.",
              "October", "Nov", "December"]
_WEEKDAYS = ["Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"]


def _iso(r: random.Random, d: datetime) -> str:
    """JSON-LD/meta/<time> forms, as seen on the realpages set."""
    return r.choice([
        lambda: d.strftime("%Y-%m-%dT%H:%M:%S+01:00"),
        lambda: d.strftime("%Y-%m-%dT%H:%M:%S+0200"),
        lambda: d.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
        lambda: d.strftime("%Y-%m-%dT%H:%M:%SZ"),
        lambda: d.strftime("%Y-%m-%dT%H:%M:%S.%f+00:00"),
        lambda: d.strftime("%Y-%m-%d %H:%M"),
        lambda: d.strftime("%Y-%m-%d"),
        lambda: str(int(d.timestamp())),
    ])()


def _german_numeric(r: random.Random, d: datetime) -> str:
    return r.choice([
        lambda: d.strftime("%d.%m.%Y, %H:%M Uhr"),
        lambda: d.strftime("Erstellt: %d.%m.%Y, %H:%M Uhr"),
        lambda: d.strftime("Aktualisiert: %d.%m.%Y, %H:%M Uhr"),
        lambda: d.strftime("Stand: %d.%m.%Y %H:%M Uhr"),
        lambda: d.strftime("%d.%m.%Y | %H:%M Uhr"),
        lambda: d.strftime("Von dpa | %d.%m.%Y, %H:%M Uhr"),
        lambda: d.strftime("%d.%m.%y | %H:%M"),
        lambda: d.strftime("%H:%M %d.%m.%Y"),
        lambda: f"{r.choice(_WEEKDAYS)}., " + d.strftime("%d.%m.%Y"),
        lambda: d.strftime("- %d.%m. %H:%M Uhr"),
        lambda: d.strftime("%d.%m.%Y, %H.%M Uhr"),
    ])()


def _textual(r: random.Random, d: datetime) -> str:
    month = _MONTHS[d.month - 1]
    return r.choice([
        lambda: f"{d.day}. {month} {d.year} um {d:%H:%M} Uhr",
        lambda: f"{d.day}. {month} {d.year}, {d:%H:%M} Uhr",
        lambda: f"{r.choice(_WEEKDAYS)}, {d.day}. {month} {d.year} | um {d:%H:%M} Uhr",
        lambda: f"Update vom {d.day}. {month}, {d:%H.%M} Uhr:",
    ])()


def _relative(r: random.Random, d: datetime) -> str:
    return r.choice([
        lambda: f"vor {r.randint(1, 23)} Stunden",
        lambda: f"vor {r.randint(1, 59)} Min.",
        lambda: f"gestern, {d:%H:%M} Uhr",
        lambda: f"heute, {d.hour}.{d:%M} Uhr",
        lambda: f"Aktualisiert: vor {r.randint(2, 9)} Stunden",
    ])()


def _english(r: random.Random, d: datetime) -> str:
    month = _EN_MONTHS[d.month - 1]
    return r.choice([
        lambda: f"{month} {d.day}, {d.year} {d:%I:%M %p}",
        lambda: f"{d.day} {month} {d.year} {d:%H:%M}",
    ])()


def _free_text(r: random.Random, d: datetime) -> str:
    """Strings only dateparser understands."""
    return r.choice([
        lambda: f"{_MONTHS[d.month - 1]} {d.year}",
        lambda: "letzte Woche",
        lambda: r.choice(["Montag", "Dienstag", "Freitag", "last friday"]),
    ])()


# Share of each kind, modelled on date strings in the realpages set (mostly structured).
MIX: list[tuple[str, float, Callable[[random.Random, datetime], str]]] = [
    ("iso", 0.62, _iso),
    ("german_numeric", 0.22, _german_numeric),
    ("textual_month", 0.08, _textual),
    ("relative", 0.05, _relative),
    ("english", 0.02, _english),
    ("free_text", 0.01, _free_text),
]


def build_corpus(count: int, seed: int) -> list[tuple[str, str]]:
    """Return ``count`` (kind, string) pairs, the same for the same seed."""
    r = random.Random(seed)
    kinds = [k for k, _, _ in MIX]
    makers = {k: f for k, _, f in MIX}
    weights = [w for _, w, _ in MIX]
    span = int(timedelta(days=365 * 10).total_seconds())
    corpus = []
    for kind in r.choices(kinds, weights=weights, k=count):
        moment = FETCHED - timedelta(seconds=r.randrange(span))
        corpus.append((kind, makers[kind](r, moment.replace(tzinfo=None))))
    return corpus


def _count_dateparser_calls() -> list[str]:
    """Wrap the dateparser fallback so every string that reaches it is recorded."""
    calls: list[str] = []
    real = parse_module.parse_free_text

    def counting(text: str, fetched_at: datetime) -> datetime | None:
        calls.append(text)
        return real(text, fetched_at)

    parse_module.parse_free_text = counting
    return calls


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=20211229)
    args = parser.parse_args()

    corpus = build_corpus(args.count, args.seed)
    slow_calls = _count_dateparser_calls()
    start = time.perf_counter()
    parse_date("Dezember 2021", fetched_at=FETCHED)  # loads dateparser: the cold start
    cold = time.perf_counter() - start

    calls_before = len(slow_calls)
    parsed: Counter[str] = Counter()
    seconds: Counter[str] = Counter()
    clock = time.perf_counter
    start, cpu_start = clock(), time.process_time()
    for kind, text in corpus:
        before = clock()
        if parse_date(text, fetched_at=FETCHED) is not None:
            parsed[kind] += 1
        seconds[kind] += clock() - before
    wall = clock() - start
    cpu = time.process_time() - cpu_start
    slow = len(slow_calls) - calls_before

    kinds = Counter(kind for kind, _ in corpus)
    print(f"corpus: {len(corpus)} strings, seed {args.seed}")
    for kind, share, _ in MIX:
        rate = kinds[kind] / seconds[kind] if seconds[kind] else 0
        print(f"  {kind:15s} {kinds[kind]:6d} ({share:4.0%})  parsed {parsed[kind]:6d}"
              f"  {rate:10,.0f} strings/s")
    print(f"cold start (first dateparser call): {cold:.2f} s")
    print(f"warm: {wall:.2f} s wall -> {len(corpus) / wall:,.0f} strings/s; "
          f"{cpu:.2f} s CPU -> {len(corpus) / cpu:,.0f} strings/s per CPU second")
    print(f"dateparser calls: {slow} ({slow / len(corpus):.2%}); "
          f"fast path: {1 - slow / len(corpus):.2%}")
    print(f"unparsed: {len(corpus) - sum(parsed.values())}")


if __name__ == "__main__":
    main()
