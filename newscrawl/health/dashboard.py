"""The operator's health report: one self-contained HTML page (inline CSS and SVG, no script,
no network) with the sites worst-first, their state and reasons, and per site a chart per metric
over its last crawls."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, datetime
from html import escape
from typing import Any

from newscrawl.health.svg_charts import bar_chart
from newscrawl.health.verdict import STATES, judge

FAILURE_KINDS = ("4xx", "5xx", "timeout", "connection", "robots", "blocked")
COLOURS = {"blocked": "#7b1fa2", "red": "#c62828", "amber": "#ef8f00", "green": "#2e7d32"}
CSS = """
body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}
h1{font-size:1.4em}h2{font-size:1.1em;margin:1.6em 0 .3em}
table{border-collapse:collapse}td,th{padding:3px 8px;border-bottom:1px solid #ddd;text-align:left}
th{background:#f3f3f3}.state{color:#fff;font-weight:600;padding:1px 6px;border-radius:3px}
.plots{display:flex;flex-wrap:wrap;gap:6px}.plots svg{border:1px solid #e4e4e4;background:#fff}
.t{font-size:10px;font-weight:600}.a{font-size:8px;fill:#555}.reason{max-width:48em}
"""


def _share(num: str, den: str = "articles") -> Callable[[dict[str, Any]], float]:
    return lambda f: (f.get(num, 0) / f[den]) if f.get(den) else 0.0


# (metric id, title, value of one crawl's figures, unit) for the single-series charts.
METRICS: tuple[tuple[str, str, Callable[[dict[str, Any]], float], str], ...] = (
    ("articles", "articles per crawl", lambda f: f.get("articles", 0), ""),
    ("fallback", "generic-fallback share", lambda f: f.get("fallback_rate", 0.0), "%"),
    ("short_bodies", "empty or short bodies", _share("short_bodies"), "%"),
    ("no_date", "pages without a date", _share("no_date"), "%"),
    ("paywalled", "paywalled share", _share("paywalled"), "%"),
    ("body_length", "median body length", lambda f: f.get("body_chars_median", 0.0), ""),
    ("duration", "crawl duration (s)", lambda f: f.get("duration_s", 0.0), ""),
)


def site_verdict(history: list[dict[str, Any]], *, max_fallback: float,
                 max_empty: float) -> tuple[str, list[str], float]:
    """State, reasons and change of a site's latest crawl (``history`` newest first): as the
    crawl judged itself, or judged now for records written before verdicts were kept."""
    latest = history[0]
    if "state" in latest:
        return latest["state"], list(latest.get("reasons") or []), latest.get("change", 0.0)
    verdict = judge(latest, history[1:], max_fallback=max_fallback, max_empty=max_empty)
    return verdict.state, verdict.reasons, verdict.change


def ranked(by_site: dict[str, list[dict[str, Any]]], **limits: float
           ) -> list[tuple[str, str, list[str], float]]:
    """(site, state, reasons, change), worst state first, then the biggest change."""
    rows = [(site, *site_verdict(history, **limits)) for site, history in by_site.items()]
    return sorted(rows, key=lambda r: (STATES.index(r[1]), -r[3], r[0]))


def _label(figures: dict[str, Any]) -> str:
    return (figures.get("finished_at") or "")[5:16].replace("T", " ")


def site_charts(history: list[dict[str, Any]]) -> list[str]:
    """The charts of one site, oldest crawl left."""
    crawls = list(reversed(history))
    labels = [_label(f) for f in crawls]
    charts = [bar_chart(metric, title, labels, {title: [value(f) for f in crawls]}, unit=unit)
              for metric, title, value, unit in METRICS]
    per_day: dict[str, float] = defaultdict(float)
    for f in crawls:
        per_day[(f.get("finished_at") or "")[:10]] += f.get("articles", 0)
    charts.insert(1, bar_chart("articles_per_day", "articles per day",
                               [d[5:] for d in per_day], {"articles": list(per_day.values())}))
    failures = {kind: [float(f.get("failures", {}).get(kind, 0)
                             + (sum(f.get("walls", {}).values()) if kind == "blocked" else 0))
                       for f in crawls] for kind in FAILURE_KINDS}
    charts.insert(-1, bar_chart("failures", "fetch failures", labels, failures))
    return charts


def render_report(by_site: dict[str, list[dict[str, Any]]], *, max_fallback: float,
                  max_empty: float) -> str:
    """The report's HTML for ``by_site`` (site -> crawl figures, newest first)."""
    order = ranked(by_site, max_fallback=max_fallback, max_empty=max_empty)
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    out = ['<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">',
           "<title>newscrawl site health</title>", f"<style>{CSS}</style></head><body>",
           f"<h1>newscrawl site health</h1><p>{len(order)} sites, generated {now}; worst "
           "first, then by how far the last crawl moved from the site's usual.</p>",
           '<table id="sites"><thead><tr><th>site</th><th>state</th><th>last crawl</th>'
           "<th>articles</th><th>reason</th></tr></thead><tbody>"]
    for site, state, reasons, _change in order:
        latest = by_site[site][0]
        reason = "; ".join(reasons) or "as usual"
        out.append(
            f'<tr data-site="{escape(site)}" data-state="{state}"><td><a href="#site-'
            f'{escape(site)}">{escape(site)}</a></td><td><span class="state" style="background:'
            f'{COLOURS[state]}">{state}</span></td><td>{escape(latest.get("finished_at") or "")}'
            f'</td><td>{latest.get("articles", 0)}</td><td class="reason">{escape(reason)}</td>'
            "</tr>")
    out.append("</tbody></table>")
    for site, state, reasons, _change in order:
        out.append(f'<section class="site" id="site-{escape(site)}"><h2>{escape(site)} '
                   f'<span class="state" style="background:{COLOURS[state]}">{state}</span></h2>')
        if reasons:
            out.append("<ul>" + "".join(f"<li>{escape(r)}</li>" for r in reasons) + "</ul>")
        out.append('<div class="plots">' + "".join(site_charts(by_site[site])) + "</div>")
        out.append("</section>")
    out.append("</body></html>")
    return "\n".join(out)
