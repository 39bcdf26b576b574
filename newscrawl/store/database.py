"""Opening the store: NEWSCRAWL_DB (a path or a URL) to a SQLAlchemy engine with safe defaults."""

from __future__ import annotations

import hashlib
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import event, inspect, text
from sqlalchemy.engine import Connection, Engine, create_engine
from sqlalchemy.exc import IntegrityError, OperationalError

from newscrawl.store.schema import metadata

# Every write transaction of every crawl process takes this PostgreSQL advisory lock, so the
# "is this a copy of a stored story?" check and the insert are atomic across processes.
PG_WRITE_LOCK = 0x6E657773  # "news"
WRITE_ATTEMPTS = 8


def database_url(value: str) -> str:
    """Turn the NEWSCRAWL_DB setting into a SQLAlchemy URL; a bare path means SQLite.

    ``postgresql://`` URLs use the psycopg 3 driver.
    """
    value = value.strip()
    if "://" not in value:
        path = Path(value).expanduser()
        return f"sqlite:///{path.resolve()}"
    if value.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + value.split("://", 1)[1]
    return value


# How long a connection keeps trying to switch a store to WAL while another holds its lock.
WAL_SWITCH_SECONDS = 60.0


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cursor = dbapi_conn.cursor()
    # WAL lets readers and one writer work at once; busy_timeout makes concurrent crawl
    # processes wait for the write lock instead of failing with "database is locked".
    cursor.execute("PRAGMA busy_timeout=60000")
    _switch_to_wal(cursor)
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
    # pysqlite's own transaction handling would defer BEGIN; _sqlite_begin emits it instead.
    dbapi_conn.isolation_level = None


def _switch_to_wal(cursor) -> None:
    """``PRAGMA journal_mode=WAL``, retried while another connection holds the lock: SQLite
    answers a journal-mode change "database is locked" at once, without its busy timeout, so
    two processes opening a new store at the same moment (replay workers, parallel jobs) could
    kill one of them."""
    deadline = time.monotonic() + WAL_SWITCH_SECONDS
    delay = 0.005
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() >= deadline:
                raise
        time.sleep(delay)
        delay = min(delay * 2, 0.25)


def _sqlite_begin(conn: Connection) -> None:
    # Writers take the write lock up front (BEGIN IMMEDIATE): a read-then-write transaction
    # cannot deadlock with another process's, and busy_timeout queues them.
    if conn.get_execution_options().get("newscrawl_write"):
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        conn.exec_driver_sql("BEGIN")


def open_engine(setting: str) -> Engine:
    """Create the engine for ``setting`` and make sure the tables exist."""
    url = database_url(setting)
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 60})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    with write_transaction(engine) as conn:
        metadata.create_all(conn)
        _add_missing_columns(conn)
    return engine


def _add_missing_columns(conn: Connection) -> None:
    """Columns added to the schema since a store was created (ALTER TABLE … ADD COLUMN)."""
    inspector = inspect(conn)
    for table in metadata.sorted_tables:
        present = {c["name"] for c in inspector.get_columns(table.name)}
        for column in table.columns:
            if column.name not in present:
                kind = column.type.compile(dialect=conn.dialect)
                conn.exec_driver_sql(
                    f'ALTER TABLE {table.name} ADD COLUMN "{column.name}" {kind}'
                )


def _is_retryable(exc: Exception) -> bool:
    if isinstance(exc, IntegrityError):
        return True  # another process inserted the same key first; the retry sees its row
    message = str(exc).lower()
    return any(word in message for word in ("locked", "busy", "deadlock", "serializ"))


def lock_key(value: str) -> int:
    """A signed 64-bit advisory-lock key for a string (a URL, a content hash)."""
    return int.from_bytes(hashlib.blake2b(value.encode("utf-8"), digest_size=8).digest(),
                          "little", signed=True)


@contextmanager
def write_transaction(engine: Engine, lock_keys: Iterable[int] | None = None,
                      ) -> Iterator[Connection]:
    """One short write transaction, serialised with the writers it could conflict with.

    SQLite: BEGIN IMMEDIATE (one writer at a time; busy_timeout queues the others).
    PostgreSQL: transaction-scoped advisory locks — without ``lock_keys`` one lock for the whole
    store; with them (an article's URL, content hash and LSH band keys) only on those keys, so
    writers of unrelated articles run in parallel while two copies of one story (which share a
    band key or the hash) still take turns. Keys are locked in sorted order: no deadlocks.
    Use through ``run_write`` when the body may be retried.
    """
    with engine.connect().execution_options(newscrawl_write=True) as conn, conn.begin():
        if conn.dialect.name == "postgresql":
            if lock_keys is None:
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_WRITE_LOCK})
            else:
                # Shared: schema changes (which take the store lock exclusively) wait for us.
                conn.execute(text("SELECT pg_advisory_xact_lock_shared(:key)"),
                             {"key": PG_WRITE_LOCK})
                conn.execute(text(
                    "SELECT pg_advisory_xact_lock(k) FROM "
                    "(SELECT DISTINCT unnest(CAST(:keys AS bigint[])) AS k ORDER BY k) AS keys"
                ), {"keys": list(lock_keys)})
        yield conn


def run_write(engine: Engine, work, lock_keys: Iterable[int] | None = None):
    """``work(conn)`` in a write transaction, retried on lock timeouts and write conflicts."""
    keys = list(lock_keys) if lock_keys is not None else None
    for attempt in range(WRITE_ATTEMPTS):
        try:
            with write_transaction(engine, keys) as conn:
                return work(conn)
        except (OperationalError, IntegrityError) as exc:
            if attempt == WRITE_ATTEMPTS - 1 or not _is_retryable(exc):
                raise
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")
