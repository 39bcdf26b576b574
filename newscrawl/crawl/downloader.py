"""SlotBoundDownloader: Scrapy's downloader, with a site's concurrency limit kept on every release.

From Scrapy 2.14 (checked on 2.19.0) the downloader starts each transfer as a task and only the
task marks the request as transferring, so the loop that fills a site's slot sees all of it free
and sends the whole queue at once when ``DOWNLOAD_DELAY`` is 0: 7 requests at a time to one site
with ``CONCURRENT_REQUESTS_PER_DOMAIN = 2`` (tests/test_spiders_politeness.py). Scrapy 2.13
marks the request before it returns to the loop; this does the same. ``DOWNLOADER`` in
settings.py names it.
"""

from __future__ import annotations

from typing import Any

from scrapy.core.downloader import Downloader


class SlotBoundDownloader(Downloader):
    """Counts a request against its slot's concurrency when its transfer is scheduled."""

    def _wait_for_download(self, slot: Any, request: Any, queue_dfd: Any) -> Any:
        # Called by the queue loop of Scrapy 2.14+ only (2.13 has no such method); the
        # transfer's own add is then a no-op and its removal stays as it is.
        slot.transferring.add(request)
        return super()._wait_for_download(slot, request, queue_dfd)
