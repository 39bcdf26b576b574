"""The story text a JavaScript framework ships in its page state, for pages whose markup has none.

Client-rendered pages (Next.js ``__NEXT_DATA__``, Nuxt ``window.__NUXT__``, Apollo/Redux
``window.__APOLLO_STATE__``/``__INITIAL_STATE__``/``__PRELOADED_STATE__``, any
``<script type="application/json">``) print an empty app root and carry the article in JSON.
Asked only when the markup gave (almost) no body and JSON-LD has no ``articleBody``, so the
scripts of ordinary pages are never parsed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from lxml import etree

from newscrawl.article import Block
from newscrawl.extract.articlebody import paragraphs_of

# Keys under which the frameworks we have seen keep the story text (case-insensitive).
BODY_KEYS = frozenset({"articlebody", "body", "bodyhtml", "content", "contenthtml", "text",
                       "html", "fulltext", "storytext"})
# A value is the story when it holds this much prose (shorter ones are teasers, captions).
MIN_STATE_CHARS = 400
# Prose has spaces: a word every this many characters at most (no ids, no base64, no CSS).
MAX_CHARS_PER_SPACE = 15
# A JavaScript assignment of page state: "window.__NUXT__=" or "__APOLLO_STATE__ = ".
_STATE_ASSIGNMENT = re.compile(
    r"__(?:NUXT|APOLLO_STATE|INITIAL_STATE|PRELOADED_STATE|NEXT_DATA|STATE)__\s*=\s*")
_DECODER = json.JSONDecoder(strict=False)


def state_blocks(root: etree._Element) -> list[Block]:
    """Paragraphs of the longest story text found in the page's framework state, or []."""
    best = ""
    for value in _state_objects(root):
        for text in _body_texts(value):
            if len(text) > len(best):
                best = text
    return paragraphs_of(best) if best else []


def _state_objects(root: etree._Element) -> Iterator[Any]:
    """Every JSON value a script of the page carries as framework state."""
    for script in root.iter("script"):
        raw = script.text
        if not raw or len(raw) < MIN_STATE_CHARS:
            continue
        kind = (script.get("type") or "").lower()
        if kind == "application/json" or script.get("id") in {"__NEXT_DATA__", "__NUXT_DATA__"}:
            try:
                yield json.loads(raw, strict=False)
            except ValueError:
                continue
            continue
        if kind == "application/ld+json":
            continue  # read as structured data
        for match in _STATE_ASSIGNMENT.finditer(raw):
            try:
                yield _DECODER.raw_decode(raw, match.end())[0]
            except ValueError:
                continue


def _body_texts(value: Any) -> Iterator[str]:
    """Prose strings under body-like keys; a list of blocks under such a key is joined."""
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for key, child in node.items():
                if isinstance(key, str) and key.lower() in BODY_KEYS:
                    text = child if isinstance(child, str) else _joined(child)
                    if text and _is_prose(text):
                        yield text
                if isinstance(child, dict | list):
                    stack.append(child)
        elif isinstance(node, list):
            stack.extend(x for x in node if isinstance(x, dict | list))


def _joined(value: Any) -> str:
    """A list of paragraph strings or {"text": …} blocks as one text, one paragraph a line."""
    if not isinstance(value, list):
        return ""
    parts = []
    for item in value:
        if isinstance(item, str):
            parts.append(item)
        elif isinstance(item, dict):
            text = next((v for k, v in item.items()
                         if isinstance(v, str) and k.lower() in BODY_KEYS), None)
            if text:
                parts.append(text)
    return "\n".join(parts)


def _is_prose(text: str) -> bool:
    """Long enough, with words and sentences: not an id, a URL list or a style sheet."""
    return (len(text) >= MIN_STATE_CHARS and text.count(" ") * MAX_CHARS_PER_SPACE >= len(text)
            and any(mark in text for mark in ".!?\u3002"))
