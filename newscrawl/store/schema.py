"""The store's tables (SQLAlchemy Core), the same for SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

articles = Table(
    "articles",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("canonical_url", String(2048), nullable=False, unique=True),
    Column("url", String(2048), nullable=False),
    Column("site", String(128), nullable=False, index=True),
    Column("publisher", String(256)),
    Column("title", Text),
    Column("kicker", Text),
    Column("teaser", Text),
    Column("body", Text),
    Column("authors", JSON),
    Column("section", String(256)),
    Column("tags", JSON),
    Column("published_at", String(32), index=True),
    Column("modified_at", String(32)),
    Column("published_raw", Text),
    Column("modified_raw", Text),
    Column("published_source", String(16)),
    Column("modified_source", String(16)),
    Column("images", JSON),
    Column("paywalled", Boolean, default=False),
    Column("language", String(16)),
    Column("fetched_at", String(32)),
    Column("first_seen_at", String(32)),
    Column("word_count", Integer),
    Column("content_hash", String(64), index=True),
    Column("version", Integer, nullable=False, default=1),
    Column("duplicate_of", String(2048), index=True),
    Column("extractor", String(64)),
    # SHA-1 of the raw page the current version was extracted from: re-extracting the same page
    # (scrapy reprocess, new rules) updates in place; only a changed page makes a new version.
    Column("page_sha1", String(40)),
)

# Raw pages as fetched (compressed HTML: zstd, zlib in older rows; newscrawl.store.codec), so every
# pipeline can be re-run offline.
pages = Table(
    "pages",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("canonical_url", String(2048), nullable=False, index=True),
    # Indexed: the incremental crawl finds a stored article by the URL it was fetched from when
    # the page declares another canonical URL.
    Column("url", String(2048), nullable=False, index=True),
    Column("site", String(128)),
    Column("publisher", String(256)),
    Column("family", String(64)),
    Column("fetched_at", String(32), nullable=False),
    Column("status", Integer),
    Column("headers", JSON),
    Column("html_zlib", LargeBinary, nullable=False),
    Column("html_sha1", String(40), nullable=False),
    UniqueConstraint("canonical_url", "html_sha1", name="uq_pages_url_sha1"),
)

# Earlier versions of an article whose cleaned text changed (the current one is in `articles`).
article_versions = Table(
    "article_versions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", Integer, ForeignKey("articles.id"), nullable=False, index=True),
    Column("version", Integer, nullable=False),
    Column("title", Text),
    Column("body", Text),
    Column("content_hash", String(64)),
    Column("modified_at", String(32)),
    Column("fetched_at", String(32)),
    Column("page_sha1", String(40)),
)

# Near-duplicate index (newscrawl.store.minhash): the MinHash signature of every story (original
# article) and one row per LSH band, so candidates are found with an indexed lookup by band key
# and every crawl process sees the same index.
neardup_signatures = Table(
    "neardup_signatures",
    metadata,
    Column("story_id", Integer, primary_key=True, autoincrement=False),
    Column("signature", LargeBinary, nullable=False),
)
neardup_bands = Table(
    "neardup_bands",
    metadata,
    Column("band_key", BigInteger, primary_key=True, autoincrement=False),
    Column("story_id", Integer, primary_key=True, autoincrement=False),
    # The primary key is the lookup index; SQLite needs no extra rowid b-tree for it.
    sqlite_with_rowid=False,
)

# One row per finished crawl and spider: the stats `scrapy health` reads.
crawls = Table(
    "crawls",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("site", String(128), nullable=False, index=True),
    Column("started_at", String(32)),
    Column("finished_at", String(32)),
    Column("finish_reason", String(64)),
    Column("pages_fetched", Integer),
    Column("articles_stored", Integer),
    Column("generic_fallbacks", Integer),
    Column("empty_bodies", Integer),
    Column("paywalled", Integer),
    Column("chrome_lines_dropped", Integer),
    Column("fallback_rate", Float),
    Column("stats", JSON),
)
