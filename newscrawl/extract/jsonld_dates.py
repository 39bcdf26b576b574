"""The page's own dates in its JSON-LD: the story's article object first, then its WebPage.

Only objects that describe this page count: a script's top-level object, the members of its
``@graph`` and the ``mainEntity`` of a page. Teasers (``itemListElement``, ``hasPart``, objects
nested under other keys), images and videos describe something else, and so does an object
that names another page of the site as its own (``mainEntityOfPage``/``url``/``@id``: a video's
or a wiki article's page, not this one). When several article objects remain, the one whose
headline or URL is this page's wins; the others are teasers.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

from lxml import etree

from newscrawl.extract.structured import ARTICLE_TYPES, load_json_ld
from newscrawl.extract.tree import norm

# Keys under which a top-level object carries the page's own story (not teasers).
_OWN_KEYS = ("@graph", "mainEntity", "mainEntityOfPage")
_PUBLISHED_KEYS = ("datePublished", "dateCreated", "uploadDate")
_NON_WORD = re.compile(r"\W+")


@dataclass(slots=True)
class JsonLdDates:
    """Published and modified strings, most trusted first, each with its object kind."""

    published: list[tuple[str, str]]
    modified: list[tuple[str, str]]


def own_jsonld_dates(root: etree._Element, headline: str | None, url: str,
                     scripts: list[tuple[str, Any]] | None = None) -> JsonLdDates:
    """Dates of this page's story: its article object (or the best-matching one), then the
    WebPage's; ``headline`` and ``url`` pick the page's own article among several.

    ``scripts`` are the page's JSON-LD scripts as ``read_structured`` parsed them
    (``Structured.json_ld``), so that they are not parsed twice; None reads them from ``root``.
    """
    articles: list[dict[str, Any]] = []
    pages: list[dict[str, Any]] = []
    own: list[tuple[str, str]] | None = None
    if scripts is None:
        scripts = [(text, load_json_ld(text)) for script in root.iter("script")
                   if (script.get("type") or "").lower() == "application/ld+json"
                   and (text := script.text)]
    for text, parsed in scripts:
        for obj in _own_objects(_load(text, parsed)):
            if own is None:
                own = [_site_path(u) for u in _page_urls(root, url)]
            if _names_other_page(obj, own):
                continue
            kinds = _types(obj)
            if kinds & ARTICLE_TYPES:
                articles.append(obj)
            elif any(k.endswith("page") for k in kinds):
                pages.append(obj)
    ranked = _rank_articles(articles, headline, url)
    result = JsonLdDates([], [])
    for kind, objects in (("article", ranked), ("webpage", pages)):
        for obj in objects:
            for key in _PUBLISHED_KEYS:
                _add(result.published, kind, obj.get(key))
            _add(result.modified, kind, obj.get("dateModified"))
    return result


def _load(raw: str, found: Any) -> Any:
    """``found`` (``load_json_ld(raw)``), else the first complete value of a script with stray
    text after it (an extra closing brace is the usual break)."""
    if found is not None:
        return found
    try:
        return json.JSONDecoder(strict=False).raw_decode(raw.strip())[0]
    except ValueError:
        return None


def _own_objects(obj: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Top-level objects, ``@graph`` members and main entities; never teaser lists."""
    if depth > 3:
        return
    if isinstance(obj, list):
        for item in obj:
            yield from _own_objects(item, depth + 1)
    elif isinstance(obj, dict):
        yield obj
        for key in _OWN_KEYS:
            value = obj.get(key)
            if isinstance(value, (dict, list)):
                yield from _own_objects(value, depth + 1)


def _rank_articles(articles: list[dict[str, Any]], headline: str | None, url: str
                   ) -> list[dict[str, Any]]:
    """One article: itself. Several: those that name this page's headline or URL, else all."""
    if len(articles) < 2:
        return articles
    own = [a for a in articles if _is_this_page(a, headline, url)]
    return own or articles


def _is_this_page(obj: dict[str, Any], headline: str | None, url: str) -> bool:
    page_key = _key(headline)
    for name in ("headline", "name"):
        value = obj.get(name)
        if page_key and isinstance(value, str) and _key(value) == page_key:
            return True
    own_url = _strip_url(url)
    for name in ("url", "@id", "mainEntityOfPage"):
        value = obj.get(name)
        if isinstance(value, dict):
            value = value.get("@id") or value.get("url")
        if own_url and isinstance(value, str) and _strip_url(value) == own_url:
            return True
    return False


def _page_urls(root: etree._Element, url: str) -> list[str]:
    """This page's addresses: the one it was fetched from, its canonical link and og:url."""
    urls = [url]
    head = root.find("head")
    for el in head.iter("link", "meta") if head is not None else ():
        if ((el.tag == "link" and (el.get("rel") or "").lower() == "canonical")
                or (el.tag == "meta" and el.get("property") == "og:url")):
            urls.append(el.get("href") or el.get("content") or "")
    return [u for u in urls if u]


def _names_other_page(obj: dict[str, Any], own: list[tuple[str, str]]) -> bool:
    """Whether the object says it is another page's of this site: its URL has this site's host
    and a path that is neither this page's (``own``: host and path of each of its addresses)
    nor a part of it (the site's or a section's URL is the publisher's, sloppily given; a
    foreign host is a placeholder or the original of a syndicated story)."""
    named = False
    for name in ("mainEntityOfPage", "url", "@id"):
        value = obj.get(name)
        if isinstance(value, dict):
            value = value.get("@id") or value.get("url")
        if not isinstance(value, str) or "://" not in value:
            continue
        host, path = _site_path(value)
        for own_host, own_path in own:
            if host != own_host:
                continue
            if own_path.startswith(path) or path.startswith(own_path):
                return False  # this page (or its site/section): not another page
            named = True
    return named


def _site_path(url: str) -> tuple[str, str]:
    """Host without "www." and the unquoted path without its trailing slash."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").removeprefix("www.")
    return host, unquote(parts.path).rstrip("/") + "/"


def _key(text: str | None) -> str:
    return _NON_WORD.sub("", (text or "").lower())


def _strip_url(url: str) -> str:
    """Scheme, fragment, query and trailing slash do not make a different page."""
    url = url.split("#", 1)[0].split("?", 1)[0].rstrip("/")
    return url.split("://", 1)[-1]


def _types(obj: dict[str, Any]) -> set[str]:
    t = obj.get("@type")
    values = t if isinstance(t, list) else [t]
    return {str(v).lower() for v in values if v}


def _add(target: list[tuple[str, str]], kind: str, value: Any) -> None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("@value")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(int(value))
    if isinstance(value, str):
        text = norm(value)
        if text and all(text != raw for _kind, raw in target):
            target.append((kind, text))
