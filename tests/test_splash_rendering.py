"""newscrawl.rendering.splash without a Splash server: settings, request building, fingerprints.
The render decision itself (both renderers) is tests/test_render_decision.py's."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.settings import Settings
from scrapy.utils.misc import load_object

from newscrawl.rendering.splash import (
    CONSENT_LUA,
    SplashAddon,
    render_request,
    splash_settings,
)

# scrapy-splash (pinned stack only) builds every request here.
pytestmark = pytest.mark.splash

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "js"


def _noop(response: object) -> None:
    return None


def test_splash_settings_wire_scrapy_splash_as_its_readme_says() -> None:
    s = splash_settings("http://127.0.0.1:8050/")
    assert s["SPLASH_URL"] == "http://127.0.0.1:8050"
    assert s["DOWNLOADER_MIDDLEWARES"] == {
        "scrapy_splash.SplashCookiesMiddleware": 723,
        "scrapy_splash.SplashMiddleware": 725,
        "scrapy.downloadermiddlewares.httpcompression.HttpCompressionMiddleware": 810,
    }
    assert s["SPIDER_MIDDLEWARES"] == {
        "newscrawl.rendering.splash_plugin.SplashDeduplicateArgsMiddleware": 100,
        "newscrawl.rendering.middleware.RenderMiddleware": 110,
    }
    assert s["REQUEST_FINGERPRINTER_CLASS"] == "scrapy_splash.SplashRequestFingerprinter"


def test_render_request_uses_render_html_with_wait() -> None:
    req = render_request("https://example.org/a.html", _noop, wait=1.5, meta={"k": 1})
    splash = req.meta["splash"]
    assert splash["endpoint"] == "render.html"
    assert splash["args"]["url"] == "https://example.org/a.html"
    assert splash["args"]["wait"] == 1.5
    assert splash["args"]["images"] == 0
    assert req.meta["k"] == 1
    assert req.callback is _noop


def test_render_request_lua_uses_execute_and_caches_the_script() -> None:
    req = render_request("https://example.org/a.html", _noop, lua=True, dont_filter=True)
    splash = req.meta["splash"]
    assert splash["endpoint"] == "execute"
    assert splash["args"]["lua_source"] == CONSENT_LUA
    assert splash["cache_args"] == ["lua_source"]
    assert req.dont_filter is True
    for step in ("splash:go", "splash:wait", "button.click()", "window.scrollTo"):
        assert step in CONSENT_LUA


def test_rendered_and_plain_request_of_one_url_have_different_fingerprints() -> None:
    # The render re-request of an already fetched page must not be dropped as a duplicate.
    crawler = Crawler(Spider, Settings(splash_settings("http://127.0.0.1:8050")))
    fingerprinter = load_object(crawler.settings["REQUEST_FINGERPRINTER_CLASS"])
    fp = fingerprinter.from_crawler(crawler).fingerprint
    url = "https://example.org/a.html"
    plain, rendered = fp(Request(url)), fp(render_request(url, _noop))
    assert plain != rendered
    assert rendered != fp(render_request(url, _noop, lua=True))
    assert rendered == fp(render_request(url, _noop))


def _with_addon(**values: Any) -> Settings:
    settings = Settings()
    settings.setdict(values, priority="project")
    SplashAddon().update_settings(settings)
    return settings


def test_splash_addon_wires_splash_when_splash_url_is_set() -> None:
    own = {"newscrawl.middlewares.ssrf.SsrfMiddleware": 40}
    settings = _with_addon(SPLASH_URL="http://127.0.0.1:8050/", DOWNLOADER_MIDDLEWARES=own)
    downloader = settings.getdict("DOWNLOADER_MIDDLEWARES")
    assert downloader["newscrawl.middlewares.ssrf.SsrfMiddleware"] == 40
    assert downloader["scrapy_splash.SplashMiddleware"] == 725
    assert downloader["scrapy_splash.SplashCookiesMiddleware"] == 723
    spider = settings.getdict("SPIDER_MIDDLEWARES")
    assert spider["newscrawl.rendering.splash_plugin.SplashDeduplicateArgsMiddleware"] == 100
    assert spider["newscrawl.rendering.middleware.RenderMiddleware"] == 110
    # One HttpCompressionMiddleware, moved behind SplashMiddleware (not a second instance).
    merged = settings.getwithbase("DOWNLOADER_MIDDLEWARES")
    compression = [k for k in merged if "HttpCompressionMiddleware" in str(k)]
    assert compression == ["scrapy.downloadermiddlewares.httpcompression.HttpCompressionMiddleware"]
    assert merged[compression[0]] == 810
    assert settings["REQUEST_FINGERPRINTER_CLASS"] == "scrapy_splash.SplashRequestFingerprinter"
    assert settings["SPLASH_URL"] == "http://127.0.0.1:8050"
