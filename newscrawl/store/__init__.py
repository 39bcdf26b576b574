"""The article store (SQLite by default, PostgreSQL by URL)."""

from newscrawl.store.articles import ArticleStore, RawPage

__all__ = ["ArticleStore", "RawPage"]


def store_for(crawler) -> ArticleStore:
    """The one store of a crawl, opened from NEWSCRAWL_DB and shared by its components."""
    store = getattr(crawler, "_newscrawl_store", None)
    if store is None:
        store = ArticleStore.open(crawler.settings.get("NEWSCRAWL_DB"))
        crawler._newscrawl_store = store
    return store
