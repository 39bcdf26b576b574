"""``visible_dates`` skips positions too far from a digit: it must find exactly what the plain
pattern finds, on any text (with whitespace runs the plain pattern is used)."""

from __future__ import annotations

import random

from newscrawl.dates.vocabulary import MONTHS
from newscrawl.extract.datecands import _LABELLED, _LABELS, _TO_DIGIT, _VISIBLE, visible_dates

_SEPARATORS = (" ", "", ".", ". ", ": ", "  ", "\xa0", "\n", ", ")
_WORDS = (*_LABELS, "Stand", "DATUM", "Zuletzt Aktualisiert", "am", "vom", "on", ":", ".", "/",
          "-", "um", "Uhr", "|", "of", "de", "st", "th", "年", "月", "日", "pm", "x" * 20,
          "x" * 40, *MONTHS, *(m.upper() for m in MONTHS))


def _found(matches) -> list[tuple[tuple[int, int], str | None, str]]:
    return [(m.span(), m.group("label"), m.group("value")) for m in matches]


def _text(rnd: random.Random) -> str:
    def piece() -> str:
        if rnd.random() < 0.35:
            return str(rnd.choice((rnd.randint(0, 9), rnd.randint(0, 31), rnd.randint(1900, 2030))))
        return rnd.choice(_WORDS)
    return "".join(piece() + rnd.choice(_SEPARATORS) for _ in range(rnd.randint(1, 14)))


def test_same_matches_as_the_plain_pattern() -> None:
    rnd = random.Random(16)
    matched = 0
    for i in range(20_000):
        text = _text(rnd)
        pos = rnd.randint(0, len(text)) if i % 5 == 0 else 0
        expected = _found(_VISIBLE.finditer(text, pos))
        assert _found(visible_dates(text, pos)) == expected, (text, pos)
        matched += bool(expected)
    assert matched > 5_000  # the texts do hold dates


def test_longest_lead_before_the_digit_is_still_found() -> None:
    longest_label = max(_LABELS, key=len)
    longest_month = max(MONTHS, key=len)
    text = f"{longest_label} vom : {longest_month}. 5"
    assert text.index("5") == _TO_DIGIT
    assert [m.group(0) for m in visible_dates(text)] == [text]


def test_labelled_pattern_finds_a_date_wherever_a_labelled_one_is() -> None:
    """``_LABELLED`` lets ``date_candidates`` skip a labels-only pass: it must find a match in
    every text where ``visible_dates`` finds a labelled one."""
    rnd = random.Random(17)
    labelled = 0
    for i in range(20_000):
        text = _text(rnd)
        pos = rnd.randint(0, len(text)) if i % 5 == 0 else 0
        matches = list(visible_dates(text, pos))
        found = _LABELLED.search(text, pos)
        if any(m.group("label") for m in matches):
            assert found, (text, pos)
            labelled += 1
        elif found:
            # only where an unlabelled date covers the label ("Dezember 3stand März 31")
            assert any(m.start() < found.start() < m.end() for m in matches), (text, pos)
    assert labelled > 300  # the texts do hold labelled dates
