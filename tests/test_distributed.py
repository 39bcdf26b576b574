"""Distributed mode: two crawl workers share one Redis queue and one PostgreSQL store; the
worker's bookkeeping (run start and end, crash recovery, idle close, the URL feed).

Real services only: a private redis-server started here (free loopback port, no persistence)
and the PostgreSQL cluster from scripts/services/postgres.sh (NEWSCRAWL_TEST_PG_URL), in which
each test gets its own database.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
import redis
from scrapy.exceptions import DontCloseSpider
from scrapy.http import Request
from scrapy.settings import Settings
from scrapy.utils.test import get_crawler
from sqlalchemy.engine import make_url

from newscrawl.distributed import RedisMode, redis_keys, request_fingerprint
from newscrawl.distributed.worker import RedisFeed
from newscrawl.spiders.augsburger_allgemeine import AugsburgerAllgemeineSpider
from newscrawl.store import ArticleStore
from newscrawl.testing.bigsite import build_site, serve_counting
from tests.conftest import assert_no_deprecations, newscrawl_settings, project_settings

pytestmark = pytest.mark.services

ROOT = Path(__file__).resolve().parent.parent
SCRAPY = str(Path(sys.executable).with_name("scrapy"))
SPIDER = "augsburger_allgemeine"
IDLE_CLOSE = 8


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A redis-server of our own on a free port, without RDB snapshots or AOF."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.fail("redis-server is missing: run `bash scripts/services/redis.sh install`")
    port = _free_port()
    workdir = tmp_path_factory.mktemp("redis")
    proc = subprocess.Popen(
        [binary, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no",
         "--dir", str(workdir)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url)
    deadline = time.monotonic() + 20
    while True:
        try:
            client.ping()
            break
        except redis.ConnectionError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"redis-server did not come up on port {port}")
            time.sleep(0.1)
    yield url
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture
def pg_store_url() -> Iterator[str]:
    """A fresh PostgreSQL database for this test, dropped afterwards."""
    base = os.environ.get("NEWSCRAWL_TEST_PG_URL")
    if not base:
        pytest.fail("NEWSCRAWL_TEST_PG_URL is not set: run `bash scripts/services.sh start`")
    name = f"newscrawl_dist_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = make_url(base).set(database=name).render_as_string(hide_password=False)
    yield url
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _worker(base_url: str, redis_url: str, db: str, log: Path) -> subprocess.Popen[bytes]:
    cmd = [SCRAPY, "crawl", SPIDER, "-a", f"base_url={base_url}"]
    settings = {
        "NEWSCRAWL_DB": db,
        "NEWSCRAWL_ALLOWED_PRIVATE_NETWORKS": "127.0.0.0/8",
        "AUTOTHROTTLE_ENABLED": "False",
        "DOWNLOAD_DELAY": "0",
        "NEWSCRAWL_REDIS_IDLE_CLOSE": str(IDLE_CLOSE),
        "LOG_LEVEL": "INFO",
    }
    for key, value in settings.items():
        cmd += ["-s", f"{key}={value}"]
    env = {**os.environ, "REDIS_URL": redis_url}
    with log.open("wb") as out:
        return subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)


def _stat(log: str, key: str) -> int:
    match = re.search(rf"'{re.escape(key)}': (\d+)", log)
    return int(match.group(1)) if match else 0


def test_two_workers_share_one_crawl(tmp_path: Path, redis_url: str, pg_store_url: str) -> None:
    site = tmp_path / "site"
    article_paths = build_site(site, 330)
    client = redis.Redis.from_url(redis_url)
    keys = redis_keys("newscrawl", SPIDER)
    with serve_counting(site, gated=True) as server:
        logs = [tmp_path / f"worker{i}.log" for i in (1, 2)]
        workers = [_worker(server.base_url, redis_url, pg_store_url, log) for log in logs]
        started = time.monotonic()
        # The site answers once both workers joined the run: on a busy machine one worker could
        # otherwise crawl all of it before the other has even started.
        while client.zcard(keys["workers"]) < 2:
            assert all(proc.poll() is None for proc in workers), logs[0].read_text()[-3000:]
            assert time.monotonic() - started < 120, "workers did not join"
            time.sleep(0.2)
        server.server.gate.set()
        for proc in workers:
            proc.wait(timeout=300)
        elapsed = time.monotonic() - started
        access = dict(server.server.access)
    texts = [log.read_text() for log in logs]
    for proc, text in zip(workers, texts, strict=True):
        assert proc.returncode == 0, text[-3000:]
        assert "Traceback" not in text, text[-3000:]
        assert_no_deprecations(text)
        # Both closed themselves after running out of work, not killed or crashed.
        assert "'finish_reason': 'finished'" in text
        assert re.search(r"idle for \d+ s, closing", text)
    assert elapsed < 240

    # Every article URL fetched exactly once across both workers.
    fetched = {path: access.get(path, 0) for path in article_paths}
    assert [p for p, n in fetched.items() if n != 1] == []
    # Entry points too: the shared dupefilter let one worker take each.
    assert access["/sitemap-news.xml"] == 1
    assert access["/augsburg/seite-2/"] == 1

    # Every article stored exactly once, and both workers did part of the work.
    stored = [_stat(text, "newscrawl/store/articles_stored") for text in texts]
    assert all(n > 0 for n in stored), stored
    assert sum(stored) == len(article_paths)
    store = ArticleStore.open(pg_store_url)
    try:
        records = list(store.iter_articles(include_duplicates=True))
    finally:
        store.close()
    paths = [re.sub(r"^https?://[^/]+", "", r["canonical_url"]) for r in records]
    assert len(paths) == len(set(paths)) == len(article_paths)
    assert set(paths) == set(article_paths)

    # The last worker out ended the run: nothing left in Redis for the next crawl to trip on.
    assert client.exists(keys["requests"], keys["dupefilter"], keys["workers"]) == 0
    assert sum("last worker out" in text for text in texts) == 1


def test_redis_mode_settings() -> None:
    """Without REDIS_URL nothing changes; with it the scheduler is shared and PERSIST forced."""
    plain = Settings({"SCHEDULER_PERSIST": False})
    RedisMode().update_settings(plain)
    assert plain.get("SCHEDULER") == "scrapy.core.scheduler.Scheduler"

    settings = project_settings(REDIS_URL="redis://127.0.0.1:1/0", SCHEDULER_PERSIST=False)
    RedisMode().update_settings(settings)
    assert settings.get("SCHEDULER") == "scrapy_redis.scheduler.Scheduler"
    assert settings.getbool("SCHEDULER_PERSIST") is True
    assert settings.getint("SCHEDULER_IDLE_BEFORE_CLOSE") == 0
    assert settings.get("SCHEDULER_DUPEFILTER_KEY") == "newscrawl:%(spider)s:dupefilter"
    assert any("RedisFeed" in str(k) for k in settings.getdict("EXTENSIONS"))


def test_fingerprint_is_the_canonical_url() -> None:
    """Tracking parameters or a fragment do not make a second request for another worker."""
    plain = "https://www.example.de/bayern/Ein-Artikel-id12345678.html"
    variants = [plain + "?utm_source=rss&utm_medium=feed", plain + "#kommentare",
                plain.replace("https://", "http://")]
    assert {request_fingerprint(Request(u)) for u in variants} == {
        request_fingerprint(Request(plain))}
    assert request_fingerprint(Request(plain.replace("12345678", "12345679"))) != \
        request_fingerprint(Request(plain))


# --- the worker extension -------------------------------------------------------------------
@pytest.fixture
def client(redis_url: str) -> Iterator[redis.Redis]:
    conn = redis.Redis.from_url(redis_url)
    conn.flushdb()
    yield conn
    conn.flushdb()


def _feed_worker(redis_url: str, **settings: object,
                 ) -> tuple[RedisFeed, AugsburgerAllgemeineSpider]:
    crawler = get_crawler(AugsburgerAllgemeineSpider, newscrawl_settings(
        REDIS_URL=redis_url, NEWSCRAWL_DB="postgresql://x/y", **settings))
    spider = AugsburgerAllgemeineSpider(base_url="http://127.0.0.1:9")
    spider.crawler = crawler
    return RedisFeed.from_crawler(crawler), spider


def test_last_worker_out_ends_the_run(redis_url: str, client: redis.Redis) -> None:
    keys = redis_keys("newscrawl", SPIDER)
    first, spider = _feed_worker(redis_url)
    second, _ = _feed_worker(redis_url)
    first.spider_opened(spider)
    second.spider_opened(spider)
    assert first.crawler.stats.get_value("newscrawl/distributed/fresh_run") is True
    assert second.crawler.stats.get_value("newscrawl/distributed/fresh_run") is False
    assert client.zcard(keys["workers"]) == 2
    client.sadd(keys["dupefilter"], "fp1", "fp2")

    first.spider_closed(spider, "finished")
    assert first.crawler.stats.get_value("newscrawl/distributed/run_ended") is False
    assert client.scard(keys["dupefilter"]) == 2  # the second worker still needs it
    second.spider_closed(spider, "finished")
    assert second.crawler.stats.get_value("newscrawl/distributed/run_ended") is True
    assert client.exists(keys["dupefilter"], keys["workers"]) == 0


def test_crashed_run_is_resumed_or_restarted(redis_url: str, client: redis.Redis) -> None:
    keys = redis_keys("newscrawl", SPIDER)
    # A worker that died two minutes ago left its fingerprints behind, but no queued request:
    # the next worker starts a fresh run.
    client.zadd(keys["workers"], {"dead:1": time.time() - 120})
    client.sadd(keys["dupefilter"], "fp")
    worker, spider = _feed_worker(redis_url, NEWSCRAWL_REDIS_WORKER_TIMEOUT=60)
    worker.spider_opened(spider)
    assert worker.crawler.stats.get_value("newscrawl/distributed/fresh_run") is True
    assert client.exists(keys["dupefilter"]) == 0
    assert client.zrange(keys["workers"], 0, -1) == [worker.worker_id.encode()]
    worker.spider_closed(spider, "shutdown")

    # Killed with requests still queued: the next worker resumes, fingerprints kept.
    client.zadd(keys["requests"], {b"pickled-request": 0})
    client.sadd(keys["dupefilter"], "fp")
    worker, spider = _feed_worker(redis_url)
    worker.spider_opened(spider)
    assert worker.crawler.stats.get_value("newscrawl/distributed/fresh_run") is False
    assert client.scard(keys["dupefilter"]) == 1
    worker.spider_closed(spider, "shutdown")
    assert client.scard(keys["dupefilter"]) == 1  # the queue is not empty: no run end


def test_idle_worker_waits_then_closes(redis_url: str, client: redis.Redis) -> None:
    worker, spider = _feed_worker(redis_url, NEWSCRAWL_REDIS_IDLE_CLOSE=0.5)
    worker.spider_opened(spider)
    with pytest.raises(DontCloseSpider):
        worker.spider_idle(spider)
    time.sleep(0.6)
    worker.spider_idle(spider)  # idle long enough: lets the spider close
    worker.activity()
    with pytest.raises(DontCloseSpider):
        worker.spider_idle(spider)  # a response just came in
    worker.spider_closed(spider, "finished")

    standing, spider = _feed_worker(redis_url, NEWSCRAWL_REDIS_IDLE_CLOSE=0)
    standing.spider_opened(spider)
    standing.last_activity -= 3600
    with pytest.raises(DontCloseSpider):
        standing.spider_idle(spider)  # 0 = a standing worker, never closes by itself
    standing.spider_closed(spider, "shutdown")


def test_a_crawl_fed_through_redis(tmp_path: Path, redis_url: str, client: redis.Redis) -> None:
    """Only one section is selected on the command line; another comes in through the feed."""
    site = tmp_path / "site"
    paths = build_site(site, 120)
    keys = redis_keys("newscrawl", SPIDER)
    with serve_counting(site) as server:
        client.lpush(keys["start_urls"], f"{server.base_url}/bayern/")
        cmd = [SCRAPY, "crawl", SPIDER, "-a", f"base_url={server.base_url}",
               "-a", "sections=sport", "-a", "max_section_pages=1"]
        for key, value in {"NEWSCRAWL_DB": str(tmp_path / "store.sqlite3"),
                           "NEWSCRAWL_ALLOWED_PRIVATE_NETWORKS": "127.0.0.0/8",
                           "AUTOTHROTTLE_ENABLED": "False", "DOWNLOAD_DELAY": "0",
                           "NEWSCRAWL_REDIS_IDLE_CLOSE": "3"}.items():
            cmd += ["-s", f"{key}={value}"]
        result = subprocess.run(cmd, cwd=ROOT, env={**os.environ, "REDIS_URL": redis_url},
                                capture_output=True, text=True, timeout=180, check=False)
        access = dict(server.server.access)
    log = result.stderr
    assert result.returncode == 0, log[-3000:]
    assert_no_deprecations(log)
    assert "'newscrawl/distributed/fed_urls': 1" in log
    assert access["/bayern/"] == 1 and access["/sport/"] == 1
    fetched = {p.split("/")[1] for p in paths if access.get(p)}
    assert fetched == {"bayern", "sport"}
    stored = int(re.search(r"'newscrawl/store/articles_stored': (\d+)", log).group(1))
    assert stored == sum(1 for p in paths if access.get(p)) == 40
    assert client.llen(keys["start_urls"]) == 0
