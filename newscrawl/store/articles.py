"""The article store: one row per canonical URL, raw pages kept, versions and copies linked."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from sqlalchemy import bindparam, func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection, Engine

from newscrawl.dates.timezone import now_iso_z
from newscrawl.items import EXPORT_FIELDS
from newscrawl.store import codec
from newscrawl.store.database import lock_key, open_engine, run_write
from newscrawl.store.fastsql import Prepared
from newscrawl.store.minhash import Fingerprinter
from newscrawl.store.neardup_index import NearDupIndex
from newscrawl.store.schema import article_versions, articles, crawls, pages

# inserted: new canonical URL; unchanged: same text; new_version: the source page changed and so
# did the text; updated: the same source page re-extracted (new rules) gave other text.
SaveOutcome = Literal["inserted", "unchanged", "new_version", "updated"]
MatchKind = Literal["exact", "near"]

# Columns of `articles` that hold an exported field of the same name.
_ARTICLE_COLUMNS = tuple(
    c.name for c in articles.columns if c.name not in {"id", "first_seen_at", "page_sha1"}
)
# Columns a new version or an in-place update never changes.
_KEEP_ON_UPDATE = frozenset({"canonical_url", "duplicate_of", "version", "appearances"})

# Hot statements (every save, every incremental lookup) built once with bound parameters:
# SQLAlchemy reuses their compiled form instead of building and cache-keying a new statement
# per call (about 3x less CPU per lookup; docs/performance.md). Those of `save` are `Prepared`
# (store/fastsql.py): on SQLite they run on the DBAPI cursor, without SQLAlchemy's ~25 µs each.
#
# What save needs of a stored article (not the JSON columns, which would be decoded for nothing).
_EXISTING_BY_URL = Prepared(select(
    articles.c.id, articles.c.content_hash, articles.c.page_sha1, articles.c.version,
    articles.c.duplicate_of, articles.c.fetched_at, articles.c.first_seen_at,
    articles.c.modified_at, articles.c.title, articles.c.body,
).where(articles.c.canonical_url == bindparam("url")))
_STATE_BY_URL = select(articles.c.published_at, articles.c.first_seen_at).where(
    articles.c.canonical_url == bindparam("url"))
_CANONICAL_BY_PAGE_URL = select(pages.c.canonical_url).where(
    pages.c.url == bindparam("url")).limit(1)
_NEWEST_HEADERS = (
    select(pages.c.headers).where(pages.c.canonical_url == bindparam("url"))
    .order_by(pages.c.fetched_at.desc(), pages.c.id.desc()).limit(1)
)
_STORY_BY_HASH = Prepared(
    select(articles.c.canonical_url)
    .where(articles.c.content_hash == bindparam("hash"), articles.c.duplicate_of.is_(None))
    .order_by(articles.c.id).limit(1)
)
_URL_BY_ID = Prepared(select(articles.c.canonical_url).where(articles.c.id == bindparam("id")))
_STORY_BY_URL = Prepared(select(articles.c.id, articles.c.published_at).where(
    articles.c.canonical_url == bindparam("url")))
_INSERT_ARTICLE = Prepared(articles.insert(), insert_of=articles)
_TOUCH_ARTICLE = Prepared(articles.update().where(articles.c.id == bindparam("p_id")).values(
    fetched_at=bindparam("p_fetched_at"), page_sha1=bindparam("p_page_sha1")))
_TOUCH_PAGE = Prepared(pages.update().where(
    pages.c.canonical_url == bindparam("p_url"), pages.c.html_sha1 == bindparam("p_sha1"),
).values(fetched_at=bindparam("p_fetched_at"), headers=bindparam("p_headers"),
         status=bindparam("p_status")))
_PAGE_INSERT = Prepared(pages.insert(), insert_of=pages)


def _page_upsert(insert):
    statement = insert(pages)
    return statement.on_conflict_do_update(
        index_elements=[pages.c.canonical_url, pages.c.html_sha1],
        set_={"fetched_at": statement.excluded.fetched_at, "headers": statement.excluded.headers,
              "status": statement.excluded.status},
    )


# A page row for a new article: inserted, or (a page row left without its article) refreshed.
_PAGE_UPSERT = {"sqlite": Prepared(_page_upsert(sqlite_insert), insert_of=pages),
                "postgresql": Prepared(_page_upsert(pg_insert), insert_of=pages)}


@dataclass(slots=True)
class SaveResult:
    """What ``ArticleStore.save`` did: the outcome, the article's version and, for a copy of a
    stored story, the story's canonical URL and how it matched (``exact`` or ``near``).

    ``replaced``: the stored story this article was published before; it and its copies now
    point to this article (``match`` says how the two matched)."""

    outcome: SaveOutcome
    version: int
    duplicate_of: str | None = None
    match: MatchKind | None = None
    replaced: str | None = None


@dataclass(slots=True)
class StoredState:
    """What the incremental crawl needs to know about a stored article."""

    canonical_url: str
    published_at: str | None
    first_seen_at: str | None
    etag: str | None
    last_modified: str | None


class _Text:
    """An article body's MinHash signature and LSH band keys, computed once, when first needed."""

    __slots__ = ("_body", "_done", "_fingerprinter", "_keys", "_signature")

    def __init__(self, fingerprinter: Fingerprinter, body: str | None) -> None:
        self._fingerprinter, self._body = fingerprinter, body
        self._signature = self._keys = None
        self._done = False

    def signature(self):
        if not self._done:
            self._signature = self._fingerprinter.signature(self._body)
            if self._signature is not None:
                self._keys = self._fingerprinter.band_keys(self._signature)
            self._done = True
        return self._signature

    def band_keys(self) -> list[int]:
        self.signature()
        return self._keys or []


def published_before(first: str | None, second: str | None) -> bool:
    """Whether publication time ``first`` is known and earlier than a known ``second``."""
    if not first or not second:
        return False
    try:
        a, b = datetime.fromisoformat(first), datetime.fromisoformat(second)
        return (a if a.tzinfo else a.replace(tzinfo=UTC)) < (b if b.tzinfo else
                                                             b.replace(tzinfo=UTC))
    except ValueError:
        return False


def page_sha1(html: str) -> str:
    """SHA-1 of a raw page as stored."""
    return hashlib.sha1(html.encode("utf-8", "surrogatepass")).hexdigest()


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
    """Reads and writes articles, raw pages, the near-duplicate index and crawl records.

    ``save`` is one short write transaction per article, serialised with every other writer of
    the same database (other crawl processes included), so a killed writer never leaves half an
    article behind and two copies of a story saved at once are still linked.
    """

    def __init__(self, engine: Engine, fingerprinter: Fingerprinter | None = None) -> None:
        self.engine = engine
        self.fingerprinter = fingerprinter or Fingerprinter()
        self.index = NearDupIndex(self.fingerprinter)

    @classmethod
    def open(cls, setting: str, fingerprinter: Fingerprinter | None = None) -> ArticleStore:
        """Open (and create if needed) the store named by a NEWSCRAWL_DB value."""
        return cls(open_engine(setting), fingerprinter)

    def close(self) -> None:
        self.engine.dispose()

    # --- writing ---------------------------------------------------------------------------
    def save(self, article: dict[str, Any], html: str | None = None, *, family: str | None = None,
             status: int | None = None, headers: dict[str, Any] | None = None) -> SaveResult:
        """Store ``article`` (export keys) and its raw page; report what happened.

        A new canonical URL is inserted; when its text is a copy of a stored story (same content
        hash, or MinHash similarity at the threshold), ``duplicate_of`` links it to that story.
        A stored URL whose text changed becomes a new version (the old one goes to history)
        when its source page changed too, and is updated in place when the same page was only
        re-extracted.
        """
        row = {k: article.get(k) for k in _ARTICLE_COLUMNS if k in article}
        # The page is encoded once: its SHA-1 and the stored blob come from the same bytes.
        data = html.encode("utf-8", "surrogatepass") if html is not None else None
        row["page_sha1"] = hashlib.sha1(data).hexdigest() if data is not None else None
        text = _Text(self.fingerprinter, row.get("body"))

        def work(conn: Connection) -> SaveResult:
            result = self._save_article(conn, row, text)
            if data is not None:
                self._save_page(conn, article, data, row["page_sha1"], family, status, headers,
                                new_article=result.outcome == "inserted")
            return result

        # Writers of other articles need not wait: lock this URL, this text and its bands.
        # (PostgreSQL only: a SQLite write transaction locks the whole database anyway, and
        # there the signature is computed only when the save needs it — not for unchanged text.)
        keys = None
        if self.engine.dialect.name == "postgresql":
            keys = [lock_key(row["canonical_url"]), lock_key(row.get("content_hash") or "")]
            keys += text.band_keys()
        return run_write(self.engine, work, keys)

    def _save_article(self, conn: Connection, row: dict[str, Any], text: _Text) -> SaveResult:
        existing = _EXISTING_BY_URL.first(conn, {"url": row["canonical_url"]})
        if existing is None:
            return self._insert(conn, row, text)
        same_text = existing.content_hash == row.get("content_hash")
        same_page = row["page_sha1"] is None or existing.page_sha1 == row["page_sha1"]
        if same_text:
            _TOUCH_ARTICLE.execute(conn, {
                "p_id": existing.id,
                "p_fetched_at": row.get("fetched_at") or existing.fetched_at,
                "p_page_sha1": row["page_sha1"] or existing.page_sha1,
            })
            return SaveResult("unchanged", existing.version, existing.duplicate_of)
        update = {k: v for k, v in row.items() if k not in _KEEP_ON_UPDATE}
        if update.get("page_sha1") is None:
            update.pop("page_sha1", None)
        if same_page:
            outcome: SaveOutcome = "updated"
            version = existing.version
        else:
            outcome, version = "new_version", existing.version + 1
            conn.execute(article_versions.insert().values(
                article_id=existing.id, version=existing.version, title=existing.title,
                body=existing.body, content_hash=existing.content_hash,
                modified_at=existing.modified_at, fetched_at=existing.fetched_at,
                page_sha1=existing.page_sha1,
            ))
            # The text changed, so the article was modified: when the page does not say when,
            # the fetch that saw the change is the best bound.
            if not update.get("modified_at") or update["modified_at"] <= (
                    existing.modified_at or ""):
                update["modified_at"] = row.get("fetched_at") or now_iso_z()
        update["version"] = version
        update["first_seen_at"] = existing.first_seen_at
        conn.execute(articles.update().where(articles.c.id == existing.id).values(**update))
        if existing.duplicate_of is None:
            self.index.remove(conn, existing.id)
            self.index.add(conn, existing.id, text.signature(), text.band_keys())
        return SaveResult(outcome, version, existing.duplicate_of)

    def _insert(self, conn: Connection, row: dict[str, Any], text: _Text) -> SaveResult:
        story_url, match = self._find_story(conn, row.get("content_hash"), text)
        replaced = None
        if story_url is not None:
            story = _STORY_BY_URL.first(conn, {"url": story_url})
            if published_before(row.get("published_at"), story.published_at):
                # The copy published first is the story, whatever order the crawl found them in.
                replaced, story_url = story_url, None
        values = {**row, "first_seen_at": row.get("fetched_at") or now_iso_z(), "version": 1,
                  "duplicate_of": story_url}
        article_id = _INSERT_ARTICLE.lastrowid(conn, values)
        if story_url is None:
            self.index.add(conn, article_id, text.signature(), text.band_keys())
        if replaced is not None:
            self._hand_over(conn, story.id, replaced, row["canonical_url"])
        return SaveResult("inserted", 1, story_url, match, replaced)

    def _hand_over(self, conn: Connection, old_id: int, old_url: str, new_url: str) -> None:
        """Make ``new_url`` the story of ``old_url`` and of every copy linked to it."""
        conn.execute(articles.update().where(
            (articles.c.canonical_url == old_url) | (articles.c.duplicate_of == old_url)
        ).values(duplicate_of=new_url))
        self.index.remove(conn, old_id)

    def _find_story(self, conn: Connection, content_hash: str | None,
                    text: _Text) -> tuple[str | None, MatchKind | None]:
        """The canonical URL of the stored story this text is a copy of, and how it matched."""
        if content_hash:
            owner = _STORY_BY_HASH.scalar(conn, {"hash": content_hash})
            if owner:
                return owner, "exact"
        story_id = self.index.find(conn, text.signature(), text.band_keys())
        if story_id is None:
            return None, None
        url = _URL_BY_ID.scalar(conn, {"id": story_id})
        return url, "near"

    def _save_page(self, conn, article, data: bytes, sha1, family, status, headers, *,
                   new_article: bool) -> None:
        fetched_at = article.get("fetched_at") or now_iso_z()
        if not new_article:
            # Same bytes again: keep the newest validators (ETag/Last-Modified) and fetch time.
            seen = _TOUCH_PAGE.execute(conn, {
                "p_url": article["canonical_url"], "p_sha1": sha1, "p_fetched_at": fetched_at,
                "p_headers": headers, "p_status": status,
            })
            if seen.rowcount:
                return
        # A new article has no stored page yet (pages are only written with their article), so
        # the check is left to the unique key: an orphaned page row is updated as above.
        values = dict(
            canonical_url=article["canonical_url"], url=article.get("url"),
            site=article.get("site"), publisher=article.get("publisher"), family=family,
            fetched_at=fetched_at, status=status, headers=headers,
            html_zlib=codec.compress(data), html_sha1=sha1,
        )
        statement = _PAGE_UPSERT.get(conn.dialect.name, _PAGE_INSERT) if new_article \
            else _PAGE_INSERT
        statement.execute(conn, values)

    def record_crawl(self, row: dict[str, Any]) -> None:
        """Store one finished crawl's health figures."""
        run_write(self.engine, lambda conn: conn.execute(crawls.insert().values(**row)))

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

    def get(self, canonical_url: str) -> dict[str, Any] | None:
        """One stored article (export keys) by canonical URL, or None."""
        with self.engine.connect() as conn:
            row = conn.execute(
                select(articles).where(articles.c.canonical_url == canonical_url)
            ).first()
            if row is None:
                return None
            return self._record(conn, row, None)

    def owner_of_hash(self, content_hash: str) -> str | None:
        """The canonical URL of the first stored story with this exact content, if any."""
        with self.engine.connect() as conn:
            return conn.execute(
                select(articles.c.canonical_url)
                .where(articles.c.content_hash == content_hash, articles.c.duplicate_of.is_(None))
                .order_by(articles.c.id).limit(1)
            ).scalar()

    def stored_state(self, url: str) -> StoredState | None:
        """Publication/first-seen time and the newest page's validators of the article stored
        under canonical URL ``url``, or fetched from ``url`` (when its page declared another
        canonical URL); None when neither is stored."""
        with self.engine.connect() as conn:
            canonical_url = url
            row = conn.execute(_STATE_BY_URL, {"url": canonical_url}).first()
            if row is None:
                canonical_url = conn.execute(_CANONICAL_BY_PAGE_URL, {"url": url}).scalar()
                if canonical_url is None:
                    return None
                row = conn.execute(_STATE_BY_URL, {"url": canonical_url}).first()
                if row is None:
                    return None
            headers = conn.execute(_NEWEST_HEADERS, {"url": canonical_url}).scalar() or {}
        lowered = {str(k).lower(): v for k, v in headers.items()}
        return StoredState(canonical_url, row.published_at, row.first_seen_at,
                           lowered.get("etag"), lowered.get("last-modified"))

    def versions(self, canonical_url: str) -> list[dict[str, Any]]:
        """Every version of an article, oldest first (history, then the current one)."""
        with self.engine.connect() as conn:
            current = conn.execute(
                select(articles).where(articles.c.canonical_url == canonical_url)
            ).first()
            if current is None:
                return []
            history = conn.execute(
                select(article_versions).where(article_versions.c.article_id == current.id)
                .order_by(article_versions.c.version)
            ).mappings().all()
        keys = ("version", "title", "body", "content_hash", "modified_at", "fetched_at")
        return [{k: h[k] for k in keys} for h in history] + [
            {k: getattr(current, k) for k in keys}]

    def iter_articles(self, *, site: str | None = None, since: str | None = None,
                      until: str | None = None, include_duplicates: bool = False,
                      ) -> Iterator[dict[str, Any]]:
        """Stored articles as dicts with the export keys, oldest first.

        ``since``/``until`` (``YYYY-MM-DD`` or ISO timestamps) bound ``published_at``: on/after
        ``since``, before ``until``. Copies of stories are left out unless
        ``include_duplicates``; a story's ``appearances`` lists its own URL and every copy's.
        """
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
            copies = self._copies(conn)
            for row in conn.execution_options(stream_results=True).execute(query):
                yield self._record(conn, row, copies)

    @staticmethod
    def _record(conn: Connection, row, copies: dict[str, list[str]] | None) -> dict[str, Any]:
        """A row as an export record, keys in EXPORT_FIELDS order."""
        appearances: list[str] = []
        if row.duplicate_of is None:
            if copies is None:
                copies = {row.canonical_url: list(conn.execute(
                    select(articles.c.canonical_url)
                    .where(articles.c.duplicate_of == row.canonical_url).order_by(articles.c.id)
                ).scalars())}
            appearances = [row.canonical_url, *copies.get(row.canonical_url, [])]
        return {key: appearances if key == "appearances" else getattr(row, key, None)
                for key in EXPORT_FIELDS}

    @staticmethod
    def _copies(conn: Connection) -> dict[str, list[str]]:
        """Story canonical URL -> canonical URLs of its copies, in the order they were stored."""
        result: dict[str, list[str]] = {}
        query = select(articles.c.duplicate_of, articles.c.canonical_url).where(
            articles.c.duplicate_of.is_not(None)
        ).order_by(articles.c.id)
        for original, copy in conn.execute(query):
            result.setdefault(original, []).append(copy)
        return result

    def iter_pages(self, *, site: str | None = None, every_page: bool = False,
                   ) -> Iterator[RawPage]:
        """Stored raw pages: by default the page each article's current version was extracted
        from, in storage order (for `scrapy reprocess`); ``every_page`` gives all fetched
        variants, oldest first (for WARC export)."""
        if every_page:
            query = select(pages).order_by(pages.c.id)
        else:
            query = select(pages).join(articles, (articles.c.canonical_url == pages.c.canonical_url)
                                       & (articles.c.page_sha1 == pages.c.html_sha1))
            query = query.order_by(articles.c.id)
        if site:
            query = query.where(pages.c.site == site)
        with self.engine.connect() as conn:
            for row in conn.execution_options(stream_results=True).execute(query):
                yield RawPage(
                    canonical_url=row.canonical_url, url=row.url, site=row.site,
                    publisher=row.publisher, family=row.family, fetched_at=row.fetched_at,
                    status=row.status, headers=row.headers,
                    html=codec.decompress(row.html_zlib).decode("utf-8", "surrogatepass"),
                )

    def count_pages(self, *, site: str | None = None) -> int:
        """How many pages ``iter_pages`` yields by default."""
        query = select(func.count()).select_from(articles).where(articles.c.page_sha1.is_not(None))
        if site:
            query = query.where(articles.c.site == site)
        with self.engine.connect() as conn:
            return int(conn.execute(query).scalar_one())

    def crawl_history(self, limit_per_site: int = 5, *, site: str | None = None
                      ) -> list[dict[str, Any]]:
        """The most recent crawl records, newest first, at most ``limit_per_site`` per site
        (only ``site``'s when given)."""
        query = select(crawls).order_by(crawls.c.id.desc())
        if site is not None:
            query = query.where(crawls.c.site == site).limit(limit_per_site)
        with self.engine.connect() as conn:
            rows = conn.execute(query).mappings().all()
        seen: dict[str, int] = {}
        result = []
        for row in rows:
            seen[row["site"]] = seen.get(row["site"], 0) + 1
            if seen[row["site"]] <= limit_per_site:
                result.append(dict(row))
        return result
