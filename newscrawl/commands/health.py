"""`scrapy health`: per-site health from the store's crawl records: one line per site on the
terminal, or with ``--html FILE`` the operator's report (newscrawl.health.dashboard)."""

from __future__ import annotations

from argparse import ArgumentParser, Namespace
from collections import defaultdict
from pathlib import Path
from typing import Any

from scrapy.commands import ScrapyCommand

from newscrawl.health.dashboard import ranked, render_report
from newscrawl.health.history import figures_of
from newscrawl.store import open_store

COLUMNS = ("site", "state", "finished_at", "articles_stored", "generic_fallbacks",
           "fallback_rate", "short_bodies", "no_date", "paywalled", "failures", "reason")


class Command(ScrapyCommand):
    requires_project = True
    default_settings = {"LOG_ENABLED": False}

    def short_desc(self) -> str:
        return "Show per-site crawl health (state and reason, one line per site) or --html report"

    def add_options(self, parser: ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--last", type=int, default=10,
                            help="crawls per site to read (default 10)")
        parser.add_argument("--db", help="store path or URL (default: NEWSCRAWL_DB)")
        parser.add_argument("--html", metavar="FILE", help="write the HTML report to FILE")

    def run(self, args: list[str], opts: Namespace) -> None:
        store = open_store(self.settings, opts.db)
        rows = store.crawl_history(limit_per_site=opts.last)
        store.close()
        if not rows:
            print("no crawls recorded yet")
            return
        by_site: dict[str, list[dict[str, Any]]] = defaultdict(list)
        raw_latest: dict[str, dict[str, Any]] = {}
        for row in rows:  # newest first
            by_site[row["site"]].append(figures_of(row))
            raw_latest.setdefault(row["site"], row)
        limits = {"max_fallback": self.settings.getfloat("NEWSCRAWL_HEALTH_MAX_FALLBACK_RATE"),
                  "max_empty": self.settings.getfloat("NEWSCRAWL_HEALTH_MAX_EMPTY_RATE")}
        if opts.html:
            Path(opts.html).write_text(render_report(by_site, **limits), encoding="utf-8")
            print(f"wrote {opts.html} ({len(by_site)} sites)")
            return
        table = [self._cells(raw_latest[site], by_site[site][0], state, reasons)
                 for site, state, reasons, _ in ranked(by_site, **limits)]
        widths = [max(len(c), *(len(r[i]) for r in table)) for i, c in enumerate(COLUMNS)]
        print("  ".join(c.ljust(w) for c, w in zip(COLUMNS, widths, strict=True)).rstrip())
        for r in table:
            print("  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip())

    @staticmethod
    def _cells(row: dict[str, Any], figures: dict[str, Any], state: str,
               reasons: list[str]) -> list[str]:
        """One site's line: its latest crawl; every cell but the reason without spaces."""
        failures = {k: v for k, v in (figures.get("failures") or {}).items() if k != "skipped"}
        return [
            row["site"], state, row.get("finished_at") or "",
            str(row.get("articles_stored") or 0), str(row.get("generic_fallbacks") or 0),
            f"{100 * (row.get('fallback_rate') or 0.0):.0f}%",
            str(figures.get("short_bodies", "")), str(figures.get("no_date", "")),
            str(row.get("paywalled") or 0),
            ",".join(f"{k}:{v}" for k, v in sorted(failures.items())) or "-",
            "; ".join(reasons) or "as usual",
        ]
