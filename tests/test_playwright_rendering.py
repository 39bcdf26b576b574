"""Against a real Chromium through scrapy-playwright: the JS fixtures rendered and stored with
their text, plain pages never sent to the browser, a remote browser over CDP.

Chromium is Debian's (``$CHROMIUM_BIN``, else ``chromium`` on PATH); if it is missing or does
not start, these tests fail. The JS fixture pages are served from 127.0.0.1. Each crawl is a
``scrapy runspider`` subprocess with the project settings, like tests/test_splash_server.py's.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from newscrawl.rendering.playwright import CHROMIUM_ARGS
from newscrawl.testing.render_probe import crawl_with_render_probe
from newscrawl.testing.static_site import serve_folder

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "fixtures" / "js"

pytestmark = pytest.mark.playwright

APP_TEXT = "Der Stadtrat von Musterstadt hat am Dienstagabend"
NEXT_TEXT = "Nach drei Tagen Hochwasser sinkt der Pegel"
XHR_TEXT = "Das Hallenbad an der Schillerstraße bleibt ab Montag"
DELAYED_TEXT = "Das Freibad am Stadtpark öffnet"
CONSENT_TEXT = "Der Marktplatz von Musterstadt erhält bis 2026"
SCROLL_TEXT = "Die Bauarbeiten beginnen nach dem Weihnachtsmarkt"
PLAIN_TEXT = "Die Stadtbibliothek Musterstadt ist ab Februar"

# Article-like paths on a loopback site: five pages written by JavaScript (re-requested through
# the browser after a plain fetch finds no body), one under /plus/ rendered from the start by
# the spider's render_url_patterns (its body appears only after a consent click), one plain.
SITE = {
    "lokales/neue-radwege-fuer-die-innenstadt-id4711.html": ("app_article.html", APP_TEXT),
    "panorama/hochwasser-pegel-am-rhein-sinkt-wieder-id4712.html": (
        "next_article.html", NEXT_TEXT),
    "lokales/hallenbad-schliesst-fuer-ein-jahr-id4715.html": ("xhr_article.html", XHR_TEXT),
    "lokales/freibad-oeffnet-frueher-id4716.html": ("delayed_article.html", DELAYED_TEXT),
    "plus/marktplatz-wird-neu-gestaltet-id4713.html": ("consent_article.html", CONSENT_TEXT),
    "lokales/bibliothek-verlaengert-oeffnungszeiten-id4714.html": (
        "plain_article.html", PLAIN_TEXT),
}
PLAIN_PATH = "lokales/bibliothek-verlaengert-oeffnungszeiten-id4714.html"
JS_PATHS = [path for path in SITE if path != PLAIN_PATH]



@pytest.fixture(scope="session")
def chromium() -> str:
    path = os.environ.get("CHROMIUM_BIN") or shutil.which("chromium")
    if not path or not os.access(path, os.X_OK):
        pytest.fail("no Chromium: set CHROMIUM_BIN or install Debian's chromium", pytrace=False)
    return path


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The fixture pages under article-like paths, their XHR data and /feed.xml, on 127.0.0.1."""
    root = tmp_path_factory.mktemp("site")
    for path, (fixture, _) in SITE.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(FIXTURES / fixture, root / path)
    shutil.copy(FIXTURES / "xhr_article.json", root / "lokales" / "xhr_article.json")
    with serve_folder(root, SITE) as base:
        yield base


@pytest.fixture(scope="module")
def remote_chromium(chromium: str) -> Iterator[str]:
    """A Chromium with its DevTools endpoint on 127.0.0.1 (free port), as on another machine;
    yields its ``PLAYWRIGHT_CDP_URL``."""
    profile = Path(tempfile.mkdtemp(prefix="newscrawl-cdp-"))
    cmd = [chromium, "--headless", *CHROMIUM_ARGS, f"--user-data-dir={profile}",
           "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "about:blank"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)
    try:
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while not port_file.exists() or not port_file.read_text().strip():
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"Chromium did not open its DevTools port: {proc.stderr.read()!r}",
                            pytrace=False)
            time.sleep(0.1)
        yield f"http://127.0.0.1:{port_file.read_text().split()[0]}"
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(profile, ignore_errors=True)


def _crawl(base: str, tmp: Path, **switch: str) -> tuple[dict[str, str], dict[str, int], str]:
    """The probe crawl with ``switch`` in its environment: (bodies, stats, log)."""
    crawl = crawl_with_render_probe(base, tmp, **switch)
    return crawl.bodies, crawl.stats, crawl.log


def _assert_all_stored_and_counted(bodies: dict[str, str], stats: dict[str, int]) -> None:
    assert set(bodies) == set(SITE), stats
    for path, (_, text) in SITE.items():
        assert text in bodies[path], path
    assert SCROLL_TEXT in bodies["plus/marktplatz-wird-neu-gestaltet-id4713.html"]
    # Four fallback re-requests after a plain fetch, one pattern render; the plain page alone.
    assert stats.get("newscrawl/render/requested") == len(JS_PATHS)
    assert stats.get("newscrawl/render/pattern") == 1
    assert stats.get("newscrawl/render/rendered") == len(JS_PATHS)
    assert "newscrawl/render/needed_no_splash" not in stats
    assert "newscrawl/render/still_not_article" not in stats
    # The browser's own count: one page per render request, so no plain page went through it
    # (robots.txt, the feed and the six plain fetches took Scrapy's HTTP handler).
    assert stats.get("playwright/page_count") == len(JS_PATHS)
    assert stats.get("playwright/request_count/navigation") == len(JS_PATHS)


def test_local_chromium_renders_the_js_pages(site: str, chromium: str, tmp_path: Path) -> None:
    bodies, stats, _ = _crawl(site, tmp_path, NEWSCRAWL_CHROMIUM=chromium)
    _assert_all_stored_and_counted(bodies, stats)
    assert stats.get("playwright/context_count/remote/False") == 1
    assert "Consent" not in bodies["plus/marktplatz-wird-neu-gestaltet-id4713.html"]
    # The XHR itself is a browser request (the only sub-resource of these pages).
    assert stats.get("playwright/request_count/resource_type/xhr") == 1


def test_remote_chromium_over_cdp(site: str, remote_chromium: str, tmp_path: Path) -> None:
    bodies, stats, _ = _crawl(site, tmp_path, PLAYWRIGHT_CDP_URL=remote_chromium)
    _assert_all_stored_and_counted(bodies, stats)
    assert stats.get("playwright/context_count/remote/True") == 1


def test_without_a_renderer_no_browser_and_js_pages_counted(site: str, tmp_path: Path) -> None:
    bodies, stats, log = _crawl(site, tmp_path)
    assert PLAIN_TEXT in bodies[PLAIN_PATH]
    for path in JS_PATHS:
        if path.startswith("plus/"):
            continue  # a consent banner as body is the chrome filter's business
        assert path not in bodies, path
    assert stats.get("newscrawl/render/needed_no_splash") == len(JS_PATHS)
    assert "newscrawl/render/requested" not in stats
    assert not any(key.startswith("playwright/") for key in stats)
    assert "scrapy-playwright" not in log
