"""One crawl over the hostile newsroom (fixtures/bad/ cases plus the good newsroom): it finishes,
every case is counted under its named reason and logged with its URL, every good page and every
repairable broken page is stored (with clean text), rejected pages are quarantined, and nothing
from /etc/passwd or an external DTD gets in."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest

from newscrawl.store import codec
from newscrawl.testing.hostile import load_cases, serve_hostile_in_thread
from tests.conftest import ROOT, run_crawl

CASES = load_cases()
PAGES = CASES["articles"]
ENTRIES = CASES["entries"]
EXPECTED = json.loads((ROOT / "fixtures" / "newsroom" / "expected.json").read_text())
SECTIONS = ["augsburg", "bayern", "politik", "wirtschaft", "sport", "panorama"]
STAT = re.compile(r"^ '([^']+)': ([\d.]+),?$", re.MULTILINE)


def stats_of(log: str) -> dict[str, float]:
    """The numeric stats of the crawl's final stats dump."""
    return {key: float(value) for key, value in STAT.findall(log.split("Dumping Scrapy stats")[-1])}


def stat_key(reason: str) -> str:
    return reason if "/" in reason else f"newscrawl/bad_input/{reason}"


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> dict:
    db = tmp_path_factory.mktemp("hostile") / "store.sqlite3"
    with serve_hostile_in_thread() as server:
        base = server.base_url
        starts = [f"{base}/bad/sitemap.xml", f"{base}/bad/sitemap-index.xml",
                  f"{base}/sitemap-news.xml", f"{base}/rss"]
        starts += [f"{base}/{section}/" for section in SECTIONS]
        result = run_crawl(
            "augsburger_allgemeine", f"base_url={base}", "start_urls=" + ",".join(starts),
            # The per-site back-off after the 3600 s Retry-After is capped at 5 s here (60 s by
            # default; tests/test_spiders_politeness.py tests the back-off itself): the crawl
            # then takes ~1 minute instead of ~3, with room on a loaded machine.
            db=db, settings={"DOWNLOAD_TIMEOUT": "3", "RETRY_TIMES": "2",
                             "NEWSCRAWL_RETRY_AFTER_MAX": "5",
                             "NEWSCRAWL_BACKOFF_MAX_DELAY": "5"}, timeout=420)
        hits = dict(server.server.requests)
    with sqlite3.connect(db) as conn:
        rows = {url: (title, body) for url, title, body in
                conn.execute("SELECT canonical_url, title, body FROM articles")}
        quarantined = conn.execute("SELECT url, reason FROM quarantine").fetchall()
        dump = "\n".join(str(row) for row in conn.execute("SELECT * FROM articles"))
        dump += "\n".join(codec.decompress(blob).decode("utf-8", "replace") for (blob,) in
                          conn.execute("SELECT html_zlib FROM pages"))
        dump += "\n".join(codec.decompress(blob).decode("utf-8", "replace") for (blob,) in
                          conn.execute("SELECT body_zlib FROM quarantine"))
    return {"result": result, "log": result.stderr, "stats": stats_of(result.stderr),
            "base": base, "rows": rows, "quarantined": quarantined, "hits": hits, "dump": dump}


def test_crawl_finishes(crawled: dict) -> None:
    assert crawled["result"].returncode == 0, crawled["log"][-3000:]
    assert "'finish_reason': 'finished'" in crawled["log"]
    assert "Traceback" not in crawled["log"]


def test_corpus_is_large_enough() -> None:
    assert len(PAGES) + len(ENTRIES) >= 25


@pytest.mark.parametrize("case", PAGES + ENTRIES, ids=[c["name"] for c in PAGES + ENTRIES])
def test_each_case_counted_under_its_reason(crawled: dict, case: dict) -> None:
    for reason in case["reasons"]:
        assert crawled["stats"].get(stat_key(reason), 0) >= 1, (reason, case["path"])
        if "/" not in reason:
            # Logged with its URL.
            assert crawled["base"] + case["path"] in crawled["log"], reason
    if case.get("entries"):
        assert crawled["stats"]["newscrawl/discovery/skipped_not_article_url"] >= case["entries"]


@pytest.mark.parametrize("case", PAGES, ids=[c["name"] for c in PAGES])
def test_repairable_pages_stored_with_clean_text_others_not(crawled: dict, case: dict) -> None:
    url = crawled["base"] + case["path"]
    if not case["stored"]:
        assert url not in crawled["rows"]
        return
    title, body = crawled["rows"][url]
    assert title == case["title"]
    assert body and "Ã" not in body and "\ufffd" not in body and "\x00" not in body


def test_every_good_page_stored(crawled: dict) -> None:
    for article in EXPECTED["articles"]:
        assert crawled["base"] + article["canonical_path"] in crawled["rows"], article["path"]


def test_rejected_pages_quarantined_with_reason(crawled: dict) -> None:
    kept = {(url.removeprefix(crawled["base"]), reason) for url, reason in crawled["quarantined"]}
    for case in PAGES:
        if case.get("quarantined"):
            assert (case["path"], case["reasons"][0]) in kept
    assert crawled["stats"]["newscrawl/quarantine/not_html"] == 2


def test_no_entity_expansion_no_external_entities(crawled: dict) -> None:
    passwd = Path("/etc/passwd").read_text().splitlines()[0]
    for text in (crawled["log"], crawled["dump"]):
        assert passwd not in text
        assert "lollollol" not in text
    for case in ENTRIES:
        for path in case.get("never_requested", []):
            assert crawled["hits"].get(path, 0) == 0, path


def test_retry_after_honoured_and_bounded(crawled: dict) -> None:
    stats = crawled["stats"]
    assert stats["newscrawl/retry_after/waited"] == 2  # 429 "1" and 503 with an HTTP-date
    assert stats["newscrawl/retry_after/too_long"] == 1  # 3600 s asked: not retried
    forever = next(c for c in PAGES if c["name"] == "rate-limited-forever")
    assert crawled["hits"][forever["path"]] == 1


def test_redirect_loop_stops_at_first_repeat(crawled: dict) -> None:
    assert crawled["hits"]["/bad/loop-a-id9190001.html"] == 1
    assert crawled["hits"]["/bad/loop-b-id9190002.html"] == 1


def test_refused_responses_are_failed_fetches(crawled: dict) -> None:
    for name in ("RedirectLoop", "TooManyRedirects", "DecompressionBomb", "BadContentEncoding"):
        assert crawled["stats"][f"newscrawl/fetch/failed/{name}"] == 1, name
