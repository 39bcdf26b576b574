"""Politeness of a paper crawl: honest User-Agent, at most 2 requests at a time per site,
robots.txt obeyed, AutoThrottle on, 429/503 retried after the Retry-After the site asked for."""

from __future__ import annotations

import threading
import time
from http import HTTPStatus
from pathlib import Path

from scrapy.utils.project import get_project_settings

from newscrawl.fixtures.serve import NewsroomHandler, NewsroomServer, ServerHandle
from newscrawl.store import ArticleStore
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


class PoliteCheckHandler(NewsroomHandler):
    """The fixture handler, recording each request and throttling two article paths once."""

    recorder: Recorder

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
                self._send(status, {"Retry-After": "2", "Content-Type": "text/plain"},
                           b"slow down", send_body=True)
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


def test_crawl_waits_for_retry_after_and_stays_polite(tmp_path: Path) -> None:
    recorder = Recorder()
    handler = type("Handler", (PoliteCheckHandler,), {"recorder": recorder})
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
    # Both throttled articles were fetched again after the 2 s the site asked for, and stored.
    assert {THROTTLED, UNAVAILABLE} <= stored
    for path in (THROTTLED, UNAVAILABLE):
        first, second = recorder.times[path][:2]
        assert second - first >= 1.9, path
    assert "'newscrawl/retry_after/waited': 2" in result.stderr
    # robots.txt was read first; the disallowed preview article never requested.
    assert EXPECTED["funke"]["disallowed"] not in recorder.times
    assert min(recorder.times["/robots.txt"]) <= min(min(t) for t in recorder.times.values())
    assert recorder.agents == {"newscrawl/test (+mailto:crawler@example.org)"}
    assert recorder.max_in_flight <= 2
