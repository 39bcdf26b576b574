"""Scoring an extracted record against a hand-checked expectation (realpages JSON format).

Used by ``scrapy evaluate`` and ``benchmarks/bench_extraction.py``. Body similarity is
ROUGE-LSum over Unicode word tokens (case-folded): every expected line is matched against our
lines by union-LCS, with token counts clipped so a word is credited once. Scripts written without
spaces between words (Han, kana, Thai, Lao, Khmer, Myanmar) are one token per character: as
word-character runs, a whole Japanese clause was one token, so one wrong character cost the clause.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from newscrawl.offline.datescore import date_summary, day_verdict, is_day_gold

# Unspaced scripts: Thai/Lao, Myanmar, Khmer, kana, CJK ideographs, half-width katakana.
_UNSPACED = ("\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf"
             "\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f")
_TOKEN = re.compile(f"[{_UNSPACED}]|[^\\W{_UNSPACED}]+", re.UNICODE)
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_WS = re.compile(r"\s+")
SITE_TZ = ZoneInfo("Europe/Berlin")
# Per expected line, union-LCS is computed against at most this many best-overlapping lines.
MAX_CANDIDATE_LINES = 6


def tokenize(text: str) -> list[str]:
    """Case-folded Unicode word tokens; one token per character in unspaced scripts."""
    return _TOKEN.findall(_INVISIBLE.sub("", text).casefold())


def _lcs_positions(ref: list[str], cand: list[str]) -> set[int]:
    """Positions in ``ref`` that belong to one longest common subsequence with ``cand``."""
    n, m = len(ref), len(cand)
    table = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n):
        row, nxt, ri = table[i], table[i + 1], ref[i]
        for j in range(m):
            nxt[j + 1] = row[j] + 1 if ri == cand[j] else max(row[j + 1], nxt[j])
    out: set[int] = set()
    i, j = n, m
    while i and j:
        if ref[i - 1] == cand[j - 1]:
            out.add(i - 1)
            i -= 1
            j -= 1
        elif table[i - 1][j] >= table[i][j - 1]:
            i -= 1
        else:
            j -= 1
    return out


@dataclass(slots=True)
class Overlap:
    """ROUGE-LSum precision, recall and F1."""

    precision: float
    recall: float
    f1: float


def rouge_lsum(reference: list[str], candidate: list[str]) -> Overlap:
    """ROUGE-LSum of candidate lines against reference lines (both lists of text lines)."""
    ref_lines = [t for t in (tokenize(x) for x in reference) if t]
    cand_lines = [t for t in (tokenize(x) for x in candidate) if t]
    ref_total = sum(map(len, ref_lines))
    cand_total = sum(map(len, cand_lines))
    if not ref_total or not cand_total:
        empty = float(ref_total == cand_total)
        return Overlap(empty, empty, empty)
    ref_counts = Counter(t for line in ref_lines for t in line)
    cand_counts = Counter(t for line in cand_lines for t in line)
    index: dict[str, set[int]] = {}
    for ci, line in enumerate(cand_lines):
        for tok in set(line):
            index.setdefault(tok, set()).add(ci)
    cand_keys = {tuple(line): ci for ci, line in enumerate(cand_lines)}
    hits = 0
    for ref in ref_lines:
        if tuple(ref) in cand_keys:
            union = set(range(len(ref)))
        else:
            shared: Counter[int] = Counter()
            for tok in set(ref):
                for ci in index.get(tok, ()):
                    shared[ci] += 1
            union = set()
            for ci, _n in shared.most_common(MAX_CANDIDATE_LINES):
                union |= _lcs_positions(ref, cand_lines[ci])
        for pos in sorted(union):
            tok = ref[pos]
            if ref_counts[tok] > 0 and cand_counts[tok] > 0:
                hits += 1
                ref_counts[tok] -= 1
                cand_counts[tok] -= 1
    precision, recall = hits / cand_total, hits / ref_total
    f1 = 2 * precision * recall / (precision + recall) if hits else 0.0
    return Overlap(precision, recall, f1)


def norm_title(text: str | None) -> str:
    """Whitespace-normalised title without invisible characters."""
    return _WS.sub(" ", _INVISIBLE.sub("", text or "")).strip()


def authors_f1(expected: list[str], got: list[str]) -> float:
    """Set F1 of author names, case-insensitive."""
    exp = {norm_title(a).casefold() for a in expected if a}
    ours = {norm_title(a).casefold() for a in got if a}
    if not exp and not ours:
        return 1.0
    hit = len(exp & ours)
    if not hit:
        return 0.0
    p, r = hit / len(ours), hit / len(exp)
    return 2 * p * r / (p + r)


def to_utc_minute(value: str | None) -> datetime | None:
    """A timestamp truncated to the minute in UTC; values without offset are Berlin time."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=SITE_TZ)
    return moment.astimezone(UTC).replace(second=0, microsecond=0)


def expected_lines(expected: dict[str, Any]) -> list[str]:
    """The expected body: summary, then each section's headline and paragraphs."""
    lines = [s for s in expected.get("summary") or [] if s]
    for section in expected.get("sections") or []:
        if section.get("headline"):
            lines.extend(section["headline"].split("\n"))
        lines.extend(p for p in section.get("paragraphs") or [] if p)
    return lines


def record_lines(record: dict[str, Any]) -> list[str]:
    """Our body: teaser, then the body's blocks (one per line)."""
    lines = [record["teaser"]] if record.get("teaser") else []
    lines.extend(x for x in re.split(r"\n+", record.get("body") or "") if x.strip())
    return lines


@dataclass(slots=True)
class PageScore:
    """Scores of one page; None where the expectation did not annotate the field."""

    name: str
    publisher: str
    body_f1: float | None = None
    body_precision: float | None = None
    body_recall: float | None = None
    title_ok: bool | None = None
    authors_f1: float | None = None
    published_ok: bool | None = None
    # "right" / "none" / "wrong" by day, and whether the gold names only a day.
    published_day: str | None = None
    published_day_gold: bool = False
    chrome_leaks: list[str] = field(default_factory=list)
    is_article: bool = True
    # A record without body text (only a teaser, or nothing): scored 0, listed by name.
    empty_body: bool = False

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def score_page(name: str, expected: dict[str, Any], record: dict[str, Any] | None,
               looks_like_chrome: Any) -> PageScore:
    """Score one record (None = page was not recognised as an article) against expectations."""
    score = PageScore(name=name, publisher=expected.get("publisher") or name.split("_")[0])
    record = record or {}
    score.is_article = bool(record)
    score.empty_body = bool(record) and not (record.get("body") or "").strip()
    ref = expected_lines(expected)
    ours = record_lines(record)
    if ref:
        overlap = rouge_lsum(ref, ours)
        score.body_f1, score.body_precision = overlap.f1, overlap.precision
        score.body_recall = overlap.recall
        expected_text = {norm_title(x).casefold() for x in ref}
        joined = " ".join(expected_text)
        score.chrome_leaks = [
            line for line in ours
            if norm_title(line).casefold() not in expected_text
            and norm_title(line).casefold() not in joined and looks_like_chrome(line)
        ]
    if expected.get("title"):
        score.title_ok = norm_title(expected["title"]) == norm_title(record.get("title"))
    if expected.get("authors"):
        score.authors_f1 = authors_f1(expected["authors"], record.get("authors") or [])
    if expected.get("published"):
        _score_published(score, expected, record)
    return score


def _score_published(score: PageScore, expected: dict[str, Any], record: dict[str, Any]) -> None:
    """Minute gold to the minute (UTC); day-only gold (``"precision": "day"``) by day. The day
    verdict is kept for both, so misses show as pages without a date or with a wrong day."""
    score.published_day_gold = is_day_gold(expected)
    score.published_day = day_verdict(expected["published"], record.get("published_at"))
    if score.published_day_gold:
        score.published_ok = score.published_day == "right"
    else:
        want = to_utc_minute(expected["published"])
        score.published_ok = want is not None and want == to_utc_minute(record.get("published_at"))


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def summarize(scores: list[PageScore]) -> dict[str, Any]:
    """Macro averages over pages (each page counts once, unannotated fields skipped)."""
    def col(attr: str) -> list[float]:
        return [float(getattr(s, attr)) for s in scores if getattr(s, attr) is not None]

    return {
        "pages": len(scores),
        "body_f1": _mean(col("body_f1")),
        "body_precision": _mean(col("body_precision")),
        "body_recall": _mean(col("body_recall")),
        "title_accuracy": _mean(col("title_ok")),
        "authors_f1": _mean(col("authors_f1")),
        "published_accuracy": _mean(col("published_ok")),
        "chrome_leaks": sum(len(s.chrome_leaks) for s in scores),
        "no_record": len(no_record(scores)),
        "empty_body": len(empty_body(scores)),
        **date_summary([(s.published_day_gold, s.published_day) for s in scores
                        if s.published_day is not None]),
    }


def no_record(scores: list[PageScore]) -> list[str]:
    """Pages the chain returned nothing for ("not an article"), by name."""
    return [s.name for s in scores if not s.is_article]


def empty_body(scores: list[PageScore]) -> list[str]:
    """Pages with a record but no body text, by name."""
    return [s.name for s in scores if s.empty_body]


def by_publisher(scores: list[PageScore]) -> dict[str, dict[str, Any]]:
    """``summarize`` per publisher."""
    groups: dict[str, list[PageScore]] = {}
    for s in scores:
        groups.setdefault(s.publisher, []).append(s)
    return {name: summarize(group) for name, group in sorted(groups.items())}
