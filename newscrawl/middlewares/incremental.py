"""IncrementalMiddleware: a new crawl does not fetch stored articles again, except recent ones,
which it re-checks with conditional requests.

An article request whose canonical URL is in the store is skipped (``newscrawl/incremental/
skipped_stored``) unless the article is younger than NEWSCRAWL_REFRESH_WINDOW_HOURS (by
``published_at``, else when it was first stored). A young one is fetched with ``If-None-Match`` /
``If-Modified-Since`` from the stored page's ETag / Last-Modified; a ``304 Not Modified`` is
counted (``newscrawl/incremental/not_modified``) and dropped, not treated as an error. Requests
for entry points (``meta['entry_kind']``: sitemaps, feeds, section pages) are never skipped.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Any

from scrapy import Request
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Response

from newscrawl.crawl.urls import canonicalize_url
from newscrawl.store import StoredState, store_for

logger = logging.getLogger(__name__)

CONDITIONAL_META = "newscrawl_conditional"


def _parse_iso(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


class IncrementalMiddleware:
    """Skip stored articles; re-check young ones conditionally (see the module docstring)."""

    def __init__(self, crawler, refresh_window: timedelta) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.refresh_window = refresh_window
        self._logged_skip = False

    @classmethod
    def from_crawler(cls, crawler) -> IncrementalMiddleware:
        if not crawler.settings.getbool("NEWSCRAWL_INCREMENTAL"):
            raise NotConfigured("NEWSCRAWL_INCREMENTAL is off")
        hours = crawler.settings.getfloat("NEWSCRAWL_REFRESH_WINDOW_HOURS")
        return cls(crawler, timedelta(hours=hours))

    def is_article_request(self, request: Request) -> bool:
        """Override to change which requests may be skipped: here, everything that is not an
        entry point or a rendering of a page fetched in this crawl."""
        meta = request.meta
        # Render requests by their plugin's meta (Splash, scrapy-playwright); this layer may not
        # import newscrawl.rendering.decision.is_rendered.
        rendered = "splash" in meta or meta.get("playwright")
        return "entry_kind" not in meta and not rendered and not meta.get("dont_skip_stored")

    def is_fresh(self, state: StoredState, now: datetime) -> bool:
        """Whether a stored article is young enough to be checked again."""
        born = _parse_iso(state.published_at) or _parse_iso(state.first_seen_at)
        return born is not None and now - born < self.refresh_window

    def process_request(self, request: Request, spider=None) -> None:
        if not self.is_article_request(request):
            return None
        state = store_for(self.crawler).stored_state(canonicalize_url(request.url))
        if state is None:
            return None
        if not self.is_fresh(state, datetime.now(UTC)):
            self.stats.inc_value("newscrawl/incremental/skipped_stored")
            if not self._logged_skip:
                self._logged_skip = True
                logger.info("incremental: skipping articles already stored (older than %s), "
                            "e.g. %s", self.refresh_window, request.url)
            raise self._quiet(IgnoreRequest(f"already stored: {request.url}"), request)
        self.stats.inc_value("newscrawl/incremental/refresh")
        if state.etag and b"If-None-Match" not in request.headers:
            request.headers[b"If-None-Match"] = state.etag
            request.meta[CONDITIONAL_META] = True
        if state.last_modified and b"If-Modified-Since" not in request.headers:
            request.headers[b"If-Modified-Since"] = state.last_modified
            request.meta[CONDITIONAL_META] = True
        if request.meta.get(CONDITIONAL_META):
            self.stats.inc_value("newscrawl/incremental/conditional")
        return None

    def process_response(self, request: Request, response: Response,
                         spider=None) -> Response | Any:
        if response.status == 304 and request.meta.get(CONDITIONAL_META):
            self.stats.inc_value("newscrawl/incremental/not_modified")
            raise self._quiet(IgnoreRequest(f"not modified: {request.url}"), request)
        return response

    @staticmethod
    def _quiet(exc: IgnoreRequest, request: Request) -> IgnoreRequest:
        """A skipped or unchanged article is not a failed fetch: the spider's errback (which
        counts and logs failures) is not called for it; Scrapy drops IgnoreRequest silently."""
        request.errback = None
        return exc
