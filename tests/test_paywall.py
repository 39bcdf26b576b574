"""The paywall guard knows no scrambling scheme: text in no language is caught, text in any
language (and lists of names, codes, menus) is not."""

from __future__ import annotations

import codecs
import random

import pytest

from newscrawl.extract.paywall import looks_scrambled

GERMAN = ("Der Gemeinderat hat am Dienstagabend nach einer langen Debatte beschlossen, dass die "
          "alte Turnhalle an der Schulstraße im kommenden Jahr saniert und nicht abgerissen wird.")
ENGLISH = ("The council voted on Tuesday evening, after a long debate, to renovate the old gym on "
           "School Street next year instead of pulling it down.")
FRENCH = ("Le conseil municipal a décidé mardi soir, après un long débat, de rénover l'ancien "
          "gymnase de la rue de l'École l'année prochaine plutôt que de le démolir.")
ITALIAN = ("Il consiglio comunale ha deciso martedì sera, dopo un lungo dibattito, di "
           "ristrutturare la vecchia palestra in via della Scuola il prossimo anno.")
POLISH = ("Rada miasta zdecydowała we wtorek wieczorem, po długiej debacie, że stara sala "
          "gimnastyczna przy ulicy Szkolnej zostanie w przyszłym roku wyremontowana.")
REAL = [
    GERMAN, ENGLISH, FRENCH, ITALIAN, POLISH,
    "Mit dabei waren Anna Schmidt, Peter Müller, Klaus Weber, Jana Nowak und Ole Hansen.",
    "Sport BVB S04 VfL Bochum RWE MSV Duisburg Lokalsport Tippspiel Podcast",
    "LB Joe Schobert 74 100% 7 tackles, 3 assists (10 combined). 1 sack, 2 TFL, 2 INT.",
    "Mehr unter https://www.example-stadt.de/rathaus/sanierung-turnhalle-2024 und per Mail an "
    "info@example-stadt.de oder telefonisch bei der Stadtverwaltung.",
    "Новости региона: городской совет решил отремонтировать старый спортивный зал в "
    "следующем году.",
]


def _per_word(text: str, change) -> str:
    return " ".join(change(w) for w in text.split())


def _swap(word: str) -> str:
    chars = list(word)
    for i in range(0, len(chars) - 1, 2):
        chars[i], chars[i + 1] = chars[i + 1], chars[i]
    return "".join(chars)


_RNG = random.Random(3)
LOREM = ("lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing", "elit", "sed", "do",
         "eiusmod", "tempor")
# Schemes of our own; the fixtures' Caesar shift is not among them.
SCHEMES = {
    "reversed_words": lambda t: _per_word(t, lambda w: w[::-1]),
    "swapped_letter_pairs": lambda t: _per_word(t, _swap),
    "rot13": lambda t: codecs.encode(t, "rot13"),
    "random_letters": lambda t: _per_word(
        t, lambda w: "".join(_RNG.choice("eeennisrathdulcgmo") for _ in w)),
    "lorem": lambda t: _per_word(t, lambda w: _RNG.choice(LOREM)),
}


@pytest.mark.parametrize("text", REAL, ids=range(len(REAL)))
def test_text_in_some_language_is_kept(text: str) -> None:
    assert not looks_scrambled(text)


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
@pytest.mark.parametrize("text", [GERMAN, ENGLISH, FRENCH], ids=["de", "en", "fr"])
def test_obfuscated_text_is_caught_whatever_the_scheme(scheme: str, text: str) -> None:
    assert looks_scrambled(SCHEMES[scheme](text))


def test_short_lines_are_not_judged() -> None:
    assert not looks_scrambled(SCHEMES["reversed_words"]("Der Rat tagt heute."))


@pytest.mark.parametrize("text", [
    GERMAN, POLISH, "„Zitat“, sagte sie. (dpa) – Covid-19-Zeit: 2½ Jahre, H2O, snake_case!",
    "BVB-Chef Hans-Joachim Watzke (SPD) sagt: »Ja.« A I O x²y ǅemal Ⅻ ΟΔΟΣ … C3PO",
    "e\u0301tude café 中文字 word—word word/word «word» 'word' 12:30 Uhr",
    "Bundes\u00adtag\u200bwahl ab\ud800cd … ÖPNV Ⅻ ß² Ｆｕｌｌ、ｗｉｄｔｈ। हिन्दी",
])
def test_word_split_matches_the_regex(text: str) -> None:
    """The token-wise word split is the regex's, acronyms left out (exactly: same decisions)."""
    from newscrawl.extract.paywall import _WORD, _words

    expected = [w for w in _WORD.findall(text) if not (w.isupper() and len(w) > 1)]
    assert _words(text) == expected


@pytest.mark.parametrize("text", [
    GERMAN, POLISH, REAL[-1], "À ÿ Ā ɏ ɐ ʃ × ÷ ẞ ﬁ Ω ab\ud800cd",
    "".join(map(chr, range(0x20, 0x300))),
])
def test_latin_letters_are_counted_as_the_regex_counts(text: str) -> None:
    from newscrawl.extract.paywall import _LATIN, _latin_letters

    assert _latin_letters(text) == len(_LATIN.findall(text))
