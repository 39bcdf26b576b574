"""The one client-rendering detector: does this page write its article with JavaScript in the
browser, so that only a rendered copy (Splash) has the text?

It reads the tree extraction already parsed (no second parse) and is asked only when extraction
found no body worth the name. One vocabulary, the union of what the extractor and the render
decision used to check separately:

- little visible text: under ``MIN_TEXT_CHARS`` characters outside scripts and page furniture
  (nav, header, footer) — a server-rendered page with text never needs rendering, whatever
  framework it is built with;
- and at least one sign of client rendering:
  * an app mount point with (almost) no text: ids in ``APP_ROOT_IDS``, the attributes in
    ``APP_ROOT_ATTRS`` (React, AngularJS, Angular) or Angular's ``<app-root>``;
  * a ``<noscript>`` asking the reader to turn JavaScript on (``JS_NOTICE``, German and English
    wording; the notice is a sign among the others, not the only one);
  * a framework state blob in a script (``STATE_MARKERS``: Next.js, Nuxt, Redux/Apollo, Remix).
"""

from __future__ import annotations

import re

from lxml import etree

from newscrawl.extract.tree import parse_html, text_of

MIN_TEXT_CHARS = 300
# Bodies shorter than this (e.g. only a cookie banner) are the pages worth asking about.
RENDER_BELOW_CHARS = 200
# A mount point "with no text" still may hold a loading spinner or a cookie notice.
APP_ROOT_MAX_CHARS = 200
APP_ROOT_IDS = frozenset({
    "app", "root", "__next", "__nuxt", "___gatsby", "main-app", "app-root", "svelte",
})
APP_ROOT_ATTRS = ("data-reactroot", "ng-app", "ng-version")
APP_ROOT_TAGS = frozenset({"app-root"})
JS_NOTICE = re.compile(
    r"javascript\s+(?:aktivieren|einschalten|zulassen)|aktivieren\s+sie\s+(?:bitte\s+)?javascript"
    r"|javascript\s+(?:ist\s+)?(?:deaktiviert|ausgeschaltet)|(?:benötigt|erfordert)\s+javascript"
    r"|enable\s+javascript|javascript\s+(?:is\s+)?(?:disabled|required)|requires?\s+javascript"
    r"|turn\s+on\s+javascript",
    re.IGNORECASE,
)
STATE_MARKERS = (
    "__NEXT_DATA__", "window.__NUXT__", "__INITIAL_STATE__", "__PRELOADED_STATE__",
    "__APOLLO_STATE__", "__remixContext",
)
# Text inside these is not content a reader sees as the page's text (also what a browser
# render counts while it waits for the text: newscrawl.rendering.playwright).
NON_CONTENT_TAGS = frozenset({
    "script", "style", "noscript", "template", "svg", "nav", "header", "footer",
})


def _content_chars(el: etree._Element, limit: int) -> int:
    """Visible characters under ``el`` outside ``NON_CONTENT_TAGS``; stops counting at ``limit``."""
    total = 0
    stack = [el]
    while stack and total < limit:
        node = stack.pop()
        if not isinstance(node.tag, str) or node.tag in NON_CONTENT_TAGS:
            if node.tail and node is not el:
                total += len(node.tail.strip())
            continue
        if node.text:
            total += len(node.text.strip())
        if node.tail and node is not el:
            total += len(node.tail.strip())
        stack.extend(reversed(node))
    return total


def _is_app_root(el: etree._Element) -> bool:
    return (el.tag in APP_ROOT_TAGS or (el.get("id") or "").lower() in APP_ROOT_IDS
            or any(el.get(attr) is not None for attr in APP_ROOT_ATTRS))


def rendering_signs(root: etree._Element) -> list[str]:
    """The client-rendering signs of a page (empty when its text is already there)."""
    body = root.find("body")
    if _content_chars(body if body is not None else root, MIN_TEXT_CHARS) >= MIN_TEXT_CHARS:
        return []
    signs: list[str] = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if _is_app_root(el) and len(text_of(el)) < APP_ROOT_MAX_CHARS:
            signs.append("app_root")
        elif el.tag == "noscript" and JS_NOTICE.search("".join(el.itertext())):
            signs.append("js_notice")
        elif el.tag == "script" and (el.get("id") in STATE_MARKERS or any(
                marker in (el.text or "") for marker in STATE_MARKERS)):
            signs.append("state_blob")
    return sorted(set(signs))


def needs_rendering(root: etree._Element) -> bool:
    """Whether the page's article is written by JavaScript (see the module docstring)."""
    return bool(rendering_signs(root))


def looks_client_rendered(html: str) -> bool:
    """``needs_rendering`` for callers that hold only the HTML (tests, benchmarks)."""
    root = parse_html(html) if html and html.strip() else None
    return root is not None and needs_rendering(root)
