"""`scrapy health`: per-site health over the last crawls, from the store."""

from __future__ import annotations

from argparse import ArgumentParser, Namespace

from scrapy.commands import ScrapyCommand

from newscrawl.store import open_store

COLUMNS = ("site", "finished_at", "pages_fetched", "articles_stored", "generic_fallbacks",
           "fallback_rate", "empty_bodies", "paywalled", "chrome_lines_dropped", "finish_reason")


class Command(ScrapyCommand):
    requires_project = True
    default_settings = {"LOG_ENABLED": False}

    def short_desc(self) -> str:
        return "Show per-site crawl health (fallbacks, empty bodies, paywalled) from the store"

    def add_options(self, parser: ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--last", type=int, default=5, help="crawls per site (default 5)")
        parser.add_argument("--db", help="store path or URL (default: NEWSCRAWL_DB)")

    def run(self, args: list[str], opts: Namespace) -> None:
        store = open_store(self.settings, opts.db)
        rows = store.crawl_history(limit_per_site=opts.last)
        store.close()
        if not rows:
            print("no crawls recorded yet")
            return
        rows.sort(key=lambda r: (r["site"], r["finished_at"] or ""), reverse=False)
        table = [[self._cell(row.get(c), c) for c in COLUMNS] for row in rows]
        widths = [max(len(c), *(len(r[i]) for r in table)) for i, c in enumerate(COLUMNS)]
        print("  ".join(c.ljust(w) for c, w in zip(COLUMNS, widths, strict=True)))
        for r in table:
            print("  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)))

    @staticmethod
    def _cell(value: object, column: str) -> str:
        if column == "fallback_rate" and isinstance(value, float):
            return f"{100 * value:.0f}%"
        return "" if value is None else str(value)
