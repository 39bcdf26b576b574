"""The one render decision, whichever renderer a crawl has.

Written once for both renderers, Splash (``newscrawl.rendering.splash``) and Chromium through
scrapy-playwright (``newscrawl.rendering.playwright``):

- which renderer: ``renderer_name(settings)`` - ``SPLASH_URL`` switches Splash on,
  ``NEWSCRAWL_CHROMIUM`` or ``PLAYWRIGHT_CDP_URL`` the browser; none of them, no rendering;
- whether a fetched page is re-requested rendered: ``fallback_request`` - only a page without a
  body worth the name that shows signs of client rendering (the extractor's ``needs_rendering``,
  ``newscrawl.extract.client_rendering``), and never a rendered page again;
- URLs rendered from the start (``render_url_patterns``) are ``RenderMiddleware``'s
  (``newscrawl.rendering.middleware``), through the same ``render_request``.

Those two are the only render requests newscrawl makes, so a plain page never goes through a
renderer; the ``newscrawl/render/*`` stats count each (docs/rendering.md).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

from scrapy import Request
from scrapy.http import Response
from scrapy.settings import BaseSettings
from scrapy.utils.misc import load_object

__all__ = [
    "RENDERERS",
    "RENDER_META",
    "SWITCHES",
    "fallback_request",
    "is_rendered",
    "render_request",
    "renderer_name",
]

logger = logging.getLogger(__name__)

# Request meta key of the render requests newscrawl makes: "fallback" (re-request of a page
# that came back without body text) or "pattern" (URL matched ``render_url_patterns``).
RENDER_META = "newscrawl_render"
# Renderer -> the settings that switch it on (any one set), and its page render request. Import
# paths, not imports: each renderer's Scrapy plugin is installed on its own stack only
# (scrapy-splash does not import on Scrapy 2.16+).
SWITCHES: dict[str, tuple[str, ...]] = {
    "splash": ("SPLASH_URL",),
    "playwright": ("NEWSCRAWL_CHROMIUM", "PLAYWRIGHT_CDP_URL"),
}
RENDERERS: dict[str, str] = {
    "splash": "newscrawl.rendering.splash.page_render_request",
    "playwright": "newscrawl.rendering.playwright.render_request",
}
# A body this long is an article's text; below it (e.g. only a cookie banner) a page may be
# worth a render.
MIN_BODY_CHARS = 200


def renderer_name(settings: BaseSettings) -> str | None:
    """``"splash"``, ``"playwright"`` or None (no rendering), from the settings in ``SWITCHES``.

    Both switched on is a configuration error: one decision, one renderer.
    """
    on = [name for name, keys in SWITCHES.items() if any(settings.get(key) for key in keys)]
    if len(on) > 1:
        given = [key for name in on for key in SWITCHES[name] if settings.get(key)]
        raise ValueError(f"one renderer per crawl: {' and '.join(given)} are both set")
    return on[0] if on else None


def is_rendered(meta: Mapping[str, Any]) -> bool:
    """Whether a request (or its response) goes through a renderer, by either plugin's meta."""
    return "splash" in meta or bool(meta.get("playwright"))


def render_request(
    settings: BaseSettings, url: str, callback: Callable[..., Any], **kw: Any
) -> Request:
    """The crawl's renderer's page render (load, consent click, scroll, wait for the text) for
    ``url``; keyword arguments as for ``scrapy.Request`` (``meta``, ``errback``, ...)."""
    name = renderer_name(settings)
    if name is None:
        raise ValueError(f"no renderer: set one of {[k for v in SWITCHES.values() for k in v]}")
    return load_object(RENDERERS[name])(url, callback, **kw)


def fallback_request(
    crawler: Any,
    response: Response,
    extracted: Any,
    callback: Callable[..., Any],
    errback: Callable[..., Any] | None = None,
) -> Request | None:
    """A render re-request of ``response`` when its page needs one, else None.

    Candidates: no article, or under ``MIN_BODY_CHARS`` of body. Those that are client-rendered
    (``extracted.needs_rendering``) are re-requested once to ``callback`` with the ``source`` and
    ``listed_published`` meta kept (``newscrawl/render/requested``); without a renderer they are
    counted as ``newscrawl/render/needed_no_splash`` (the name from the Splash-only days). A
    rendered page that is still no article counts ``newscrawl/render/still_not_article``.
    """
    if extracted.is_article and sum(len(b.text) for b in extracted.blocks) >= MIN_BODY_CHARS:
        return None
    stats = crawler.stats
    spider = getattr(crawler.spider, "name", "-")
    if is_rendered(response.meta):  # rendered already: never twice
        if not extracted.is_article:
            stats.inc_value("newscrawl/render/still_not_article")
            logger.warning("%s: no article even after rendering: %s", spider, response.url)
        return None
    if not extracted.needs_rendering:
        return None
    if renderer_name(crawler.settings) is None:
        stats.inc_value("newscrawl/render/needed_no_splash")
        logger.warning(
            "%s: %s needs JavaScript rendering; set SPLASH_URL or NEWSCRAWL_CHROMIUM to render it",
            spider, response.url,
        )
        return None
    stats.inc_value("newscrawl/render/requested")
    meta = {key: response.meta[key] for key in ("source", "listed_published")
            if key in response.meta}
    meta[RENDER_META] = "fallback"
    return render_request(crawler.settings, response.url, callback, meta=meta, errback=errback,
                          dont_filter=True)
