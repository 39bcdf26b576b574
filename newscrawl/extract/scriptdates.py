"""Dates a page carries only in its scripts or comments: the least trusted source.

Client-rendered pages keep the story's date in framework state (``"publishedAt": "…"``), a
``dataLayer`` push or a JS variable; old CMSs print it with an inline call
(``showDate("2020/04/17 01:43:09")``). Such strings are read only when the page offers nothing
better (``resolve_dates`` ranks the ``script`` source last), and never when they may be
another story's: state that names several different days says nothing about this story, and
an inline call counts only where a printed date would (short, outside teasers and footers,
nearest to the headline).
"""

from __future__ import annotations

import re

from lxml import etree

from newscrawl.extract.datespots import BEFORE_PENALTY, about_other_story

# Keys that name a publication date in state objects, data layers and JS variables.
_PUBLISHED_KEY = re.compile(
    r"""["']?\b(?:date_?published|published_?(?:at|date|time|on)|publish_?(?:date|time)"""
    r"""|pub_?date|first_?published(?:_?(?:at|date|time))?|date_?created|created_?at)\b["']?"""
    r"""\s*[:=]\s*["']([^"'<>\n]{8,40})["']""",
    re.IGNORECASE,
)
# A full date as a call's argument: showDate("2020/04/17 01:43:09"), f('2020-04-17T01:43Z').
_DATE_LITERAL = re.compile(
    r"""\(\s*["'](\d{4}[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\d|3[01])"""
    r"""(?:[ T]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?)(?=[\s"'])"""
)
# An inline script this short is a call that prints something where it stands; a longer one
# is code or state, whose literals may be anything.
MAX_PRINTING_SCRIPT = 300
_DAY = re.compile(r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}")


def script_dates(root: etree._Element, headline: etree._Element | None) -> list[str]:
    """Published-date strings from scripts and comments, the state's before an inline call's."""
    page = root.getroottree().getroot()
    keyed: list[str] = []
    for node in page.iter(etree.Comment, "script"):
        if node.tag == "script" and (node.get("src") or _is_json_ld(node)):
            continue  # JSON-LD is read as structured data, with its own rules
        keyed.extend(m.group(1).strip() for m in _PUBLISHED_KEY.finditer(node.text or ""))
    days = {_day(v) for v in keyed}
    found = keyed if len(days) == 1 else []  # several stories' dates: none is surely this one's
    call = _printing_call(root, headline)
    if call:
        found.append(call)
    return list(dict.fromkeys(found))


def _printing_call(root: etree._Element, headline: etree._Element | None) -> str | None:
    """The one date argument of the short inline script nearest the headline, outside other
    stories' regions."""
    order = {el: i for i, el in enumerate(root.iter())}
    anchor = order.get(headline, 0) if headline is not None else 0
    story = set(headline.iterancestors()) if headline is not None else set()
    best: tuple[int, str] | None = None
    for script in root.iter("script"):
        text = script.text or ""
        if script.get("src") or len(text) > MAX_PRINTING_SCRIPT or _is_json_ld(script):
            continue
        matches = _DATE_LITERAL.findall(text)
        if len(matches) != 1 or about_other_story(script, root, story, len(matches[0])):
            continue
        position = order[script] - anchor
        distance = position if position >= 0 else -position * BEFORE_PENALTY
        if best is None or distance < best[0]:
            best = (distance, matches[0])
    return best[1] if best else None


def _day(value: str) -> str:
    """The calendar-day part of a value, so that two times of one day agree."""
    match = _DAY.search(value)
    return match.group(0).replace("/", "-").replace(".", "-") if match else value


def _is_json_ld(script: etree._Element) -> bool:
    return (script.get("type") or "").strip().lower() == "application/ld+json"
