"""CSS selectors (as used in family profiles) compiled once to XPath and cached."""

from __future__ import annotations

import re
from functools import lru_cache

from cssselect import GenericTranslator, SelectorError
from lxml import etree

_TRANSLATOR = GenericTranslator()


@lru_cache(maxsize=512)
def _compile(selector: str) -> etree.XPath | None:
    try:
        return etree.XPath(_TRANSLATOR.css_to_xpath(selector, prefix="descendant-or-self::"))
    except (SelectorError, etree.XPathSyntaxError):
        return None


# A bare element name ("figure", "figcaption"): lxml's C-level tag filter finds the same
# elements in the same order as the XPath (descendant-or-self, document order) at half its cost.
_TAG_NAME = re.compile(r"[a-z][a-z0-9]*")


def select(el: etree._Element | None, selector: str) -> list[etree._Element]:
    """Elements below (or equal to) ``el`` matching CSS ``selector``; [] for an invalid one."""
    if el is None or not selector:
        return []
    if _TAG_NAME.fullmatch(selector):
        return list(el.iter(selector))
    xpath = _compile(selector)
    if xpath is None:
        return []
    return [r for r in xpath(el) if isinstance(r, etree._Element)]


def select_all(el: etree._Element | None, selectors: tuple[str, ...] | list[str]) -> set:
    """Union of matches of several selectors."""
    found: set = set()
    for selector in selectors:
        found.update(select(el, selector))
    return found


def css_path(el: etree._Element, max_classes: int = 2) -> str:
    """A CSS-path-like description of ``el`` for people reading a report, from ``body`` down:
    ``body > div#page > article.story.main:nth-of-type(2)`` (a step stops at an id)."""
    steps: list[str] = []
    node: etree._Element | None = el
    while node is not None and isinstance(node.tag, str) and node.tag != "html":
        step = node.tag
        if node.get("id"):
            steps.append(f"{step}#{node.get('id').strip()}")
            break
        step += "".join(f".{c}" for c in (node.get("class") or "").split()[:max_classes])
        parent = node.getparent()
        if parent is not None:
            same = [c for c in parent if c.tag == node.tag]
            if len(same) > 1:
                step += f":nth-of-type({same.index(node) + 1})"
        steps.append(step)
        node = parent
    return " > ".join(reversed(steps))
