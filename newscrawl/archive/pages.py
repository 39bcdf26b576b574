"""One archived record through the crawl's path: ``triage`` keeps the HTML pages a spider would
have fetched (cheap, in the reading process); ``PageHandler`` runs a kept page through the
offline chain (``extract_article``, ``crawl/article_page.py``, the chrome and date pipelines), the
crawl's identity rules and ``save_item`` into the store, as ``scrapy reprocess`` does.

The record's capture time is the page's ``fetched_at``, so relative and year-less dates resolve
against the archive's time, not today's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from itemadapter import ItemAdapter
from scrapy.settings import BaseSettings

from newscrawl.archive.language import identify
from newscrawl.archive.records import Broken, Record
from newscrawl.archive.site_rules import Site, SiteRules
from newscrawl.crawl.decoding import decode_html, looks_binary
from newscrawl.dates import to_iso_z
from newscrawl.offline.chain import OfflineChain
from newscrawl.pipelines.storage import save_item
from newscrawl.spiders.base import KEPT_HEADERS
from newscrawl.store import open_store
from newscrawl.store.identity import name_story


@dataclass(slots=True)
class Page:
    """A record kept for extraction: what the handler needs (it crosses process boundaries)."""

    url: str
    fetched_at: str
    site: Site
    headers: dict[str, str]
    payload: bytes


def capture_time(warc_date: str | None) -> str | None:
    """``WARC-Date`` (second or sub-second precision) as the crawl writes ``fetched_at``."""
    try:
        return to_iso_z(datetime.fromisoformat((warc_date or "").replace("Z", "+00:00")))
    except ValueError:
        return None


def _is_html(content_type: str, payload: bytes) -> bool:
    if not payload.strip() or looks_binary(payload):
        return False
    if content_type:
        return "html" in content_type
    return payload.lstrip()[:1] == b"<"  # no Content-Type: a page that starts with markup


def triage(unit: Record | Broken, rules: SiteRules) -> Page | str:
    """The page to extract, or the stats key saying why the record is skipped."""
    if isinstance(unit, Broken):
        return f"broken/{unit.reason}"
    if unit.warc_type == "revisit":
        return "skipped/revisit"
    if unit.warc_type != "response" or unit.http_status is None or not unit.target_uri:
        return "skipped/not_response"
    if unit.http_status != 200:
        return "skipped/not_200"
    content_type = unit.http_headers.get("content-type", "").lower()
    if not _is_html(content_type, unit.payload):
        return "skipped/not_html"
    site = rules.site_for(unit.target_uri)
    if isinstance(site, str):
        return f"skipped/{site}"
    fetched_at = capture_time(unit.date)
    if fetched_at is None:
        return "broken/no_date"
    headers = {k: unit.http_headers[k] for k in KEPT_HEADERS if unit.http_headers.get(k)}
    return Page(unit.target_uri, fetched_at, site, headers, unit.payload)


class PageHandler:
    """Kept pages into the store; ``handle`` returns the outcome's stats key. ``language`` keeps
    only articles whose text is in it (``--lang``) and records the identified language."""

    def __init__(self, settings: BaseSettings, db: str | None = None,
                 language: str | None = None) -> None:
        self.chain = OfflineChain(settings)
        self.store = open_store(settings, db)
        self.language = language

    def handle(self, page: Page) -> str:
        html, how = decode_html(page.payload, page.headers.get("content-type"))
        if how not in {"header", "meta", "utf-8", "bom"}:
            self.chain.stats.inc_value(
                f"newscrawl/bad_input/charset_{how.replace('+', '_').replace('-', '_')}")
        item = self.chain.item(html, page.url, fetched_at=page.fetched_at, site=page.site.name,
                               publisher=page.site.publisher, family=page.site.family,
                               http_status=200, http_headers=page.headers)
        if item is None:
            return "not_article"
        adapter = ItemAdapter(item)
        if self.language:
            found = identify(adapter.get("title"), adapter.get("body"))
            if found != self.language:
                return "other_language"
            adapter["language"] = found
        name_story(adapter)
        return f"store/{save_item(self.store, adapter).outcome}"

    def stats(self) -> dict[str, Any]:
        """What extraction, chrome and dates counted (``newscrawl/extract/…`` and so on)."""
        return self.chain.stats.get_stats()

    def close(self) -> None:
        self.store.close()
