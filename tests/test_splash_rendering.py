"""newscrawl.rendering.splash without a Splash server: settings, request building, the render
decision."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.http import HtmlResponse
from scrapy.settings import Settings
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.misc import load_object

from newscrawl.extract.client_rendering import looks_client_rendered
from newscrawl.families.base import Family
from newscrawl.rendering.splash import (
    CONSENT_LUA,
    RENDER_META,
    RenderMiddleware,
    SplashAddon,
    render_request,
    splash_settings,
)

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
        "newscrawl.rendering.splash.RenderMiddleware": 110,
    }
    assert s["REQUEST_FINGERPRINTER_CLASS"] == "scrapy_splash.SplashRequestFingerprinter"


@pytest.mark.splash
def test_render_request_uses_render_html_with_wait() -> None:
    req = render_request("https://example.org/a.html", _noop, wait=1.5, meta={"k": 1})
    splash = req.meta["splash"]
    assert splash["endpoint"] == "render.html"
    assert splash["args"]["url"] == "https://example.org/a.html"
    assert splash["args"]["wait"] == 1.5
    assert splash["args"]["images"] == 0
    assert req.meta["k"] == 1
    assert req.callback is _noop


@pytest.mark.splash
def test_render_request_lua_uses_execute_and_caches_the_script() -> None:
    req = render_request("https://example.org/a.html", _noop, lua=True, dont_filter=True)
    splash = req.meta["splash"]
    assert splash["endpoint"] == "execute"
    assert splash["args"]["lua_source"] == CONSENT_LUA
    assert splash["cache_args"] == ["lua_source"]
    assert req.dont_filter is True
    for step in ("splash:go", "splash:wait", "button.click()", "window.scrollTo"):
        assert step in CONSENT_LUA


@pytest.mark.splash
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


@pytest.mark.parametrize(
    "name",
    ["app_article.html", "next_article.html", "delayed_article.html", "consent_article.html"],
)
def test_js_fixture_pages_look_client_rendered(name: str) -> None:
    assert looks_client_rendered((FIXTURES / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["plain_article.html", "ssr_next_article.html"])
def test_server_rendered_fixture_pages_do_not(name: str) -> None:
    assert not looks_client_rendered((FIXTURES / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "html",
    [
        '<html><body><div id="root">  </div><script src="/main.js"></script></body></html>',
        "<html><body><noscript>Bitte JavaScript aktivieren!</noscript></body></html>",
        "<html><body><noscript>Please enable JavaScript to read this.</noscript></body></html>",
        '<html><body><app-root></app-root><script src="/runtime.js"></script></body></html>',
        "<html><body><p>Lädt…</p><script>window.__NUXT__={data:[{}]}</script></body></html>",
        '<html><body><div data-reactroot=""></div></body></html>',
    ],
)
def test_client_rendering_signals(html: str) -> None:
    assert looks_client_rendered(html)


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   ",
        "<html><body></body></html>",  # empty, but nothing suggests JavaScript would fill it
        "<html><body><p>Kurz.</p></body></html>",
        # A long server-rendered article keeps its noscript hint and empty widget root.
        "<html><body><div id='app'></div><noscript>JavaScript aktivieren</noscript>"
        + "<p>"
        + "Ein langer Absatz mit echtem Artikeltext. " * 20
        + "</p></body></html>",
    ],
)
def test_not_client_rendered(html: str) -> None:
    assert not looks_client_rendered(html)


def test_chrome_text_does_not_count_as_content() -> None:
    links = " ".join(f"<a href='/r{i}'>Ressort Nummer {i}</a>" for i in range(40))
    nav = f"<nav>{links}</nav>"
    html = f"<body><header>{nav}</header><div id='app'></div><footer>{nav}</footer></body>"
    assert looks_client_rendered(html)


def test_next_data_fixture_holds_the_text_the_script_renders() -> None:
    # Guards the fixture itself: the JS-only text is in the JSON blob, not in the markup.
    html = (FIXTURES / "next_article.html").read_text(encoding="utf-8")
    blob = html.split('type="application/json">', 1)[1].split("</script>", 1)[0]
    body = json.loads(blob)["props"]["pageProps"]["article"]["body"]
    assert body[0].startswith("Nach drei Tagen Hochwasser")


# --- RenderMiddleware ----------------------------------------------------------------------------


class _PlusFamily(Family):
    render_url_patterns = (r"^/plus/",)


class _PaperSpider(Spider):
    name = "paper"
    family = _PlusFamily
    render_url_patterns = (r"[?&]view=app\b",)


def _middleware() -> tuple[RenderMiddleware, _PaperSpider]:
    crawler = Crawler(_PaperSpider, Settings(splash_settings("http://127.0.0.1:8050")))
    crawler.stats = MemoryStatsCollector(crawler)
    spider = _PaperSpider()
    crawler.spider = spider
    return RenderMiddleware.from_crawler(crawler), spider


@pytest.mark.splash
def test_render_middleware_renders_family_and_paper_patterns() -> None:
    mw, spider = _middleware()
    base = "https://www.zeitung.de"
    out = list(
        mw.process_spider_output(
            None,
            [
                Request(f"{base}/plus/artikel-1.html", _noop, meta={"source": "feed"}, priority=3),
                Request(f"{base}/lokales/artikel-2.html?view=app", _noop),
                Request(f"{base}/lokales/plus/artikel-3.html", _noop),  # pattern is anchored
                {"an": "item"},
            ],
            spider,
        )
    )
    plus, app, plain, item = out
    assert plus.meta["splash"]["endpoint"] == "execute"
    assert plus.meta["source"] == "feed" and plus.meta[RENDER_META] == "pattern"
    assert plus.priority == 3 and plus.callback is _noop
    assert app.meta["splash"]["endpoint"] == "execute"
    assert "splash" not in plain.meta
    assert item == {"an": "item"}
    stats = mw.crawler.stats
    assert stats.get_value("newscrawl/render/requested") == 2
    assert stats.get_value("newscrawl/render/pattern") == 2
    # Already-rendered requests pass unchanged (no double conversion).
    assert list(mw.process_spider_output(None, [plus], spider)) == [plus]


@pytest.mark.splash
def test_render_middleware_counts_rendered_responses_only() -> None:
    mw, spider = _middleware()
    rendered = render_request("https://www.zeitung.de/a.html", _noop, meta={RENDER_META: "x"})
    mw.process_spider_input(HtmlResponse(rendered.url, request=rendered, body=b""), spider)
    plain = Request("https://www.zeitung.de/b.html")
    mw.process_spider_input(HtmlResponse(plain.url, request=plain, body=b""), spider)
    assert mw.crawler.stats.get_value("newscrawl/render/rendered") == 1


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
    assert spider["newscrawl.rendering.splash.RenderMiddleware"] == 110
    # One HttpCompressionMiddleware, moved behind SplashMiddleware (not a second instance).
    merged = settings.getwithbase("DOWNLOADER_MIDDLEWARES")
    compression = [k for k in merged if "HttpCompressionMiddleware" in str(k)]
    assert compression == ["scrapy.downloadermiddlewares.httpcompression.HttpCompressionMiddleware"]
    assert merged[compression[0]] == 810
    assert settings["REQUEST_FINGERPRINTER_CLASS"] == "scrapy_splash.SplashRequestFingerprinter"
    assert settings["SPLASH_URL"] == "http://127.0.0.1:8050"


def test_splash_addon_changes_nothing_without_splash_url() -> None:
    settings = _with_addon(SPLASH_URL=None, DOWNLOADER_MIDDLEWARES={"x.Y": 40})
    assert settings.getdict("DOWNLOADER_MIDDLEWARES") == {"x.Y": 40}
    assert not settings.getdict("SPIDER_MIDDLEWARES")
    assert settings["REQUEST_FINGERPRINTER_CLASS"] != "scrapy_splash.SplashRequestFingerprinter"


def test_project_settings_enable_the_splash_addon() -> None:
    # Contract with newscrawl/settings.py: ADDONS holds the add-on (it is inert without Splash).
    from newscrawl import settings as project

    assert "newscrawl.rendering.splash.SplashAddon" in project.ADDONS
