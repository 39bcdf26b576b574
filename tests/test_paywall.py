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


# The page-level rule (paywall_page): a block is judged against the language of its page.
ROTATION = str.maketrans("aeiouAEIOUäöü", "eiouaEIOUAöüä")
GERMAN_PAGE = [
    GERMAN,
    "Die Verwaltung hatte zunächst vorgeschlagen, das marode Gebäude abzureißen und die Schüler "
    "in die Nachbarstadt zu schicken. Dafür fand sich am Ende aber keine Mehrheit im Rat.",
]
PAID = [
    "Bürgermeister Alexander Berger zeigte sich nach der Abstimmung erleichtert. Er habe lange mit "
    "sich gerungen, weil die Stadt kaum Geld habe und die Kosten jedes Jahr steigen würden.",
    "Nun soll zunächst das Dach erneuert werden, danach folgen die Technik und die Umkleiden. "
    "Während der Arbeiten bleibt die Halle voraussichtlich von Juni bis Oktober geschlossen.",
]
GERMAN_CONTEXT = (
    "Turnhalle wird saniert statt abgerissen",
    "Der Gemeinderat hat sich nach langer Debatte für den Erhalt der Halle entschieden.",
)


def test_vowel_rotation_is_caught_on_its_page_not_alone() -> None:
    from newscrawl.extract.paywall_page import scrambled_blocks

    rotated = [t.translate(ROTATION) for t in PAID]
    assert not any(map(looks_scrambled, rotated))  # alone: could be a language not modelled
    assert scrambled_blocks([*GERMAN_PAGE, *rotated], GERMAN_CONTEXT) == [False, False, True, True]
    assert scrambled_blocks([*GERMAN_PAGE, *PAID], GERMAN_CONTEXT) == [False] * 4


@pytest.mark.parametrize("text", [
    # A names list, product specs, a recipe line, a reference, an English quote, Portuguese.
    "Es spielten: Tom Becker, Lukas Schmitz, Jonas Wagner, Paul Hoffmann, Finn Schulz, Leon Koch "
    "und Elias Richter.",
    "Technische Daten: 6,1-Zoll-Display, 128 GB Speicher, 12-Megapixel-Kamera, Akku mit 3200 mAh, "
    "Gewicht 172 Gramm, erhältlich in Schwarz, Weiß und Blau.",
    "Slow Cooker Beef Chili, 1 Tbsp. cilantro or green onions (optional), 10 olives (or 2 Tbsp. "
    "pumpkin seeds), side salad with lettuce and cherry tomatoes",
    "[1] Alarm fatigue: impacts on patient safety, Ruskin KJ, Hueske-Kraus D. Curr Opin "
    "Anaesthesiol. 2015; 28: 685-690, doi and abstract online",
    "\"We are not going to close this pool while children in this town cannot swim,\" the mayor "
    "told reporters after the vote on Wednesday evening.",
    "O professor apresenta, neste vídeo, uma loja incrível nos Estados Unidos, repleta de "
    "materiais didáticos, livros e jogos para ensinar as crianças a ler com fluência.",
])
def test_real_blocks_with_few_german_words_are_kept_on_a_german_page(text: str) -> None:
    from newscrawl.extract.paywall_page import scrambled_blocks

    assert scrambled_blocks([*GERMAN_PAGE, text], GERMAN_CONTEXT) == [False, False, False]


def test_doubtful_blocks_are_judged_only_where_the_page_has_a_language() -> None:
    from newscrawl.extract.paywall import DOUBT, judge
    from newscrawl.extract.paywall_page import PageLanguage, long_words, scrambled_blocks

    rotated = [t.translate(ROTATION) for t in PAID]
    assert [judge(t) for t in rotated] == [DOUBT, DOUBT]
    assert PageLanguage.of(map(long_words, rotated)) is None
    assert scrambled_blocks(rotated) == [False, False]
    assert PageLanguage.of(map(long_words, [*GERMAN_CONTEXT, *GERMAN_PAGE])) == PageLanguage("de")
    assert PageLanguage("de").rejects(long_words(rotated[0]))
    assert not PageLanguage("de").rejects(long_words(PAID[0]))


ALBANIAN = [
    "Dy persona janë arrestuar në Pejë nën dyshime se kanë kryer veprimtari të paligjshme, duke "
    "organizuar lojëra fati. Ata po ashtu nuk kanë respektuar vendimet e lëshuar nga Qeveria.",
    "Njësitetet policore dhe inspektorët komunal në vendin e ngjarjes kanë gjetur dhe konfiskuar "
    "një çelës të lokalit dhe disa pajisje për lojëra të fatit.",
]


def test_a_page_in_a_language_no_model_knows_keeps_its_text() -> None:
    """Albanian is far from all 23 models; with an Albanian title and teaser the page is in a
    language not modelled, and its paragraphs are kept (alone, they would be dropped)."""
    from newscrawl.extract.paywall_page import scrambled_blocks

    assert all(map(looks_scrambled, ALBANIAN))
    context = ("Arrestohen dy persona në Pejë për organizim të lojërave të fatit", ALBANIAN[0])
    assert scrambled_blocks(ALBANIAN, context) == [False, False]
    # A German page's Caesar-shifted paragraph stays dropped.
    shifted = codecs.encode(PAID[0], "rot13")
    assert scrambled_blocks([*GERMAN_PAGE, shifted], GERMAN_CONTEXT) == [False, False, True]


@pytest.mark.parametrize("text", [
    "Xxx xxxxxxxxxxxx xxx xx xxxxxxxxxxxxx xxxx xxxxx xxxxxxx, xxxx xxx xxxx xxxxxxxxx xx xxx.",
    "████ ███ ██████████ ███ ██ ███████ ████ █████ ██████ ███ ████ ██████████.",
    "RGVyIEdlbWVpbmRlcmF0IGhhdCBhbSBEaWVuc3RhZ2FiZW5kIG5hY2ggZWluZXIgbGFuZ2VuIERlYmF0dGUgYmVzY2hs",
    GERMAN.translate(str.maketrans("aeoc", "аеос")),  # Cyrillic look-alikes
])
def test_signs_no_language_shows_are_caught(text: str) -> None:
    assert looks_scrambled(text)


@pytest.mark.parametrize("text", [
    "______________________________",
    "Videos ΑθλητισμούVideos ΟικονομίαςVideos ΥγείαςΔελτία ΕιδήσεωνVideos ΕιδήσεωνVideos Πολιτικής",
    "Der Hash der Datei lautet 3f2a9c0b7d1e4f5a6b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1b "
    "und wurde von der Behörde veröffentlicht, damit jeder ihn prüfen kann.",
])
def test_rules_menus_and_hashes_are_not_filler(text: str) -> None:
    assert not looks_scrambled(text)


def _generated_blocks(count: int) -> list[str]:
    """Blocks of frequent and lorem words with capitals, acronyms, short words and stray
    letters (inner capitals, look-alike Cyrillic and Greek, the dotted İ, final sigma) mixed
    in at random rates: prose, shuffled, lorem, mixed-script and kept blocks alike."""
    from newscrawl.extract.paywall import LOREM, _any_language_words

    rnd = random.Random(16)
    vocab = sorted(_any_language_words())[::7] + sorted(LOREM)
    stray = [*"ABCDEFGHIJKLMNOPQRSTUVWXYZäöüßÄÖÜéÉİıΣσςаеоАЕОαβΑΒ", "ﬁ", "ǅ", "Ⅻ", "Ⓐ"]
    blocks = []
    for _ in range(count):
        lorem = rnd.random() < 0.2  # mostly the placeholder's words
        words = [rnd.choice(sorted(LOREM) if lorem and rnd.random() < 0.7 else vocab)
                 for _ in range(rnd.randint(6, 40))]
        rate = rnd.random() * 0.4
        words = [w.capitalize() if rnd.random() < 0.2 else w for w in words]
        words = [w.upper() if rnd.random() < 0.05 else w for w in words]
        words = [w[:2] + rnd.choice(stray) + w[2:] if rnd.random() < rate else w for w in words]
        words += ["in", "zu", "a"] * rnd.randint(0, 4)
        rnd.shuffle(words)
        blocks.append(" ".join(words))
        # look-alike letters swapped into a share of the words
        share = rnd.random()
        blocks.append(" ".join(w.translate(LOOK_ALIKES) if rnd.random() < share else w
                               for w in words))
    return blocks


LOOK_ALIKES = str.maketrans("aeoc", "аеос")


def test_the_prose_exit_gives_the_full_verdict() -> None:
    """``_prose_verdict`` settles a block only as the full rules (``_judged``) do."""
    from collections import Counter

    from newscrawl.extract.paywall import _judged, _prose_verdict, words_of

    verdicts: Counter[str] = Counter()
    for text in [*REAL, *_generated_blocks(3000)]:
        words = words_of(text)
        if len(words) < 8:
            continue
        full = _judged(text, words, words[len(words) // 2].isascii())
        fast = _prose_verdict(text, words)
        assert fast in (None, full), text
        verdicts[full if fast is None else "fast " + fast] += 1
    # every path is taken: the exit's verdicts and each later one
    assert {"fast prose", "fast scrambled", "kept", "scrambled", "doubt"} <= set(verdicts)
