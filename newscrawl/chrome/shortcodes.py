"""Unrendered markup: a CMS control or an HTML tag left in the text as its source.

WordPress (and the CMSs that copied it) writes buttons, galleries, captions and embeds as
``[name attr="…"]…[/name]`` in the story's source and renders them on display; a plugin that is
gone, or a feed that skips rendering, leaves the source in the page: "[button link=”…”
type=”big”] Send us YOUR kit review[/button]", "[caption id="attachment_12" width="300"] Foto:
… [/caption]", "[gallery ids="4,5,6"]". The whole line is the control, never story text.

Shape, not wording: a line that is one shortcode, opened and closed by the same name, or a lone
opening tag with ``name=value`` attributes. An editor's note in brackets ("[Update: …]",
"[Anm. d. Red.: …]") has no closing tag and no attributes, and stays; so does text in BBCode's
formatting tags ("[b]…[/b]").

The same holds for an HTML tag escaped into the text ("<img height="1" width="1"
src="…/beacon">", a tracking pixel of a ``<noscript>`` that a CMS or an archive escaped): a line
that is one tag, or one element with its end tag, is markup nobody reads.
"""

from __future__ import annotations

import re

# Opening tag with its name, anything, the closing tag of the same name.
_WRAPPED = re.compile(r"\[([a-z][\w-]*)(?:\s[^\]]*)?\].*\[/\1\]", re.S)
# A lone opening tag with attributes: [gallery ids="4,5,6" columns="3"]. Quotes as the editor
# typed them, straight or curly (WordPress turns them into ” in the text).
_ATTRIBUTE = r"[\w-]+=(?:\"[^\"]*\"|'[^']*'|[“”″][^“”″]*[“”″]|[^\s\]]+)"
_LONE = re.compile(rf"\[[a-z][\w-]*(?:\s+{_ATTRIBUTE})+\s*/?\]")


# BBCode's formatting tags wrap text that is read ("[b]Achtung:[/b] …" in a forum post quoted
# by a story): only a control's shortcode is chrome.
_FORMATTING = frozenset({"b", "i", "u", "s", "url", "quote", "code", "img", "color", "size",
                         "list", "center", "font", "sup", "sub"})


def is_shortcode(line: str) -> bool:
    """Whether ``line`` (whitespace-normalised) is one unrendered shortcode."""
    if not (line.startswith("[") and line.endswith("]")):
        return False
    wrapped = _WRAPPED.fullmatch(line)
    if wrapped is not None:
        return wrapped.group(1) not in _FORMATTING
    return _LONE.fullmatch(line) is not None


# One start tag with name=value attributes, or an element with its end tag ("<br>" alone, or
# "<Name der Redaktion bekannt>", could be text in angle brackets).
_VALUE = r"""(?:"[^"]*"|'[^']*'|[^\s"'<>]+)"""
_START = rf"<([a-zA-Z][a-zA-Z0-9]*)((?:\s+[\w:-]+(?:={_VALUE})?)*)\s*/?>"
_HTML = re.compile(rf"{_START}(?:[^<>]*</\1\s*>)?")


def is_html_tag(line: str) -> bool:
    """Whether ``line`` (whitespace-normalised) is one HTML tag or element shown as text."""
    if not (line.startswith("<") and line.endswith(">")):
        return False
    found = _HTML.fullmatch(line)
    return found is not None and ("=" in found.group(2) or line.rstrip().endswith(
        f"</{found.group(1)}>"))
