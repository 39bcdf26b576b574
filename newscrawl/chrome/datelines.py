"""Date lines: the story's date (and time) printed as a line of the body.

"15.12.2020 – 14:49", "Domingo, Diciembre 6, 2020 - 07:32", "Apr 02, 2020, 04:11 AM IST",
"понедельник, 21 сентября 2020, 00:03", "입력 2020.08.27 20:27": page furniture above (or under)
the story that body reading takes in with it. The date stage reads the page's dates from
markup and meta; in the body such a line is chrome.

Shape, not wording: a short line that states a calendar date with its year
(``newscrawl.dates``: numeric forms and the month names of every language it knows), where
what is not the date is at most a weekday, a zone, "Updated:" or a short byline. Amounts and
names around a date ("2020-09-01 $2,800 Mark Dings", a table row) make it no date line.
"""

from __future__ import annotations

import re

from newscrawl.dates.machine import parse_iso
from newscrawl.dates.visible import names_year
from newscrawl.dates.vocabulary import MONTHS

# A date line is short: a date, a time, a weekday and a label at most.
MAX_DATELINE_CHARS = 60
# Letters around the date (weekday, "Updated", "AM IST", "기사입력") up to this many.
MAX_OTHER_LETTERS = 12
# Letters inside a token with digits that still belong to the date ("1st", "2020م", "1441هـ").
_MAX_SUFFIX_LETTERS = 2
_LETTERS = re.compile(r"[^\W\d_]+")
# A token with one of these is an amount or a handle, not part of a date.
_NOT_DATE = frozenset("$€£¥%@#")


# A label in front of the date: up to this many words of letters ("Zuletzt aktualisiert:",
# "First Published:", "Aktualisiert am", a weekday "sexta-feira,").
MAX_LABEL_WORDS = 3
_LABEL_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’.-])*[:,]?")
# After the date a labelled line has only short words: "Uhr", "AM", a zone ("Die Polizei am
# 12.03.2024: Festnahme" is a headline).
MAX_TAIL_WORD = 3
_TAIL_WORD = re.compile(rf"[^\W\d_]{{{MAX_TAIL_WORD + 1},}}")


def is_dateline(line: str) -> bool:
    """Whether ``line`` (whitespace-normalised) is a date line (see the module docstring). A
    label of up to three words in front counts as such ("Aktualisiert am 12.03.2024 um 14:00
    Uhr", "First Published: Tuesday, November 19, 2019 08:38 AM"): the rest is judged alone."""
    if len(line) > MAX_DATELINE_CHARS or not any(c.isdigit() for c in line):
        return False
    if _is_bare_dateline(line):
        return True
    last_digit = max(line.rfind(d) for d in "0123456789")
    if _TAIL_WORD.search(line, last_digit):
        return False
    words = line.split(" ", MAX_LABEL_WORDS)
    for n in range(1, min(MAX_LABEL_WORDS, len(words) - 1) + 1):
        if not _LABEL_WORD.fullmatch(words[n - 1]):
            return False
        if _is_bare_dateline(" ".join(words[n:])):
            return True
    return False


def _is_bare_dateline(line: str) -> bool:
    other = 0
    for token in line.split():
        if _NOT_DATE.intersection(token):
            return False
        for word in _LETTERS.findall(token):
            if word.lower() in MONTHS:
                continue
            if any(c.isdigit() for c in token) and len(word) <= _MAX_SUFFIX_LETTERS:
                continue
            other += len(word)
    if other > MAX_OTHER_LETTERS:
        return False
    lowered = line.lower()
    return names_year(lowered) or parse_iso(line.strip(" []()|–-")) is not None
