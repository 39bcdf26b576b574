"""Expected and extracted body text aligned side by side, word by word, for the evaluation report.

Words are compared as the scorer sees them (``scoring.tokenize``: case-folded, punctuation
ignored) by one ``difflib`` matching over the whole text, so a paragraph that one side splits in
two still lines up. Lines joined by matched words form one row; lines with no match at all get a
row of their own (all missed on the left, all extra on the right).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Literal

from newscrawl.offline.scoring import tokenize

Mark = Literal["same", "miss", "extra"]
_WORD = re.compile(r"\S+")
# A lone matching word ("die", "the") between unrelated lines is chance, not alignment; it counts
# only when it is a whole line (a one-word sub-heading).
MIN_RUN = 2


@dataclass(slots=True)
class Segment:
    """A run of words with one mark: ``same`` on both sides, ``miss`` (expected, not extracted)
    or ``extra`` (extracted, not expected)."""

    text: str
    mark: Mark


Line = list[Segment]


@dataclass(slots=True)
class Row:
    """Lines of the expected text (left) and of the extracted text (right) that belong together."""

    left: list[Line] = field(default_factory=list)
    right: list[Line] = field(default_factory=list)


@dataclass(slots=True)
class _Words:
    """The words of some lines: display text, comparison key ("" = punctuation only) and line."""

    text: list[str] = field(default_factory=list)
    key: list[str] = field(default_factory=list)
    line: list[int] = field(default_factory=list)

    @classmethod
    def of(cls, lines: list[str]) -> _Words:
        words = cls()
        for number, line in enumerate(lines):
            for word in _WORD.findall(line):
                words.text.append(word)
                words.key.append(" ".join(tokenize(word)))
                words.line.append(number)
        return words


def align(expected: list[str], extracted: list[str]) -> list[Row]:
    """Rows of aligned lines, in text order, with every word marked."""
    left, right = _Words.of(expected), _Words.of(extracted)
    left_keyed = [i for i, k in enumerate(left.key) if k]
    right_keyed = [j for j, k in enumerate(right.key) if k]
    matcher = SequenceMatcher(None, [left.key[i] for i in left_keyed],
                              [right.key[j] for j in right_keyed], autojunk=False)
    left_hit, right_hit = set(), set()
    links: list[tuple[int, int]] = []
    line_words = Counter(left.line[i] for i in left_keyed)
    for a, b, size in matcher.get_matching_blocks():
        if size < MIN_RUN and (not size or line_words[left.line[left_keyed[a]]] > size):
            continue
        for k in range(size):
            i, j = left_keyed[a + k], right_keyed[b + k]
            left_hit.add(i)
            right_hit.add(j)
            link = (left.line[i], right.line[j])
            if not links or links[-1] != link:
                links.append(link)
    left_lines = _render(left, left_hit, "miss", len(expected))
    right_lines = _render(right, right_hit, "extra", len(extracted))
    return _rows(links, left_lines, right_lines)


def _render(words: _Words, hit: set[int], unmatched: Mark, count: int) -> list[Line]:
    """Each line's words merged into segments; punctuation-only words count as matched."""
    lines: list[Line] = [[] for _ in range(count)]
    for i, text in enumerate(words.text):
        mark: Mark = "same" if i in hit or not words.key[i] else unmatched
        line = lines[words.line[i]]
        if not line:
            line.append(Segment(text, mark))
        elif line[-1].mark == mark:
            line[-1].text += " " + text
        elif mark == "same":
            line.append(Segment(" " + text, mark))
        else:  # the space before a marked word stays unmarked
            if line[-1].mark == "same":
                line[-1].text += " "
            else:
                line.append(Segment(" ", "same"))
            line.append(Segment(text, mark))
    return lines


def _rows(links: list[tuple[int, int]], left: list[Line], right: list[Line]) -> list[Row]:
    """Group lines joined by matched words (the links are monotone, so groups are intervals);
    lines between groups become rows of their own."""
    groups: list[list[int]] = []  # [left start, left end, right start, right end]
    for li, ri in links:
        if groups and (li <= groups[-1][1] or ri <= groups[-1][3]):
            groups[-1][1], groups[-1][3] = max(groups[-1][1], li), max(groups[-1][3], ri)
        else:
            groups.append([li, li, ri, ri])
    rows: list[Row] = []
    next_left = next_right = 0
    for l0, l1, r0, r1 in [*groups, [len(left), len(left) - 1, len(right), len(right) - 1]]:
        rows.extend(Row(left=[line]) for line in left[next_left:l0] if line)
        rows.extend(Row(right=[line]) for line in right[next_right:r0] if line)
        if l0 < len(left) or r0 < len(right):
            rows.append(Row(left=[x for x in left[l0:l1 + 1] if x],
                            right=[x for x in right[r0:r1 + 1] if x]))
        next_left, next_right = l1 + 1, r1 + 1
    return rows
