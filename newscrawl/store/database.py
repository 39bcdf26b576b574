"""Opening the store: NEWSCRAWL_DB (a path or a URL) to a SQLAlchemy engine with safe defaults."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine, create_engine

from newscrawl.store.schema import metadata


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


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cursor = dbapi_conn.cursor()
    # WAL lets readers and one writer work at once; busy_timeout makes concurrent crawl
    # processes wait for the write lock instead of failing with "database is locked".
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=60000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def open_engine(setting: str) -> Engine:
    """Create the engine for ``setting`` and make sure the tables exist."""
    url = database_url(setting)
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 60})
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    metadata.create_all(engine)
    return engine


def setting_from_env(default: str) -> str:
    """NEWSCRAWL_DB from the environment, else ``default``."""
    return os.environ.get("NEWSCRAWL_DB") or default
