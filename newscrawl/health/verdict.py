"""A site's state after a crawl: blocked, red, amber or green, with the reasons in words.

Blocked comes from the crawl alone (statuses, walls, robots.txt). Red and amber compare the
crawl's articles with the site's baseline, the median of each figure over its previous normal
crawls, so a layout break is caught on content even when every field is still present. The
statistics and thresholds are documented, with the measured false-alarm rate, in docs/health.md.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from statistics import median
from typing import Any

STATES = ("blocked", "red", "amber", "green")
# Blocked: refusals (401/403/429) or walls on at least half the pages, and at least this many.
MIN_BLOCKED_PAGES = 2
# A crawl joins (or is judged against) a baseline with at least this many articles, and a
# baseline needs this many such crawls.
MIN_ARTICLES = 3
MIN_BASELINE_CRAWLS = 2
BASELINE_CRAWLS = 10
# Ratio of a median to its usual value: outside RED_RATIO (a half / twice) is red, outside
# AMBER_RATIO amber. The repeated crawls of the family fixtures vary by 0 %; real sites' daily
# medians vary by about ±20 % (docs/health.md), so amber leaves room for a quiet news day.
RED_RATIO = (0.5, 2.0)
AMBER_RATIO = (0.7, 1.45)
# Share of articles with author / date / teaser: a drop by this much (absolute).
RED_SHARE_DROP = 0.5
AMBER_SHARE_DROP = 0.25
# The same trailing line under this share of the articles, where the site usually has none.
TRAILING_SHARE = 0.6
USUAL_TRAILING_MAX = 0.3
# Chrome lines dropped per article: up by this many lines and at least doubled.
CHROME_JUMP = 3.0
# Failed fetches (not skips) as a share of all fetch attempts.
AMBER_FAILURE_SHARE = 0.3


@dataclass(slots=True)
class Verdict:
    """State, reasons (worst first) and how far the crawl moved from the usual (for sorting)."""

    state: str = "green"
    reasons: list[str] = field(default_factory=list)
    change: float = 0.0

    def flag(self, state: str, reason: str, change: float = 0.0) -> None:
        if STATES.index(state) < STATES.index(self.state):
            self.state = state
            self.reasons.insert(0, reason)
        else:
            self.reasons.append(reason)
        self.change = max(self.change, change)


def blocked_reasons(fig: dict[str, Any]) -> list[str]:
    """Why the site is blocked in this crawl (empty when it is not): the evidence in words."""
    reasons = []
    statuses = {int(k): v for k, v in fig.get("statuses", {}).items()}
    refused = {s: n for s, n in statuses.items() if s in (401, 403, 429)}
    fetched = sum(statuses.values())
    titles = fig.get("wall_titles") or []
    title = f', page title "{titles[0]}"' if titles else ""
    if sum(refused.values()) >= MIN_BLOCKED_PAGES and 2 * sum(refused.values()) >= fetched:
        counts = ", ".join(f"{s}×{n}" for s, n in sorted(refused.items()))
        reasons.append(f"refused {sum(refused.values())} of {fetched} requests ({counts}){title}")
    walls = fig.get("walls", {})
    walled = sum(walls.values())
    if walled >= MIN_BLOCKED_PAGES and 2 * walled >= walled + fig.get("articles", 0):
        kinds = " and ".join(f"{'bot challenge' if k == 'challenge' else 'consent wall'}"
                             for k in sorted(walls))
        reasons.append(f"{kinds} in place of {walled} of {walled + fig.get('articles', 0)} "
                       f"article pages{title}")
    robots = fig.get("failures", {}).get("robots", 0)
    if robots and not fig.get("articles") and 2 * robots >= robots + fetched:
        reasons.append(f"robots.txt forbids the crawl ({robots} requests not made)")
    return reasons


def baseline(previous: list[dict[str, Any]]) -> dict[str, float] | None:
    """The usual figures of a site: medians over its last normal crawls (newest first), or None
    while there are fewer than MIN_BASELINE_CRAWLS of them."""
    normal = [f for f in previous
              if f.get("articles", 0) >= MIN_ARTICLES and "body_chars_median" in f
              and not blocked_reasons(f)
              and f.get("state") not in ("red", "blocked")][:BASELINE_CRAWLS]
    if len(normal) < MIN_BASELINE_CRAWLS:
        return None
    keys = ("articles", "body_chars_median", "paragraphs_median", "share_author", "share_date",
            "share_teaser", "chrome_per_article", "trailing_share")
    return {k: float(median(f.get(k, 0.0) for f in normal)) for k in keys}


def _ratio_check(verdict: Verdict, label: str, now: float, usual: float, unit: str) -> None:
    if usual <= 0:
        return
    ratio = max(now, 0.01) / usual
    words = f"{label} {ratio:.2g}× the usual ({now:,.0f} vs {usual:,.0f} {unit})"
    if not RED_RATIO[0] <= ratio <= RED_RATIO[1]:
        verdict.flag("red", words, abs(math.log2(ratio)))
    elif not AMBER_RATIO[0] <= ratio <= AMBER_RATIO[1]:
        verdict.flag("amber", words, abs(math.log2(ratio)))


def compare(fig: dict[str, Any], usual: dict[str, float], verdict: Verdict) -> None:
    """Flag what moved away from the baseline (see the module constants)."""
    _ratio_check(verdict, "median body length", fig["body_chars_median"],
                 usual["body_chars_median"], "chars")
    _ratio_check(verdict, "paragraphs per article", fig["paragraphs_median"],
                 usual["paragraphs_median"], "median")
    for key, what in (("share_date", "a date"), ("share_author", "an author"),
                      ("share_teaser", "a teaser")):
        drop = usual[key] - fig[key]
        words = (f"articles with {what}: {100 * fig[key]:.0f}% (usually "
                 f"{100 * usual[key]:.0f}%)")
        if drop >= RED_SHARE_DROP:
            verdict.flag("red", words, 2 * drop)
        elif drop >= AMBER_SHARE_DROP:
            verdict.flag("amber", words, 2 * drop)
    if fig["trailing_share"] >= TRAILING_SHARE and usual["trailing_share"] < USUAL_TRAILING_MAX:
        verdict.flag("red", f'{100 * fig["trailing_share"]:.0f}% of articles end with the same '
                     f'line "{fig["trailing_line"][:60]}"', 2 * fig["trailing_share"])
    chrome, usual_chrome = fig["chrome_per_article"], usual["chrome_per_article"]
    if chrome - usual_chrome >= CHROME_JUMP and chrome >= 2 * usual_chrome:
        verdict.flag("amber", f"chrome lines dropped per article {chrome:.1f} (usually "
                     f"{usual_chrome:.1f})", math.log2((chrome + 1) / (usual_chrome + 1)))


def judge(fig: dict[str, Any], previous: list[dict[str, Any]], *, max_fallback: float,
          max_empty: float) -> Verdict:
    """The site's state after the crawl ``fig``, against its ``previous`` figures (newest
    first)."""
    verdict = Verdict()
    for reason in blocked_reasons(fig):
        verdict.flag("blocked", reason, 10.0)
    if verdict.state == "blocked":
        return verdict
    n = fig.get("articles", 0)
    failures = {k: v for k, v in fig.get("failures", {}).items() if k != "skipped"}
    attempts = fig.get("pages_fetched", 0) + sum(v for k, v in failures.items()
                                                 if k in ("timeout", "connection", "robots"))
    if attempts and sum(failures.values()) / attempts >= AMBER_FAILURE_SHARE:
        kinds = ", ".join(f"{k} {v}" for k, v in sorted(failures.items()))
        verdict.flag("amber", f"{sum(failures.values())} of {attempts} fetches failed ({kinds})",
                     sum(failures.values()) / attempts)
    usual = baseline(previous)
    if n == 0:
        if usual and not fig.get("failures", {}).get("skipped"):
            verdict.flag("red", f"no articles (usually {usual['articles']:.0f})", 5.0)
        return verdict
    if n >= MIN_ARTICLES and fig.get("empty_bodies", 0) / n > max_empty:
        verdict.flag("red", f"{fig['empty_bodies']} of {n} articles with an empty body", 3.0)
    if n >= MIN_ARTICLES and fig.get("fallback_rate", 0.0) > max_fallback:
        verdict.flag("amber", f"{100 * fig['fallback_rate']:.0f}% of articles needed the generic "
                     f"extractor (the family's selectors found no body)", fig["fallback_rate"])
    if usual and n >= MIN_ARTICLES and "body_chars_median" in fig:
        compare(fig, usual, verdict)
    return verdict
