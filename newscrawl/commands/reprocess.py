"""`scrapy reprocess`: run the current extraction, chrome, date, dedup and storage pipelines over
the raw pages in the store, offline, updating the derived records in place.

Re-extracting the page a record came from never makes a new version (the source did not change);
the record is ``updated`` when the current rules give other text and ``unchanged`` otherwise.
"""

from __future__ import annotations

import sys
from argparse import ArgumentParser, Namespace
from collections import Counter
from types import SimpleNamespace

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import DropItem, UsageError
from scrapy.settings import BaseSettings
from tqdm import tqdm

from newscrawl.items import ArticleItem
from newscrawl.offline.chain import OfflineChain
from newscrawl.pipelines.dedup import DeduplicationPipeline
from newscrawl.pipelines.storage import StoragePipeline
from newscrawl.store import ArticleStore, fingerprinter_from

OUTCOMES = ("updated", "unchanged", "new_version", "inserted")


def reprocess(store: ArticleStore, settings: BaseSettings, *, site: str | None = None,
              progress: bool = True) -> Counter[str]:
    """Re-run every pipeline over the stored pages; counts per outcome plus ``not_article``.

    The offline chain (newscrawl.offline.chain) is the crawler's extraction, chrome and date
    pipelines; the crawler's own DeduplicationPipeline and StoragePipeline follow, writing to
    ``store``.
    """
    chain = OfflineChain(settings)
    crawler = SimpleNamespace(settings=settings, stats=chain.stats, _newscrawl_store=store)
    pipelines = [*chain.pipelines, DeduplicationPipeline.from_crawler(crawler),
                 StoragePipeline.from_crawler(crawler)]
    counts: Counter[str] = Counter()
    pages = store.iter_pages(site=site)
    for page in tqdm(pages, total=store.count_pages(site=site), unit="page", disable=not progress,
                     desc="reprocess", file=sys.stderr):
        item = ArticleItem(
            url=page.url, html=page.html, fetched_at=page.fetched_at, site=page.site,
            publisher=page.publisher, family=page.family, http_status=page.status,
            http_headers=page.headers,
        )
        before = {o: chain.stats.get_value(f"newscrawl/store/{o}", 0) for o in OUTCOMES}
        try:
            for pipeline in pipelines:
                item = pipeline.process_item(item, None)
        except DropItem:
            counts["not_article"] += 1
            continue
        for outcome in OUTCOMES:
            if chain.stats.get_value(f"newscrawl/store/{outcome}", 0) > before[outcome]:
                counts[outcome] += 1
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
        store = ArticleStore.open(opts.db or self.settings.get("NEWSCRAWL_DB"),
                                  fingerprinter_from(self.settings))
        try:
            counts = reprocess(store, self.settings, site=opts.site,
                               progress=not opts.no_progress)
        finally:
            store.close()
        print(f"reprocessed {sum(counts.values())} pages: {counts['updated']} updated, "
              f"{counts['unchanged']} unchanged, {counts['new_version']} new versions, "
              f"{counts['inserted']} inserted, {counts['not_article']} no longer articles")
