"""The article store (SQLite by default, PostgreSQL by URL)."""

from newscrawl.store.articles import ArticleStore, RawPage, SaveResult, StoredState
from newscrawl.store.minhash import Fingerprinter

__all__ = [
    "ArticleStore", "RawPage", "SaveResult", "StoredState", "fingerprinter_from", "store_for",
]


def fingerprinter_from(settings) -> Fingerprinter:
    """The near-duplicate settings (NEWSCRAWL_NEARDUP_*) as a Fingerprinter."""
    return Fingerprinter(
        threshold=settings.getfloat("NEWSCRAWL_NEARDUP_THRESHOLD", 0.7),
        num_perm=settings.getint("NEWSCRAWL_NEARDUP_NUM_PERM", 128),
        shingle_size=settings.getint("NEWSCRAWL_NEARDUP_SHINGLE_WORDS", 5),
        min_words=settings.getint("NEWSCRAWL_NEARDUP_MIN_WORDS", 40),
    )


def store_for(crawler) -> ArticleStore:
    """The one store of a crawl, opened from NEWSCRAWL_DB and shared by its components."""
    store = getattr(crawler, "_newscrawl_store", None)
    if store is None:
        store = ArticleStore.open(crawler.settings.get("NEWSCRAWL_DB"),
                                  fingerprinter_from(crawler.settings))
        crawler._newscrawl_store = store
    return store
