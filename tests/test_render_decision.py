"""The one render decision (newscrawl.rendering.decision, .middleware) for both renderers, and
the client-rendering detector on the JS fixtures. No browser, no Splash server: a renderer's
request is only built (tests marked ``splash`` / ``playwright`` need that renderer's plugin)."""

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

from newscrawl.extract import extract_article
from newscrawl.extract.client_rendering import looks_client_rendered
from newscrawl.families.base import Family
from newscrawl.rendering.decision import (
    RENDER_META,
    fallback_request,
    is_rendered,
    renderer_name,
)
from newscrawl.rendering.middleware import RenderMiddleware
from newscrawl.rendering.playwright import PlaywrightAddon
from newscrawl.rendering.splash import SplashAddon

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "js"
JS_PAGES = ["app_article.html", "next_article.html", "xhr_article.html", "delayed_article.html",
            "consent_article.html"]
PLAIN_PAGES = ["plain_article.html", "ssr_next_article.html"]
# The setting that switches each renderer on, with a value; the marker its plugin needs.
RENDERERS = [
    pytest.param("splash", {"SPLASH_URL": "http://127.0.0.1:8050"}, marks=pytest.mark.splash),
    pytest.param("playwright", {"NEWSCRAWL_CHROMIUM": "/usr/bin/chromium"},
                 marks=pytest.mark.playwright),
]


def _noop(response: object) -> None:
    return None


# --- the detector on the fixtures ----------------------------------------------------------------


@pytest.mark.parametrize("name", JS_PAGES)
def test_js_fixture_pages_look_client_rendered(name: str) -> None:
    assert looks_client_rendered((FIXTURES / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", PLAIN_PAGES)
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


# --- which renderer ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({}, None),
        ({"SPLASH_URL": "http://127.0.0.1:8050"}, "splash"),
        ({"NEWSCRAWL_CHROMIUM": "/usr/bin/chromium"}, "playwright"),
        ({"PLAYWRIGHT_CDP_URL": "http://127.0.0.1:9222"}, "playwright"),
    ],
)
def test_renderer_name_from_its_switch(values: dict[str, str], expected: str | None) -> None:
    assert renderer_name(Settings(values)) == expected


def test_two_renderers_at_once_are_refused() -> None:
    both = Settings({"SPLASH_URL": "http://127.0.0.1:8050", "NEWSCRAWL_CHROMIUM": "/x/chromium"})
    with pytest.raises(ValueError, match="SPLASH_URL and NEWSCRAWL_CHROMIUM"):
        renderer_name(both)
    with pytest.raises(ValueError, match="one renderer"):
        PlaywrightAddon().update_settings(both)
    with pytest.raises(ValueError, match="one renderer"):
        SplashAddon().update_settings(both)


def test_is_rendered_by_either_plugins_meta() -> None:
    assert is_rendered({"splash": {"endpoint": "execute"}})
    assert is_rendered({"playwright": True})
    assert not is_rendered({"playwright": False})
    assert not is_rendered({"source": "feed"})


# --- the add-ons are inert without their setting -----------------------------------------------


@pytest.mark.parametrize("addon", [SplashAddon, PlaywrightAddon])
def test_addons_change_nothing_without_their_setting(addon: type) -> None:
    settings = Settings()
    own = {"DOWNLOADER_MIDDLEWARES": {"x.Y": 40}, "DOWNLOAD_HANDLERS": {"s3": None}}
    settings.setdict(own, priority="project")
    before = {key: settings.getpriority(key) for key in settings}
    addon().update_settings(settings)
    assert settings.getdict("DOWNLOADER_MIDDLEWARES") == {"x.Y": 40}
    assert settings.getdict("DOWNLOAD_HANDLERS") == {"s3": None}
    assert not settings.getdict("SPIDER_MIDDLEWARES")
    assert {key: settings.getpriority(key) for key in settings} == before


@pytest.mark.playwright
def test_playwright_addon_wires_chromium_beside_the_projects_handlers() -> None:
    settings = Settings()
    settings.setdict({"NEWSCRAWL_CHROMIUM": "/usr/bin/chromium",
                      "DOWNLOAD_HANDLERS": {"s3": None}}, priority="project")
    PlaywrightAddon().update_settings(settings)
    handler = "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler"
    assert settings.getdict("DOWNLOAD_HANDLERS") == {"s3": None, "http": handler,
                                                     "https": handler}
    launch = settings.getdict("PLAYWRIGHT_LAUNCH_OPTIONS")
    assert launch["executable_path"] == "/usr/bin/chromium" and launch["headless"] is True
    assert "--disable-background-networking" in launch["args"]
    assert settings.getdict("SPIDER_MIDDLEWARES") == {
        "newscrawl.rendering.middleware.RenderMiddleware": 110}
    assert not settings.get("PLAYWRIGHT_CDP_URL")
    # A remote browser: connect, launch nothing.
    remote = Settings({"PLAYWRIGHT_CDP_URL": "http://127.0.0.1:9222"})
    PlaywrightAddon().update_settings(remote)
    assert remote["PLAYWRIGHT_CDP_URL"] == "http://127.0.0.1:9222"
    assert not remote.getdict("PLAYWRIGHT_LAUNCH_OPTIONS")


def test_project_settings_enable_both_addons_and_no_renderer() -> None:
    # Contract with newscrawl/settings.py (its environment is the test run's: none set here).
    from newscrawl import settings as project

    assert "newscrawl.rendering.splash.SplashAddon" in project.ADDONS
    assert "newscrawl.rendering.playwright.PlaywrightAddon" in project.ADDONS
    assert project.TWISTED_REACTOR.endswith("AsyncioSelectorReactor")  # scrapy-playwright's need


# --- the fallback: a fetched page re-requested rendered ------------------------------------------


class _Spider(Spider):
    name = "paper"


def _crawler(values: dict[str, Any]) -> Crawler:
    crawler = Crawler(_Spider, Settings(values))
    crawler.stats = MemoryStatsCollector(crawler)
    crawler.spider = _Spider()
    return crawler


def _page(name: str, meta: dict[str, Any] | None = None) -> tuple[HtmlResponse, Any]:
    url = f"https://www.zeitung.de/lokales/{name}"
    html = (FIXTURES / name).read_text(encoding="utf-8")
    request = Request(url, meta={"source": "feed", "entry": 1, **(meta or {})})
    response = HtmlResponse(url, body=html.encode(), encoding="utf-8", request=request)
    return response, extract_article(html, url)


@pytest.mark.parametrize(("renderer", "switch"), RENDERERS)
@pytest.mark.parametrize("name", JS_PAGES)
def test_js_pages_are_re_requested_through_the_renderer(
    renderer: str, switch: dict[str, str], name: str
) -> None:
    crawler = _crawler(switch)
    response, extracted = _page(name)
    request = fallback_request(crawler, response, extracted, _noop)
    assert request is not None and is_rendered(request.meta)
    assert request.url == response.url and request.callback is _noop and request.dont_filter
    assert request.meta[RENDER_META] == "fallback"
    assert request.meta["source"] == "feed" and "entry" not in request.meta
    assert ("splash" in request.meta) == (renderer == "splash")
    assert crawler.stats.get_value("newscrawl/render/requested") == 1


@pytest.mark.parametrize(
    "switch",
    [{}, {"SPLASH_URL": "http://127.0.0.1:8050"}, {"NEWSCRAWL_CHROMIUM": "/usr/bin/chromium"}],
)
@pytest.mark.parametrize("name", PLAIN_PAGES)
def test_plain_pages_are_never_rendered(switch: dict[str, str], name: str) -> None:
    crawler = _crawler(switch)
    response, extracted = _page(name)
    assert extracted.is_article
    assert fallback_request(crawler, response, extracted, _noop) is None
    assert crawler.stats.get_stats() == {}


@pytest.mark.parametrize("name", JS_PAGES)
def test_without_a_renderer_js_pages_are_counted(name: str) -> None:
    crawler = _crawler({})
    response, extracted = _page(name)
    assert fallback_request(crawler, response, extracted, _noop) is None
    assert crawler.stats.get_stats() == {"newscrawl/render/needed_no_splash": 1}


@pytest.mark.parametrize("meta", [{"playwright": True}, {"splash": {"endpoint": "execute"}}])
def test_a_rendered_page_is_never_rendered_again(meta: dict[str, Any]) -> None:
    # The raw fixture stands for a render that still wrote nothing.
    crawler = _crawler({"NEWSCRAWL_CHROMIUM": "/usr/bin/chromium"})
    response, extracted = _page("app_article.html", meta)
    assert fallback_request(crawler, response, extracted, _noop) is None
    assert crawler.stats.get_stats() == {"newscrawl/render/still_not_article": 1}


# --- RenderMiddleware: URL patterns rendered from the start --------------------------------------


class _PlusFamily(Family):
    render_url_patterns = (r"^/plus/",)


class _PaperSpider(Spider):
    name = "paper"
    family = _PlusFamily
    render_url_patterns = (r"[?&]view=app\b",)


def _middleware(switch: dict[str, str]) -> tuple[RenderMiddleware, _PaperSpider]:
    crawler = Crawler(_PaperSpider, Settings(switch))
    crawler.stats = MemoryStatsCollector(crawler)
    spider = _PaperSpider()
    crawler.spider = spider
    return RenderMiddleware.from_crawler(crawler), spider


@pytest.mark.parametrize(("renderer", "switch"), RENDERERS)
def test_render_middleware_renders_family_and_paper_patterns(
    renderer: str, switch: dict[str, str]
) -> None:
    mw, spider = _middleware(switch)
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
    assert is_rendered(plus.meta) and is_rendered(app.meta)
    assert ("splash" in plus.meta) == (renderer == "splash")
    assert plus.meta["source"] == "feed" and plus.meta[RENDER_META] == "pattern"
    assert plus.priority == 3 and plus.callback is _noop
    assert not is_rendered(plain.meta) and RENDER_META not in plain.meta
    assert item == {"an": "item"}
    stats = mw.crawler.stats
    assert stats.get_value("newscrawl/render/requested") == 2
    assert stats.get_value("newscrawl/render/pattern") == 2
    # Already-rendered requests pass unchanged (no double conversion).
    assert list(mw.process_spider_output(None, [plus], spider)) == [plus]


@pytest.mark.parametrize(("renderer", "switch"), RENDERERS)
def test_render_middleware_counts_rendered_responses_only(
    renderer: str, switch: dict[str, str]
) -> None:
    mw, spider = _middleware(switch)
    converter, _ = _middleware(switch)
    (rendered,) = converter.process_spider_output(
        None, [Request("https://www.zeitung.de/plus/a.html", _noop)], spider)
    mw.process_spider_input(HtmlResponse(rendered.url, request=rendered, body=b""), spider)
    plain = Request("https://www.zeitung.de/b.html")
    mw.process_spider_input(HtmlResponse(plain.url, request=plain, body=b""), spider)
    assert mw.crawler.stats.get_value("newscrawl/render/rendered") == 1
