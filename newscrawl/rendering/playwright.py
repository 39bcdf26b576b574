"""JavaScript rendering in Chromium through scrapy-playwright: the add-on, its settings, requests.

Without ``NEWSCRAWL_CHROMIUM`` (a Chromium executable, e.g. Debian's ``/usr/bin/chromium``) or
``PLAYWRIGHT_CDP_URL`` (a Chromium already running elsewhere, reached over the DevTools
protocol) the crawler never starts a browser; with one of them, ``PlaywrightAddon`` merges
``playwright_settings()``. Which pages are rendered is decided in
``newscrawl.rendering.decision``, as for Splash; this module only says how the browser renders.
See docs/rendering.md.

scrapy-playwright is imported where it is used (the download handler named in the settings,
``PageMethod`` in ``render_request``), not here: this module is loaded by every crawl
(``ADDONS``), also on stacks without the plugin.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from scrapy import Request
from scrapy.settings import BaseSettings

from newscrawl.extract.client_rendering import (
    APP_ROOT_ATTRS,
    APP_ROOT_IDS,
    APP_ROOT_MAX_CHARS,
    APP_ROOT_TAGS,
    MIN_TEXT_CHARS,
    NON_CONTENT_TAGS,
)
from newscrawl.rendering.decision import renderer_name
from newscrawl.rendering.page_script import CONSENT_CLICK_JS
from newscrawl.rendering.settings_merge import merge_settings

__all__ = [
    "CHROMIUM_ARGS",
    "RENDER_JS",
    "PlaywrightAddon",
    "playwright_settings",
    "render_request",
    "skip_resource",
]

HANDLER = "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler"
# Headless flags that work without a desktop session or a network beyond loopback: without the
# background-networking/component-update/sync ones Chromium phones home at start-up, and where
# that is refused its own connections fail too. Playwright adds --headless and a fresh temporary
# --user-data-dir itself.
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
# Sub-resources a text render does not need (as Splash's images=0), aborted in the browser.
SKIPPED_RESOURCES = frozenset({"image", "media", "font"})


def playwright_settings(chromium: str | None, cdp_url: str | None = None) -> dict[str, Any]:
    """Scrapy settings that send requests with ``meta["playwright"]`` through Chromium.

    ``cdp_url`` connects to a running Chromium (``--remote-debugging-port``; it wins when both
    are given); otherwise ``chromium`` is launched headless by Playwright. Every other request
    still goes through Scrapy's own HTTP download handler (scrapy-playwright falls back to it),
    so plain pages do not touch the browser.
    """
    values: dict[str, Any] = {
        "DOWNLOAD_HANDLERS": {"http": HANDLER, "https": HANDLER},
        "PLAYWRIGHT_BROWSER_TYPE": "chromium",
        "PLAYWRIGHT_ABORT_REQUEST": "newscrawl.rendering.playwright.skip_resource",
        "SPIDER_MIDDLEWARES": {"newscrawl.rendering.middleware.RenderMiddleware": 110},
    }
    if cdp_url:
        values["PLAYWRIGHT_CDP_URL"] = cdp_url
    else:
        values["PLAYWRIGHT_LAUNCH_OPTIONS"] = {
            "executable_path": chromium,
            "headless": True,
            "args": list(CHROMIUM_ARGS),
        }
    return values


class PlaywrightAddon:
    """Scrapy add-on (``ADDONS``): merges ``playwright_settings()`` when ``NEWSCRAWL_CHROMIUM``
    or ``PLAYWRIGHT_CDP_URL`` is set (environment or ``-s``); without them it changes nothing.

    Refuses to start when Splash is switched on too, or when scrapy-playwright is missing.
    """

    def update_settings(self, settings: BaseSettings) -> None:
        chromium = settings.get("NEWSCRAWL_CHROMIUM")
        cdp_url = settings.get("PLAYWRIGHT_CDP_URL")
        if not (chromium or cdp_url):
            return
        renderer_name(settings)  # refuses a browser together with SPLASH_URL
        try:
            import scrapy_playwright  # noqa: F401  (only to fail here, with a clear message)
        except ImportError as err:
            raise ImportError(
                f"NEWSCRAWL_CHROMIUM/PLAYWRIGHT_CDP_URL is set, but scrapy-playwright cannot be "
                f"imported ({err}); install it (docs/rendering.md)"
            ) from err
        merge_settings(settings, playwright_settings(chromium, cdp_url))


def skip_resource(request: Any) -> bool:
    """``PLAYWRIGHT_ABORT_REQUEST``: whether the browser skips this sub-resource (images, media,
    fonts: nothing a text render needs)."""
    return request.resource_type in SKIPPED_RESOURCES


_ROOT_SELECTOR = ",".join([
    *(f'[id="{name}" i]' for name in sorted(APP_ROOT_IDS)),
    *(f"[{attr}]" for attr in APP_ROOT_ATTRS),
    *sorted(APP_ROOT_TAGS),
])
_SKIP_SELECTOR = ",".join(sorted(NON_CONTENT_TAGS))

# Evaluated in the page after "load". Clicks a consent button (CONSENT_CLICK_JS, retried while
# none was found), then waits until the article is there - the client-rendering detector's
# signs, read in the browser: the page has MIN_TEXT_CHARS of text outside page furniture, or its
# text has not changed for `wait` ms after it grew or while no mount point is (almost) empty; at
# most `timeout` ms. Then scrolls to the bottom (lazy-loaded paragraphs) and waits `wait` ms.
# Splash's Lua waits a fixed 3 x `wait` instead; this one also gets text written 1.5 s after
# load (delayed fixture) and returns as soon as a server-rendered page is complete.
RENDER_JS = r"""
async ({wait, timeout, minChars, maxRootChars, rootSelector, skipSelector}) => {
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const clickConsent = () => """ + CONSENT_CLICK_JS.strip() + r""";
  const contentChars = () => {
    if (!document.body) { return 0; }
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    let total = 0;
    for (let node = walker.nextNode(); node && total < minChars; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (parent && !parent.closest(skipSelector)) { total += node.nodeValue.trim().length; }
    }
    return total;
  };
  const emptyRoot = () => Array.from(document.querySelectorAll(rootSelector)).some(
    (el) => (el.textContent || "").trim().length < maxRootChars);
  const started = Date.now();
  const initial = contentChars();
  let clicked = false, last = initial, stableSince = started;
  for (;;) {
    if (!clicked) { clicked = clickConsent(); }
    const chars = contentChars();
    if (chars !== last) { last = chars; stableSince = Date.now(); }
    const settled = Date.now() - stableSince >= wait && (chars > initial || !emptyRoot());
    const done = chars >= minChars || settled;
    if (done || Date.now() - started >= timeout) { break; }
    await sleep(100);
  }
  window.scrollTo(0, document.body ? document.body.scrollHeight : 0);
  await sleep(wait);
  return clicked;
}
"""


def render_request(
    url: str,
    callback: Callable[..., Any],
    *,
    wait: float = 0.5,
    timeout: float = 5.0,
    meta: dict[str, Any] | None = None,
    **kw: Any,
) -> Request:
    """A request for ``url`` rendered in Chromium: ``RENDER_JS`` after the page's load event
    (consent click, wait for the text, at most ``timeout`` seconds, scroll, ``wait``).

    The response is an ordinary ``HtmlResponse`` of the rendered DOM with the page's URL and
    HTTP status. Extra keyword arguments go to ``scrapy.Request`` (``errback``, ``dont_filter``,
    ``cb_kwargs``, ``priority``...).
    """
    # Deferred: scrapy-playwright is installed only where the browser renderer is used.
    from scrapy_playwright.page import PageMethod

    arg = {
        "wait": round(wait * 1000),
        "timeout": round(timeout * 1000),
        "minChars": MIN_TEXT_CHARS,
        "maxRootChars": APP_ROOT_MAX_CHARS,
        "rootSelector": _ROOT_SELECTOR,
        "skipSelector": _SKIP_SELECTOR,
    }
    render_meta = {
        **(meta or {}),
        "playwright": True,
        "playwright_page_goto_kwargs": {"wait_until": "load"},
        "playwright_page_methods": [PageMethod("evaluate", RENDER_JS, arg)],
    }
    return Request(url, callback, meta=render_meta, **kw)
