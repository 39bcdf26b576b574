"""Retries that honour ``Retry-After`` (429 and 503), bounded by NEWSCRAWL_RETRY_AFTER_MAX."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from scrapy import Request, Spider
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Response
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.task import deferLater

from newscrawl.crawl.scrapy_compat import spider_args

logger = logging.getLogger(__name__)

RETRY_AFTER_STATUSES = frozenset({429, 503})


def retry_after_seconds(value: bytes | str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After value (delta-seconds or HTTP-date); None if unusable."""
    if value is None:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class RetryAfterMiddleware(RetryMiddleware):
    """Scrapy's RetryMiddleware; on 429/503 with Retry-After it first waits that long.

    Waits longer than NEWSCRAWL_RETRY_AFTER_MAX seconds are not shortened but refused: the
    response stands and the request fails (being polite beats hammering a site that asked for
    an hour's pause). Counted under ``newscrawl/retry_after/{waited,seconds,too_long}``.
    """

    @classmethod
    def from_crawler(cls, crawler: Any) -> RetryAfterMiddleware:
        middleware = super().from_crawler(crawler)
        middleware.crawler = crawler
        middleware.max_wait = crawler.settings.getfloat("NEWSCRAWL_RETRY_AFTER_MAX")
        return middleware

    async def process_response(self, request: Request, response: Response,
                               spider: Spider | None = None) -> Request | Response:
        header = response.headers.get(b"Retry-After")
        if (response.status in RETRY_AFTER_STATUSES and header is not None
                and not request.meta.get("dont_retry") and self._will_retry(request)):
            delay = retry_after_seconds(header)
            stats = self.crawler.stats
            if delay is not None and delay > self.max_wait:
                stats.inc_value("newscrawl/retry_after/too_long")
                logger.warning("%s asks to wait %.0f s (Retry-After), more than "
                               "NEWSCRAWL_RETRY_AFTER_MAX=%.0f: not retrying", request.url,
                               delay, self.max_wait)
                return response
            if delay:
                stats.inc_value("newscrawl/retry_after/waited")
                stats.inc_value("newscrawl/retry_after/seconds", round(delay, 1))
                logger.info("%s: %d, waiting %.1f s (Retry-After) before retrying",
                            request.url, response.status, delay)
                from twisted.internet import reactor  # the installed one, imported late

                await maybe_deferred_to_future(deferLater(reactor, delay, lambda: None))
        return super().process_response(request, response, *spider_args(spider))

    def _will_retry(self, request: Request) -> bool:
        limit = request.meta.get("max_retry_times", self.max_retry_times)
        return request.meta.get("retry_times", 0) < limit
