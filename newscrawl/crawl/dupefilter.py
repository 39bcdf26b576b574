"""CompactDupeFilter: Scrapy's RFPDupeFilter with its request fingerprints kept as 8-byte hashes
(``newscrawl.crawl.compactset``) instead of 40-character strings, so a 100,000-page crawl does not
carry ~12 MB of fingerprints. ``JOBDIR/requests.seen`` is read and written as before.

``CompactDupeFilterAddon`` (in ``ADDONS``) selects it only when no other dupefilter was chosen:
distributed mode's Redis dupefilter (or any explicit ``DUPEFILTER_CLASS``) wins.
"""

from __future__ import annotations

from typing import Any

from scrapy.dupefilters import RFPDupeFilter
from scrapy.settings import BaseSettings

from newscrawl.crawl.compactset import CompactStringSet

STOCK = "scrapy.dupefilters.RFPDupeFilter"
COMPACT = "newscrawl.crawl.dupefilter.CompactDupeFilter"


class CompactDupeFilter(RFPDupeFilter):
    """RFPDupeFilter whose set of seen fingerprints is a CompactStringSet (same ``in``/``add``).

    Scrapy 2.13 keeps hex strings in ``fingerprints``; later releases keep raw bytes in
    ``_fingerprints`` (``fingerprints`` became a deprecated read-only property).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        attribute = "_fingerprints" if "_fingerprints" in vars(self) else "fingerprints"
        setattr(self, attribute, CompactStringSet(vars(self)[attribute]))


class CompactDupeFilterAddon:
    """Use CompactDupeFilter when DUPEFILTER_CLASS is still Scrapy's stock one."""

    def update_settings(self, settings: BaseSettings) -> None:
        current = settings.get("DUPEFILTER_CLASS")
        if current in (STOCK, RFPDupeFilter):
            settings.set("DUPEFILTER_CLASS", COMPACT, "addon")
