"""The page's own section names, to tell a section affix in an SEO title from headline words.

"Händler klagen – Wirtschaft – Stadtbote": "Wirtschaft" is not the site, but the page says it is a
section: in ``article:section``/``articleSection``, or as the text of a link to a section the
article's URL lies in (breadcrumb, menu: ``/wirtschaft/`` over ``/wirtschaft/artikel-1.html``).
"""

from __future__ import annotations

from collections.abc import Container
from urllib.parse import urlsplit

from lxml import etree

from newscrawl.extract.siteaffix import key
from newscrawl.extract.tree import text_of

# A section name is a label of a few words ("Wirtschaft", "Aus der Region"), not a headline.
MAX_SECTION_WORDS = 4


def section_names(root: etree._Element, declared: str | None, url: str) -> frozenset[str]:
    """Comparison keys (``siteaffix.key``) of the page's section names."""
    names = {key(declared)} if declared else set()
    parts = urlsplit(url)
    host = _bare(parts.hostname)
    segments = [s for s in parts.path.split("/") if s]
    ancestors = {"/".join(segments[:i]) for i in range(1, len(segments))}
    if ancestors:
        first = segments[0]
        for link in root.iter("a"):
            href = link.get("href")
            if not href or first not in href:  # cheap: a section link names the first segment
                continue
            target = urlsplit(href.strip())
            if target.hostname and _bare(target.hostname) != host:
                continue
            if target.path.strip("/") in ancestors:
                text = text_of(link)
                if text and len(text.split()) <= MAX_SECTION_WORDS:
                    names.add(key(text))
    names.discard("")
    return frozenset(names)


class SectionNames(Container[str]):
    """``section_names`` of one page, read only when a title segment is looked up (most titles
    lose their affixes before: a scan of every link costs ~0.7 ms a page)."""

    __slots__ = ("_declared", "_keys", "_root", "_url")

    def __init__(self, root: etree._Element, declared: str | None, url: str) -> None:
        self._root, self._declared, self._url = root, declared, url
        self._keys: frozenset[str] | None = None

    def __contains__(self, name: object) -> bool:
        if self._keys is None:
            self._keys = section_names(self._root, self._declared, self._url)
        return name in self._keys


def _bare(host: str | None) -> str:
    return (host or "").lower().removeprefix("www.")
