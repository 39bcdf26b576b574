"""Politeness of a paper crawl: honest User-Agent, at most 2 requests at a time per site,
robots.txt obeyed, AutoThrottle on, 429/503 retried after the Retry-After the site asked for,
and the whole site slowed down after a 429/503 (BackoffMiddleware)."""

from __future__ import annotations

import threading
import time
from http import HTTPStatus
from pathlib import Path
from types import SimpleNamespace

from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.utils.project import get_project_settings
from scrapy.utils.test import get_crawler

from newscrawl.middlewares.politeness import BackoffMiddleware
from newscrawl.store import ArticleStore
from newscrawl.testing.serve import NewsroomHandler, NewsroomServer, ServerHandle
from tests.conftest import run_crawl
from tests.test_families_e2e import EXPECTED, FAMILIES_DIR

THROTTLED = EXPECTED["funke"]["articles"][0]["path"]  # answers 429 once, then the page
UNAVAILABLE = EXPECTED["funke"]["articles"][1]["path"]  # answers 503 once, then the page


class Recorder:
    """What the server saw: request times per path, User-Agents, most requests in flight."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.times: dict[str, list[float]] = {}
        self.agents: set[str] = set()
        self.in_flight = 0
        self.max_in_flight = 0
        self.refused_at: float | None = None  # when the first 429/503 was sent


class PoliteCheckHandler(NewsroomHandler):
    """The fixture handler, recording each request and throttling two article paths once."""

    recorder: Recorder
    retry_after: str | None = "2"

    def do_GET(self) -> None:
        rec = self.recorder
        path = self.path.split("?")[0]
        with rec.lock:
            rec.times.setdefault(path, []).append(time.monotonic())
            rec.agents.add(self.headers.get("User-Agent", ""))
            rec.in_flight += 1
            rec.max_in_flight = max(rec.max_in_flight, rec.in_flight)
            first = len(rec.times[path]) == 1
        try:
            time.sleep(0.05)  # long enough for concurrent requests to overlap
            if first and path in (THROTTLED, UNAVAILABLE):
                status = (HTTPStatus.TOO_MANY_REQUESTS if path == THROTTLED
                          else HTTPStatus.SERVICE_UNAVAILABLE)
                headers = {"Content-Type": "text/plain"}
                if self.retry_after:
                    headers["Retry-After"] = self.retry_after
                self._send(status, headers, b"slow down", send_body=True)
                with rec.lock:
                    rec.refused_at = rec.refused_at or time.monotonic()
                return
            super().do_GET()
        finally:
            with rec.lock:
                rec.in_flight -= 1


def test_settings_are_polite() -> None:
    settings = get_project_settings()
    assert settings.getbool("ROBOTSTXT_OBEY")
    assert settings.getbool("AUTOTHROTTLE_ENABLED")
    assert settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN") == 2
    assert settings["USER_AGENT"].startswith("newscrawl/")
    assert settings["NEWSCRAWL_CONTACT"] in settings["USER_AGENT"]
    assert {429, 503} <= set(settings.getlist("RETRY_HTTP_CODES"))
    middlewares = settings.getdict("DOWNLOADER_MIDDLEWARES")
    assert middlewares.get("newscrawl.middlewares.retry.RetryAfterMiddleware")
    assert 0 < settings.getfloat("NEWSCRAWL_RETRY_AFTER_MAX") <= 600


def _crawl(tmp_path: Path, retry_after: str | None) -> tuple[Recorder, set[str], str]:
    """Crawl the Funke fixture with waz through the recording handler."""
    recorder = Recorder()
    handler = type("Handler", (PoliteCheckHandler,), {"recorder": recorder,
                                                      "retry_after": retry_after})
    server = NewsroomServer("127.0.0.1", 0, FAMILIES_DIR / "funke")
    server.RequestHandlerClass = handler
    db = tmp_path / "store.sqlite3"
    with ServerHandle(server) as running:
        result = run_crawl("waz", f"base_url={running.base_url}", db=db, settings={
            "USER_AGENT": "newscrawl/test (+mailto:crawler@example.org)",
            "CONCURRENT_REQUESTS": "16"})
    assert result.returncode == 0, result.stderr[-3000:]
    store = ArticleStore.open(str(db))
    stored = {r["canonical_url"].removeprefix(running.base_url) for r in store.iter_articles()}
    store.close()
    return recorder, stored, result.stderr


def test_crawl_waits_for_retry_after_and_stays_polite(tmp_path: Path) -> None:
    recorder, stored, log = _crawl(tmp_path, retry_after="2")
    # Both throttled articles were fetched again after the 2 s the site asked for, and stored.
    assert {THROTTLED, UNAVAILABLE} <= stored
    for path in (THROTTLED, UNAVAILABLE):
        first, second = recorder.times[path][:2]
        assert second - first >= 1.9, path
    assert "'newscrawl/retry_after/waited': 2" in log
    assert "'newscrawl/politeness/backoff': 2" in log
    # robots.txt was read first; the disallowed preview article never requested.
    assert EXPECTED["funke"]["disallowed"] not in recorder.times
    assert min(recorder.times["/robots.txt"]) <= min(min(t) for t in recorder.times.values())
    assert recorder.agents == {"newscrawl/test (+mailto:crawler@example.org)"}
    assert recorder.max_in_flight <= 2


def test_without_retry_after_the_whole_site_is_slowed_down(tmp_path: Path) -> None:
    recorder, stored, log = _crawl(tmp_path, retry_after=None)
    assert {THROTTLED, UNAVAILABLE} <= stored
    assert recorder.refused_at is not None
    later = sorted(t for times in recorder.times.values() for t in times
                   if t > recorder.refused_at)
    # The slot delay went to 1 s (randomised by Scrapy to 0.5-1.5 s) for every path of the site.
    # Up to two requests (one per concurrent slot place) may have left before the 429 was seen.
    assert len(later) >= 3
    assert later[2] - later[1] >= 0.45
    assert "'newscrawl/politeness/backoff': 2" in log


def _middleware(max_delay: float = 60.0) -> tuple[BackoffMiddleware, SimpleNamespace]:
    crawler = get_crawler(settings_dict={"NEWSCRAWL_BACKOFF_MAX_DELAY": max_delay})
    slot = SimpleNamespace(delay=0.25)
    crawler.engine = SimpleNamespace(downloader=SimpleNamespace(slots={"a.example": slot}))
    return BackoffMiddleware.from_crawler(crawler), slot


def _response(status: int, headers: dict[str, str] | None = None) -> tuple[Request, HtmlResponse]:
    request = Request("https://a.example/x", meta={"download_slot": "a.example"})
    return request, HtmlResponse(request.url, status=status, headers=headers or {}, body=b"",
                                 request=request)


def test_backoff_policy() -> None:
    middleware, _slot = _middleware(max_delay=30)
    assert middleware.backoff_delay(0.0, None) == 1.0
    assert middleware.backoff_delay(3.0, None) == 6.0
    assert middleware.backoff_delay(0.25, 5.0) == 5.0
    assert middleware.backoff_delay(10.0, 2.0) == 10.0  # never faster than before
    assert middleware.backoff_delay(0.0, 3600.0) == 30.0  # bounded


def test_backoff_raises_the_slot_delay_and_recovers() -> None:
    middleware, slot = _middleware()
    middleware.process_response(*_response(429, {"Retry-After": "4"}))
    assert slot.delay == 4.0
    middleware.process_response(*_response(503))
    assert slot.delay == 8.0
    for _ in range(12):
        middleware.process_response(*_response(200))
    assert slot.delay == 0.25
    assert middleware.crawler.stats.get_value("newscrawl/politeness/backoff") == 2
