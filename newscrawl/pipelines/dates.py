"""DateNormalizationPipeline: date candidates become published_at / modified_at in UTC."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from itemadapter import ItemAdapter

from newscrawl.dates import resolve_dates, to_iso_z

logger = logging.getLogger(__name__)


def fetched_at_of(value: str | datetime | None) -> datetime:
    """The page's fetch time as an aware UTC datetime (now when unknown)."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if value:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(UTC)
    return datetime.now(UTC)


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
        fetched_at = fetched_at_of(adapter.get("fetched_at"))
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
