"""Back off from a whole site that answers 429 or 503, not only from the one request.

``RetryAfterMiddleware`` (newscrawl.middlewares.retry) waits before retrying the request that got
the 429/503; the other requests to that site would still go out at full speed. This middleware
raises the download delay of the site's slot instead: to the Retry-After the site asked for, or
double the current delay (at least 1 s) when it gave none, never above
NEWSCRAWL_BACKOFF_MAX_DELAY. Each successful response halves the extra delay again, down to the
delay the slot had before. With AutoThrottle on, its own adjustments continue from there.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy import Request, Spider
from scrapy.http import Response

from newscrawl.middlewares.retry import RETRY_AFTER_STATUSES, retry_after_seconds

logger = logging.getLogger(__name__)
MIN_BACKOFF = 1.0


class BackoffMiddleware:
    """Per-site slow-down on 429/503; counted under ``newscrawl/politeness/backoff``."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.max_delay = crawler.settings.getfloat("NEWSCRAWL_BACKOFF_MAX_DELAY")
        self.base_delay: dict[str, float] = {}  # slot -> its delay before the first backoff

    @classmethod
    def from_crawler(cls, crawler: Any) -> BackoffMiddleware:
        return cls(crawler)

    def _slot(self, request: Request) -> tuple[str | None, Any]:
        key = request.meta.get("download_slot")
        engine = getattr(self.crawler, "engine", None)
        if key is None or engine is None:
            return None, None
        return key, engine.downloader.slots.get(key)

    def backoff_delay(self, current: float, retry_after: float | None) -> float:
        """Override to change the policy: the slot delay after a 429/503."""
        wanted = retry_after if retry_after else max(MIN_BACKOFF, 2 * current)
        return min(max(current, wanted), self.max_delay)

    def process_response(self, request: Request, response: Response,
                         spider: Spider | None = None) -> Response:
        key, slot = self._slot(request)
        if slot is None:
            return response
        if response.status in RETRY_AFTER_STATUSES:
            self.base_delay.setdefault(key, slot.delay)
            wait = retry_after_seconds(response.headers.get(b"Retry-After"))
            new = self.backoff_delay(slot.delay, wait)
            if new > slot.delay:
                logger.info("%s answered %d: %.1f s between its requests from now on", key,
                            response.status, new)
                slot.delay = new
            self.crawler.stats.inc_value("newscrawl/politeness/backoff")
        elif response.status < 400 and key in self.base_delay:
            base = self.base_delay[key]
            slot.delay = max(base, base + (slot.delay - base) / 2)
            if slot.delay - base < 0.05:
                slot.delay = base
                del self.base_delay[key]
        return response
