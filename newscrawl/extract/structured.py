"""Structured metadata of a page: JSON-LD article objects, Open Graph and ``<meta>`` tags."""

from __future__ import annotations

import html as html_lib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from newscrawl.extract.tree import norm

ARTICLE_TYPES = frozenset(
    {"newsarticle", "article", "reportagenewsarticle", "liveblogposting", "blogposting",
     "analysisnewsarticle", "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle",
     "report", "scholarlyarticle", "techarticle", "socialmediaposting"}
)
# Trailing commas and raw newlines in strings are the usual ways hand-written JSON-LD breaks.
_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_CTRL = re.compile(r"[\x00-\x1f]")


@dataclass(slots=True)
class Structured:
    """What the page says about itself in machine-readable form."""

    has_article_type: bool = False
    is_live: bool = False
    headline: str | None = None
    alternative_headline: str | None = None
    description: str | None = None
    article_body: str | None = None
    authors: list[str] = field(default_factory=list)
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    published: list[str] = field(default_factory=list)
    modified: list[str] = field(default_factory=list)
    accessible_for_free: bool | None = None
    images: list[str] = field(default_factory=list)
    meta: dict[str, list[str]] = field(default_factory=dict)
    # Every JSON-LD script as (text, parsed value or None), in page order: the date finder
    # reads the page's own objects from them instead of parsing the scripts again.
    json_ld: list[tuple[str, Any]] = field(default_factory=list)

    def first_meta(self, *keys: str) -> str | None:
        """First non-empty value of the first present ``<meta>`` key."""
        for key in keys:
            for value in self.meta.get(key, ()):
                if value:
                    return value
        return None


def load_json_ld(raw: str) -> Any:
    """Parse one JSON-LD script; tolerate HTML comments, trailing commas and raw control chars."""
    raw = raw.strip().removeprefix("<!--").removesuffix("-->").strip()
    if raw.startswith("//<![CDATA["):
        raw = raw[len("//<![CDATA["):].removesuffix("//]]>")
    for attempt in (raw, _TRAILING_COMMA.sub(r"\1", raw)):
        try:
            return json.loads(attempt, strict=False)
        except ValueError:
            continue
    try:
        return json.loads(_CTRL.sub(" ", _TRAILING_COMMA.sub(r"\1", raw)), strict=False)
    except ValueError:
        return None


def _walk(obj: Any) -> Iterator[dict[str, Any]]:
    if isinstance(obj, dict):
        yield obj
        for key in ("@graph", "mainEntity", "mainEntityOfPage", "itemListElement"):
            if key in obj:
                yield from _walk(obj[key])
    elif isinstance(obj, list):
        for item in obj:
            yield from _walk(item)


def _types(obj: dict[str, Any]) -> set[str]:
    t = obj.get("@type")
    values = t if isinstance(t, list) else [t]
    return {str(v).lower() for v in values if v}


def _text(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value")
    if not isinstance(value, str):
        return None
    return norm(html_lib.unescape(value)) or None


def _resolve(value: Any, ids: dict[str, Any]) -> Any:
    """Replace ``{"@id": …}`` references (a ``@graph`` lists the Person apart) by their node."""
    if isinstance(value, list):
        return [_resolve(v, ids) for v in value]
    if isinstance(value, dict) and "name" not in value and value.get("@id") in ids:
        return ids[value["@id"]]
    return value


def _names(value: Any) -> list[str]:
    """Person/organisation names from an ``author`` value (string, object or list)."""
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items:
        if isinstance(item, dict):
            name = item.get("name")
            if isinstance(name, list):
                names.extend(_text(n) or "" for n in name)
                continue
            if not name and (item.get("givenName") or item.get("familyName")):
                name = f"{item.get('givenName', '')} {item.get('familyName', '')}"
            text = _text(name)
        else:
            text = _text(item)
        if text:
            names.append(text)
    return [n for n in names if n]


def _keywords(value: Any) -> list[str]:
    if isinstance(value, str):
        return [k for k in (norm(html_lib.unescape(p)) for p in value.split(",")) if k]
    if isinstance(value, list):
        return [k for k in (_text(v) for v in value) if k]
    return []


def _free_flag(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in {"true", "false"}:
        return value.strip().lower() == "true"
    return None


def read_structured(root: etree._Element) -> Structured:
    """Collect JSON-LD article data and ``<meta>`` values from the parsed page."""
    data = Structured()
    # One walk over the page for both (each walk of a whole tree costs ~0.1 ms); <meta> values
    # and JSON-LD objects fill separate fields, so reading them interleaved changes nothing.
    for el in root.iter("meta", "script"):
        if el.tag == "meta":
            key = (el.get("property") or el.get("name") or el.get("itemprop") or "").lower()
            content = el.get("content")
            if key and content is not None:
                if "&" in content:
                    content = html_lib.unescape(content)
                data.meta.setdefault(key.strip(), []).append(norm(content))
            continue
        # The type first: el.text copies the script's whole source (~130 kB of script a page).
        if (el.get("type") or "").lower() != "application/ld+json":
            continue
        text = el.text
        if not text:
            continue
        value = load_json_ld(text)
        data.json_ld.append((text, value))
        nodes = list(_walk(value))
        ids = {o["@id"]: o for o in nodes if isinstance(o.get("@id"), str)}
        for obj in nodes:
            if _types(obj) & ARTICLE_TYPES:
                _merge_article(data, obj, ids)
    return data


def _merge_article(data: Structured, obj: dict[str, Any], ids: dict[str, Any]) -> None:
    """Fill fields from the first article object that has them (later ones only fill gaps)."""
    data.has_article_type = True
    data.is_live = data.is_live or "liveblogposting" in _types(obj)
    data.headline = data.headline or _text(obj.get("headline")) or _text(obj.get("name"))
    data.alternative_headline = data.alternative_headline or _text(obj.get("alternativeHeadline"))
    data.description = data.description or _text(obj.get("description"))
    body = obj.get("articleBody")
    if isinstance(body, str) and not data.article_body:
        data.article_body = html_lib.unescape(body)
    if not data.authors:
        data.authors = _names(_resolve(obj.get("author"), ids))
    data.section = data.section or _text(obj.get("articleSection"))
    if not data.tags:
        data.tags = _keywords(obj.get("keywords"))
    for key, target in (("datePublished", data.published), ("dateModified", data.modified)):
        value = _text(obj.get(key))
        if value and value not in target:
            target.append(value)
    free = _free_flag(obj.get("isAccessibleForFree"))
    if free is not None and data.accessible_for_free is None:
        data.accessible_for_free = free
    parts = obj.get("hasPart")
    for part in parts if isinstance(parts, list) else [parts]:
        if isinstance(part, dict) and _free_flag(part.get("isAccessibleForFree")) is False:
            data.accessible_for_free = False
