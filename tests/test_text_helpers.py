"""The fast text helpers give exactly what their plain definitions give."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from newscrawl.extract.textkey import comparison_key
from newscrawl.extract.tree import all_text, longer_than, norm, parse_html, text_of

_NON_WORD = re.compile(r"\W+")
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
TRICKY = "aA_ 1\u00a0\u2009ßẞİﬁ\u0663\u00b2\u2160\u00ad\u200b\ufeff–„“,.!?\t\n\x1c…\u203f\ud800"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(TRICKY) | st.characters(), max_size=40))
def test_comparison_key_is_the_regex_definition(text: str) -> None:
    assert comparison_key(text) == _NON_WORD.sub("", text.casefold())


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=40))
def test_comparison_key_of_ascii_is_the_regex_definition(text: str) -> None:
    """ASCII keys take their own path (bytes.translate): the same key."""
    assert comparison_key(text) == _NON_WORD.sub("", text.casefold())


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(TRICKY) | st.characters(), max_size=40))
def test_norm_is_the_regex_definition(text: str) -> None:
    assert norm(text) == " ".join(_INVISIBLE.sub("", text).split())


def test_all_text_is_itertext_and_text_of_separates_blocks() -> None:
    root = parse_html("<html><body><div id=x>A<b>b</b>c<p>Para&nbsp;one</p><script>var s;</script>"
                      "tail<ul><li>x</li><li>y</li></ul><span>é</span></div></body></html>")
    assert root is not None
    div = root.find(".//div")
    assert all_text(div) == "".join(div.itertext())
    assert text_of(div) == "Abc Para\u00a0one tail x y é".replace("\u00a0", " ")
    assert all_text(etree.fromstring("<a>x<b>y</b></a>").find("b")) == "y"  # no tail


_PIECES = ["<p>", "</p>", "<div>", "</div>", "<b>", "</b>", "<span>", "</span>", "<br>",
           "<script>", "</script>", "<style>", "</style>", "<svg>", "</svg>", "<li>", "<ul>",
           "</ul>", "<noscript>", "</noscript>", "<a href='/x'>", "</a>", "&nbsp;", " ", "\n",
           "Wort", "zwei Wörter", "\u00ad\u200b", "\ufeff", "x" * 30, "\u2009\u3000"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=60), st.integers(min_value=0, max_value=80))
def test_longer_than_never_overstates_text_of(pieces: list[str], limit: int) -> None:
    """``longer_than`` may answer False in doubt, never True for a text that is not longer."""
    root = parse_html("<html><body><div>" + "".join(pieces) + "</div></body></html>")
    assert root is not None
    for el in root.iter():
        if longer_than(el, limit):
            assert len(text_of(el)) > limit


def test_longer_than_counts_visible_text_only() -> None:
    root = parse_html("<html><body><div id=a><p>" + "Wort " * 40 + "</p></div>"
                      "<div id=b><p>kurz</p><script>" + "var x = 1; " * 100 + "</script>"
                      "<p>\u200b" * 50 + "</p></div></body></html>")
    assert root is not None
    long_div, script_div = root.iter("div")
    assert longer_than(long_div, 150) and not longer_than(long_div, 300)
    assert len(text_of(script_div)) < 150 and not longer_than(script_div, 150)


def test_comparison_key_of_every_character_is_the_regex_definition() -> None:
    """Each code point, alone and between letters (runs of 64: the UTF-8 path drops the wide
    spaces and "„“–…" by their first two bytes), keyed as the regex keys it."""
    for start in range(0x80, 0x110000, 64):
        run = "".join(map(chr, range(start, min(start + 64, 0x110000))))
        for text in (run, "a".join(run)):
            assert comparison_key(text) == _NON_WORD.sub("", text.casefold()), hex(start)


def test_invisible_characters_are_unprintable() -> None:
    """``norm`` returns printable text without looking for them."""
    assert not any(c.isprintable() for c in "\u00ad\u200b\u200c\u200d\u2060\ufeff")
