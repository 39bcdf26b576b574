"""The one store of a crawl: opened on first use, closed when the crawl's engine stops.

The storage pipeline, the incremental middleware and the health, resume and quarantine
extensions all write to the same database connection pool. None of them owns it alone (the
pipeline closes its spider before the health extension records the crawl), so the store belongs
to the crawler and is closed after every component is done with it (``engine_stopped``).
"""

from __future__ import annotations

from typing import Any
from weakref import WeakKeyDictionary

from scrapy import signals

from newscrawl.store.articles import ArticleStore
from newscrawl.store.minhash import Fingerprinter

_STORES: WeakKeyDictionary[Any, ArticleStore] = WeakKeyDictionary()


def fingerprinter_from(settings) -> Fingerprinter:
    """The near-duplicate settings (NEWSCRAWL_NEARDUP_*) as a Fingerprinter."""
    return Fingerprinter(
        threshold=settings.getfloat("NEWSCRAWL_NEARDUP_THRESHOLD"),
        num_perm=settings.getint("NEWSCRAWL_NEARDUP_NUM_PERM"),
        shingle_size=settings.getint("NEWSCRAWL_NEARDUP_SHINGLE_WORDS"),
        min_words=settings.getint("NEWSCRAWL_NEARDUP_MIN_WORDS"),
    )


def open_store(settings, db: str | None = None) -> ArticleStore:
    """A store opened from NEWSCRAWL_DB (or ``db``) with the settings' near-duplicate rules; the
    caller closes it (commands that work on the store without a crawl)."""
    return ArticleStore.open(db or settings.get("NEWSCRAWL_DB"), fingerprinter_from(settings))


def store_for(crawler) -> ArticleStore:
    """The store of ``crawler``, opened from its settings on first use and closed when its engine
    stops."""
    store = _STORES.get(crawler)
    if store is None:
        store = _STORES[crawler] = open_store(crawler.settings)
        # The store is held here, so the weakly held bound method stays alive until then.
        crawler.signals.connect(store.close, signal=signals.engine_stopped)
    return store
