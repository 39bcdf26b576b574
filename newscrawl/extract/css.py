"""CSS selectors (as used in family profiles) compiled once to XPath and cached."""

from __future__ import annotations

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


def select(el: etree._Element | None, selector: str) -> list[etree._Element]:
    """Elements below (or equal to) ``el`` matching CSS ``selector``; [] for an invalid one."""
    if el is None or not selector:
        return []
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
