"""DateNormalizationPipeline: date candidates become published_at / modified_at in UTC."""

from __future__ import annotations

import logging
from typing import Any

from itemadapter import ItemAdapter

from newscrawl.dates import resolve_dates, to_iso_z
from newscrawl.dates.timezone import fetch_time

logger = logging.getLogger(__name__)


class DateNormalizationPipeline:
    """Resolve ``date_candidates`` (in order of trust) with ``newscrawl.dates.resolve_dates``.

    Keeps the raw strings and the source used; counts sources, rejections and
    structured-vs-visible disagreements under ``newscrawl/dates/…``.
    """

    def __init__(self, stats) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler) -> DateNormalizationPipeline:
        return cls(crawler.stats)

    def process_item(self, item: Any, spider=None) -> Any:
        adapter = ItemAdapter(item)
        fetched_at = fetch_time(adapter.get("fetched_at"))
        resolution = resolve_dates(adapter.get("date_candidates") or [], fetched_at=fetched_at)
        for event in resolution.events:
            self.stats.inc_value(f"newscrawl/dates/{event}")
        published, modified = resolution.published_at, resolution.modified_at
        adapter["published_at"] = to_iso_z(published) if published else None
        adapter["modified_at"] = to_iso_z(modified) if modified else None
        adapter["published_raw"] = resolution.published_raw
        adapter["modified_raw"] = resolution.modified_raw
        adapter["published_source"] = resolution.published_source
        adapter["modified_source"] = resolution.modified_source
        if "disagreement" in resolution.events:
            logger.info("date sources disagree on %s: chose %s (%s), runner-up %s",
                        adapter.get("url"), resolution.published_raw,
                        resolution.published_source, resolution.published_runner_up)
        return item
