"""The block filter: drops chrome lines, duplicates, captions and repeated title/teaser lines."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from newscrawl.article import Block
from newscrawl.chrome.agencies import TAIL_LINES, is_agency_note
from newscrawl.chrome.contacts import (
    CONTACT_TAIL_LINES,
    is_author_contact,
    is_byline_line,
    surnames,
)
from newscrawl.chrome.counters import is_counter
from newscrawl.chrome.datelines import is_dateline
from newscrawl.chrome.matcher import PhraseMatcher, key_char
from newscrawl.chrome.metalines import is_meta_line
from newscrawl.chrome.phrases import INLINE, PHRASES, SECTION_END, Phrase
from newscrawl.chrome.shortcodes import is_html_tag, is_shortcode
from newscrawl.extract.textkey import comparison_key

# Lines this short (characters) count as "short" for edge-zone phrases anywhere in the body.
SHORT_LINE = 40
# How many blocks at the start/end of the body form the edge zone.
EDGE_BLOCKS = 3
# A run of this many consecutive 1–3-word lines is a dumped menu (GA, RNZ).
MENU_RUN = 5
# A menu entry does not end like a sentence (Latin or CJK full stop, CJK question/exclamation:
# a Japanese sentence has no spaces, so it is one "word").
_SENTENCE_END = (".", "\u3002", "\uff0e", "\uff01", "\uff1f")
# A line repeated in the body is a rendering double from this many key characters on; shorter
# lines recur in the story itself ("Eat every 2–3 hours" under each meal of a plan).
MIN_DUPLICATE_KEY = 40
# A trailing heading this short is a box title left without its box.
ORPHAN_MAX_WORDS = 6
# A line this long is prose: the story has begun (date lines stand before it).
PROSE_CHARS = 80


@dataclass(slots=True)
class CleanResult:
    """Kept blocks in order, and every dropped line with the reason it was dropped.

    ``stripped`` holds the kept texts that inline chrome was cut out of (a second pass may find
    more in them); in every other kept text a second pass finds none."""

    blocks: list[Block] = field(default_factory=list)
    dropped: list[tuple[str, str]] = field(default_factory=list)
    stripped: set[str] = field(default_factory=set)


# Edge-zone phrases may match anywhere only in short lines; elsewhere only "any"-zone ones.
_ALL = PhraseMatcher(PHRASES)
_ANYWHERE = PhraseMatcher(tuple(p for p in PHRASES if p.zone == "any"))
# Each pattern with the literal it cannot match without, and that literal's rarest character
# (tested first: a memchr; ``key_char``).
_INLINE = tuple((re.compile(pattern), key_char(literal), literal)
                for pattern, literal, _note in INLINE)
_SPACE_BEFORE_PUNCT = re.compile(r"\s+(?=[.,;:!?)])")
_SECTION_END = re.compile("|".join(f"(?:{pattern})" for pattern, _note in SECTION_END),
                          re.IGNORECASE)
# A related-section header only ends the story in the later part of the body.
SECTION_END_FROM = 0.5
SECTION_END_MAX_CHARS = 80
# Cheap pre-check: chrome lines are short or start with one of a few characters/words.
_MAX_CHROME_CHARS = 500


def _norm(text: str) -> str:
    """``" ".join(text.split())``; a text that is normalised already (most block texts) is
    returned as it is, which C tests say without splitting it: every whitespace character but
    the space is unprintable, and no space is doubled or at either end."""
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())


def match_phrase(line: str, *, at_edge: bool = True) -> Phrase | None:
    """The chrome phrase ``line`` is, or None. Edge-zone phrases only match when ``at_edge``
    or when the line is short."""
    return _match_normed(_norm(line), at_edge)


def _match_normed(line: str, at_edge: bool) -> Phrase | None:
    """``match_phrase`` for a line already whitespace-normalised (clean_blocks' lines are)."""
    if not line or len(line) > _MAX_CHROME_CHARS:
        return None
    return (_ALL if at_edge or len(line) <= SHORT_LINE else _ANYWHERE).match(line)


def looks_like_chrome(line: str) -> bool:
    """Whether a whole line is UI chrome (navigation, widget, promo, caption credit …)."""
    return match_phrase(line, at_edge=True) is not None or is_section_end(line)


def strip_inline_chrome(text: str) -> str:
    """Remove inline teasers such as "(Lesen Sie auch: …)" and keep the rest of the sentence."""
    if not text:
        return text
    out = text
    for pattern, key, literal in _INLINE:
        if key in out and literal in out:
            out = pattern.sub("", out)
    if out == text:
        return text
    return _SPACE_BEFORE_PUNCT.sub("", _norm(out))


def clean_blocks(blocks: list[Block], *, title: str | None = None, teaser: str | None = None,
                 captions: Iterable[str] = (), authors: Iterable[str] = ()) -> CleanResult:
    """Drop chrome lines, exact duplicates, caption/credit lines, the title or teaser repeated
    in the body and the ``authors``' contact lines under it; keep everything else in order."""
    result = CleanResult()
    # Each line whitespace-normalised once, for every test below.
    lines = [_norm(block.text) for block in blocks]
    end = _related_tail_start(lines)
    if end < len(blocks):
        result.dropped.extend((b.text, "related_section") for b in blocks[end:])
        blocks, lines = blocks[:end], lines[:end]
    title_key, teaser_key = comparison_key(title), comparison_key(teaser)
    authors = [a for a in authors if a]
    names = surnames(authors)
    caption_keys = {comparison_key(c) for c in captions if c}
    seen: set[str] = set()
    menu_run = _menu_runs(blocks, lines)
    last = len(blocks) - 1
    # Date and meta lines are chrome above the story: before its first line of prose (a meta
    # line can be as long as prose; it is not the story's start).
    story_start = next((i for i, line in enumerate(lines)
                        if len(line) >= PROSE_CHARS and not is_meta_line(line)), len(lines))
    previous = ""
    # Index in result.blocks of a short heading whose next line was dropped as chrome.
    emptied_heading: int | None = None
    for i, block in enumerate(blocks):
        # Inline chrome first: "News folgen (öffnet im neuen Fenster)" is a whole chrome line.
        text = strip_inline_chrome(lines[i])
        key = comparison_key(text)
        reason = None
        if not key:
            reason = "empty"
        elif i in menu_run:
            reason = "menu"
        elif key == title_key:
            reason = "title"
        elif key == teaser_key or (teaser_key and len(key) > 20 and teaser_key.startswith(key)):
            reason = "teaser_repeat"
        elif key in caption_keys:
            reason = "caption"
        elif key in seen and len(key) >= MIN_DUPLICATE_KEY:
            reason = "duplicate"
        elif previous and len(key) < len(previous) and previous.endswith(key) and len(key) > 10:
            reason = "duplicate"  # Ippen renders the bold lead of a bullet twice
        else:
            # ``text`` is normalised: strip_inline_chrome returns its input or a normed line.
            phrase = _match_normed(text, i < EDGE_BLOCKS or i > last - EDGE_BLOCKS)
            if phrase is not None:
                reason = phrase.reason
            elif i > last - TAIL_LINES and is_agency_note(text):
                reason = "agency_note"
            elif i > last - CONTACT_TAIL_LINES and is_author_contact(text, names):
                reason = "author_contact"
            elif (i < EDGE_BLOCKS or i > last - CONTACT_TAIL_LINES) and authors \
                    and is_byline_line(text, authors):
                reason = "byline"
            elif block.kind == "p" and i < story_start and is_dateline(text):
                reason = "dateline"
            elif block.kind == "p" and i < story_start and is_meta_line(text):
                reason = "meta_line"
            elif block.kind == "p" and is_counter(text):
                reason = "counter"
            elif is_shortcode(text):
                reason = "shortcode"
            elif is_html_tag(text):
                reason = "markup"
        if reason:
            result.dropped.append((text, reason))
            kept = result.blocks
            if (reason not in ("empty", "duplicate") and kept and kept[-1].kind == "h"
                    and blocks[i - 1].kind == "h" and comparison_key(blocks[i - 1].text) == previous
                    and len(kept[-1].text.split()) <= ORPHAN_MAX_WORDS):
                emptied_heading = len(kept) - 1
            continue
        if emptied_heading is not None and block.kind == "h":
            # "Hinweis:" over a disclaimer that was dropped: the box heading goes with it.
            result.dropped.append((result.blocks.pop(emptied_heading).text, "orphan_heading"))
        emptied_heading = None
        seen.add(key)
        previous = key
        if text != lines[i]:
            result.stripped.add(text)
        result.blocks.append(Block(block.kind, text))
    _drop_orphan_headings(result)
    return result


def is_section_end(line: str) -> bool:
    """Whether ``line`` is a header of a related-articles section ("Weitere Themen")."""
    return _is_section_end_normed(_norm(line))


def _is_section_end_normed(line: str) -> bool:
    return len(line) <= SECTION_END_MAX_CHARS and _SECTION_END.fullmatch(line) is not None


def _related_tail_start(lines: list[str]) -> int:
    """Where a related-articles header in the second half of the body (normalised ``lines``)
    starts what is dropped to the end; ``len(lines)`` when there is none."""
    start = int(len(lines) * SECTION_END_FROM)
    for i in range(max(start, 1), len(lines)):
        if _is_section_end_normed(lines[i]):
            return i
    return len(lines)


def _menu_runs(blocks: list[Block], lines: list[str]) -> set[int]:
    """Indexes of lines in runs of >= MENU_RUN consecutive 1–3-word non-heading lines
    (``lines``: the blocks' texts normalised, so a line has one space fewer than words)."""
    out: set[int] = set()
    run: list[int] = []
    for i, (block, line) in enumerate(zip(blocks, lines, strict=True)):
        if (block.kind in {"p", "li"} and line and line.count(" ") < 3
                and not line.endswith(_SENTENCE_END)):
            run.append(i)
            continue
        if len(run) >= MENU_RUN:
            out.update(run)
        run = []
    if len(run) >= MENU_RUN:
        out.update(run)
    return out


def _drop_orphan_headings(result: CleanResult) -> None:
    """A short sub-heading with no text after it (its box was removed) is not part of the story.

    Only the last one goes: a body of sentence-long headings (listicles) stays as it is.
    """
    blocks = result.blocks
    if blocks and blocks[-1].kind == "h" and len(blocks[-1].text.split()) <= ORPHAN_MAX_WORDS:
        result.dropped.append((blocks.pop().text, "orphan_heading"))
