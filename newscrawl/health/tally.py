"""What one crawl saw of one site: responses by status, failed fetches by kind, walls, and the
shape of the articles it produced (body length, paragraphs, fields present, trailing line).

``SiteTally.figures()`` is the record `scrapy health` reads back (stored as JSON); its keys are
documented in docs/health.md.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from statistics import median
from typing import Any

# A body under this many characters counts as short (a teaser-length text, ~2 sentences).
SHORT_BODY_CHARS = 400
# Statuses a site uses to refuse a client rather than to report a missing page.
BLOCKING_STATUSES = frozenset({401, 403, 429})
PARAGRAPH_SEPARATOR = "\n\n"


def failure_kind(status: int | None, error: str) -> str:
    """The report's kind of a failed fetch: ``4xx``, ``5xx``, ``timeout``, ``robots``,
    ``blocked`` (401/403/429), ``skipped`` (incremental: stored already) or ``connection``."""
    if status is not None:
        if status in BLOCKING_STATUSES:
            return "blocked"
        return "5xx" if status >= 500 else "4xx"
    lowered = error.lower()
    if "robots.txt" in lowered:
        return "robots"
    if "already stored" in lowered or "not modified" in lowered:
        return "skipped"
    if "timeout" in lowered or "timedout" in lowered:
        return "timeout"
    return "connection"


def _quantile(values: list[int], q: float) -> float:
    ordered = sorted(values)
    return float(ordered[min(len(ordered) - 1, int(q * len(ordered)))]) if ordered else 0.0


@dataclass(slots=True)
class SiteTally:
    """Counts for one site in one crawl; fed by the site-health extension's signal handlers."""

    site: str
    statuses: Counter[int] = field(default_factory=Counter)
    failures: Counter[str] = field(default_factory=Counter)
    walls: Counter[str] = field(default_factory=Counter)
    wall_titles: Counter[str] = field(default_factory=Counter)
    body_chars: list[int] = field(default_factory=list)
    paragraphs: list[int] = field(default_factory=list)
    trailing: Counter[str] = field(default_factory=Counter)
    with_author: int = 0
    with_date: int = 0
    with_teaser: int = 0
    fallbacks: int = 0
    paywalled: int = 0
    chrome_dropped: int = 0

    def response(self, status: int) -> None:
        self.statuses[status] += 1

    def failure(self, kind: str) -> None:
        self.failures[kind] += 1

    def wall(self, kind: str, title: str) -> None:
        self.walls[kind] += 1
        if title:
            self.wall_titles[title] += 1

    def article(self, item: Any, *, fallback: bool) -> None:
        """Count one article that went through the pipelines (body, dates and authors final)."""
        body = item.get("body") or ""
        paragraphs = [p.strip() for p in body.split(PARAGRAPH_SEPARATOR) if p.strip()]
        self.body_chars.append(len(body))
        self.paragraphs.append(len(paragraphs))
        if paragraphs:
            self.trailing[" ".join(paragraphs[-1].split())[:160]] += 1
        self.with_author += bool(item.get("authors"))
        self.with_date += bool(item.get("published_at"))
        self.with_teaser += bool(item.get("teaser"))
        self.fallbacks += fallback
        self.paywalled += bool(item.get("paywalled"))
        self.chrome_dropped += int(item.get("chrome_dropped") or 0)

    def figures(self) -> dict[str, Any]:
        """The crawl's figures for this site, JSON-ready."""
        n = len(self.body_chars)
        fetched = sum(self.statuses.values())
        line, repeats = self.trailing.most_common(1)[0] if self.trailing else ("", 0)

        def share(count: int) -> float:
            return round(count / n, 4) if n else 0.0

        return {
            "site": self.site,
            "pages_fetched": fetched,
            "articles": n,
            "statuses": {str(k): v for k, v in sorted(self.statuses.items())},
            "failures": dict(sorted(self.failures.items())),
            "walls": dict(sorted(self.walls.items())),
            "wall_titles": [t for t, _ in self.wall_titles.most_common(3)],
            "body_chars_p25": _quantile(self.body_chars, 0.25),
            "body_chars_median": float(median(self.body_chars)) if n else 0.0,
            "body_chars_p75": _quantile(self.body_chars, 0.75),
            "paragraphs_median": float(median(self.paragraphs)) if n else 0.0,
            "empty_bodies": sum(1 for c in self.body_chars if c == 0),
            "short_bodies": sum(1 for c in self.body_chars if c < SHORT_BODY_CHARS),
            "share_author": share(self.with_author),
            "share_date": share(self.with_date),
            "share_teaser": share(self.with_teaser),
            "no_date": n - self.with_date,
            "generic_fallbacks": self.fallbacks,
            "fallback_rate": share(self.fallbacks),
            "paywalled": self.paywalled,
            "chrome_lines_dropped": self.chrome_dropped,
            "chrome_per_article": round(self.chrome_dropped / n, 3) if n else 0.0,
            "trailing_line": line if repeats > 1 else "",
            "trailing_share": share(repeats) if repeats > 1 else 0.0,
        }
