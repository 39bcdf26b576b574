"""Detect paywall text that sites ship obfuscated: text in no language.

Sites hide the paid part of a story as Caesar-shifted, reversed, letter-swapped, random-letter or
lorem-ipsum text. The guard knows no scheme; it asks whether a paragraph is written in any
language at all, against small models of 23 Latin-script languages (``language_data.py``, built
from word frequencies by scripts/build_language_data.py). Under the language that fits best:

- ``bits``: the cost of its letter sequence under the language's bigram model, in bits per
  letter pair (real paragraphs 2.9-4.1; shifted, mirrored or random letters 4.5-8), and
- ``hits``: the share of its words of three letters or more that are among the language's 1000
  most frequent words (real prose 0.3-1.0; obfuscated text almost always under 0.15).

``bits - 4 * hits`` above ``MAX_SCORE`` is text in no language (real paragraphs of realpages and
benchpages reach 3.6 at most: lists of names, product specs; benchmarks/bench_paywall.py).
Lorem ipsum has Latin-like letters, so its own vocabulary counts as a sign of its own, as do
glyph filler, encoded blobs and look-alike letters from another script (``paywall_signs.py``).
Text that is mostly not in Latin script (Cyrillic, CJK, …) and short text are never judged.

``judge`` gives the verdict on one block: ``SCRAMBLED`` (a sign), ``NO_MODEL`` (over the score),
``PROSE``, ``KEPT``, or ``DOUBT``: prose-shaped text under the score with few frequent words, which
``paywall_page.scrambled_blocks`` settles against the page's language (vowel-rotated text scores
3.7-4.4, like a recipe or a language not modelled). ``looks_scrambled`` is the block alone.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat
from operator import add, itemgetter, ne

import numpy as np

from newscrawl.extract import language_data
from newscrawl.extract.paywall_signs import (
    FILLER_CHARS,
    MIXED_LATIN,
    is_blob,
    is_filler,
    mixed_scripts,
)
from newscrawl.extract.tree import word_set

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_GLUED = re.compile(r"(?<=[a-zß])(?=[A-ZÄÖÜ])")
_LATIN = re.compile(r"[A-Za-zÀ-ɏ]")
# URLs and e-mail addresses are not words of any language; they are left out before judging.
_ADDRESS = re.compile(r"\S+(?:://|@|www\.)\S+")
# A paragraph needs this many words for the statistics to mean something.
MIN_WORDS = 8
# Words shorter than this are often some language's word by chance ("ne", "se", "re").
MIN_WORD_LEN = 3
# Share of words starting lower-case below which a line is names or a menu, never judged.
MIN_LOWER = 0.3
HITS_WEIGHT = 4.0
MAX_SCORE = 4.2
# Share of words with a capital inside above which the letters look shuffled; such text needs
# less evidence (real paragraphs with that many glued words score 2.5 at most).
INNER_CAPS = 0.15
MAX_SHUFFLED_SCORE = 3.5
# A prose paragraph already has this share of frequent words (any language): no model needed.
PROSE_HITS = 0.35
# The standard placeholder's vocabulary: a paragraph mostly made of it is filler, not text.
LOREM = word_set("""lorem ipsum dolor sit amet consectetur consectetuer adipiscing adipisicing
    elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua enim ad minim veniam
    quis nostrud exercitation ullamco laboris nisi aliquip ex ea commodo consequat duis aute irure
    reprehenderit voluptate velit esse cillum eu fugiat nulla pariatur excepteur sint occaecat
    cupidatat non proident sunt culpa qui officia deserunt mollit anim id est laborum vestibulum
    nam nec quam vel sapien lectus morbi pellentesque donec tellus vitae eget mauris integer
    aenean mi nunc felis ac ante at vivamus orci justo etiam""")
LOREM_SHARE = 0.5
# What the paragraph statistics say about one block (``judge``).
PROSE = "prose"  # enough frequent words of some language: evidence of the page's language
KEPT = "kept"  # nothing to judge or nothing suspicious: short, another script, names, menus
DOUBT = "doubt"  # prose-shaped with few frequent words, but not far enough from every model
NO_MODEL = "no model"  # far from every language model: scrambled, or a language not modelled
SCRAMBLED = "scrambled"  # a sign no language shows: filler, blobs, mixed scripts, shuffled caps
# Words of three letters or more a block needs to be in doubt: fewer say too little of its
# vocabulary (real reference lines of 8 such words reach a lexicon share of 0.25).
DOUBT_WORDS = 8
# Prose with look-alike letters keeps fewer frequent words than this share (real prose: 0.57).
MIXED_PROSE_HITS = 0.5
_CYRILLIC_GREEK = re.compile("[\u0370-\u04ff]")


@dataclass(frozen=True, slots=True)
class Language:
    """One language's frequent words and letter-bigram costs (bits)."""

    words: frozenset[str]
    costs: dict[str, int]


@lru_cache(maxsize=1)
def languages() -> tuple[Language, ...]:
    """The shipped language models, parsed once."""
    out = []
    for code, words in language_data.WORDS.items():
        costs = {}
        for entry in language_data.BIGRAMS[code].split():
            pair, _, cost = entry.rpartition(":")
            costs[pair] = int(cost)
        out.append(Language(frozenset(w for w in words.split() if len(w) >= MIN_WORD_LEN), costs))
    return tuple(out)


@lru_cache(maxsize=1)
def _any_language_words() -> frozenset[str]:
    return frozenset().union(*(lang.words for lang in languages()))


@dataclass(frozen=True, slots=True)
class Plausibility:
    """How much a text looks like the language that fits it best."""

    hits: float
    bits: float

    @property
    def score(self) -> float:
        """Higher is less like any language."""
        return self.bits - HITS_WEIGHT * self.hits


@dataclass(frozen=True, slots=True)
class _Matrices:
    """All languages side by side, so a text is scored against the 23 in one numpy product:
    ``pair_row``/``word_row`` index rows of ``costs`` (bits per pair, one column per language;
    the last row is the ceiling for unknown pairs) and ``known`` (1 where the word is frequent
    in that language; the last row is all 0)."""

    pair_row: dict[str, int]
    costs: np.ndarray
    word_row: dict[str, int]
    known: np.ndarray


@lru_cache(maxsize=1)
def matrices() -> _Matrices:
    langs = languages()
    pair_row = {pair: i for i, pair in enumerate(dict.fromkeys(
        pair for lang in langs for pair in lang.costs))}
    costs = np.full((len(pair_row) + 1, len(langs)), language_data.CEILING, dtype=np.int64)
    word_row = {word: i for i, word in enumerate(sorted(_any_language_words()))}
    known = np.zeros((len(word_row) + 1, len(langs)), dtype=np.int64)
    for j, lang in enumerate(langs):
        for pair, cost in lang.costs.items():
            costs[pair_row[pair], j] = cost
        for word in lang.words:
            known[word_row[word], j] = 1
    return _Matrices(pair_row, costs, word_row, known)


def plausibility(words: list[str]) -> Plausibility:
    """Frequent-word share and bits per letter pair under the best-fitting language."""
    # The 23 languages are scored in one integer matrix product; the best share and cost are
    # the best integer sum divided once (division by a positive count keeps the order).
    tables = matrices()
    lower = list(map(str.lower, words))
    long_words = [w for w in lower if len(w) >= MIN_WORD_LEN]
    # The words padded as "^word$" in one string; the pairs across words ("$^") are not counted.
    padded = "^" + "$^".join(lower) + "$"
    pairs = Counter(map(add, padded, padded[1:]))
    if len(words) > 1:
        del pairs["$^"]
    n_pairs = sum(pairs.values())
    unknown = len(tables.pair_row)
    rows = list(map(tables.pair_row.get, pairs, repeat(unknown)))
    sums = np.fromiter(pairs.values(), dtype=np.int64, count=len(pairs)) @ tables.costs[rows]
    best_bits = int(sums.min()) / n_pairs
    best_hits = 0.0
    if long_words:
        rows = list(map(tables.word_row.get, long_words, repeat(len(tables.word_row))))
        best_hits = max(best_hits, int(tables.known[rows].sum(axis=0).max()) / len(long_words))
    return Plausibility(best_hits, best_bits)


_TAIL = itemgetter(slice(1, None))
_HEAD = itemgetter(0)
# What ``_prose_verdict`` reads of a lowered word in one lookup: 1 for a frequent word of some
# language plus ``1 << _LOREM_SHIFT`` for a lorem ipsum word, so that one sum over a block's
# words counts both (a block has fewer than ``_COUNT_MASK`` words).
_LOREM_SHIFT = 40
_COUNT_MASK = (1 << _LOREM_SHIFT) - 1


@lru_cache(maxsize=1)
def _word_kinds() -> dict[str, int]:
    kinds = dict.fromkeys(_any_language_words(), 1)
    for word in LOREM:
        kinds[word] = kinds.get(word, 0) + (1 << _LOREM_SHIFT)
    return kinds


def _changing_class(below: int) -> str:
    """A regex character class of the characters that ``str.lower`` changes, exact below code
    point ``below`` and every character from there on (a superset is enough for its use)."""
    chars = [c for c in map(chr, range(below)) if c.lower() != c]
    ranges: list[list[int]] = []
    for c in map(ord, chars):
        if ranges and ranges[-1][1] == c - 1:
            ranges[-1][1] = c
        else:
            ranges.append([c, c])
    parts = [re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
             for a, b in ranges]
    return "[" + "".join(parts) + f"{re.escape(chr(below))}-\U0010ffff]"


# A character ``lower`` changes right after a non-space: in words joined by spaces, a word
# whose tail ``lower`` may change (the only words that count as shuffled).
_INNER_CHANGE = re.compile(_changing_class(0x2000) + "(?<=[^ ].)")
# ASCII bytes that are not letters (``_WORD`` matches only [A-Za-z] in ASCII) become spaces; the
# bytes of non-ASCII characters (0x80 and up in UTF-8) stay as they are.
_ASCII_NON_LETTERS = bytes(c if c >= 128 or chr(c).isalpha() else 32 for c in range(256))
# UTF-8 starts of non-letters that prose is full of: U+2000-U+203F (dashes, quotes, "…", zero
# widths; the third byte, left alone, is dropped by the decoder) and "«", "»".
_PUNCTUATION_BYTES = (b"\xe2\x80", b"\xc2\xab", b"\xc2\xbb")


def _words(text: str) -> list[str]:
    """``_WORD.findall(text)`` without acronyms and codes (all capitals, "BVB", "CMDCA": in no
    language by nature), in C passes: in the text's UTF-8 bytes, ASCII non-letters and common
    punctuation become spaces (a multi-byte character has no ASCII byte), so splitting gives the
    letter runs, and only a token with another non-letter in it ("x²", "。") goes through the
    regex."""
    try:
        data = text.encode("utf-8").translate(_ASCII_NON_LETTERS)
    except UnicodeEncodeError:  # lone surrogates: non-letters, kept for the regex to split at
        data = text.encode("utf-8", "surrogatepass").translate(_ASCII_NON_LETTERS)
        tokens = data.decode("utf-8", "surrogatepass").split()
    else:
        if not text.isascii():
            for start in _PUNCTUATION_BYTES:
                data = data.replace(start, b"  ")
        tokens = data.decode("utf-8", "ignore").split()
    if not text.isascii() and not all(map(str.isalpha, tokens)):
        tokens = [word for token in tokens
                  for word in ((token,) if token.isalpha() else _WORD.findall(token))]
    if any(map(str.isupper, tokens)):
        return [word for word in tokens if len(word) == 1 or not word.isupper()]
    return tokens


# ``_LATIN``'s letters in UTF-8: ASCII letters, and À-ɏ (U+00C0-U+024F), whose lead bytes are
# 0xC3-0xC8 (one character each) and 0xC9 followed by 0x80-0x8F.
_LATIN_BYTES = bytes(c for c in range(128) if chr(c).isalpha()) + bytes(range(0xC3, 0xC9))
_LATIN_C9 = tuple(bytes((0xC9, c)) for c in range(0x80, 0x90))


def _latin_letters(text: str) -> int:
    """``len(_LATIN.findall(text))`` counted in bytes, without a list of one-letter strings."""
    data = text.encode("utf-8", "surrogatepass")
    count = len(data) - len(data.translate(None, _LATIN_BYTES))
    if b"\xc9" in data:
        count += sum(map(data.count, _LATIN_C9))
    return count


def _other_script(text: str, words: list[str]) -> str | None:
    """None when most letters of the words are Latin; else the verdict on text in another
    script (Cyrillic, Greek, CJK …): ``KEPT``, never judged, unless Latin letters enough mix
    with Cyrillic or Greek ones inside words, look-alikes swapped in (``SCRAMBLED``)."""
    letters = sum(map(len, words))
    latin = _latin_letters(text)
    if latin >= 0.8 * letters:
        return None
    return SCRAMBLED if latin >= MIXED_LATIN * letters and mixed_scripts(words) else KEPT


def _some_not_ascii(words: list[str]) -> bool:
    """Whether the first, middle or last word has a letter outside ASCII."""
    return not (words[0].isascii() and words[len(words) // 2].isascii()
                and words[-1].isascii())


def looks_scrambled(text: str) -> bool:
    """Whether ``text`` is obfuscated paywall text rather than text in some language."""
    return judge(text) in SCRAMBLED_VERDICTS


def words_of(text: str) -> list[str]:
    """The words the guard judges: ``_words`` without URLs and e-mail addresses."""
    # The address pattern is slow: only where an address can be.
    plain = _ADDRESS.sub(" ", text) if "://" in text or "@" in text or "www." in text else text
    return _words(plain)


def judge(text: str) -> str:
    """``SCRAMBLED`` or ``NO_MODEL`` for text in no language, ``DOUBT`` for prose-shaped text
    with few frequent words that the paragraph alone cannot settle (``paywall_page`` asks the
    page), ``PROSE`` for text with a language's frequent words, ``KEPT`` for anything else."""
    return judge_words(text)[0]


def judge_words(text: str) -> tuple[str, list[str]]:
    """``judge``'s verdict and the words it judged (``words_of``), which the page-level rule
    reads again."""
    words = words_of(text)
    if len(words) < MIN_WORDS:
        # Glyph filler has few or no letters: asked only of text long enough to be filler.
        return (SCRAMBLED if len(text) >= FILLER_CHARS and is_filler(text) else KEPT), words
    # Text in another script is never judged. Asked first when a word in the middle is not
    # ASCII, as in such text: it can only say "no", as can every test before the lorem one.
    middle_ascii = words[len(words) // 2].isascii()
    if not middle_ascii and (other := _other_script(text, words)):
        return other, words
    return (_prose_verdict(text, words) or _judged(text, words, middle_ascii)), words


def _prose_verdict(text: str, words: list[str]) -> str | None:
    """``_judged``'s cheap exit for ordinary prose (most blocks), reached with fewer passes over
    the words: ``PROSE`` (or ``SCRAMBLED`` for look-alike letters) where ``_judged`` returns it
    there, None where it goes on. One dict lookup a word counts frequent and lorem words (one
    sum); the short words are counted only when the share of frequent words among all words
    does not settle it; a capital inside a word is looked for in C first (without one no word is
    shuffled). tests/test_paywall.py checks it against ``_judged`` on every path."""
    lower = list(map(str.lower, words))
    n_words = len(lower)
    counts = sum(map(_word_kinds().get, lower, repeat(0)))
    hits, lorem = counts & _COUNT_MASK, counts >> _LOREM_SHIFT
    if hits >= PROSE_HITS * n_words:
        # n_long >= hits > 0 (frequent words are long): prose whatever n_long is
        n_long = -1
    else:
        n_long = _long_count(lower)
        if not (n_long > 0 and hits >= PROSE_HITS * n_long):
            return None
    if lorem >= LOREM_SHARE * n_words:
        return None
    joined = " ".join(words)
    if ("\u0130" in joined or _INNER_CHANGE.search(joined)) and _shuffled(words, lower):
        return None
    if _some_not_ascii(words) and _CYRILLIC_GREEK.search(text):
        if n_long < 0:
            n_long = _long_count(lower)
        if hits < MIXED_PROSE_HITS * n_long and mixed_scripts(words):
            return SCRAMBLED
    return PROSE


def _long_count(lower: list[str]) -> int:
    """How many of the (lowered) words have ``MIN_WORD_LEN`` letters or more."""
    lengths = list(map(len, lower))
    return len(lengths) - sum(map(lengths.count, range(1, MIN_WORD_LEN)))


def _shuffled(words: list[str], lower: list[str]) -> bool:
    """Whether the letters look shuffled: many words with a capital inside."""
    # Most prose has no capital inside any word: one ``islower`` over the joined tails says
    # so (a word whose tail has no upper- or title-case letter is unchanged by ``lower``).
    inner_caps = not " ".join(map(_TAIL, words)).islower()
    return inner_caps and \
        sum(map(ne, map(_TAIL, words), map(_TAIL, lower))) > INNER_CAPS * len(words)


def _judged(text: str, words: list[str], middle_ascii: bool) -> str:
    """The verdict on the words of a block of ``MIN_WORDS`` or more, not in another script by
    its middle word."""
    lower = list(map(str.lower, words))
    # Shuffled letters move capitals inside words ("unagptuHdr"); prose keeps them in front.
    # (Counted with map in C: this runs for every body block.) Most prose has no capital
    # inside any word: one ``islower`` over the joined tails says so (a word whose tail has
    # no upper- or title-case letter is unchanged by ``lower``, and has no glued piece).
    inner_caps = not " ".join(map(_TAIL, words)).islower()
    shuffled = inner_caps and \
        sum(map(ne, map(_TAIL, words), map(_TAIL, lower))) > INNER_CAPS * len(words)
    lorem = sum(map(LOREM.__contains__, lower))
    # Frequent words have three letters or more: counted over all words, only those hit.
    hits = sum(map(_any_language_words().__contains__, lower))
    lengths = list(map(len, lower))
    n_long = len(lengths) - sum(map(lengths.count, range(1, MIN_WORD_LEN)))
    prose = n_long > 0 and hits >= PROSE_HITS * n_long
    # Cheap exit for ordinary prose, most paragraphs, before anything else is computed: no need
    # to split words or score 23 models. Prose that is not shuffled can only be lorem ipsum
    # (every later test could only say "no" as well).
    if not shuffled and prose and lorem < LOREM_SHARE * len(lower):
        # Look-alike Cyrillic letters can leave enough Latin words to pass as prose, but never
        # as much of it as prose has, and they sit in most words (asked only then: the search
        # costs 5 us a block).
        if hits < MIXED_PROSE_HITS * n_long and _some_not_ascii(words) \
                and _CYRILLIC_GREEK.search(text) and mixed_scripts(words):
            return SCRAMBLED
        return PROSE
    if is_filler(text) or (inner_caps and is_blob(_ADDRESS.sub(" ", text))):
        return SCRAMBLED
    # A line of capitalised words is a list of names or a menu, not prose; obfuscated prose
    # keeps prose's lower-case words (German ~60 %, English ~85 %). Menus glued without spaces
    # ("bikesCommuter bikesCustom") count by their pieces.
    pieces = [p for w in words for p in _GLUED.split(w)] if inner_caps else words
    if sum(map(str.islower, map(_HEAD, pieces))) < MIN_LOWER * len(pieces):
        return KEPT
    if middle_ascii and not text.isascii() and (other := _other_script(text, words)):
        return other
    if lorem >= LOREM_SHARE * len(lower):
        return SCRAMBLED
    if not shuffled and prose:
        return PROSE
    # In doubt only with words enough for the page-level rule to weigh them.
    doubt = DOUBT if n_long >= DOUBT_WORDS else KEPT
    if shuffled:
        # Judged by the pieces: glued menus and brand names ("iPhone") are words again, while
        # shuffled letters stay no language.
        return SCRAMBLED if plausibility(pieces).score > MAX_SHUFFLED_SCORE else doubt
    return NO_MODEL if plausibility(words).score > MAX_SCORE else doubt


SCRAMBLED_VERDICTS = frozenset((SCRAMBLED, NO_MODEL))
