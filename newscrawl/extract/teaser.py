"""The teaser (lead paragraph): the element the page marks as lead, or that its description
repeats."""

from __future__ import annotations

from collections.abc import Container, Mapping

from lxml import etree

from newscrawl.article import Block
from newscrawl.extract.hints import class_tokens, is_boilerplate, tokens
from newscrawl.extract.linkboxes import link_clusters
from newscrawl.extract.textkey import comparison_key
from newscrawl.extract.tree import raw_text, text_of, text_without, within, word_set

LEAD_TOKENS = word_set(
    """lead leadtext intro introduction summary standfirst abstract excerpt subtitle subline
    vorspann teasertext lede deck description articlelead"""
)
MIN_TEASER_CHARS = 30
MAX_TEASER_CHARS = 1200
# Only the first elements of the article region can be its lead.
MAX_CANDIDATES = 400
# Only the start of a candidate is compared with the description.
KEY_CHARS = 240


def find_teaser(scope: etree._Element, description: str | None, blocks: list[Block],
                non_leaf: Container[etree._Element],
                texts: Mapping[etree._Element, str] | None = None) -> str | None:
    """The lead text of the article, or None. ``non_leaf``: the elements that hold blocks
    (``PageIndex.non_leaf``, a set: asked of up to 400 candidates); ``texts``: the whole text
    of elements read before (``PageIndex.texts``)."""
    desc = comparison_key(description or "")[:80]
    hinted: str | None = None
    lead_hints: dict[etree._Element, bool] = {}
    for count, el in enumerate(scope.iter("p", "div", "span", "h2")):
        if count > MAX_CANDIDATES:
            break
        if el in non_leaf:
            continue
        # A childless element's text is its .text (most candidates: no serialiser call).
        if len(el):
            raw = texts.get(el) if texts else None
            if raw is None:
                raw = raw_text(el)
        else:
            raw = el.text or ""
        if not MIN_TEASER_CHARS <= len(raw.strip()) <= MAX_TEASER_CHARS or "©" in raw:
            continue
        matches = len(desc) >= 40 and _starts_alike(raw.strip(), desc)
        if not matches and (hinted is not None or not _has_lead_hint(el, lead_hints)):
            continue
        # A push-notification or newsletter box's "description" is not the lead (asked only of
        # class-hinted candidates: text repeating the page description is the lead even inside
        # a header region whose class says "meta").
        if within(el, scope, _is_figure) or (not matches and within(el, scope, is_boilerplate)):
            continue
        if matches:
            return _lead_text(el)
        hinted = _lead_text(el)
    if hinted:
        return hinted
    return None


def _lead_text(el: etree._Element) -> str:
    """The lead's text without a hover card or related strip set into it (``link_clusters``)."""
    if not len(el):
        return text_of(el)
    boxes = link_clusters(el)
    return text_without(el, boxes) if boxes else text_of(el)


# Characters of a candidate keyed first: the key of a prefix is a prefix of the key (case
# folding, whitespace and punctuation removal go character by character).
_QUICK_CHARS = 60


def _starts_alike(text: str, desc: str) -> bool:
    """Whether the start of ``text`` and the description key ``desc`` (40+ characters) are the
    same words. A candidate whose first 40 key characters differ cannot match: keyed from its
    first 60 characters first, the whole 240 only for the few that pass."""
    quick = comparison_key(text[:_QUICK_CHARS])
    if len(quick) >= 40 and quick[:40] != desc[:40]:
        return False
    key = comparison_key(text[:KEY_CHARS])
    return len(key) >= 40 and (key.startswith(desc[:60]) or desc.startswith(key[:60]))


def _has_lead_hint(el: etree._Element, seen: dict[etree._Element, bool]) -> bool:
    """A lead class on ``el`` or one of its two ancestors (``seen``: each node's verdict, as
    siblings share their parents)."""
    node = el
    for _ in range(3):
        if node is None:
            return False
        hinted = seen.get(node)
        if hinted is None:
            hinted = seen[node] = _lead_hint(node)
        if hinted:
            return True
        node = node.getparent()
    return False


# Longer data-* values are JSON or tracking payloads, not names.
MAX_DATA_HINT = 40


def _lead_hint(node: etree._Element) -> bool:
    """A lead class or id on ``node``, or a lead name in one of its ``data-*`` attributes:
    pages whose classes are generated hashes ("css-1485smx", styled components) name their
    parts there (``data-manual="teaserText"``, ``data-testid="article-lead"``). All attributes
    read in one call (class and id by ``get`` cost as much again)."""
    cls = ident = None
    for name, value in node.items():
        if name == "class":
            cls = value
        elif name == "id":
            ident = value
        elif (name.startswith("data-") and value and len(value) <= MAX_DATA_HINT
              and class_tokens(value, None) & LEAD_TOKENS):
            return True
    return bool(cls or ident) and bool(class_tokens(cls, ident) & LEAD_TOKENS)


def _is_figure(node: etree._Element) -> bool:
    """Captions are never the lead, even when their class says "description"."""
    return node.tag in ("figure", "figcaption", "picture") or bool(tokens(node) & _CAPTION_TOKENS)


_CAPTION_TOKENS = frozenset({"caption", "figcaption", "credit", "copyright", "imagecaption",
                             "imagedescription", "bildunterschrift", "image", "img", "photo",
                             "media"})
