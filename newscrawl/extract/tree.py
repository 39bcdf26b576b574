"""Parsing a page once with lxml and the small text helpers every extraction step shares."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from operator import attrgetter

from lxml import etree

# Zero-width and soft-hyphen characters that pages put into words for line breaking
# (``_has_invisible`` tests for the same six).
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
# Plain lxml.etree elements: lxml.html's per-element class lookup costs more than the parse.
# No id hash table (nothing looks elements up by id; saves ~4 % of the parse).
_PARSER = etree.HTMLParser(remove_comments=True, remove_pis=True, recover=True, encoding="utf-8",
                           collect_ids=False)

# Elements whose text is never article text.
SKIP_TAGS = frozenset(
    {"script", "style", "noscript", "template", "svg", "iframe", "form", "button", "select",
     "textarea", "input", "object", "embed", "canvas", "video", "audio", "map", "head", "title",
     "meta", "link", "nav", "label"}
)


def all_text(el: etree._Element) -> str:
    """``"".join(el.itertext())`` in one C call (libxml2 concatenates the text nodes; ~5x
    faster than building a Python string per text node)."""
    return etree.tostring(el, method="text", encoding="unicode", with_tail=False)


def within(el: etree._Element, stop: etree._Element,
           test: Callable[[etree._Element], bool]) -> bool:
    """Whether ``el`` or one of its ancestors below ``stop`` passes ``test``."""
    node = el
    while node is not None and node is not stop:
        if test(node):
            return True
        node = node.getparent()
    return False


def iter_below(root: etree._Element, tag: str) -> Iterator[etree._Element]:
    """``root``'s descendants named ``tag`` in document order, read child by child. Once
    lxml's iterator yields a match it already looks for the next one, so a caller that stops at
    the ``<title>`` in ``<head>`` would have the whole ``<body>`` scanned (~0.1 ms a page)."""
    for child in root:
        yield from child.iter(tag)


def parse_html(page: str) -> etree._Element | None:
    """Parse ``page`` leniently; broken or truncated HTML gives a partial tree, never an error."""
    if not page or not page.strip():
        return None
    try:
        root = etree.fromstring(page.encode("utf-8", "replace"), parser=_PARSER)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None
    return root if root is not None and isinstance(root.tag, str) else None


def norm(text: str | None) -> str:
    """Collapse whitespace and drop invisible characters."""
    if not text:
        return ""
    # Every whitespace character but the space is unprintable, and so are the six invisible
    # ones: printable text without a double, leading or trailing space is already normal (8 of
    # 10 texts; C scans instead of a split into words and a join).
    if text.isprintable():
        if "  " not in text and text[:1] != " " and text[-1:] != " ":
            return text
    elif not text.isascii() and _has_invisible(text):
        # The invisible characters are never ASCII, and six substring tests are ~8x faster
        # than a regex search.
        text = _INVISIBLE.sub("", text)
    return " ".join(text.split())


def _has_invisible(text: str) -> bool:
    return ("\u00ad" in text or "\u200b" in text or "\u200c" in text or "\u200d" in text
            or "\u2060" in text or "\ufeff" in text)


def tag_of(el: etree._Element) -> str:
    """Lower-case tag name, or "" for comments/entities."""
    tag = el.tag
    return tag.lower() if isinstance(tag, str) else ""


def class_id(el: etree._Element) -> str:
    """Class and id attributes as one lower-case string for hint matching."""
    return f"{el.get('class', '')} {el.get('id', '')}".lower()


# Block-level elements: their text is separated from its neighbours even without whitespace.
_SEPARATED = frozenset(
    {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
     "header", "footer", "blockquote", "figure", "figcaption", "table", "tr", "td", "th", "dd",
     "dt", "br", "hr", "aside", "main", "pre", "address"}
)


_SLOW_PATH_TAGS = _SEPARATED | SKIP_TAGS
_TAG = attrgetter("tag")


def _inline_only(el: etree._Element) -> bool:
    """Whether no block or skipped element lies below ``el``. The descendants' tags against a
    set (in C): ``iterdescendants(*tags)`` sets up a matcher for its 40 names on every call,
    which costs ~8x more than walking the few children of a paragraph or heading."""
    return _SLOW_PATH_TAGS.isdisjoint(map(_TAG, el.iterdescendants()))


def text_of(el: etree._Element, raw: str | None = None) -> str:
    """Normalised visible text of ``el`` without script/style content.

    Inline elements are joined without spaces (a drop cap ``<b>N</b>a`` stays "Na"); block
    elements and ``<br>`` separate words. ``raw``: ``all_text(el)`` when the caller has it.
    """
    tag = el.tag  # lxml builds the name string anew on every read
    if tag in SKIP_TAGS or not isinstance(tag, str):
        return ""
    if not len(el):
        return norm(el.text)
    if _inline_only(el):
        # Only inline children: lxml's C-level itertext gives the same text.
        return norm(all_text(el) if raw is None else raw)
    parts: list[str] = []
    _collect_text(el, parts)
    return norm("".join(parts))


def longer_than(el: etree._Element, limit: int) -> bool:
    """Whether ``text_of(el)`` is surely longer than ``limit``, told from C-level text alone
    (False when in doubt): every visible character that is neither blank nor invisible stays
    in ``text_of``, and what lies in skipped elements is at most their whole text. A wrapper's
    ``text_of`` walks every element below it in Python (~0.2 ms for a story body)."""
    if el.tag in SKIP_TAGS or not isinstance(el.tag, str):
        return False
    raw = all_text(el)
    if len(raw) <= limit:
        return False
    skipped = sum(len(all_text(s)) for s in el.iterdescendants(*SKIP_TAGS))
    if len(raw) - skipped <= limit:
        return False
    if not raw.isascii() and _has_invisible(raw):
        raw = _INVISIBLE.sub("", raw)
    return sum(map(len, raw.split())) - skipped > limit


def text_without(el: etree._Element, exclude: set[etree._Element] | frozenset = frozenset()
                 ) -> str:
    """Like ``text_of`` but leaving out the subtrees of ``exclude`` (e.g. a "Plus" badge)."""
    parts: list[str] = []
    _collect_text(el, parts, exclude)
    return norm("".join(parts))


def _collect_text(el: etree._Element, parts: list[str],
                  exclude: set[etree._Element] | frozenset = frozenset()) -> None:
    tag = tag_of(el)
    if tag in SKIP_TAGS or not tag or el in exclude:
        return
    separated = tag in _SEPARATED
    if separated:
        parts.append(" ")
    if el.text:
        parts.append(el.text)
    for child in el:
        if len(child):
            _collect_text(child, parts, exclude)
        else:  # a leaf (most children): the same steps without a call
            ctag = child.tag
            if isinstance(ctag, str) and ctag.lower() not in SKIP_TAGS and child not in exclude:
                if ctag.lower() in _SEPARATED:
                    parts.append(" ")
                    if child.text:
                        parts.append(child.text)
                    parts.append(" ")
                elif child.text:
                    parts.append(child.text)
        if child.tail:
            parts.append(child.tail)
    if separated:
        parts.append(" ")


def link_text_len(el: etree._Element) -> int:
    """Length of the text inside links below ``el``."""
    if not len(el):  # a leaf (most paragraphs asked): no iterator to set up
        return len(el.text.strip()) if el.tag == "a" and el.text else 0
    return sum(len(all_text(a).strip()) for a in el.iter("a"))


def raw_text(el: etree._Element) -> str:
    """All text below ``el`` (C-speed, no normalisation, script text included)."""
    return all_text(el)


def is_hidden(el: etree._Element) -> bool:
    """Whether the element is hidden by attribute (``hidden``, ``aria-hidden``, display:none) or
    shown to screen readers only (``sr-only``, ``visually-hidden``, ``h-offscreen``)."""
    # The attribute names in one call, then only the attributes present are read (a get()
    # costs ~0.1 us; this is asked of every element body reading walks).
    names = el.keys()
    if not names:
        return False
    if "hidden" in names or ("aria-hidden" in names and el.get("aria-hidden") == "true"):
        return True
    cls = el.get("class") if "class" in names else None
    if cls and _screen_reader_only(cls):
        return True
    style = el.get("style") if "style" in names else None
    return bool(style) and "display:none" in style.replace(" ", "").lower()


_SCREEN_READER_ONLY = re.compile(
    r"(?:^|[\s_-])(?:sr-only|visually-?hidden|offscreen|screen-?reader(?:-text|-only)?)(?:$|\s)",
    re.I)


@lru_cache(maxsize=4096)
def _screen_reader_only(cls: str) -> bool:
    """Class values repeat on a page and across a site: each is searched once."""
    return _SCREEN_READER_ONLY.search(cls) is not None


def word_set(words: str) -> frozenset[str]:
    """A frozenset from a whitespace-separated word table (keeps long tables readable)."""
    return frozenset(words.split())
