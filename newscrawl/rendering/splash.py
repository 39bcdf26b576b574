"""JavaScript rendering through Splash: Scrapy settings, render requests, and the render decision.

Rendering is optional. Without ``SPLASH_URL`` the crawler never renders; with it, the
``SplashAddon`` merges ``splash_settings()`` (scrapy-splash wiring plus ``RenderMiddleware``) and
the spider re-requests client-rendered article pages with ``render_request()``.
Whether a page needs it is the extractor's decision (``newscrawl.extract.client_rendering``,
``ExtractedArticle.needs_rendering``). See docs/splash.md.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.settings import SETTINGS_PRIORITIES, BaseSettings

if TYPE_CHECKING:
    from scrapy_splash import SplashRequest

# scrapy-splash is imported only where Splash is switched on (newscrawl.rendering.splash_plugin):
# it does not import on Scrapy 2.16+, where this module must still load (README "Which stack").
__all__ = [
    "CONSENT_LUA",
    "RENDER_META",
    "RenderMiddleware",
    "SplashAddon",
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
    this module's Scrapy 2.13-compatible subclass.
    """
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
            "newscrawl.rendering.splash.RenderMiddleware": 110,
        },
        "REQUEST_FINGERPRINTER_CLASS": "scrapy_splash.SplashRequestFingerprinter",
    }


# Request meta key of the render requests newscrawl makes: "fallback" (re-request of a page
# that came back without body text) or "pattern" (URL matched ``render_url_patterns``).
RENDER_META = "newscrawl_render"


class RenderMiddleware:
    """Spider middleware: renders pattern-listed URLs from the start and counts rendered pages.

    A request whose URL path (plus ``?query``) matches one of the spider family's or the paper
    spider's ``render_url_patterns`` is replaced by ``render_request(..., lua=True)`` with the
    same callback, errback, meta, priority and cb_kwargs (stat ``newscrawl/render/requested``
    and ``newscrawl/render/pattern``). Each successful rendered response that reaches the
    spider counts ``newscrawl/render/rendered``. Enabled by ``splash_settings()``, so without
    Splash nothing is rewritten.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self._patterns: re.Pattern[str] | None = None
        self._patterns_for: Spider | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RenderMiddleware:
        return cls(crawler)

    def _pattern(self, spider: Spider) -> re.Pattern[str] | None:
        if self._patterns_for is not spider:
            family = getattr(spider, "family", None)
            found = (
                *(getattr(family, "render_url_patterns", None) or ()),
                *(getattr(spider, "render_url_patterns", None) or ()),
            )
            self._patterns = re.compile("|".join(f"(?:{p})" for p in found)) if found else None
            self._patterns_for = spider
        return self._patterns

    def _convert(self, obj: Any, spider: Spider) -> Any:
        if not isinstance(obj, Request) or "splash" in obj.meta:
            return obj
        pattern = self._pattern(spider)
        parts = urlsplit(obj.url)
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        if pattern is None or not pattern.search(target):
            return obj
        stats = self.crawler.stats
        stats.inc_value("newscrawl/render/requested")
        stats.inc_value("newscrawl/render/pattern")
        return render_request(
            obj.url,
            obj.callback,
            lua=True,
            meta={**obj.meta, RENDER_META: "pattern"},
            errback=obj.errback,
            priority=obj.priority,
            dont_filter=obj.dont_filter,
            cb_kwargs=obj.cb_kwargs,
        )

    def process_spider_input(self, response: Any, spider: Spider) -> None:
        if response.meta.get(RENDER_META) and "splash" in response.meta:
            self.crawler.stats.inc_value("newscrawl/render/rendered")

    def process_spider_output(self, response: Any, result: Any, spider: Spider) -> Any:
        for obj in result:
            yield self._convert(obj, spider)

    async def process_spider_output_async(
        self, response: Any, result: AsyncIterator[Any], spider: Spider
    ) -> AsyncIterator[Any]:
        async for obj in result:
            yield self._convert(obj, spider)

    async def process_start(self, start: AsyncIterator[Any]) -> AsyncIterator[Any]:
        async for obj in start:
            yield self._convert(obj, self.crawler.spider)


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
        for key, value in splash_settings(url).items():
            priority = max(settings.getpriority(key) or 0, SETTINGS_PRIORITIES["addon"])
            if isinstance(value, dict):
                # Import paths as keys, like *_BASE: HttpCompressionMiddleware must replace the
                # base entry (590), not run a second time at 810.
                value = {**settings.getdict(key), **value}
                if key == "DOWNLOADER_MIDDLEWARES":
                    value = _keep_compression_subclass(value)
            settings.set(key, value, priority=priority)


_STOCK_COMPRESSION = "scrapy.downloadermiddlewares.httpcompression.HttpCompressionMiddleware"


def _keep_compression_subclass(middlewares: dict[str, Any]) -> dict[str, Any]:
    """When the project replaced Scrapy's HttpCompressionMiddleware by a subclass (the
    bad-input counting one), move that subclass to Splash's position instead of re-enabling the
    stock class next to it."""
    from scrapy.downloadermiddlewares.httpcompression import HttpCompressionMiddleware
    from scrapy.utils.misc import load_object

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
    (function () {
      var words = 'akzeptieren|zustimmen|annehmen|erlauben|einverstanden|accept|agree|allow all';
      var label = new RegExp('^(alle\\s+)?(cookies\\s+)?(' + words + ')', 'i');
      function find(root) {
        var nodes = root.querySelectorAll('button, [role=button], input[type=button]');
        for (var i = 0; i < nodes.length; i++) {
          var text = (nodes[i].innerText || nodes[i].value || '').trim();
          if (label.test(text)) { return nodes[i]; }
        }
        var all = root.querySelectorAll('*');
        for (var j = 0; j < all.length; j++) {
          if (all[j].shadowRoot) {
            var hit = find(all[j].shadowRoot);
            if (hit) { return hit; }
          }
        }
        return null;
      }
      var button = find(document);
      if (button) { button.click(); return true; }
      return false;
    })()
  ]])
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
) -> SplashRequest:
    """A ``SplashRequest`` for ``url`` that returns the rendered DOM as the response body.

    ``lua=False`` uses ``render.html`` (load, then ``wait`` seconds); ``lua=True`` runs
    ``CONSENT_LUA`` on ``execute`` (wait, click a consent button, scroll, wait). Either way the
    response's ``url`` is the page URL and its ``status`` the page's HTTP status. Extra keyword
    arguments go to ``SplashRequest`` (``errback``, ``dont_filter``, ``cb_kwargs``, ``args``...).
    """
    args: dict[str, Any] = {"wait": wait, "timeout": 30, "resource_timeout": 10}
    args.update(kw.pop("args", None) or {})
    # Deferred: scrapy-splash is optional and does not import on Scrapy 2.16+.
    from newscrawl.rendering.splash_plugin import SplashRequest

    if lua:
        args["lua_source"] = CONSENT_LUA
        # Send the script once per Splash and a hash afterwards (SplashDeduplicateArgsMiddleware).
        kw.setdefault("cache_args", ["lua_source"])
        return SplashRequest(url, callback, endpoint="execute", args=args, meta=meta, **kw)
    args.setdefault("images", 0)
    return SplashRequest(url, callback, endpoint="render.html", args=args, meta=meta, **kw)


