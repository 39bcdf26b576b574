"""Against a real Splash: the launcher's shims, render.html/execute, and a Scrapy crawl through it.

Splash is started with scripts/splash/start.sh for the session (or taken from $SPLASH_URL) and
the JS fixture pages are served from 127.0.0.1. If Splash cannot start, these tests fail.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from parsel import Selector

from newscrawl.rendering.splash import CONSENT_LUA
from newscrawl.testing.render_probe import crawl_with_render_probe
from newscrawl.testing.static_site import serve_folder

REPO = Path(__file__).resolve().parents[1]
SCRIPTS = REPO / "scripts" / "splash"

# Needs a Splash server and scrapy-splash (the pinned stack).
pytestmark = [pytest.mark.services, pytest.mark.splash]
FIXTURES = REPO / "fixtures" / "js"

APP_TEXT = "Der Stadtrat von Musterstadt hat am Dienstagabend"
NEXT_TEXT = "Nach drei Tagen Hochwasser sinkt der Pegel"
DELAYED_TEXT = "Das Freibad am Stadtpark öffnet"
CONSENT_TEXT = "Der Marktplatz von Musterstadt erhält bis 2026"
SCROLL_TEXT = "Die Bauarbeiten beginnen nach dem Weihnachtsmarkt"
PLAIN_TEXT = "Die Stadtbibliothek Musterstadt ist ab Februar"


@pytest.fixture(scope="session")
def splash_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A running Splash: $SPLASH_TEST_URL (from scripts/services.sh) or $SPLASH_URL if set, else
    one started (and stopped) by the scripts."""
    given = os.environ.get("SPLASH_TEST_URL") or os.environ.get("SPLASH_URL")
    if given:
        url = given.rstrip("/")
        try:
            urllib.request.urlopen(f"{url}/_ping", timeout=10).close()
        except OSError as err:
            pytest.fail(f"SPLASH_URL={url} does not answer /_ping: {err}", pytrace=False)
        yield url
        return
    env = {**os.environ, "SPLASH_PIDFILE": str(tmp_path_factory.mktemp("splash") / "splash.pid")}
    started = subprocess.run(
        ["bash", str(SCRIPTS / "start.sh")], env=env, capture_output=True, text=True, timeout=120
    )
    if started.returncode != 0:
        pytest.fail(f"Splash did not start:\n{started.stdout}\n{started.stderr}", pytrace=False)
    url = started.stdout.strip().splitlines()[-1].removeprefix("SPLASH_URL=")
    try:
        yield url
    finally:
        subprocess.run(["bash", str(SCRIPTS / "stop.sh")], env=env, timeout=60, check=False)


@pytest.fixture(scope="session")
def pages() -> Iterator[str]:
    """Base URL of a loopback HTTP server for fixtures/js (unknown paths answer 404)."""
    with serve_folder(FIXTURES) as base:
        yield base


def _post(splash_url: str, endpoint: str, args: dict[str, Any]) -> tuple[int, str]:
    """POST ``args`` as JSON, as scrapy-splash does; returns (status, body)."""
    req = urllib.request.Request(
        f"{splash_url}/{endpoint}",
        data=json.dumps(args).encode(),
        headers={"Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            return resp.status, resp.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8", "replace")


def _visible_text(html: str) -> str:
    """The DOM's text outside scripts (fixture scripts contain the very text they write)."""
    return " ".join(Selector(text=html).css("body *:not(script)::text").getall())


# --- the HTTP API directly (what the launcher's shims fix) ---------------------------------------


def test_ping(splash_url: str) -> None:
    with urllib.request.urlopen(f"{splash_url}/_ping", timeout=10) as resp:
        assert json.load(resp)["status"] == "ok"


def test_render_html_json_post_with_args(splash_url: str, pages: str) -> None:
    # JSON POST is what failed with HTTP 500 before the json.loads(encoding=) shim.
    status, html = _post(
        splash_url, "render.html", {"url": f"{pages}/app_article.html", "images": 0}
    )
    assert status == 200, html
    assert APP_TEXT in _visible_text(html)
    assert APP_TEXT not in _visible_text((FIXTURES / "app_article.html").read_text("utf-8"))


def test_wait_lets_late_scripts_finish(splash_url: str, pages: str) -> None:
    url = f"{pages}/delayed_article.html"
    status, early = _post(splash_url, "render.html", {"url": url, "wait": 0.1})
    assert status == 200, early
    assert DELAYED_TEXT not in _visible_text(early)
    status, late = _post(splash_url, "render.html", {"url": url, "wait": 2.5})
    assert status == 200, late
    assert DELAYED_TEXT in _visible_text(late)


def test_execute_lua(splash_url: str, pages: str) -> None:
    # splash:wait(0.2) hands QTimer.start a float: HTTP 500 without the launcher's int shim.
    lua = """
    function main(splash, args)
      assert(splash:go(args.url))
      splash:wait(0.2)
      return {title = splash:evaljs("document.title"),
              paragraphs = splash:evaljs("document.querySelectorAll('#__next p').length")}
    end
    """
    status, body = _post(
        splash_url, "execute", {"lua_source": lua, "url": f"{pages}/next_article.html"}
    )
    assert status == 200, body
    assert json.loads(body) == {
        "title": "Hochwasser: Pegel am Rhein sinkt wieder | Musterstädter Anzeiger",
        "paragraphs": 3,
    }


def test_consent_lua_reports_200_for_a_page_from_the_browser_cache(
    splash_url: str, pages: str
) -> None:
    # The second load is revalidated from Splash's cache (304); the page itself is fine.
    args = {"url": f"{pages}/plain_article.html", "lua_source": CONSENT_LUA, "wait": 0.1}
    for _ in range(2):
        status, body = _post(splash_url, "execute", args)
        assert status == 200, body
        result = json.loads(body)
        assert result["http_status"] == 200
        assert PLAIN_TEXT in _visible_text(result["html"])


# --- a Scrapy crawl through scrapy-splash ------------------------------------------------------

SPIDER = """
import json, os, sys
import scrapy
from scrapy.crawler import CrawlerProcess
from newscrawl.rendering.splash import render_request, splash_settings

PAGES, OUT = os.environ["PAGES"], sys.argv[1]


class Probe(scrapy.Spider):
    name = "probe"
    custom_settings = {
        **splash_settings(os.environ["SPLASH_URL"]),
        "ROBOTSTXT_OBEY": False,
        "TELNETCONSOLE_ENABLED": False,
        "HTTPERROR_ALLOWED_CODES": [404],
        "LOG_LEVEL": "INFO",
    }

    async def start(self):
        # The same URL twice, plain then rendered: both must be crawled (fingerprints differ).
        yield scrapy.Request(f"{PAGES}/app_article.html", self.parse, cb_kwargs={"key": "plain"})
        yield render_request(f"{PAGES}/app_article.html", self.parse, cb_kwargs={"key": "app"})
        yield render_request(f"{PAGES}/next_article.html", self.parse, cb_kwargs={"key": "next"})
        yield render_request(
            f"{PAGES}/delayed_article.html", self.parse, wait=2.5, cb_kwargs={"key": "delayed"}
        )
        yield render_request(
            f"{PAGES}/consent_article.html", self.parse, cb_kwargs={"key": "consent_html"}
        )
        yield render_request(
            f"{PAGES}/consent_article.html", self.parse, lua=True, cb_kwargs={"key": "consent_lua"}
        )
        yield render_request(
            f"{PAGES}/missing.html", self.parse, lua=True, cb_kwargs={"key": "missing_lua"}
        )
        yield render_request(f"{PAGES}/missing.html", self.parse, cb_kwargs={"key": "missing"})

    def parse(self, response, key):
        yield {
            "key": key,
            "url": response.url,
            "status": response.status,
            "type": type(response).__name__,
            "text": " ".join(t.strip() for t in response.css("body *:not(script)::text").getall()),
        }

    def closed(self, reason):
        stats = self.crawler.stats.get_stats()
        with open(OUT + ".stats", "w") as f:
            json.dump({k: v for k, v in stats.items() if isinstance(v, (int, str))}, f)


process = CrawlerProcess({"FEEDS": {OUT: {"format": "jsonlines"}}})
process.crawl(Probe)
process.start()
"""


@pytest.fixture(scope="module")
def probe_crawl(
    splash_url: str, pages: str, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Any]:
    """Run the probe spider once in a subprocess; results by key, plus its stats."""
    tmp = tmp_path_factory.mktemp("crawl")
    (tmp / "probe.py").write_text(SPIDER, encoding="utf-8")
    out = tmp / "items.jsonl"
    env = {**os.environ, "SPLASH_URL": splash_url, "PAGES": pages, "PYTHONPATH": str(REPO)}
    proc = subprocess.run(
        [sys.executable, str(tmp / "probe.py"), str(out)],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        cwd=tmp,
    )
    assert proc.returncode == 0, proc.stderr[-4000:]
    items = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    stats = json.loads(out.with_name(out.name + ".stats").read_text(encoding="utf-8"))
    return {"items": {item["key"]: item for item in items}, "stats": stats, "log": proc.stderr}


@pytest.mark.splash
def test_crawl_plain_fetch_misses_js_text(probe_crawl: dict[str, Any], pages: str) -> None:
    plain = probe_crawl["items"]["plain"]
    assert plain["type"] == "HtmlResponse"
    assert APP_TEXT not in plain["text"]


@pytest.mark.splash
def test_crawl_render_html_gets_js_text(probe_crawl: dict[str, Any], pages: str) -> None:
    app = probe_crawl["items"]["app"]
    assert app["type"] == "SplashTextResponse"
    assert app["url"] == f"{pages}/app_article.html"  # the page URL, not Splash's
    assert app["status"] == 200
    assert APP_TEXT in app["text"]
    assert NEXT_TEXT in probe_crawl["items"]["next"]["text"]


@pytest.mark.splash
def test_crawl_same_url_plain_and_rendered_not_deduplicated(probe_crawl: dict[str, Any]) -> None:
    assert {"plain", "app"} <= probe_crawl["items"].keys()
    assert probe_crawl["stats"].get("dupefilter/filtered", 0) == 0


@pytest.mark.splash
def test_crawl_wait(probe_crawl: dict[str, Any]) -> None:
    assert DELAYED_TEXT in probe_crawl["items"]["delayed"]["text"]


@pytest.mark.splash
def test_crawl_lua_clicks_consent_and_scrolls(probe_crawl: dict[str, Any], pages: str) -> None:
    # render.html neither clicks nor scrolls; the Lua script does both.
    html_only = probe_crawl["items"]["consent_html"]["text"]
    assert CONSENT_TEXT not in html_only and SCROLL_TEXT not in html_only
    lua = probe_crawl["items"]["consent_lua"]
    assert lua["type"] == "SplashJsonResponse"
    assert lua["url"] == f"{pages}/consent_article.html"
    assert lua["status"] == 200
    assert CONSENT_TEXT in lua["text"]
    assert SCROLL_TEXT in lua["text"]
    assert "Alle akzeptieren" not in lua["text"]


@pytest.mark.splash
def test_crawl_page_status_passes_through_lua_only(probe_crawl: dict[str, Any]) -> None:
    assert probe_crawl["items"]["missing_lua"]["status"] == 404
    # Splash 3.5's render.html renders a 404 page like any other and answers 200: callers
    # that need the page status use lua=True (documented in docs/rendering.md).
    assert probe_crawl["items"]["missing"]["status"] == 200


# --- the spider's render decision in a `scrapy runspider` crawl -----------------------------------
# A loopback site with a feed of four articles: two written by JavaScript (rendered after a plain
# fetch finds no body), one under /plus/ that the paper's ``render_url_patterns`` renders from
# the start (its body appears only after a consent click), one server-rendered. The project
# settings are used as they are: with SPLASH_URL in the environment they must wire Splash in.


SITE = {
    "lokales/neue-radwege-fuer-die-innenstadt-id4711.html": "app_article.html",
    "panorama/hochwasser-pegel-am-rhein-sinkt-wieder-id4712.html": "next_article.html",
    "plus/marktplatz-wird-neu-gestaltet-id4713.html": "consent_article.html",
    "lokales/bibliothek-verlaengert-oeffnungszeiten-id4714.html": "plain_article.html",
}



@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The four fixture pages under article-like paths plus /feed.xml, on 127.0.0.1."""
    root = tmp_path_factory.mktemp("site")
    for path, fixture in SITE.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(FIXTURES / fixture, root / path)
    with serve_folder(root, SITE) as base:
        yield base


def _crawl(base: str, tmp: Path, splash: str | None) -> tuple[dict[str, str], dict[str, int]]:
    """The probe crawl, through Splash when ``splash`` is given: (bodies, stats)."""
    crawl = crawl_with_render_probe(base, tmp, **({"SPLASH_URL": splash} if splash else {}))
    return crawl.bodies, crawl.stats


@pytest.mark.splash
def test_with_splash_js_pages_are_rendered(site: str, splash_url: str, tmp_path: Path) -> None:
    bodies, stats = _crawl(site, tmp_path, splash_url)
    assert set(bodies) == set(SITE), stats
    assert APP_TEXT in bodies["lokales/neue-radwege-fuer-die-innenstadt-id4711.html"]
    assert NEXT_TEXT in bodies["panorama/hochwasser-pegel-am-rhein-sinkt-wieder-id4712.html"]
    consent = bodies["plus/marktplatz-wird-neu-gestaltet-id4713.html"]
    assert CONSENT_TEXT in consent and SCROLL_TEXT in consent
    assert PLAIN_TEXT in bodies["lokales/bibliothek-verlaengert-oeffnungszeiten-id4714.html"]
    # Two fallback re-requests after a plain fetch, one pattern render; the plain page alone.
    assert stats.get("newscrawl/render/requested") == 3
    assert stats.get("newscrawl/render/pattern") == 1
    assert stats.get("newscrawl/render/rendered") == 3
    assert "newscrawl/render/needed_no_splash" not in stats
    assert "newscrawl/render/still_not_article" not in stats


def test_without_splash_js_pages_are_counted(site: str, tmp_path: Path) -> None:
    bodies, stats = _crawl(site, tmp_path, None)
    # The JavaScript-only pages are no articles without a render; the /plus/ page is fetched
    # plainly too (a consent banner over an empty #app; whether the banner text counts as a body
    # is the chrome filter's business). All three are counted as needing a render.
    assert "lokales/neue-radwege-fuer-die-innenstadt-id4711.html" not in bodies
    assert "panorama/hochwasser-pegel-am-rhein-sinkt-wieder-id4712.html" not in bodies
    assert PLAIN_TEXT in bodies["lokales/bibliothek-verlaengert-oeffnungszeiten-id4714.html"]
    assert stats.get("newscrawl/render/needed_no_splash") == 3
    assert "newscrawl/render/requested" not in stats
