"""Whole-line phrase matching with the answer of one combined regex, at a fraction of its cost.

The answer is the first phrase, in table order, whose pattern matches the whole line. A combined
alternation finds it, but phrases that open with a wildcard run (``.{0,80}…``, ``.*…``,
``[^.!?]{0,60}…``) make it rescan the line once per such phrase, and most lines are prose that
no phrase matches. So each phrase's top-level alternatives are split into units:

- cheap units (a literal or a narrow class first) stay in combined regexes, one per set of
  characters they can start with (read from the parsed pattern): a line is tried against the
  ~10 of ~70 whose set holds its first character, each rejecting it in one C-level pass;
- wildcard-led units are tried one by one, in order, and only when the line's length fits the
  unit's width and the line contains the literals the unit cannot match without (read from the
  parsed pattern, e.g. "Affiliate-Link", each after a one-character test for its rarest
  character): two integer comparisons and a substring test or two.

Skipping a unit only ever happens when it cannot match, so the first matching phrase is the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from re import _compiler as sre_compile  # the stdlib's own regex parser: widths, literals and
from re import _constants as sre  # first characters of a pattern without re-implementing its
from re import _parser as sre_parse  # syntax

from newscrawl.chrome.phrases import Phrase

# A leading repeat of a broad class with at least this maximum makes a unit worth guarding.
WIDE_REPEAT = 20
# Literal conditions checked per guarded unit (each is necessary; the cheapest first).
MAX_CONDITIONS = 2
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)


@dataclass(frozen=True, slots=True)
class _Unit:
    index: int
    regex: re.Pattern[str]
    lo: int
    hi: int
    # Each inner tuple: at least one of its strings occurs in every line the unit matches.
    needles: tuple[tuple[str, ...], ...]


class PhraseMatcher:
    """``match(line)``: the first of ``phrases`` whose pattern matches all of ``line``."""

    def __init__(self, phrases: tuple[Phrase, ...]) -> None:
        self.phrases = phrases
        cheap: list[tuple[int, str]] = []
        guarded: list[_Unit] = []
        for index, phrase in enumerate(phrases):
            if phrase.kind == "exact":
                cheap.append((index, f"(?i:{re.escape(phrase.pattern)})"))
                continue
            for source in split_alternatives(phrase.pattern):
                unit = _guarded_unit(index, source)
                if unit is None:
                    cheap.append((index, f"(?:{source})"))
                else:
                    guarded.append(unit)
        self._any_cheap = re.compile("|".join(source for _i, source in cheap) or "(?!)")
        self._cheap = tuple((index, re.compile(source)) for index, source in cheap)
        # The combined regex tries each of its ~200 alternatives at the line's start. The same
        # alternatives grouped by the characters they can start with (~70 groups, one regex
        # each): a line is tried against the groups its first character may open.
        by_start: dict[str, tuple[tuple[re.Pattern[str], ...] | None, list[str]]] = {}
        for _index, source in cheap:
            key, starts = _first_chars(source)
            by_start.setdefault(key, (starts, []))[1].append(source)
        self._groups = tuple((starts, re.compile("|".join(sources)))
                             for starts, sources in by_start.values())
        self._gates: dict[str, tuple[re.Pattern[str], ...]] = {}
        self._guarded = tuple(guarded)
        # The same, flat for the loop in ``match`` (no attribute look-ups, no call for the first
        # literal set, which is all most units have; "" is in every line). Each literal of the
        # first set comes with its rarest character (see ``key_char``).
        self._flat = tuple((unit.index, unit.lo, unit.hi,
                            tuple((key_char(lit), lit) for lit in (unit.needles or (("",),))[0]),
                            tuple(tuple((key_char(lit), lit) for lit in options)
                                  for options in unit.needles[1:]),
                            unit.regex) for unit in guarded)
        # ... and per line length up to MAX_SIZED_LINE, only the units whose width fits it.
        self._by_size = tuple(tuple(entry for entry in self._flat if entry[1] <= size <= entry[2])
                              for size in range(MAX_SIZED_LINE + 1))

    def match(self, line: str) -> Phrase | None:
        first = len(self.phrases)
        gates = self._gates.get(line[:1])
        if gates is None:
            gates = self._gates_for(line[:1])
        for gate in gates:
            if gate.fullmatch(line):
                first = next((i for i, regex in self._cheap if regex.fullmatch(line)), first)
                break
        size = len(line)
        units = self._by_size[size] if size <= MAX_SIZED_LINE else self._flat
        for index, lo, hi, literals, rest, regex in units:
            if index >= first:
                break
            if lo <= size <= hi:
                for key, literal in literals:
                    if key in line and literal in line:
                        break
                else:
                    continue
                if (not rest or _contains(line, rest)) and regex.fullmatch(line):
                    first = index
                    break
        return self.phrases[first] if first < len(self.phrases) else None

    def _gates_for(self, char: str) -> tuple[re.Pattern[str], ...]:
        """The groups of cheap alternatives a line starting with ``char`` may match (all of
        them in one regex for the empty line)."""
        if not char:
            return (self._any_cheap,)
        gates = tuple(gate for starts, gate in self._groups
                      if starts is None or any(start.fullmatch(char) for start in starts))
        if len(self._gates) < MAX_GATES:
            self._gates[char] = gates
        return gates


# Line lengths for which a matcher keeps the guarded units that fit (the chrome filter matches
# lines up to 500 characters; longer ones go through all units with their width tested).
MAX_SIZED_LINE = 600
# First characters a matcher keeps its groups for (a page's lines start with a few dozen).
MAX_GATES = 2048


def _first_chars(source: str) -> tuple[str, tuple[re.Pattern[str], ...] | None]:
    """One-character regexes, one of which matches the first character of every string
    ``source`` matches, and a key naming them; ("", None) when they are not read from the
    pattern (it may match the empty string, or opens with an anchor, a look-around or a back
    reference)."""
    parsed = sre_parse.parse(source)
    starts = _first_items(parsed, 0, 0)
    if starts is None:
        return "", None
    return repr(starts), tuple(
        sre_compile.compile(sre_parse.SubPattern(parsed.state, [(sre.SUBPATTERN, (
            None, add, remove, sre_parse.SubPattern(parsed.state, [item])))]))
        for item, add, remove in starts)


_ONE_CHAR = (sre.LITERAL, sre.NOT_LITERAL, sre.IN, sre.ANY)


def _first_items(seq: sre_parse.SubPattern, add: int, remove: int
                 ) -> list[tuple[tuple[object, object], int, int]] | None:
    """The one-character items of which one opens every match of ``seq``, with the scoped
    flags they are read under (``add``/``remove``, as a ``(?a-b:...)`` group sets them); None
    when ``seq`` may match the empty string or opens with something else."""
    found: list[tuple[tuple[object, object], int, int]] = []
    for op, av in seq:
        if op in _ONE_CHAR:
            found.append(((op, av), add, remove))
            return found
        if op in _REPEATS:
            low, _high, item = av
            items = _first_items(item, add, remove)
            if items is None:
                return None
            found.extend(items)
            if low >= 1:
                return found
            continue  # optional: what follows may open the match as well
        if op is sre.SUBPATTERN:
            _group, more, fewer, inner = av
            items = _first_items(inner, (add | more) & ~fewer, (remove | fewer) & ~more)
        elif op is sre.BRANCH:
            items = []
            for branch in av[1]:
                opening = _first_items(branch, add, remove)
                if opening is None:
                    return None
                items.extend(opening)
        else:
            return None
        if items is None:
            return None
        found.extend(items)
        return found
    return None


# Characters by how common they are in prose (German and English letter frequencies, most
# common first); upper-case letters, digits and other signs are rarer than any of these.
_COMMON = " .,etnaisrhodlucmgwfbpyvkzüäößjxq-"


def _rarity(char: str) -> int:
    index = _COMMON.find(char)
    if index >= 0:
        return index
    return len(_COMMON) + (0 if char.isupper() else 1 if char.isdigit() else 2)


def key_char(literal: str) -> str:
    """The character of ``literal`` least likely in a line of prose ("" for ""), tested before
    the literal: a one-character test is a memchr, where a substring search sets up a skip
    table for every call and, in a line with characters beyond Latin-1, widens the literal to
    the line's width first (~40 of these per line: most of the matcher's time). The literal
    holds the character, so a line without it cannot hold the literal."""
    return max(literal, key=_rarity, default="")


def _contains(line: str, needles: tuple[tuple[tuple[str, str], ...], ...]) -> bool:
    """Whether ``line`` holds one literal of each set (literals with their ``key_char``)."""
    for options in needles:
        for key, needle in options:
            if key in line and needle in line:
                break
        else:
            return False
    return True


def split_alternatives(pattern: str) -> list[str]:
    """The top-level ``|`` alternatives of ``pattern`` (groups, classes and escapes respected);
    the whole pattern when it starts with global inline flags."""
    if re.match(r"\(\?[aiLmsux]+\)", pattern):
        return [pattern]
    parts: list[str] = []
    depth, start, i, in_class = 0, 0, 0, False
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            i += 1
            if pattern[i:i + 1] == "^":
                i += 1
            if pattern[i:i + 1] == "]":
                i += 1  # a leading "]" is a literal
            continue
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return parts


def _guarded_unit(index: int, source: str) -> _Unit | None:
    """A guarded unit for a wildcard-led alternative, None for a cheap one."""
    try:
        parsed = sre_parse.parse(source)
        regex = re.compile(source)
    except (re.error, TypeError, ValueError):
        return None
    if not _wide_lead(parsed):
        return None
    lo, hi = parsed.getwidth()
    icase = bool(parsed.state.flags & sre.SRE_FLAG_IGNORECASE)
    # Fewest options first, then the longest shortest string; ties in string order (the same
    # guard whatever the hash seed).
    conditions = sorted(set(_needle_sets(parsed, icase)),
                        key=lambda s: (len(s), -min(map(len, s)), sorted(s)))
    needles = tuple(tuple(sorted(s)) for s in conditions[:MAX_CONDITIONS])
    if not needles and hi >= sre.MAXREPEAT:
        return None  # nothing to check cheaply: leave it to the combined regex
    return _Unit(index, regex, lo, hi, needles)


def _wide_lead(seq: sre_parse.SubPattern) -> bool:
    """Whether the pattern can open with a long run of a broad class (``.``, ``[^…]``)."""
    if not len(seq):
        return False
    op, av = seq[0]
    if op in _REPEATS:
        return av[1] >= WIDE_REPEAT and _broad(av[2])
    if op is sre.SUBPATTERN:
        return _wide_lead(av[3])
    if op is sre.BRANCH:
        return any(_wide_lead(branch) for branch in av[1])
    return False


def _broad(seq: sre_parse.SubPattern) -> bool:
    if len(seq) != 1:
        return False
    op, av = seq[0]
    if op in (sre.ANY, sre.NOT_LITERAL):
        return True
    return op is sre.IN and (av[0][0] is sre.NEGATE or (sre.LITERAL, ord(" ")) in av
                             or (sre.CATEGORY, sre.CATEGORY_SPACE) in av)


def _needle_sets(seq: sre_parse.SubPattern, icase: bool) -> list[frozenset[str]]:
    """Literal sets of which each is necessary: one of its strings occurs in every match."""
    found: list[frozenset[str]] = []
    run: list[str] = []
    for op, av in seq:
        if op is sre.LITERAL and not icase:
            run.append(chr(av))
            continue
        if run:
            found.append(frozenset(["".join(run)]))
            run = []
        if op is sre.SUBPATTERN:
            _group, add, remove, sub = av
            sub_icase = (icase or bool(add & sre.SRE_FLAG_IGNORECASE)) and not (
                remove & sre.SRE_FLAG_IGNORECASE)
            found.extend(_needle_sets(sub, sub_icase))
        elif op is sre.BRANCH:
            options = [_best(_needle_sets(branch, icase)) for branch in av[1]]
            if all(options):
                found.append(frozenset().union(*options))  # type: ignore[arg-type]
        elif op in _REPEATS and av[0] >= 1:
            found.extend(_needle_sets(av[2], icase))
    if run:
        found.append(frozenset(["".join(run)]))
    return found


def _best(sets: list[frozenset[str]]) -> frozenset[str] | None:
    """The most selective set: the longest shortest string."""
    return max(sets, key=lambda s: (min(map(len, s)), -len(s))) if sets else None
