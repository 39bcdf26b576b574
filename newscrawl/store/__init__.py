"""The article store (SQLite by default, PostgreSQL by URL)."""

from newscrawl.store.articles import ArticleStore, RawPage, SaveResult, StoredState
from newscrawl.store.owner import fingerprinter_from, open_store, store_for

__all__ = [
    "ArticleStore", "RawPage", "SaveResult", "StoredState", "fingerprinter_from", "open_store",
    "store_for",
]
