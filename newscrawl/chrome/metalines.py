"""Meta lines: the story's date run together with its other page facts in one line.

"05/10/2018 - Publicado por: Clarissa Borba - Categoria: Saúde - Tags: sad", "Von Anna
Schmidt | 12.03.2024, 14:00 Uhr | Lesedauer 3 Min.", "Wednesday, September 30, 2020 02:45 PM
English | हिंदी", "Alta Floresta - MT, 22 de novembro de 2020. 18:20": the row of byline, date,
section, tags or language switch that a CMS prints over the story. Too long and too mixed for a
date line (``datelines``), and body reading takes it in with the story.

Shape, not wording: a line cut by separators (" | ", " - ", " · ", " • ") into short pieces,
one of which states a calendar date with its year (``newscrawl.dates``, any language it knows),
and another is no date or is labelled ("Aktualisiert: 13.03.2024"). Only above the story's
first line of prose (``filter.clean_blocks``): under it, such a line is part of the story (an
event's "Samstag, 12. März 2024 | 19 Uhr | Stadthalle").
"""

from __future__ import annotations

import re

from newscrawl.dates.visible import names_year

# A meta line is at most this long; each of its pieces at most a short phrase (a byline, a
# section, a date with its weekday and time).
MAX_META_CHARS = 200
MAX_PIECE_CHARS = 80
# Separators between the pieces: a bar with or without spaces, or a dash, middle dot or bullet
# with a space on each side (a hyphen inside a word or a date is no separator).
_SEPARATOR = re.compile(r"\s*\|\s*|\s+[-–—·•]\s+")
_DIGIT = re.compile(r"\d")
# "Label: value": a piece that says what it is ("Publicado por:", "Aktualisiert:").
_LABELLED = re.compile(r"^[^\W\d_][^\W\d_ .]*(?: [^\W\d_]+){0,2}:\s")
# A piece that ends like a sentence: a story's first line with its place and date in front
# ("BERLIN - 12.03.2024 - Die Polizei ermittelt."). It ends with a full stop after a
# lower-case word, or after four words or more ("Lesedauer 3 Min." is no sentence).
_SENTENCE_END = re.compile(r"(?:(?:^|\s)[^\W\d_A-ZÀ-Þ]\w*|(?:\S+\s+){3,}\S+)[.!?…]$")


def is_meta_line(line: str) -> bool:
    """Whether ``line`` (whitespace-normalised) is a meta line (see the module docstring)."""
    # Cheap exits first (asked of the body's first lines): length, a digit, a separator.
    if len(line) > MAX_META_CHARS or _DIGIT.search(line) is None \
            or _SEPARATOR.search(line) is None:
        return False
    pieces = [p for p in _SEPARATOR.split(line) if p]
    if len(pieces) < 2 or any(len(p) > MAX_PIECE_CHARS or _SENTENCE_END.search(p)
                               for p in pieces):
        return False
    dated = [names_year(p.lower()) for p in pieces]
    if not any(dated):
        return False
    # A range of dates ("29 November 2018 | 20 January 2019") is an event's, not the page's.
    return not all(dated) or any(_LABELLED.match(p) for p in pieces)
