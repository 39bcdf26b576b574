"""Crawl records (rows of the store's ``crawls`` table) as health figures."""

from __future__ import annotations

import json
from typing import Any


def figures_of(row: dict[str, Any]) -> dict[str, Any]:
    """A crawl row's health figures: the per-site tally kept in ``stats["health"]``, or, for a
    record written before tallies existed, what its columns say."""
    stats = row.get("stats") or {}
    if isinstance(stats, str):
        stats = json.loads(stats)
    figures = dict(stats.get("health") or {})
    if not figures:
        figures = {"articles": row.get("articles_stored") or 0,
                   "pages_fetched": row.get("pages_fetched") or 0,
                   "generic_fallbacks": row.get("generic_fallbacks") or 0,
                   "fallback_rate": row.get("fallback_rate") or 0.0,
                   "empty_bodies": row.get("empty_bodies") or 0,
                   "paywalled": row.get("paywalled") or 0,
                   "chrome_lines_dropped": row.get("chrome_lines_dropped") or 0,
                   "legacy": True}
    figures.update(site=row["site"], started_at=row.get("started_at"),
                   finished_at=row.get("finished_at"), finish_reason=row.get("finish_reason"))
    return figures
