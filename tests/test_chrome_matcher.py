"""PhraseMatcher gives the answer of one combined regex over the phrase table (its reference)."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newscrawl.chrome.matcher import PhraseMatcher, _first_chars, key_char, split_alternatives
from newscrawl.chrome.phrases import PHRASES, Phrase
from tests.test_chrome import CHROME_LINES, PROSE

ANYWHERE = tuple(p for p in PHRASES if p.zone == "any")
TABLES = {"all": PHRASES, "anywhere": ANYWHERE}
MATCHERS = {name: PhraseMatcher(table) for name, table in TABLES.items()}


def _combined(phrases: tuple[Phrase, ...]) -> re.Pattern[str]:
    """The reference: every phrase as one named alternative, the first that matches wins."""
    parts = []
    for i, phrase in enumerate(phrases):
        body = re.escape(phrase.pattern) if phrase.kind == "exact" else phrase.pattern
        flags = "(?i:" if phrase.kind == "exact" else "(?:"
        parts.append(f"(?P<p{i}>{flags}{body}))")
    return re.compile("|".join(parts))


REFERENCE = {name: _combined(table) for name, table in TABLES.items()}


def _check(line: str) -> None:
    for name, table in TABLES.items():
        found = REFERENCE[name].fullmatch(line)
        expected = table[int(found.lastgroup[1:])] if found and found.lastgroup else None
        assert MATCHERS[name].match(line) is expected, (name, line)


@pytest.mark.parametrize("line", [*CHROME_LINES, *PROSE, "", " ", "|", "a|b", "Abo"])
def test_same_answer_on_known_lines(line: str) -> None:
    _check(" ".join(line.split()))


@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def test_same_answer_on_lines_each_phrase_generates(data: st.DataObject) -> None:
    """Lines drawn from every phrase's own pattern, with prose glued before or after."""
    for phrase in PHRASES:
        pattern = re.escape(phrase.pattern) if phrase.kind == "exact" else phrase.pattern
        line = data.draw(st.from_regex(re.compile(pattern), fullmatch=True))
        glue = data.draw(st.sampled_from(["", *PROSE[:3]]))
        for candidate in (line, line + " " + glue, glue + " " + line, line.upper()):
            candidate = " ".join(candidate.split())
            if len(candidate) <= 200:  # the reference regex backtracks badly on long lines
                _check(candidate)


def test_split_alternatives_respects_groups_classes_and_escapes() -> None:
    assert split_alternatives(r"a|b(?:c|d)|[|x]|\||e") == ["a", "b(?:c|d)", "[|x]", r"\|", "e"]
    assert split_alternatives(r"[]|]|[^]|]") == ["[]|]", "[^]|]"]
    assert split_alternatives(r"(?i)a|b") == [r"(?i)a|b"]
    for phrase in PHRASES:
        if phrase.kind == "regex":
            parts = split_alternatives(phrase.pattern)
            assert "|".join(parts) == phrase.pattern
            for part in parts:
                re.compile(part)


def test_wildcard_led_phrases_are_guarded() -> None:
    """The slow phrases (".{0,80}…", ".*…") are behind literal checks, not in the combined regex."""
    guarded = {unit.regex.pattern for unit in MATCHERS["all"]._guarded}
    assert r".{0,80}(?:gekennzeichneten|markierten) Links sind Affiliate-Links.*" in guarded
    assert all(unit.needles or unit.hi < 10_000 for unit in MATCHERS["all"]._guarded)


def test_each_guard_literal_is_tested_after_a_character_it_holds() -> None:
    """The one-character test before each literal can only rule out lines without it."""
    assert key_char("") == ""
    assert key_char(" Uhr") == "U"
    assert key_char("dpa-Bildfunk +++") == "+"
    for matcher in MATCHERS.values():
        for _index, _lo, _hi, first, rest, _regex in matcher._flat:
            for key, literal in (*first, *(pair for options in rest for pair in options)):
                assert key in literal and (key != " " or not literal.strip())


def test_first_characters_read_from_a_pattern() -> None:
    """The groups a line is tried against come from the characters each alternative can start
    with: never fewer than the regex engine allows (case folding included)."""
    def opens(source: str, char: str) -> bool:
        _key, starts = _first_chars(source)
        return starts is None or any(start.fullmatch(char) for start in starts)

    assert all(opens("(?i:Startseite)", c) for c in "Ssſ") and not opens("(?i:Startseite)", "t")
    source = r"(?:(?:Video)?\s?\d+ (?:Bilder|Fotos))"
    assert all(opens(source, c) for c in "V 7") and not opens(source, "B")
    assert opens(r"(?:[A-ZÄÖÜ][\w-]+ ist)", "Ä") and not opens(r"(?:[A-ZÄÖÜ][\w-]+ ist)", "a")
    assert _first_chars("(?:a*)") == ("", None) and _first_chars(r"(?:\bx)") == ("", None)
    for matcher in MATCHERS.values():
        for char in "DTSa1(»":
            gates = matcher._gates_for(char)
            for _index, regex in matcher._cheap:
                if any(regex.fullmatch(char + tail) for tail in ("", "x", " 1")):
                    assert any(gate.fullmatch(char + tail) for gate in gates
                               for tail in ("", "x", " 1"))
