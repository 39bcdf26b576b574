"""The `scrapy evaluate --html` report: one self-contained page that shows why a page scores low.

Per page, worst first: the expected and the extracted body aligned side by side with missed and
extra words marked (``textdiff``), the title/date/authors beside their gold, and the extractor's
own account of the page: the article/not-article decision with its signals and the body
container it chose. Inline CSS only, no scripts, no external assets; all page text is escaped.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from html import escape
from typing import Any

from newscrawl.extract import extract_article
from newscrawl.offline.scoring import (
    PageScore,
    empty_body,
    expected_lines,
    no_record,
    record_lines,
    summarize,
)
from newscrawl.offline.textdiff import Line, Row, align

STYLE = """
body{font:14px/1.45 system-ui,sans-serif;margin:1.5em;color:#222}
h1{font-size:1.5em}h2{font-size:1.15em;margin:0 0 .3em}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25em .5em;vertical-align:top}
th{background:#f3f3f3;text-align:left}td.num{text-align:right;font-variant-numeric:tabular-nums}
.miss{background:#ffc9c9;color:#8a0000;text-decoration:underline}
.extra{background:#ffe69a;color:#6b4f00;text-decoration:line-through}
.bad{color:#b00000;font-weight:600}.ok{color:#176b17}
section.page{border-top:3px solid #888;margin-top:2em;padding-top:.8em}
table.align{width:100%;table-layout:fixed}table.align td{width:50%}
table.align p{margin:0 0 .4em}dl.decision{display:grid;grid-template-columns:max-content 1fr;
gap:.1em 1em;margin:.4em 0}dt{font-weight:600}dd{margin:0;font-family:monospace}
"""


@dataclass(slots=True)
class ReportPage:
    """One page as the report shows it: its scores, both texts and the extractor's account."""

    score: PageScore
    url: str
    expected: list[str]
    extracted: list[str]
    fields: list[tuple[str, str, str, bool | None]]  # (field, expected, extracted, right?)
    decision: dict[str, Any]


def report_page(score: PageScore, html: str, expected: dict[str, Any],
                record: dict[str, Any] | None) -> ReportPage:
    """Collect what the report shows for one scored page (extracts the page once more, for the
    container and the decision signals the record does not carry)."""
    url = expected.get("url") or ""
    extracted = extract_article(html, url)
    record = record or {}
    fields = [
        ("title", expected.get("title"), record.get("title"), score.title_ok),
        ("published", expected.get("published"), record.get("published_at"),
         score.published_ok),
        ("authors", ", ".join(expected.get("authors") or []) or None,
         ", ".join(record.get("authors") or []) or None,
         None if score.authors_f1 is None else score.authors_f1 == 1.0),
    ]
    decision = {
        "record": "yes" if record else "no (dropped: not an article)",
        "is_article": extracted.is_article,
        "extractor": extracted.extractor,
        "container": extracted.container or "none found",
        **{f"signal {k}": v for k, v in extracted.signals.items()},
        "needs_rendering": extracted.needs_rendering,
    }
    return ReportPage(score, url, expected_lines(expected), record_lines(record),
                      [(n, str(e), str(g) if g else "", ok) for n, e, g, ok in fields if e],
                      decision)


def worst_first(pages: list[ReportPage]) -> list[ReportPage]:
    """Lowest body F1 first; pages without body gold by their wrong fields, then by name."""
    def key(page: ReportPage) -> tuple[float, int, str]:
        f1 = page.score.body_f1
        wrong = sum(ok is False for *_rest, ok in page.fields)
        return (f1 if f1 is not None else 1.0, -wrong, page.score.name)

    return sorted(pages, key=key)


def render(pages: list[ReportPage], title: str) -> str:
    """The whole report as one HTML document."""
    ordered = worst_first(pages)
    scores = [p.score for p in ordered]
    parts = [
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">",
        f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        f"<p>{len(pages)} pages, generated {datetime.now(UTC):%Y-%m-%d %H:%M} UTC. "
        "Body: <span class=\"miss\">missed (expected, not extracted)</span> and "
        "<span class=\"extra\">extra (extracted, not expected)</span>; body scores are "
        "ROUGE-LSum over words, as <code>scrapy evaluate</code> prints them.</p>",
        _summary(scores),
        _index(ordered),
        *(_page(page, rank) for rank, page in enumerate(ordered, 1)),
        "</body></html>\n",
    ]
    return "\n".join(parts)


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _summary(scores: list[PageScore]) -> str:
    s = summarize(scores)
    cells = [("body F1", _fmt(s["body_f1"])), ("body precision", _fmt(s["body_precision"])),
             ("body recall", _fmt(s["body_recall"])), ("title", _fmt(s["title_accuracy"])),
             ("published", _fmt(s["published_accuracy"])), ("authors F1", _fmt(s["authors_f1"])),
             ("chrome leaks", str(s["chrome_leaks"]))]
    missing = "".join(
        f"<tr><th>{label} ({len(names)})</th><td id=\"{anchor}\">"
        + (", ".join(f"<a href=\"#{_anchor(n)}\">{escape(n)}</a>" for n in names) or "-")
        + "</td></tr>"
        for label, anchor, names in (("no record", "no-record", no_record(scores)),
                                     ("empty body", "empty-body", empty_body(scores))))
    head = "".join(f"<th>{escape(k)}</th>" for k, _ in cells)
    row = "".join(f"<td class=\"num\">{v}</td>" for _, v in cells)
    return (f"<table class=\"summary\"><tr>{head}</tr><tr>{row}</tr></table>"
            f"<table class=\"missing\">{missing}</table>")


def _status(score: PageScore) -> str:
    if not score.is_article:
        return "<span class=\"bad\">no record</span>"
    if score.empty_body:
        return "<span class=\"bad\">empty body</span>"
    return "<span class=\"ok\">record</span>"


def _index(pages: list[ReportPage]) -> str:
    rows = "".join(
        f"<tr><td class=\"num\">{rank}</td><td><a href=\"#{_anchor(p.score.name)}\">"
        f"{escape(p.score.name)}</a></td><td class=\"num\">{_fmt(p.score.body_f1)}</td>"
        f"<td class=\"num\">{_fmt(p.score.body_precision)}</td>"
        f"<td class=\"num\">{_fmt(p.score.body_recall)}</td><td>{_status(p.score)}</td>"
        f"<td>{escape(', '.join(n for n, *_r, ok in p.fields if ok is False)) or '-'}</td></tr>"
        for rank, p in enumerate(pages, 1))
    return ("<table id=\"index\"><tr><th>#</th><th>page</th><th>body F1</th><th>P</th>"
            f"<th>R</th><th>status</th><th>wrong fields</th></tr>{rows}</table>")


def _anchor(name: str) -> str:
    return "page-" + "".join(c if c.isalnum() or c in "-_" else "-" for c in name)


def _page(page: ReportPage, rank: int) -> str:
    s = page.score
    decision = "".join(f"<dt>{escape(k)}</dt><dd>{escape(str(v))}</dd>"
                       for k, v in page.decision.items())
    fields = "".join(
        f"<tr><th>{escape(n)}</th><td>{escape(e)}</td><td>{escape(g)}</td>"
        f"<td class=\"{'ok' if ok else 'bad'}\">{'right' if ok else 'wrong'}</td></tr>"
        for n, e, g, ok in page.fields)
    leaks = "".join(f"<li>{escape(x)}</li>" for x in s.chrome_leaks)
    parts = [
        f"<section class=\"page\" id=\"{_anchor(s.name)}\" data-rank=\"{rank}\">",
        f"<h2>{rank}. {escape(s.name)} {_status(s)}</h2>",
        f"<p>{escape(page.url)}<br>body F1 {_fmt(s.body_f1)}, precision "
        f"{_fmt(s.body_precision)}, recall {_fmt(s.body_recall)}</p>",
        f"<dl class=\"decision\">{decision}</dl>",
    ]
    if fields:
        parts.append("<table class=\"fields\"><tr><th>field</th><th>expected</th>"
                     f"<th>extracted</th><th></th></tr>{fields}</table>")
    if leaks:
        parts.append(f"<p>chrome leaks:</p><ul class=\"leaks\">{leaks}</ul>")
    if page.expected or page.extracted:
        rows = "".join(_row(row) for row in align(page.expected, page.extracted))
        parts.append("<table class=\"align\"><tr><th>expected</th><th>extracted</th></tr>"
                     f"{rows}</table>")
    parts.append("</section>")
    return "\n".join(parts)


def _row(row: Row) -> str:
    return f"<tr><td>{_lines(row.left)}</td><td>{_lines(row.right)}</td></tr>"


def _lines(lines: list[Line]) -> str:
    return "".join(
        "<p>" + "".join(escape(seg.text) if seg.mark == "same"
                        else f"<span class=\"{seg.mark}\">{escape(seg.text)}</span>"
                        for seg in line) + "</p>"
        for line in lines)
