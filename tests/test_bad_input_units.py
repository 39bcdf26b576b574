"""Unit tests of the reliability pieces: Retry-After parsing, the named bad-input reasons of a
response or download error, the quarantine table (keep, count, reprocess) and the JOBDIR
bookkeeping of the resume extension."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
import scrapy
import scrapy.exceptions
from twisted.internet import defer
from twisted.internet import error as net
from twisted.web._newclient import ParseError, ResponseFailed, ResponseNeverReceived

from newscrawl.extensions.quarantine import Quarantine, reprocess
from newscrawl.extensions.resume import JOB_FILE, RUNNING_MARKER, JobDir
from newscrawl.middlewares.badinput import exception_reason, response_reasons
from newscrawl.middlewares.retry import retry_after_seconds
from newscrawl.middlewares.ssrf import SsrfRefused
from newscrawl.store import ArticleStore, codec
from newscrawl.testing.hostile import load_cases
from tests.conftest import ROOT

NOW = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(("value", "seconds"), [
    (b"120", 120.0), ("0", 0.0), (b"  7 ", 7.0),
    (b"Wed, 01 May 2024 12:00:30 GMT", 30.0),
    (b"Wed, 01 May 2024 11:00:00 GMT", 0.0),  # in the past: retry now
    (b"soon", None), (b"-5", None), (None, None), (b"", None),
])
def test_retry_after_values(value, seconds) -> None:
    assert retry_after_seconds(value, now=NOW) == seconds


CASES = {c["name"]: c for c in load_cases()["articles"] + load_cases()["entries"]}


def case_body(name: str) -> tuple[bytes, bytes | None]:
    case = CASES[name]
    body = (ROOT / "fixtures" / "bad" / case["file"]).read_bytes()
    return body.replace(b"{BASE_URL}", b"http://127.0.0.1:1"), (
        case["content_type"] or "").encode() or None


@pytest.mark.parametrize("name", [n for n, c in CASES.items() if c.get("file")
                                  and c["behaviour"] == "static"])
def test_static_cases_name_their_reasons(name: str) -> None:
    body, ctype = case_body(name)
    found = {reason for reason, _detail in response_reasons(body, ctype)}
    # Reasons the spider counts itself (empty_body, not_html, unknown_entry) are not repeated.
    own = {r for r in CASES[name]["reasons"] if r not in {"empty_body", "not_html",
                                                          "unknown_entry"} and "/" not in r}
    assert own <= found


def test_a_clean_page_has_no_reasons() -> None:
    page = (ROOT / "fixtures" / "newsroom" / "augsburg").glob("*-id*.html")
    body = next(iter(page)).read_bytes()
    assert response_reasons(body, b"text/html; charset=utf-8") == []


@pytest.mark.parametrize(("exception", "reason"), [
    (net.TimeoutError(), "timeout"),
    (defer.TimeoutError(), "timeout"),
    (defer.CancelledError(), "too_large"),
    (ResponseNeverReceived([ParseError("bad status", b"x")]), "bad_http"),
    (ResponseFailed([net.ConnectionLost()]), "connection_lost"),
    (net.ConnectionRefusedError(), "connection_refused"),
    (net.DNSLookupError(), "dns_error"),
    (SsrfRefused("metadata"), None),
    (ValueError("not about input"), None),
])
def test_download_errors_are_named(exception, reason) -> None:
    assert exception_reason(exception) == reason


def _scrapy_download_errors() -> list[tuple[BaseException, str]]:
    """Scrapy 2.14+'s own download errors as its HTTP handler raises them (the Twisted error,
    if any, as ``__cause__``); Scrapy 2.13 has none of these classes and raises Twisted's."""
    cases: list[tuple[BaseException, str]] = []
    if not hasattr(scrapy.exceptions, "DownloadFailedError"):
        return cases
    for cls, cause, reason in [
        ("DownloadFailedError", ResponseFailed([net.ConnectionLost()]), "connection_lost"),
        ("DownloadFailedError", ResponseNeverReceived([ParseError("bad", b"x")]), "bad_http"),
        ("DownloadConnectionRefusedError", net.ConnectionRefusedError(), "connection_refused"),
        ("CannotResolveHostError", net.DNSLookupError(), "dns_error"),
        ("DownloadTimeoutError", None, "timeout"),
        ("DownloadCancelledError", None, "too_large"),
        ("ResponseDataLossError", None, "connection_lost"),
    ]:
        exception = getattr(scrapy.exceptions, cls)("x")
        exception.__cause__ = cause
        cases.append((exception, reason))
    return cases


def test_newer_scrapy_download_errors_are_named_the_same() -> None:
    cases = _scrapy_download_errors()
    # On 2.13 (the pinned stack) the download errors are Twisted's, named above.
    assert cases or scrapy.__version__.startswith("2.13.")
    assert [exception_reason(exception) for exception, _ in cases] == [r for _, r in cases]


def test_quarantine_keeps_counts_and_reprocesses(tmp_path) -> None:
    store = ArticleStore.open(str(tmp_path / "store.sqlite3"))
    box = Quarantine(store.engine, max_bytes=64)
    url = "http://127.0.0.1:1/kaputt-id1.html"
    body = "<html><p>Göggingen</p>".encode("latin-1") + b"x" * 100
    box.add(url, "spider_error/ValueError", body, site="t", detail="boom",
            headers={"content-type": "text/html; charset=iso-8859-1"})
    box.add(url, "spider_error/ValueError", body, site="t")  # same page again
    box.add("http://127.0.0.1:1/leer-id2.html", "empty_body", b"")
    assert box.counts() == {"spider_error/ValueError": 1, "empty_body": 1}
    page = next(box.pending("spider_error/"))
    assert page.times == 2 and len(page.body) == 64 and "Göggingen" in page.text()
    with store.engine.connect() as conn:
        from sqlalchemy import text

        row = conn.execute(text("SELECT body_size, truncated, body_zlib FROM quarantine "
                                "WHERE reason = 'spider_error/ValueError'")).one()
    assert row.body_size == len(body) and row.truncated == 1
    assert codec.decompress(row.body_zlib) == body[:64]

    calls = []

    def fixed(html: str, page_url: str):
        calls.append(page_url)
        return {"canonical_url": page_url} if "Göggingen" in html else None

    assert reprocess(box, fixed) == {"resolved": 1, "still_failing": 0, "not_article": 1}
    assert box.counts() == {"empty_body": 1}

    def broken(html: str, page_url: str):
        raise RuntimeError("still broken")

    assert reprocess(box, broken)["still_failing"] == 1
    store.close()


def test_jobdir_marks_runs_and_discards_state_of_a_killed_one(tmp_path) -> None:
    job = JobDir(tmp_path / "job")
    started = job.started_at()
    assert json.loads((tmp_path / "job" / JOB_FILE).read_text())["started_at"] == started
    assert job.started_at() == started  # written once
    assert job.begin_run() is False
    (tmp_path / "job" / "requests.seen").write_text("abc\n")
    (tmp_path / "job" / "requests.queue").mkdir()
    (tmp_path / "job" / "requests.queue" / "active.json").write_text("[]")
    # Killed: the marker is still there when the next run begins.
    assert job.begin_run() is True
    assert not (tmp_path / "job" / "requests.seen").exists()
    assert not (tmp_path / "job" / "requests.queue").exists()
    job.end_run()
    assert not (tmp_path / "job" / RUNNING_MARKER).exists()
    (tmp_path / "job" / "requests.seen").write_text("abc\n")
    assert job.begin_run() is False  # a clean stop keeps Scrapy's own resume state
    assert (tmp_path / "job" / "requests.seen").exists()
