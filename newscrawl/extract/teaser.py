"""The teaser (lead paragraph): the element the page marks as lead, or that its description
repeats."""

from __future__ import annotations

import re

from lxml import etree

from newscrawl.article import Block
from newscrawl.extract.hints import tokens
from newscrawl.extract.tree import text_of, word_set

LEAD_TOKENS = word_set(
    """lead leadtext intro introduction summary standfirst abstract excerpt subtitle subline
    vorspann teasertext lede deck description articlelead"""
)
_KEY = re.compile(r"\W+")
MIN_TEASER_CHARS = 30
MAX_TEASER_CHARS = 1200
# Only the first elements of the article region can be its lead.
MAX_CANDIDATES = 400


def _key(text: str) -> str:
    return _KEY.sub("", text.lower())


def find_teaser(scope: etree._Element, description: str | None, blocks: list[Block]
                ) -> str | None:
    """The lead text of the article, or None."""
    desc = _key(description or "")[:80]
    hinted: str | None = None
    for count, el in enumerate(scope.iter("p", "div", "span", "h2", "strong", "section")):
        if count > MAX_CANDIDATES:
            break
        if next(el.iterdescendants("p", "div", "h2", "section"), None) is not None:
            continue
        text = text_of(el)
        if not MIN_TEASER_CHARS <= len(text) <= MAX_TEASER_CHARS or "©" in text:
            continue
        if _in_figure(el, scope):
            continue
        key = _key(text)
        if len(desc) >= 40 and (key.startswith(desc[:60]) or desc.startswith(key[:60])):
            return text
        if hinted is None and _has_lead_hint(el):
            hinted = text
    if hinted:
        return hinted
    return None


def _has_lead_hint(el: etree._Element) -> bool:
    node = el
    for _ in range(3):
        if node is None:
            return False
        if tokens(node) & LEAD_TOKENS:
            return True
        node = node.getparent()
    return False


def _in_figure(el: etree._Element, stop: etree._Element) -> bool:
    """Captions are never the lead, even when their class says "description"."""
    node = el
    while node is not None and node is not stop:
        if node.tag in ("figure", "figcaption", "picture") or tokens(node) & _CAPTION_TOKENS:
            return True
        node = node.getparent()
    return False


_CAPTION_TOKENS = frozenset({"caption", "figcaption", "credit", "copyright", "imagecaption",
                             "imagedescription", "bildunterschrift", "image", "img", "photo",
                             "media"})
