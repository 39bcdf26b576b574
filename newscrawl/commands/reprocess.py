"""`scrapy reprocess`: run the current extraction, chrome, date, dedup and storage pipelines over
the raw pages in the store, offline, updating the derived records in place.

Re-extracting the page a record came from never makes a new version (the source did not change);
the record is ``updated`` when the current rules give other text and ``unchanged`` otherwise.
"""

from __future__ import annotations

import sys
from argparse import ArgumentParser, Namespace
from collections import Counter

from itemadapter import ItemAdapter
from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError
from scrapy.settings import BaseSettings
from tqdm import tqdm

from newscrawl.offline.chain import OfflineChain
from newscrawl.pipelines.storage import save_item
from newscrawl.store import ArticleStore, open_store
from newscrawl.store.identity import name_story

OUTCOMES = ("updated", "unchanged", "new_version", "inserted")


def reprocess(store: ArticleStore, settings: BaseSettings, *, site: str | None = None,
              progress: bool = True) -> Counter[str]:
    """Re-run extraction, chrome and dates over the stored pages and save each result; counts
    per save outcome (``store.save``'s SaveResult) plus ``not_article`` and ``same_url`` (a
    second stored page of a canonical URL already reprocessed in this run)."""
    chain = OfflineChain(settings)
    counts: Counter[str] = Counter()
    seen: set[str] = set()
    pages = store.iter_pages(site=site)
    for page in tqdm(pages, total=store.count_pages(site=site), unit="page", disable=not progress,
                     desc="reprocess", file=sys.stderr):
        item = chain.item(page.html, page.url, fetched_at=page.fetched_at, site=page.site,
                          publisher=page.publisher, family=page.family,
                          http_status=page.status, http_headers=page.headers)
        if item is None:
            counts["not_article"] += 1
            continue
        adapter = ItemAdapter(item)
        canonical = name_story(adapter)
        if canonical in seen:
            counts["same_url"] += 1
            continue
        seen.add(canonical)
        counts[save_item(store, adapter).outcome] += 1
    return counts


class Command(ScrapyCommand):
    requires_project = True
    default_settings = {"LOG_ENABLED": False}

    def syntax(self) -> str:
        return "[options]"

    def short_desc(self) -> str:
        return "Re-run extraction and all pipelines over the stored raw pages (offline)"

    def add_options(self, parser: ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--site", help="only pages of this spider")
        parser.add_argument("--db", help="store path or URL (default: NEWSCRAWL_DB)")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def run(self, args: list[str], opts: Namespace) -> None:
        if args:
            raise UsageError("reprocess takes no positional arguments")
        store = open_store(self.settings, opts.db)
        try:
            counts = reprocess(store, self.settings, site=opts.site,
                               progress=not opts.no_progress)
        finally:
            store.close()
        print(f"reprocessed {sum(counts.values())} pages: {counts['updated']} updated, "
              f"{counts['unchanged']} unchanged, {counts['new_version']} new versions, "
              f"{counts['inserted']} inserted, {counts['not_article']} no longer articles")
