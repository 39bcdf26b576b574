"""The article store: one row per canonical URL, raw pages kept, idempotent saves."""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from newscrawl.items import EXPORT_FIELDS
from newscrawl.store.database import open_engine
from newscrawl.store.schema import article_versions, articles, crawls, pages

SaveOutcome = Literal["inserted", "unchanged", "new_version", "refreshed"]

# Columns of `articles` that hold an exported field of the same name.
_ARTICLE_COLUMNS = tuple(c.name for c in articles.columns if c.name not in {"id", "first_seen_at"})


@dataclass(slots=True)
class RawPage:
    """A stored raw page, as the spider fetched it."""

    canonical_url: str
    url: str
    site: str | None
    publisher: str | None
    family: str | None
    fetched_at: str
    status: int | None
    headers: dict[str, Any] | None
    html: str


class ArticleStore:
    """Reads and writes articles, raw pages and crawl records in one database.

    ``save`` runs in one transaction per article, so a killed writer never leaves half an
    article behind.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def open(cls, setting: str) -> ArticleStore:
        """Open (and create if needed) the store named by a NEWSCRAWL_DB value."""
        return cls(open_engine(setting))

    def close(self) -> None:
        self.engine.dispose()

    # --- writing ---------------------------------------------------------------------------
    def save(self, article: dict[str, Any], html: str | None = None, *, family: str | None = None,
             status: int | None = None, headers: dict[str, Any] | None = None) -> SaveOutcome:
        """Store ``article`` (export keys) and its raw page; report what happened.

        Same canonical URL and same content hash: ``unchanged`` (only the fetch time moves on).
        Same canonical URL, different cleaned text: ``new_version`` (the old text goes to history).
        """
        row = {k: article.get(k) for k in _ARTICLE_COLUMNS if k in article}
        row["version"] = row.get("version") or 1
        for _attempt in range(3):
            try:
                with self.engine.begin() as conn:
                    outcome = self._save_article(conn, row)
                    if html is not None:
                        self._save_page(conn, article, html, family, status, headers)
                return outcome
            except IntegrityError:
                # Another process inserted the same canonical URL between our read and write.
                continue
        raise RuntimeError(f"could not store {row['canonical_url']}: repeated write conflicts")

    def _save_article(self, conn, row: dict[str, Any]) -> SaveOutcome:
        existing = conn.execute(
            select(articles.c.id, articles.c.content_hash, articles.c.version, articles.c.title,
                   articles.c.body, articles.c.modified_at, articles.c.fetched_at)
            .where(articles.c.canonical_url == row["canonical_url"])
        ).first()
        if existing is None:
            row = {**row, "first_seen_at": row.get("fetched_at")}
            conn.execute(articles.insert().values(**row))
            return "inserted"
        if existing.content_hash == row.get("content_hash"):
            conn.execute(
                articles.update().where(articles.c.id == existing.id)
                .values(fetched_at=row.get("fetched_at"))
            )
            return "unchanged"
        conn.execute(
            article_versions.insert().values(
                article_id=existing.id, version=existing.version, title=existing.title,
                body=existing.body, content_hash=existing.content_hash,
                modified_at=existing.modified_at, fetched_at=existing.fetched_at,
            )
        )
        update = {k: v for k, v in row.items() if k not in {"canonical_url", "duplicate_of"}}
        update["version"] = existing.version + 1
        conn.execute(articles.update().where(articles.c.id == existing.id).values(**update))
        return "new_version"

    def _save_page(self, conn, article, html, family, status, headers) -> None:
        data = html.encode("utf-8", "surrogatepass")
        sha1 = hashlib.sha1(data).hexdigest()
        seen = conn.execute(
            select(pages.c.id).where(
                pages.c.canonical_url == article["canonical_url"], pages.c.html_sha1 == sha1
            )
        ).first()
        if seen is not None:
            return
        conn.execute(
            pages.insert().values(
                canonical_url=article["canonical_url"], url=article.get("url"),
                site=article.get("site"), publisher=article.get("publisher"), family=family,
                fetched_at=article.get("fetched_at"), status=status, headers=headers,
                html_zlib=zlib.compress(data, 6), html_sha1=sha1,
            )
        )

    def record_crawl(self, row: dict[str, Any]) -> None:
        """Store one finished crawl's health figures."""
        with self.engine.begin() as conn:
            conn.execute(crawls.insert().values(**row))

    # --- reading ---------------------------------------------------------------------------
    def count(self, site: str | None = None) -> int:
        query = select(func.count()).select_from(articles)
        if site:
            query = query.where(articles.c.site == site)
        with self.engine.connect() as conn:
            return int(conn.execute(query).scalar_one())

    def has(self, canonical_url: str) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(
                select(articles.c.id).where(articles.c.canonical_url == canonical_url)
            ).first() is not None

    def owner_of_hash(self, content_hash: str) -> str | None:
        """The canonical URL of the first stored article with this exact content, if any."""
        with self.engine.connect() as conn:
            return conn.execute(
                select(articles.c.canonical_url)
                .where(articles.c.content_hash == content_hash, articles.c.duplicate_of.is_(None))
                .order_by(articles.c.id).limit(1)
            ).scalar()

    def iter_articles(self, *, site: str | None = None, since: str | None = None,
                      until: str | None = None, include_duplicates: bool = False,
                      ) -> Iterator[dict[str, Any]]:
        """Stored articles as dicts with the export keys, oldest first."""
        query = select(articles).order_by(articles.c.id)
        if site:
            query = query.where(articles.c.site == site)
        if since:
            query = query.where(articles.c.published_at >= since)
        if until:
            query = query.where(articles.c.published_at < until)
        if not include_duplicates:
            query = query.where(articles.c.duplicate_of.is_(None))
        with self.engine.connect() as conn:
            copies = self._appearances(conn)
            for row in conn.execution_options(stream_results=True).execute(query):
                record = {key: getattr(row, key) for key in EXPORT_FIELDS if key in row._fields}
                record["appearances"] = copies.get(row.canonical_url, [])
                yield record

    def _appearances(self, conn) -> dict[str, list[str]]:
        result: dict[str, list[str]] = {}
        query = select(articles.c.duplicate_of, articles.c.canonical_url).where(
            articles.c.duplicate_of.is_not(None)
        )
        for original, copy in conn.execute(query):
            result.setdefault(original, []).append(copy)
        return result

    def iter_pages(self, *, site: str | None = None) -> Iterator[RawPage]:
        """The newest stored raw page of every article (for `scrapy reprocess`)."""
        query = select(pages).order_by(pages.c.canonical_url, pages.c.id)
        if site:
            query = query.where(pages.c.site == site)
        with self.engine.connect() as conn:
            last: RawPage | None = None
            for row in conn.execution_options(stream_results=True).execute(query):
                page = RawPage(
                    canonical_url=row.canonical_url, url=row.url, site=row.site,
                    publisher=row.publisher, family=row.family, fetched_at=row.fetched_at,
                    status=row.status, headers=row.headers,
                    html=zlib.decompress(row.html_zlib).decode("utf-8", "surrogatepass"),
                )
                if last is not None and last.canonical_url != page.canonical_url:
                    yield last
                last = page
            if last is not None:
                yield last

    def crawl_history(self, limit_per_site: int = 5) -> list[dict[str, Any]]:
        """The most recent crawl records, newest first, at most ``limit_per_site`` per site."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(crawls).order_by(crawls.c.id.desc())).mappings().all()
        seen: dict[str, int] = {}
        result = []
        for row in rows:
            seen[row["site"]] = seen.get(row["site"], 0) + 1
            if seen[row["site"]] <= limit_per_site:
                result.append(dict(row))
        return result
