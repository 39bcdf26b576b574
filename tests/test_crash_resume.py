"""Crash and resume: a crawl of the offline newsroom killed with SIGKILL at six moments (during
start-up and after 3, 10, 17, 24 and 30 stored articles) and restarted with the same JOBDIR
ends with every article stored exactly once, none lost, and stored articles not fetched again.
A writer killed in the middle of a transaction leaves a consistent SQLite database."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newscrawl.testing.hostile import serve_hostile_in_thread
from tests.conftest import ROOT, SCRAPY

EXPECTED = json.loads((ROOT / "fixtures" / "newsroom" / "expected.json").read_text())
ARTICLE_PATHS = sorted(a["canonical_path"] for a in EXPECTED["articles"])
KILL_AFTER_STORED = (3, 10, 17, 24, 30)
SLOW = {  # slow enough to kill between articles, one request at a time
    "AUTOTHROTTLE_ENABLED": "False", "DOWNLOAD_DELAY": "0.1", "RANDOMIZE_DOWNLOAD_DELAY": "False",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "1", "LOG_LEVEL": "INFO",
    "NEWSCRAWL_ALLOWED_PRIVATE_NETWORKS": "127.0.0.0/8",
}


def stored(db: Path) -> int:
    """Articles in the store right now (0 before the table exists)."""
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def start_crawl(base: str, db: Path, jobdir: Path, log: Path) -> subprocess.Popen:
    cmd = [SCRAPY, "crawl", "augsburger_allgemeine", "-a", f"base_url={base}",
           "-s", f"NEWSCRAWL_DB={db}", "-s", f"JOBDIR={jobdir}"]
    for key, value in SLOW.items():
        cmd += ["-s", f"{key}={value}"]
    return subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=log.open("w"), start_new_session=True)


def kill_when(proc: subprocess.Popen, condition, timeout: float = 60) -> bool:
    """SIGKILL ``proc`` as soon as ``condition()`` holds; False if it exited first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        if condition():
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            return True
        time.sleep(0.01)
    proc.kill()
    raise AssertionError("crawl neither reached the kill point nor finished")


@pytest.fixture(scope="module")
def resumed(tmp_path_factory: pytest.TempPathFactory) -> dict:
    work = tmp_path_factory.mktemp("resume")
    db, jobdir = work / "store.sqlite3", work / "job"
    kills: list[int] = []
    with serve_hostile_in_thread() as server:
        base = server.base_url
        begun = time.monotonic()
        proc = start_crawl(base, db, jobdir, work / "run0.log")
        if kill_when(proc, lambda: time.monotonic() - begun > 0.8):
            kills.append(stored(db))
        for n, threshold in enumerate(KILL_AFTER_STORED, start=1):
            proc = start_crawl(base, db, jobdir, work / f"run{n}.log")
            if kill_when(proc, lambda t=threshold: stored(db) >= t):
                kills.append(stored(db))
        before_final = stored(db)
        final = start_crawl(base, db, jobdir, work / "final.log")
        final.wait(timeout=120)
        hits = dict(server.server.requests)
    with sqlite3.connect(db) as conn:
        urls = [u for (u,) in conn.execute("SELECT canonical_url FROM articles")]
        pages = dict(conn.execute("SELECT canonical_url, count(*) FROM pages "
                                  "GROUP BY canonical_url").fetchall())
        versions = {v for (v,) in conn.execute("SELECT version FROM articles")}
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
    return {"base": base, "kills": kills, "urls": urls, "pages": pages, "versions": versions,
            "integrity": integrity, "hits": hits, "before_final": before_final,
            "final_rc": final.returncode, "final_log": (work / "final.log").read_text(),
            "logs": [p.read_text() for p in sorted(work.glob("run*.log"))]}


def test_killed_six_times(resumed: dict) -> None:
    assert len(resumed["kills"]) == 1 + len(KILL_AFTER_STORED), resumed["kills"]
    # Killed during start-up, then with more and more stored each time: the frontier went on.
    assert resumed["kills"] == sorted(resumed["kills"])
    assert resumed["kills"][-1] >= KILL_AFTER_STORED[-1]


def test_final_run_finishes_and_resumes(resumed: dict) -> None:
    assert resumed["final_rc"] == 0, resumed["final_log"][-3000:]
    log = resumed["final_log"]
    assert "'finish_reason': 'finished'" in log
    assert "'newscrawl/resume/unclean_restart': 1" in log
    assert f"'newscrawl/resume/stored_before': {resumed['before_final']}" in log


def test_every_article_stored_exactly_once(resumed: dict) -> None:
    base = resumed["base"]
    assert sorted(u.removeprefix(base) for u in resumed["urls"]) == ARTICLE_PATHS
    assert len(resumed["urls"]) == len(set(resumed["urls"]))
    assert all(resumed["pages"].get(u) == 1 for u in resumed["urls"])  # article + page atomic
    assert resumed["versions"] == {1}
    assert resumed["integrity"] == "ok"


def test_stored_articles_not_fetched_again(resumed: dict) -> None:
    fetches = [resumed["hits"].get(path, 0) for path in ARTICLE_PATHS]
    assert min(fetches) >= 1
    # An article is fetched again only if a kill caught it between download and store: one
    # download at a time here, plus at most one page being processed, per kill.
    assert sum(fetches) <= len(ARTICLE_PATHS) + 2 * len(resumed["kills"])


WRITER = r"""
import sys, time
from newscrawl.store import ArticleStore
from newscrawl.store.schema import articles
db = sys.argv[1]
store = ArticleStore.open(db)
for i in range(20):
    url = f"https://example.org/artikel-{i}.html"
    store.save({"url": url, "canonical_url": url, "site": "t", "title": f"Titel {i}",
                "body": f"Text {i} " * 50, "content_hash": f"h{i}",
                "fetched_at": "2024-01-01T00:00:00Z"}, f"<html>{i}</html>")
print("committed", flush=True)
with store.engine.begin() as conn:
    for i in range(20, 400):
        url = f"https://example.org/artikel-{i}.html"
        conn.execute(articles.insert().values(url=url, canonical_url=url, site="t",
                                              title=f"Titel {i}", body="x " * 2000, version=1))
    print("in-transaction", flush=True)
    time.sleep(60)
"""


def test_writer_killed_mid_transaction_leaves_consistent_database(tmp_path: Path) -> None:
    db = tmp_path / "store.sqlite3"
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(db)], cwd=ROOT,
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "committed"
    assert proc.stdout.readline().strip() == "in-transaction"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert (tmp_path / "store.sqlite3-wal").exists()  # the kill left WAL state behind
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 20
        assert conn.execute("SELECT count(DISTINCT canonical_url) FROM pages").fetchone()[0] == 20
    # And the store opens and writes again.
    from newscrawl.store import ArticleStore

    store = ArticleStore.open(str(db))
    url = "https://example.org/danach.html"
    store.save({"url": url, "canonical_url": url, "site": "t", "title": "Danach", "body": "b",
                "content_hash": "hd", "fetched_at": "2024-01-01T00:00:00Z"}, "<html></html>")
    assert store.count() == 21
    store.close()


def test_stale_dupefilter_of_a_killed_run_does_not_lose_the_frontier(tmp_path: Path) -> None:
    """After SIGKILL, requests.seen may hold fingerprints of requests that never completed (here:
    every entry point). Plain Scrapy would then filter them and store nothing; the resume
    extension sees the killed run's marker, drops the stale state and stores everything."""
    from scrapy import Request
    from scrapy.dupefilters import RFPDupeFilter

    from newscrawl.extensions.resume import RUNNING_MARKER

    def killed_jobdir(name: str, base: str) -> Path:
        jobdir = tmp_path / name
        jobdir.mkdir()
        entries = [f"{base}/sitemap-news.xml", f"{base}/rss"] + [
            f"{base}/{s}/" for s in ("augsburg", "bayern", "politik", "wirtschaft", "sport",
                                     "panorama")]
        # requests.seen as the installed Scrapy writes it (its format changed after 2.13).
        seen = RFPDupeFilter(str(jobdir))
        for url in entries:
            seen.request_seen(Request(url))
        seen.close("killed")
        (jobdir / RUNNING_MARKER).write_text("killed")
        return jobdir

    with serve_hostile_in_thread() as server:
        base = server.base_url
        results = {}
        for name, extra in (("plain", ["-s", "EXTENSIONS={}"]), ("resume", [])):
            db = tmp_path / f"{name}.sqlite3"
            cmd = [SCRAPY, "crawl", "augsburger_allgemeine", "-a", f"base_url={base}",
                   "-s", f"NEWSCRAWL_DB={db}", "-s", f"JOBDIR={killed_jobdir(name, base)}",
                   "-s", "NEWSCRAWL_ALLOWED_PRIVATE_NETWORKS=127.0.0.0/8",
                   "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0", *extra]
            run = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=120,
                                 check=False)
            assert run.returncode == 0, run.stderr[-2000:]
            results[name] = stored(db)
    assert results == {"plain": 0, "resume": len(ARTICLE_PATHS)}
