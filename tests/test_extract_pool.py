"""Extraction in worker processes (NEWSCRAWL_EXTRACT_PROCESSES,
newscrawl/crawl/extraction_workers.py).

The offline newsroom crawled with a pool stores exactly what an in-process crawl stores; a worker
that dies mid-crawl (on a page, or killed from outside) costs no page; JOBDIR requests with the
pooled callback survive a kill and resume; no worker process outlives its crawl. Real pools,
real `scrapy crawl` subprocesses; worker processes are found in /proc.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sqlite3
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from scrapy.http import HtmlResponse, Request
from scrapy.utils.request import request_from_dict
from scrapy.utils.test import get_crawler

from newscrawl.crawl.extraction_workers import CRASH_ENV, ExtractPool
from newscrawl.extract import extract_article
from newscrawl.families.base import Family
from newscrawl.families.pressedruck import PressedruckFamily
from newscrawl.spiders.augsburger_allgemeine import AugsburgerAllgemeineSpider
from tests import test_newsroom_e2e as e2e
from tests import test_splash_server as splash_tests
from tests.conftest import ROOT, SCRAPY, run_crawl
from tests.test_crash_resume import stored
from tests.test_splash_server import site, splash_url  # noqa: F401 - fixtures

POOL = {"NEWSCRAWL_EXTRACT_PROCESSES": "1"}
ARTICLE_PATHS = sorted(a["canonical_path"] for a in e2e.ARTICLES)
SEED = e2e.SEED_PATH
NEWSROOM = ROOT / "fixtures" / "newsroom"
SLOW = {  # one request at a time, ~0.1 s apart: time to act between articles
    "DOWNLOAD_DELAY": "0.1", "RANDOMIZE_DOWNLOAD_DELAY": "False",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "1",
}


# --- processes, from /proc -------------------------------------------------------------------
def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def _children(parent: int) -> dict[int, str]:
    """Live child processes of ``parent``: pid -> command line."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        ppid = next((int(line.split()[1]) for line in status.splitlines()
                     if line.startswith("PPid:")), None)
        if ppid == parent:
            found[int(entry.name)] = _cmdline(int(entry.name))
    return found


def _is_worker(cmdline: str) -> bool:
    return "spawn_main" in cmdline


def _alive(pid: int, cmdline: str) -> bool:
    """Whether the process seen as ``cmdline`` still runs (a reused pid is another process)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z" and _cmdline(pid) == cmdline


def _left_over(seen: dict[int, str], grace: float = 10.0) -> dict[int, str]:
    """Processes of ``seen`` still alive after ``grace`` seconds."""
    deadline = time.monotonic() + grace
    while True:
        alive = {pid: cmd for pid, cmd in seen.items() if _alive(pid, cmd)}
        if not alive or time.monotonic() > deadline:
            return alive
        time.sleep(0.1)


def _stored_paths(db: Path, base: str) -> list[str]:
    with sqlite3.connect(db) as conn:
        return sorted(u.removeprefix(base) for (u,) in
                      conn.execute("SELECT canonical_url FROM articles"))


def _stats(log: str) -> dict[str, int]:
    dump = log.split("Dumping Scrapy stats:", 1)
    assert len(dump) == 2, log[-3000:]
    stats: dict[str, int] = {}
    for line in dump[1].splitlines():
        key, sep, value = line.strip(" {},").partition("': ")
        if sep and value.rstrip(",").isdigit():
            stats[key.lstrip("'")] = int(value.rstrip(","))
    return stats


class Watched:
    """A `scrapy crawl augsburger_allgemeine` of ``base`` whose child processes are watched."""

    def __init__(self, base: str, db: Path, *, settings: dict[str, str] | None = None,
                 env: dict[str, str] | None = None) -> None:
        cmd = [SCRAPY, "crawl", "augsburger_allgemeine", "-a", f"base_url={base}"]
        merged = {"NEWSCRAWL_DB": str(db), "NEWSCRAWL_ALLOWED_PRIVATE_NETWORKS": "127.0.0.0/8",
                  "AUTOTHROTTLE_ENABLED": "False", "DOWNLOAD_DELAY": "0", "LOG_LEVEL": "INFO",
                  **(settings or {})}
        for key, value in merged.items():
            cmd += ["-s", f"{key}={value}"]
        self.db = db
        self.log_path = db.with_name(f"{db.stem}-{time.monotonic_ns()}.log")
        self.proc = subprocess.Popen(
            cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=self.log_path.open("w"),
            env={**os.environ, **(env or {})}, start_new_session=True)
        self.seen: dict[int, str] = {}

    def sample(self) -> None:
        # An exited child not yet reaped (zombie) has an empty command line: keep the one seen.
        self.seen.update((pid, cmd) for pid, cmd in _children(self.proc.pid).items() if cmd)

    def workers(self) -> dict[int, str]:
        return {pid: cmd for pid, cmd in self.seen.items() if _is_worker(cmd)}

    def run(self, on_tick: Callable[[Watched], bool | None] | None = None,
            timeout: float = 180) -> int:
        """Sample the children until the crawl exits; ``on_tick`` returning True stops early
        (the crawl keeps running). Returns the exit code (None when stopped early)."""
        deadline = time.monotonic() + timeout
        while self.proc.poll() is None:
            self.sample()
            if on_tick is not None and on_tick(self):
                return None
            if time.monotonic() > deadline:
                self.proc.kill()
                raise AssertionError(f"crawl did not finish in {timeout} s")
            time.sleep(0.02)
        return self.proc.returncode

    @property
    def log(self) -> str:
        return self.log_path.read_text()


def _export(db: Path) -> list[dict[str, Any]]:
    out = db.with_name(db.stem + ".jsonl")
    done = subprocess.run([SCRAPY, "export", "-o", str(out), "--db", str(db)], cwd=ROOT,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in out.read_text().splitlines()]


# --- the newsroom, in process and pooled -----------------------------------------------------
@pytest.fixture(scope="module")
def pair(newsroom: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    work = tmp_path_factory.mktemp("pool")
    plain = run_crawl("augsburger_allgemeine", f"base_url={newsroom}", db=work / "plain.sqlite3")
    assert plain.returncode == 0, plain.stderr[-3000:]
    pooled = Watched(newsroom, work / "pooled.sqlite3", settings=POOL)
    assert pooled.run() == 0, pooled.log[-3000:]
    return {"base": newsroom, "plain": _export(work / "plain.sqlite3"),
            "pooled": _export(work / "pooled.sqlite3"), "plain_log": plain.stderr,
            "log": pooled.log, "workers": pooled.workers(), "seen": pooled.seen}


def test_pooled_crawl_stores_the_same_records_as_in_process(pair: dict[str, Any]) -> None:
    def by_url(records: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
        return {r["canonical_url"]: {k: v for k, v in r.items() if k != "fetched_at"}
                for r in records}

    plain, pooled = by_url(pair["plain"]), by_url(pair["pooled"])
    assert sorted(pooled) == sorted(plain)
    assert len(pooled) == len(e2e.ARTICLES)
    for url, record in plain.items():
        assert pooled[url] == record, url


@pytest.mark.parametrize("article", e2e.ARTICLES,
                         ids=[a["path"].rsplit("/", 1)[-1] for a in e2e.ARTICLES])
def test_pooled_record_matches_expected(pair: dict[str, Any], article: dict) -> None:
    e2e.test_record_matches_expected({"base": pair["base"], "records": pair["pooled"]}, article)


def test_pages_were_extracted_in_the_worker(pair: dict[str, Any]) -> None:
    stats, plain = _stats(pair["log"]), _stats(pair["plain_log"])
    # Every article and the one non-article page went through the pool, none failed.
    assert stats["newscrawl/extract/pooled"] == len(e2e.ARTICLES) + 1
    assert stats["newscrawl/extract/not_article"] == plain["newscrawl/extract/not_article"] == 1
    assert "newscrawl/extract/pool_failed" not in stats
    assert "newscrawl/extract/pooled" not in plain
    # Work in the pool is bounded by the crawl's concurrency (CONCURRENT_REQUESTS = 16).
    assert 1 <= stats["newscrawl/extract/pool_max_in_flight"] <= 16
    assert "scheduler/unserializable" not in pair["log"]
    assert "extraction in 1 worker process(es)" in pair["log"]


def test_no_worker_outlives_the_crawl(pair: dict[str, Any]) -> None:
    assert len(pair["workers"]) == 1, pair["seen"]
    assert _left_over(pair["seen"]) == {}


# --- failures ----------------------------------------------------------------------------------
def test_worker_dying_on_a_page_costs_no_page(newsroom: str, tmp_path: Path) -> None:
    """The worker dies (os._exit) while extracting the seed article: that page is extracted in
    the crawl process, the pool is replaced, everything is stored."""
    crawl = Watched(newsroom, tmp_path / "store.sqlite3", settings=POOL,
                    env={CRASH_ENV: SEED.rsplit("-", 1)[-1]})
    assert crawl.run() == 0, crawl.log[-3000:]
    log, stats = crawl.log, _stats(crawl.log)
    assert _stored_paths(crawl.db, newsroom) == ARTICLE_PATHS
    assert stats["newscrawl/extract/pool_restarted"] == 1
    assert stats["newscrawl/extract/pool_failed"] >= 1
    assert stats["newscrawl/store/inserted"] == len(e2e.ARTICLES)
    assert "extraction worker died" in log and SEED in log
    assert "Traceback" not in log
    assert len(crawl.workers()) >= 2  # the first and its replacement
    assert _left_over(crawl.seen) == {}
    records = {r["canonical_url"].removeprefix(newsroom): r for r in _export(crawl.db)}
    seed = next(a for a in e2e.ARTICLES if a["canonical_path"] == SEED)
    e2e.test_record_matches_expected({"base": newsroom, "records": list(records.values())},
                                     seed)


def test_worker_killed_from_outside_mid_crawl(newsroom: str, tmp_path: Path) -> None:
    """SIGKILL of the worker (the OOM killer, an operator) after a few stored articles."""
    killed: list[int] = []

    def kill_worker(crawl: Watched) -> None:
        if not killed and stored(crawl.db) >= 3:
            for pid in crawl.workers():
                if _alive(pid, crawl.seen[pid]):
                    os.kill(pid, signal.SIGKILL)
                    killed.append(pid)

    crawl = Watched(newsroom, tmp_path / "store.sqlite3", settings={**POOL, **SLOW})
    assert crawl.run(kill_worker) == 0, crawl.log[-3000:]
    assert killed, "the crawl finished before a worker could be killed"
    stats = _stats(crawl.log)
    assert _stored_paths(crawl.db, newsroom) == ARTICLE_PATHS
    assert stats["newscrawl/extract/pool_restarted"] >= 1
    assert stats["newscrawl/extract/pool_failed"] >= 1
    assert stats["newscrawl/extract/pooled"] >= 1
    assert _left_over(crawl.seen) == {}


def test_jobdir_crawl_killed_and_resumed(tmp_path: Path) -> None:
    """Pooled requests go to the disk queues (the callback is a spider method); the crawl process
    SIGKILLed alone leaves no worker behind (they watch their parent); the resumed crawl, here
    without a pool, finishes the queued pooled requests in process; nothing lost or doubled."""
    from newscrawl.testing.hostile import serve_hostile_in_thread

    db, jobdir = tmp_path / "store.sqlite3", tmp_path / "job"
    with serve_hostile_in_thread() as server:
        base = server.base_url
        first = Watched(base, db, settings={**POOL, **SLOW, "JOBDIR": str(jobdir)})
        assert first.run(lambda c: stored(db) >= 10) is None, first.log[-3000:]
        first.sample()
        os.kill(first.proc.pid, signal.SIGKILL)  # the crawl process only, not its group
        first.proc.wait()
        stored_at_kill = stored(db)
        assert first.workers(), first.seen
        assert _left_over(first.seen) == {}
        assert "scheduler/unserializable" not in first.log
        second = Watched(base, db, settings={**SLOW, "JOBDIR": str(jobdir),
                                             "NEWSCRAWL_EXTRACT_PROCESSES": "0"})
        assert second.run() == 0, second.log[-3000:]
    assert stored_at_kill < len(ARTICLE_PATHS)
    assert _stored_paths(db, base) == ARTICLE_PATHS
    stats = _stats(second.log)
    assert stats["newscrawl/store/inserted"] == len(ARTICLE_PATHS) - stored_at_kill
    assert "newscrawl/extract/pooled" not in stats
    assert not second.workers()


# --- the pool itself, without a crawl ------------------------------------------------------
def _run(coro: Any) -> Any:
    """Run ``coro`` on a private loop (asyncio.run would unset the reactor's event loop)."""
    loop = asyncio.new_event_loop()
    try:
        return loop.run_until_complete(coro)
    finally:
        loop.close()


def _pages(n: int) -> list[tuple[str, str]]:
    """(html, url) of the newsroom's first ``n`` articles."""
    paths = [a["path"] for a in e2e.ARTICLES[:n]]
    assert len(paths) == n
    return [((NEWSROOM / path.lstrip("/")).read_text(encoding="utf-8"),
             f"http://127.0.0.1:1{path}") for path in paths]


def test_pool_extracts_what_the_crawl_process_extracts() -> None:
    crawler = get_crawler()
    pool = ExtractPool(2, crawler.stats)
    pool.start()
    pages = _pages(6)

    async def extract_all() -> list[Any]:
        return await asyncio.gather(*(pool.extract(html, url, PressedruckFamily)
                                      for html, url in pages))

    try:
        pooled = _run(extract_all())
        pids = pool.worker_pids()
        seen = {pid: _cmdline(pid) for pid in pids}
    finally:
        pool.close()
    assert pooled == [extract_article(html, url, family=PressedruckFamily)
                      for html, url in pages]
    assert crawler.stats.get_value("newscrawl/extract/pooled") == len(pages)
    assert len(pids) == 2 and all(_is_worker(cmd) for cmd in seen.values())
    assert _left_over(seen, grace=2) == {}
    # Closed: extraction goes on in process.
    html, url = pages[0]
    assert _run(pool.extract(html, url, PressedruckFamily)) == pooled[0]
    assert crawler.stats.get_value("newscrawl/extract/pooled") == len(pages)


def test_raw_body_is_decoded_in_the_worker_as_in_the_crawl_process() -> None:
    """The spider sends the response body (cheaper than the decoded text); a body that does not
    decode to the text the crawl process has (never expected) is caught and extracted here."""
    from newscrawl.crawl.decoding import decode_html

    crawler = get_crawler()
    pool = ExtractPool(1, crawler.stats)
    (html, url), (other, _url) = _pages(2)
    body = html.encode("utf-8")
    content_type = b"text/html; charset=utf-8"
    assert decode_html(body, content_type)[0] == html
    try:
        raw = _run(pool.extract(html, url, PressedruckFamily, body=body,
                                content_type=content_type))
        wrong = _run(pool.extract(html, url, PressedruckFamily, body=other.encode("utf-8"),
                                  content_type=content_type))
    finally:
        pool.close()
    assert raw == wrong == extract_article(html, url, family=PressedruckFamily)
    assert crawler.stats.get_value("newscrawl/extract/pooled") == 1
    assert crawler.stats.get_value("newscrawl/extract/pool_failed") == 1


def test_generic_family_reaches_the_worker_as_itself() -> None:
    # Family (the generic spider's) must not become None (= detect by URL/fingerprint) on the way.
    crawler = get_crawler()
    pool = ExtractPool(1, crawler.stats)
    html, url = _pages(1)[0]
    try:
        got = [_run(pool.extract(html, url, family)) for family in (Family, None)]
    finally:
        pool.close()
    assert got == [extract_article(html, url, family=Family),
                   extract_article(html, url, family=None)]
    assert got[0].extractor == "generic" and got[1].extractor != "generic"


def test_a_family_that_cannot_be_sent_is_extracted_in_process() -> None:
    class LocalFamily(PressedruckFamily):
        name = "local"

    crawler = get_crawler()
    pool = ExtractPool(1, crawler.stats)
    html, url = _pages(1)[0]
    try:
        got = _run(pool.extract(html, url, LocalFamily))
    finally:
        pool.close()
    assert got == extract_article(html, url, family=LocalFamily)
    assert crawler.stats.get_value("newscrawl/extract/pooled") is None
    assert crawler.stats.get_value("newscrawl/extract/pool_failed") is None


def test_an_exception_in_the_worker_is_retried_in_process() -> None:
    """A page the extractor cannot handle raises in the worker, is counted and retried in the
    crawl process, where it raises again: the spider error (and quarantine) as without a pool."""
    crawler = get_crawler()
    pool = ExtractPool(1, crawler.stats)
    try:
        # Not a str: raises in extract_article wherever it runs.
        with pytest.raises(Exception) as in_process:
            extract_article(42, "http://127.0.0.1:1/x-y-z-1.html")  # type: ignore[arg-type]
        with pytest.raises(in_process.type):
            _run(pool.extract(42, "http://127.0.0.1:1/x-y-z-1.html"))  # type: ignore[arg-type]
        # The pool itself is fine: the next page is extracted in the worker.
        html, url = _pages(1)[0]
        _run(pool.extract(html, url, PressedruckFamily))
    finally:
        pool.close()
    assert crawler.stats.get_value("newscrawl/extract/pool_failed") == 1
    assert crawler.stats.get_value("newscrawl/extract/pool_restarted") is None
    assert crawler.stats.get_value("newscrawl/extract/pooled") == 1


# --- the spider's side -------------------------------------------------------------------------
def _spider(**settings: Any) -> AugsburgerAllgemeineSpider:
    crawler = get_crawler(AugsburgerAllgemeineSpider, settings_dict=settings)
    spider = AugsburgerAllgemeineSpider.from_crawler(crawler, base_url="http://127.0.0.1:8765")
    return spider


def test_article_requests_use_the_pooled_callback_and_serialise() -> None:
    plain = _spider()
    url = "http://127.0.0.1:8765/augsburg/Kirche-St-Gallus-id59469031.html"
    assert plain.extract_pool is None
    assert next(plain.article_request(url, "feed")).callback == plain.parse_article
    spider = _spider(NEWSCRAWL_EXTRACT_PROCESSES=1)
    assert spider.extract_pool is not None and spider.extract_pool.worker_pids() == []
    request = next(spider.article_request(url, "feed"))
    assert request.callback == spider.parse_article_pooled
    # What JOBDIR's disk queues do with it.
    as_dict = request.to_dict(spider=spider)
    assert as_dict["callback"] == "parse_article_pooled"
    assert request_from_dict(as_dict, spider=spider).callback == spider.parse_article_pooled


def test_pooled_callback_without_a_pool_extracts_in_process() -> None:
    """A JOBDIR request queued by a pooled crawl, resumed with the setting at 0."""
    spider = _spider()
    html, url = _pages(1)[0]
    response = HtmlResponse(url, body=html.encode(), encoding="utf-8",
                            headers={"Content-Type": "text/html; charset=utf-8"},
                            request=Request(url, meta={"source": "feed"}))
    pooled = _run(spider.parse_article_pooled(response))
    plain = list(spider.parse_article(response))
    assert len(pooled) == len(plain) == 1
    for item in (pooled[0], plain[0]):
        item.pop("fetched_at")
    assert pooled[0] == plain[0]


@pytest.mark.splash
def test_render_re_request_goes_back_to_the_pooled_callback() -> None:
    spider = _spider(NEWSCRAWL_EXTRACT_PROCESSES=1, SPLASH_URL="http://127.0.0.1:8050")
    html = (ROOT / "fixtures" / "js" / "app_article.html").read_text(encoding="utf-8")
    url = "http://127.0.0.1:8765/augsburg/Neue-Radwege-id59469031.html"
    response = HtmlResponse(url, body=html.encode(), encoding="utf-8",
                            request=Request(url, meta={"source": "feed"}))
    request = spider.render_if_needed(response, extract_article(html, url, family=spider.family))
    assert request is not None and "splash" in request.meta
    assert request.callback == spider.parse_article_pooled


# --- Splash re-requests in a pooled crawl (tests/test_splash_server.py's site and probe) -------

@pytest.mark.splash
def test_pooled_crawl_renders_js_pages_through_splash(site: str, splash_url: str,  # noqa: F811
                                                      tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The render decision runs after the pooled extraction; the re-request comes back to the
    pooled callback and the rendered page is extracted in the worker."""
    monkeypatch.setenv("NEWSCRAWL_EXTRACT_PROCESSES", "1")
    bodies, stats = splash_tests._crawl(site, tmp_path, splash_url)
    assert set(bodies) == set(splash_tests.SITE), stats
    assert splash_tests.APP_TEXT in bodies["lokales/neue-radwege-fuer-die-innenstadt-id4711.html"]
    assert splash_tests.NEXT_TEXT in bodies[
        "panorama/hochwasser-pegel-am-rhein-sinkt-wieder-id4712.html"]
    consent = bodies["plus/marktplatz-wird-neu-gestaltet-id4713.html"]
    assert splash_tests.CONSENT_TEXT in consent and splash_tests.SCROLL_TEXT in consent
    assert stats.get("newscrawl/render/requested") == 3
    assert stats.get("newscrawl/render/pattern") == 1
    assert stats.get("newscrawl/render/rendered") == 3
    assert "newscrawl/render/still_not_article" not in stats
    # 4 plain fetches (one of them, /plus/, rendered from the start) + 2 rendered re-requests.
    assert stats.get("newscrawl/extract/pooled") == 6
    assert "newscrawl/extract/pool_failed" not in stats


def test_pooled_crawl_counts_js_pages_without_splash(site: str, tmp_path: Path,  # noqa: F811
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSCRAWL_EXTRACT_PROCESSES", "1")
    splash_tests.test_without_splash_js_pages_are_counted(site, tmp_path)
