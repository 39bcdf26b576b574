"""JavaScript rendering through Splash: the add-on, its Scrapy settings and render requests.

Without ``SPLASH_URL`` the crawler never uses Splash; with it, ``SplashAddon`` merges
``splash_settings()`` (scrapy-splash wiring plus ``RenderMiddleware``). Whether and when a page
is rendered is decided in ``newscrawl.rendering.decision``, for Splash and Playwright alike;
this module only says how Splash renders. See docs/rendering.md.

scrapy-splash is imported only through ``newscrawl.rendering.splash_plugin``, from
``render_request`` and by the middleware path in ``splash_settings``: it is installed on the
pinned stack only (it does not import on Scrapy 2.16+), and this module is loaded by every
crawl (``ADDONS``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from scrapy import Request
from scrapy.settings import BaseSettings

from newscrawl.rendering.decision import renderer_name
from newscrawl.rendering.page_script import CONSENT_CLICK_JS
from newscrawl.rendering.settings_merge import merge_settings

__all__ = [
    "CONSENT_LUA",
    "SplashAddon",
    "page_render_request",
    "render_request",
    "splash_settings",
]


def splash_settings(splash_url: str) -> dict[str, Any]:
    """Scrapy settings that route ``SplashRequest``s through the Splash at ``splash_url``.

    As the scrapy-splash 0.11 README configures it, with two deliberate differences from older
    READMEs: its ``SplashRequestFingerprinter`` replaces the deprecated ``SplashAwareDupeFilter``
    and ``SplashAwareFSCacheStorage`` (the stock dupefilter and HTTP cache use the crawler's
    fingerprinter, which then tells a rendered request from the plain one for the same URL, so
    a render re-request is not dropped as a duplicate); and the args-dedup spider middleware is
    ``newscrawl.rendering.splash_plugin``' Scrapy 2.13-compatible subclass.

    Imports scrapy-splash (``ImportError`` where it is missing or broken), with its import-time
    deprecation warning silenced, before Scrapy loads the middlewares named here.
    """
    import newscrawl.rendering.splash_plugin  # noqa: F401  (deferred: pinned stack only)

    return {
        "SPLASH_URL": splash_url.rstrip("/"),
        "DOWNLOADER_MIDDLEWARES": {
            "scrapy_splash.SplashCookiesMiddleware": 723,
            "scrapy_splash.SplashMiddleware": 725,
            "scrapy.downloadermiddlewares.httpcompression.HttpCompressionMiddleware": 810,
        },
        "SPIDER_MIDDLEWARES": {
            # scrapy_splash.SplashDeduplicateArgsMiddleware plus the async hooks Scrapy 2.13 needs.
            "newscrawl.rendering.splash_plugin.SplashDeduplicateArgsMiddleware": 100,
            # Above 100: the render requests it makes still pass the args-dedup middleware.
            "newscrawl.rendering.middleware.RenderMiddleware": 110,
        },
        "REQUEST_FINGERPRINTER_CLASS": "scrapy_splash.SplashRequestFingerprinter",
    }


class SplashAddon:
    """Scrapy add-on (``ADDONS``): merges ``splash_settings()`` when ``SPLASH_URL`` is set.

    Reads the final settings, so ``SPLASH_URL`` may come from the environment (settings.py) or
    from ``-s SPLASH_URL=…``; without it the add-on changes nothing. Middlewares are added to the
    project's dicts; the fingerprinter is set at least at add-on priority.
    """

    def update_settings(self, settings: BaseSettings) -> None:
        url = settings.get("SPLASH_URL")
        if not url:
            return
        renderer_name(settings)  # refuses SPLASH_URL together with a browser renderer
        try:
            values = splash_settings(url)
        except ImportError as err:
            raise ImportError(
                f"SPLASH_URL is set, but scrapy-splash cannot be imported ({err}); it does not "
                "import on Scrapy 2.16+: render with NEWSCRAWL_CHROMIUM or PLAYWRIGHT_CDP_URL "
                "instead (docs/rendering.md)"
            ) from err
        merge_settings(settings, values, _keep_compression_subclass)


_STOCK_COMPRESSION = "scrapy.downloadermiddlewares.httpcompression.HttpCompressionMiddleware"


def _keep_compression_subclass(key: str, middlewares: dict[str, Any]) -> dict[str, Any]:
    """Downloader middlewares by import path, like *_BASE: HttpCompressionMiddleware replaces
    the base entry (590) instead of running a second time at 810. When the project replaced it
    by a subclass (the bad-input counting one), that subclass moves to Splash's position instead
    of the stock class being re-enabled next to it."""
    from scrapy.downloadermiddlewares.httpcompression import HttpCompressionMiddleware
    from scrapy.utils.misc import load_object

    if key != "DOWNLOADER_MIDDLEWARES":
        return middlewares
    position = middlewares.get(_STOCK_COMPRESSION)
    for path, priority in middlewares.items():
        if path == _STOCK_COMPRESSION or priority is None or not isinstance(path, str):
            continue
        try:
            cls = load_object(path)
        except (ImportError, NameError, ValueError):
            continue
        if isinstance(cls, type) and issubclass(cls, HttpCompressionMiddleware):
            return {**middlewares, _STOCK_COMPRESSION: None, path: position}
    return middlewares


# Lua for the ``execute`` endpoint: load, wait, accept a cookie/consent banner if one is shown,
# scroll to the bottom (lazy-loaded paragraphs), wait again, return the DOM. Consent buttons are
# found by their label, also inside open shadow roots (Usercentrics); cross-origin consent
# iframes (Sourcepoint) cannot be reached from the page and stay as they are.
CONSENT_LUA = r"""
function main(splash, args)
  splash.images_enabled = false
  splash.resource_timeout = args.resource_timeout or 10
  local ok, reason = splash:go(args.url)
  if not ok and not tostring(reason):find("^http") then
    error(reason)
  end
  splash:wait(args.wait)
  local clicked = splash:evaljs([[
""" + CONSENT_CLICK_JS + r"""  ]])
  if clicked then
    splash:wait(args.wait)
  end
  splash:runjs("window.scrollTo(0, document.body.scrollHeight);")
  splash:wait(args.wait)
  local status = nil
  local entries = splash:history()
  if #entries > 0 then
    status = entries[#entries].response.status
  end
  if not ok then
    local _, _, code = tostring(reason):find("^http(%d+)$")  -- the sandbox has no :match
    status = tonumber(code) or status
  elseif status == nil or status == 304 then
    status = 200  -- from Splash's browser cache (no history entry, or revalidated)
  end
  return {html = splash:html(), url = splash:url(), http_status = status,
          consent_clicked = clicked}
end
"""


def render_request(
    url: str,
    callback: Callable[..., Any],
    *,
    lua: bool = False,
    wait: float = 0.5,
    meta: dict[str, Any] | None = None,
    **kw: Any,
) -> Request:
    """A ``SplashRequest`` for ``url`` that returns the rendered DOM as the response body.

    ``lua=False`` uses ``render.html`` (load, then ``wait`` seconds); ``lua=True`` runs
    ``CONSENT_LUA`` on ``execute`` (wait, click a consent button, scroll, wait). Either way the
    response's ``url`` is the page URL and its ``status`` the page's HTTP status. Extra keyword
    arguments go to ``SplashRequest`` (``errback``, ``dont_filter``, ``cb_kwargs``, ``args``...).
    """
    # Deferred: scrapy-splash is installed on the pinned stack only (see the module docstring).
    from newscrawl.rendering.splash_plugin import SplashRequest

    args: dict[str, Any] = {"wait": wait, "timeout": 30, "resource_timeout": 10}
    args.update(kw.pop("args", None) or {})
    if lua:
        args["lua_source"] = CONSENT_LUA
        # Send the script once per Splash and a hash afterwards (SplashDeduplicateArgsMiddleware).
        kw.setdefault("cache_args", ["lua_source"])
        return SplashRequest(url, callback, endpoint="execute", args=args, meta=meta, **kw)
    args.setdefault("images", 0)
    return SplashRequest(url, callback, endpoint="render.html", args=args, meta=meta, **kw)




def page_render_request(url: str, callback: Callable[..., Any], **kw: Any) -> Request:
    """The render the decision asks for (``newscrawl.rendering.decision.RENDERERS``):
    ``render_request(..., lua=True)``, consent click and scroll included."""
    return render_request(url, callback, lua=True, **kw)
