"""Quarantine: pages the crawl fetched but could not turn into an article, kept with the reason
so they can be reprocessed after a fix.

The ``quarantine`` table lives in the article store's database (defined on
``newscrawl.store.schema.metadata``; :class:`Quarantine` creates it if missing). One row per
(URL, reason, body); seeing the same page again bumps ``times`` and ``last_seen_at``.

:class:`QuarantineExtension` fills it during a crawl from three sources: exceptions in spider
callbacks (``spider_error/<Exception>``), exceptions in item pipelines (``item_error/<Exception>``)
and pages the spider rejects as bad input (``page_rejected`` signal; reasons in
NEWSCRAWL_QUARANTINE_REASONS). Counted under ``newscrawl/quarantine/<reason>``.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from scrapy import signals
from sqlalchemy import (
    JSON,
    Column,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
    select,
)
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from newscrawl.crawl.decoding import decode_html
from newscrawl.crawl.signals import page_rejected
from newscrawl.dates.timezone import now_iso_z
from newscrawl.store import codec
from newscrawl.store.schema import metadata

logger = logging.getLogger(__name__)

quarantine = Table(
    "quarantine",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("url", String(2048), nullable=False, index=True),
    Column("site", String(128)),
    Column("reason", String(128), nullable=False, index=True),
    Column("detail", Text),
    Column("status", Integer),
    Column("headers", JSON),
    Column("body_zlib", LargeBinary, nullable=False),
    Column("body_sha1", String(40), nullable=False),
    Column("body_size", Integer, nullable=False),
    Column("truncated", Integer, nullable=False, default=0),
    Column("first_seen_at", String(32), nullable=False),
    Column("last_seen_at", String(32), nullable=False),
    Column("times", Integer, nullable=False, default=1),
    Column("resolved_at", String(32)),
    UniqueConstraint("url", "reason", "body_sha1", name="uq_quarantine_page"),
)


@dataclass(slots=True)
class QuarantinedPage:
    """One quarantined page."""

    id: int
    url: str
    site: str | None
    reason: str
    detail: str | None
    status: int | None
    headers: dict[str, str] | None
    body: bytes
    times: int

    def text(self) -> str:
        """The body decoded the way the spider decodes pages."""
        content_type = (self.headers or {}).get("content-type")
        return decode_html(self.body, content_type)[0]


class Quarantine:
    """Read and write the quarantine table of one database."""

    def __init__(self, engine: Engine, max_bytes: int) -> None:
        self.engine = engine
        self.max_bytes = max_bytes
        metadata.create_all(engine, tables=[quarantine])

    def add(self, url: str, reason: str, body: bytes, *, site: str | None = None,
            detail: str | None = None, status: int | None = None,
            headers: dict[str, str] | None = None) -> None:
        """Keep a page (its first ``max_bytes``) with the reason; idempotent per page."""
        kept = body[: self.max_bytes]
        sha1 = hashlib.sha1(body).hexdigest()
        now = now_iso_z()
        key = (quarantine.c.url == url, quarantine.c.reason == reason,
               quarantine.c.body_sha1 == sha1)
        for _attempt in range(3):
            try:
                with self.engine.begin() as conn:
                    seen = conn.execute(select(quarantine.c.id).where(*key)).first()
                    if seen is not None:
                        conn.execute(quarantine.update().where(quarantine.c.id == seen.id)
                                     .values(times=quarantine.c.times + 1, last_seen_at=now))
                        return
                    conn.execute(quarantine.insert().values(
                        url=url, site=site, reason=reason, detail=detail, status=status,
                        headers=headers, body_zlib=codec.compress(kept), body_sha1=sha1,
                        body_size=len(body), truncated=int(len(kept) < len(body)),
                        first_seen_at=now, last_seen_at=now, times=1,
                    ))
                    return
            except IntegrityError:
                continue  # another writer added the same page meanwhile: count it next round

    def pending(self, reason: str | None = None) -> Iterator[QuarantinedPage]:
        """Unresolved pages, oldest first (optionally of one reason; a prefix ending in ``/``
        matches a family of reasons, e.g. ``spider_error/``)."""
        query = select(quarantine).where(quarantine.c.resolved_at.is_(None))
        if reason and reason.endswith("/"):
            query = query.where(quarantine.c.reason.startswith(reason))
        elif reason:
            query = query.where(quarantine.c.reason == reason)
        with self.engine.connect() as conn:
            rows = conn.execute(query.order_by(quarantine.c.id)).all()
        for row in rows:
            yield QuarantinedPage(id=row.id, url=row.url, site=row.site, reason=row.reason,
                                  detail=row.detail, status=row.status, headers=row.headers,
                                  body=codec.decompress(row.body_zlib), times=row.times)

    def resolve(self, page_id: int) -> None:
        """Mark a page as handled (reprocessed successfully)."""
        with self.engine.begin() as conn:
            conn.execute(quarantine.update().where(quarantine.c.id == page_id)
                         .values(resolved_at=now_iso_z()))

    def counts(self) -> dict[str, int]:
        """Unresolved pages per reason."""
        query = (select(quarantine.c.reason, func.count()).where(
            quarantine.c.resolved_at.is_(None)).group_by(quarantine.c.reason))
        with self.engine.connect() as conn:
            return {reason: int(n) for reason, n in conn.execute(query)}


def reprocess(box: Quarantine, process: Callable[[str, str], dict[str, Any] | None], *,
              reason: str | None = None) -> dict[str, int]:
    """Run ``process(html, url)`` (e.g. ``newscrawl.offline.chain.process_page``) over pending
    pages; pages that now give a record are marked resolved. Returns counts per outcome."""
    outcome = {"resolved": 0, "still_failing": 0, "not_article": 0}
    for page in box.pending(reason):
        try:
            record = process(page.text(), page.url)
        except Exception:  # a page that still breaks stays quarantined
            logger.exception("quarantined page %s still fails", page.url)
            outcome["still_failing"] += 1
            continue
        if record is None:
            outcome["not_article"] += 1
            continue
        box.resolve(page.id)
        outcome["resolved"] += 1
    return outcome


class QuarantineExtension:
    """Quarantine pages whose processing raised or that the spider rejected."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        settings = crawler.settings
        self.reasons = set(settings.getlist("NEWSCRAWL_QUARANTINE_REASONS"))
        self.max_bytes = settings.getint("NEWSCRAWL_QUARANTINE_MAX_BYTES")
        self._box: Quarantine | None = None
        crawler.signals.connect(self.spider_error, signal=signals.spider_error)
        crawler.signals.connect(self.item_error, signal=signals.item_error)
        crawler.signals.connect(self.page_rejected, signal=page_rejected)

    @classmethod
    def from_crawler(cls, crawler: Any) -> QuarantineExtension:
        return cls(crawler)

    @property
    def box(self) -> Quarantine:
        if self._box is None:
            from newscrawl.store import store_for

            self._box = Quarantine(store_for(self.crawler).engine, self.max_bytes)
        return self._box

    def spider_error(self, failure: Any, response: Any, spider: Any) -> None:
        self.keep(response, f"spider_error/{failure.type.__name__}", str(failure.value), spider)

    def item_error(self, item: Any, response: Any, spider: Any, failure: Any) -> None:
        if response is not None:
            self.keep(response, f"item_error/{failure.type.__name__}", str(failure.value),
                      spider)

    def page_rejected(self, response: Any, reason: str, spider: Any, detail: str = "") -> None:
        if reason in self.reasons:
            self.keep(response, reason, detail, spider)

    def keep(self, response: Any, reason: str, detail: str, spider: Any) -> None:
        headers = {k.decode("latin-1").lower(): response.headers.get(k, b"").decode("latin-1")
                   for k in response.headers}
        try:
            self.box.add(response.url, reason, response.body, site=getattr(spider, "name", None),
                         detail=detail[:1000], status=response.status, headers=headers)
        except Exception:  # quarantine must never stop the crawl
            logger.exception("could not quarantine %s", response.url)
            return
        self.crawler.stats.inc_value(f"newscrawl/quarantine/{reason}")
        logger.warning("quarantined %s: %s", response.url, reason)
