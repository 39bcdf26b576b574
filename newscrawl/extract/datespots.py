"""Where a page prints its dates: ``<time>``, ``itemprop`` dates, date-classed elements and
definition lists, ranked by their distance from the headline.

A date next to the headline or byline belongs to the story; one in a teaser, a related list, a
comment or the footer belongs to something else and is not returned at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree

from newscrawl.extract.hints import class_tokens, tokens
from newscrawl.extract.structured import ARTICLE_TYPES
from newscrawl.extract.tree import norm, raw_text, tag_of, word_set

# Regions about other stories or about the site, by tag and by class/id token (one signal;
# the structural tests below catch unnamed ones).
OTHER_STORY_TAGS = frozenset({"aside", "footer", "nav", "figure", "figcaption", "form"})
OTHER_STORY_TOKENS = word_set(
    """related recommended recommendation recommendations teaser teasers teaserlist sidebar
    footer comment comments kommentar kommentare promo newsletter ticker
    caption credit copyright"""
)
# Class/id tokens of elements that hold a date line (matched as token prefixes:
# "datetime", "published-at", "article-date").
DATE_TOKEN_PREFIXES = ("date", "time", "datum", "publish", "posted", "pubdate", "zeit", "stand",
                       "byline", "meta", "dateline", "created", "updated")
_ANY_DATE_PREFIX = re.compile("|".join(DATE_TOKEN_PREFIXES), re.IGNORECASE)
# A date line is short; a longer element is a paragraph that mentions a date.
MAX_LINE_CHARS = 160
# Elements whose whole text, when this short, is a line of its own: a date alone on a line
# is a dateline, not a date mentioned in a sentence or caption.
LINE_TAGS = frozenset({"p", "div", "span", "li", "small", "strong", "em", "b", "h2", "h3",
                       "h4", "h5", "h6", "td"})
MAX_BARE_LINE = 40
# A link around a date that carries more text than this is a teaser card; a link around the
# date alone is the story's permalink (blogs print their dates so).
MAX_PERMALINK_EXTRA = 30
# Elements after the headline count as this much nearer than those before it (a date line
# usually follows the headline; a date above it is often the site's "today").
BEFORE_PENALTY = 3
DATE_PROPS = frozenset({"datePublished", "dateModified", "dateCreated"})
_HAS_DIGIT = re.compile(r"\d")
# Characters of a neighbour's text searched for an "updated" label.
HINT_CHARS = 40
# Data attributes where scripts keep the exact stamp behind a short printed one ("Jul 10",
# "vor 2 Std."): read as machine-readable when the value is Unix seconds/milliseconds or ISO
# (a human string there is no better than the printed text), and only after the headline.
MACHINE_ATTRS = ("data-datetime", "data-time", "data-timestamp", "data-time-ms", "data-date",
                 "data-published", "data-publish-date", "data-pubdate")
_MACHINE_VALUE = re.compile(r"\d{10}(?:\d{3})?|\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+"
                            r"(?:Z|[+-]\d{2}:?\d{2})?)?")


@dataclass(slots=True)
class DateSpot:
    """One date-bearing element: its kind, raw string, field hint and distance to the headline."""

    kind: str  # "time" (machine-readable attribute) or "text" (printed line)
    raw: str
    hint: str
    distance: int
    field: str | None = None  # what an ``itemprop`` says it is; None = judge by the hint


def date_spots(root: etree._Element, headline: etree._Element | None) -> list[DateSpot]:
    """Date-bearing elements of the story, nearest to the headline first."""
    story = _ancestors(headline)
    anchor, maybe, passed_over = _maybe_date(root, headline, story)
    spots: list[DateSpot] = []
    seen: set[str] = set()
    for index, el, kind, raw in _candidates(maybe):
        raw = norm(raw)
        if not raw or raw in seen or len(raw) > MAX_LINE_CHARS or not _HAS_DIGIT.search(raw):
            continue
        owner = _microdata_owner(el) if el.get("itemprop") else None
        if owner is not None and owner not in story and _foreign_type(owner):
            continue  # a photo's, video's or person's date, by its own markup
        if (owner is None or owner not in story) and (
                about_other_story(el, root, story, len(raw)) if el in passed_over
                else _in_teaser_link(el, root, story, len(raw))):
            continue
        position = index - anchor
        if kind == "data":
            if position < 0:
                continue  # above the headline a page keeps its "today" (a masthead's data-date)
            kind = "time"
        seen.add(raw)
        distance = position if position >= 0 else -position * BEFORE_PENALTY
        prop = el.get("itemprop")
        field = ("modified" if prop == "dateModified" else "published") if prop in DATE_PROPS \
            else None
        spots.append(DateSpot(kind, raw, _hint(el, kind), distance, field))
    spots.sort(key=lambda s: s.distance)
    return spots


# Tags always worth a look, and the element test below as one expression: a Python loop over
# every element is most of date finding's time, so it skips what cannot yield a spot.
_DATE_TAGS = frozenset({"time", "dt", "dd"})
# Class/id values cached: a dict lookup per element in C, the test once per distinct value.
_VALUE_CACHE_SIZE = 16384


def _cores(words: Iterable[str]) -> tuple[str, ...]:
    """The lower-cased words that hold none of the others: a text holds one of ``words`` if
    and only if it holds one of these."""
    lowered = {w.lower() for w in words}
    return tuple(sorted(w for w in lowered if not any(o != w and o in w for o in lowered)))


_DATE_WORD = re.compile("|".join(_cores(DATE_TOKEN_PREFIXES)))
_OTHER_WORD = re.compile("|".join(_cores(OTHER_STORY_TOKENS)))
_ANY_WORD = re.compile("|".join(_cores((*DATE_TOKEN_PREFIXES, *OTHER_STORY_TOKENS))))


class _Flags(dict):
    """What a class/id value may name, as bits: 1 = a date line (a date-token prefix in it, in
    any case: a superset of the date-named values, which ``_date_named`` tells apart), 2 =
    another story's region (an ``OTHER_STORY_TOKENS`` word in it: a superset again)."""

    def __missing__(self, value: str) -> int:
        if len(self) >= _VALUE_CACHE_SIZE:
            self.clear()
        lower = value.lower()
        if _ANY_WORD.search(lower) is None:  # most values: one search
            flags = 0
        else:
            flags = ((_DATE_WORD.search(lower) is not None)
                     | (_OTHER_WORD.search(lower) is not None) << 1)
        self[value] = flags
        return flags


_FLAGS = _Flags()


class _OtherStoryNamed(dict):
    """Whether a (class, id) pair names another story's region, as ``about_other_story`` reads
    it (asked only for the pairs ``_Flags`` lets through)."""

    def __missing__(self, pair: tuple[str | None, str | None]) -> bool:
        if len(self) >= _VALUE_CACHE_SIZE:
            self.clear()
        found = self[pair] = bool(class_tokens(*pair) & OTHER_STORY_TOKENS)
        return found


_OTHER_NAMED = _OtherStoryNamed()
_END = object()  # "no element follows": a region that runs to the end of the page


def _maybe_date(root: etree._Element, headline: etree._Element | None,
                story: set[etree._Element],
                ) -> tuple[int, list[tuple[int, etree._Element]], set[etree._Element]]:
    """The headline's place in document order (0 when outside ``root``), the elements that
    may hold a date with theirs (<time>, <dt>/<dd>, date itemprops, short lines of text alone
    with a digit in them, and those whose class or id has a date-token prefix in it), and
    those of them that lie in a region passed over (below).

    Inside another story's region (``<nav>``, ``<footer>``, ``<aside>``, another
    ``<article>``, a teaser or related list by its class...: ``about_other_story`` is true for
    everything in it) only an ``itemprop`` can still be the story's, when the item it belongs
    to holds the headline; such regions are passed over, counted but not tested (0.5-0.7 of
    the elements of datepages, benchpages and realpages). An element found outside them has
    no ancestor below ``root`` and outside ``story`` that is such a region by its (lower-case)
    tag or its class/id: ``_in_teaser_link`` tells the rest of ``about_other_story``."""
    flags, other_named, has_digit = _FLAGS, _OTHER_NAMED, _HAS_DIGIT.search
    owners = {node for node in story if node.get("itemscope") is not None}
    found: list[tuple[int, etree._Element]] = []
    passed_over: set[etree._Element] = set()
    end: object = None  # the first element after the region being passed over
    props_only = False  # in that region, whether an itemprop there may be the story's
    for i, el in enumerate(root.iter()):
        if end is not None:
            if el is not end:
                if props_only and el.get("itemprop") and _is_maybe_date(el, headline):
                    found.append((i, el))
                    passed_over.add(el)
                continue
            end = None
        # Attribute names as bytes: lxml encodes a str name on every call (-7 % here).
        tag, cls, ident = el.tag, el.get(b"class"), el.get(b"id")
        named = (flags[cls] if cls else 0) | (flags[ident] if ident else 0)
        if (named & 1 or tag in _DATE_TAGS or el is headline
                or (tag in LINE_TAGS and not len(el) and (text := el.text)
                    and len(text) <= MAX_BARE_LINE and has_digit(text))
                or el.get(b"itemprop") in DATE_PROPS):
            found.append((i, el))
        if ((tag in OTHER_STORY_TAGS or (tag == "article" and story)
             or (named & 2 and other_named[cls, ident]))
                and len(el) and el not in story and el is not root):
            end = _following(el, root)
            props_only = bool(owners) and _owner_in(el, owners)
    anchor = next((i for i, el in found if el is headline), 0) if headline is not None else 0
    return anchor, found, passed_over


def _in_teaser_link(el: etree._Element, root: etree._Element, story: set[etree._Element],
                    raw_chars: int) -> bool:
    """``about_other_story`` for an element ``_maybe_date`` found outside the regions it
    passed over: only a link around it (or an upper-case tag, "NAV", which the walk does not
    take for a region) can still make it another story's, so the class/id tokens of its
    ancestors are not read (most of the time of that test). ``root`` itself was not walked
    up from."""
    if el is root:
        return about_other_story(el, root, story, raw_chars)
    for node in el.iterancestors():
        if node is root or node in story:
            return False
        tag = node.tag
        if tag == "a" or not tag.islower():
            return about_other_story(el, root, story, raw_chars)
    return False


def _is_maybe_date(el: etree._Element, headline: etree._Element | None) -> bool:
    """``_maybe_date``'s element test on its own (inlined there: a call per element costs)."""
    return bool((tag := el.tag) in _DATE_TAGS or el is headline
                or (tag in LINE_TAGS and not len(el) and (text := el.text)
                    and len(text) <= MAX_BARE_LINE and _HAS_DIGIT.search(text))
                or el.get("itemprop") in DATE_PROPS
                or ((value := el.get("class")) and _FLAGS[value] & 1)
                or ((value := el.get("id")) and _FLAGS[value] & 1))


def _following(el: etree._Element, root: etree._Element) -> object:
    """The element after ``el``'s subtree in ``root.iter()`` order (``_END`` if none)."""
    node = el
    while node is not root:
        following = node.getnext()
        if following is not None:
            return following
        node = node.getparent()
        if node is None:
            break
    return _END


def _owner_in(el: etree._Element, owners: set[etree._Element]) -> bool:
    """Whether the nearest ``itemscope`` at or above ``el`` is one of ``owners``."""
    node: etree._Element | None = el
    while node is not None:
        if node.get("itemscope") is not None:
            return node in owners
        node = node.getparent()
    return False


def _candidates(maybe: list[tuple[int, etree._Element]],
                ) -> Iterator[tuple[int, etree._Element, str, str]]:
    for index, el in maybe:
        tag = tag_of(el)
        if not tag or tag in {"script", "style", "template", "noscript"}:
            continue
        if tag == "time":
            machine = el.get("datetime") or machine_attribute(el) or el.get("title")
            yield index, el, ("time" if machine else "text"), machine or raw_text(el)
            continue
        prop = el.get("itemprop")
        if prop in DATE_PROPS:
            machine = el.get("content") or el.get("datetime")
            yield index, el, ("time" if machine else "text"), machine or raw_text(el)
            continue
        named = len(el) <= 3 and _date_named(el)
        if named and (machine := machine_attribute(el)):
            yield index, el, "data", machine
        if tag in LINE_TAGS and not len(el) and el.text and len(el.text) <= MAX_BARE_LINE:
            yield index, el, "text", el.text  # a short line of its own ("<p>January 18, 2020</p>")
        elif tag in {"dt", "dd"} or named:
            yield index, el, "text", raw_text(el)
        if named and el.get("title"):  # "3 hours ago" printed, the timestamp in the tooltip
            yield index, el, "text", el.get("title")


def machine_attribute(el: etree._Element) -> str | None:
    """The first data attribute of ``MACHINE_ATTRS`` holding a Unix or ISO stamp."""
    for name in MACHINE_ATTRS:
        value = el.get(name)
        if value and _MACHINE_VALUE.fullmatch(value.strip()):
            return value.strip()
    return None


def _date_named(el: etree._Element) -> bool:
    cls, ident = el.get("class"), el.get("id")
    return bool(cls or ident) and _date_classes(cls, ident)


@lru_cache(maxsize=8192)
def _date_classes(cls: str | None, ident: str | None) -> bool:
    """Whether class/id name a date line; decided once per value (asked for every element:
    a third of date finding's time before)."""
    # A token starting with a prefix needs the prefix in the text: most values fail here, in C.
    if _ANY_DATE_PREFIX.search(f"{cls or ''} {ident or ''}") is None:
        return False
    return any(t.startswith(DATE_TOKEN_PREFIXES) for t in class_tokens(cls, ident))


def _hint(el: etree._Element, kind: str) -> str:
    """Where "Aktualisiert"/"updated" would show: class and itemprop; for a ``<time>`` also the
    start of its parent's text, for a ``<dd>`` its ``<dt>``."""
    hint = f"{el.get('class', '')} {el.get('itemprop', '')}"
    tag = tag_of(el)
    related = el.getparent() if kind == "time" or tag == "time" else (
        el.getprevious() if tag == "dd" else None)
    if related is not None:
        hint += " " + raw_text(related)[:HINT_CHARS]
    return hint


def _microdata_owner(el: etree._Element) -> etree._Element | None:
    """The nearest ``itemscope`` around an ``itemprop``: the thing the date is of."""
    for node in el.iterancestors():
        if node.get("itemscope") is not None:
            return node
    return None


def _foreign_type(owner: etree._Element) -> bool:
    """An item that is neither an article nor a page (ImageObject, VideoObject, Person...)."""
    kind = (owner.get("itemtype") or "").rstrip("/").rsplit("/", 1)[-1].lower()
    return bool(kind) and kind not in ARTICLE_TYPES and not kind.endswith("page")


def _ancestors(headline: etree._Element | None) -> set[etree._Element]:
    """The headline's ancestors: the regions that hold the story."""
    return set(headline.iterancestors()) if headline is not None else set()


def about_other_story(el: etree._Element, root: etree._Element,
                       story: set[etree._Element], raw_chars: int) -> bool:
    """Inside a teaser card, related list, comment, caption or footer, or in an ``<article>``
    other than the headline's. A region that holds the headline holds the story, whatever it
    is named (an unclosed ``<nav>`` can swallow a whole page)."""
    node = el.getparent()
    while node is not None and node is not root and node not in story:
        tag = tag_of(node)
        if tag in OTHER_STORY_TAGS or (tag == "article" and story):
            return True
        if tokens(node) & OTHER_STORY_TOKENS:
            return True
        if tag == "a" and len(norm(raw_text(node))) > raw_chars + MAX_PERMALINK_EXTRA:
            return True
        node = node.getparent()
    return False
