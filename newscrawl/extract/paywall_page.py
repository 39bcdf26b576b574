"""The paywall guard over a whole page: blocks in no language, judged against the page's own.

``paywall.judge`` settles most blocks alone. What it cannot settle is prose-shaped text with few
frequent words whose letter pairs still look like some language: vowel-rotated German ("Dir
Gimoundirit het...") keeps plausible pairs and a few real words, much like a paragraph of an
unmodelled language or a recipe. The page settles it. Its language is the one whose frequent
words fill its clean text (title, teaser, the blocks ``judge`` reads as prose). A doubtful block
is text in no language when neither that language nor the one the block itself fits best knows
its words: fewer than ``LEXICON_SHARE`` of them are among the language's 20,000 most frequent
(``lexicon_data.py``). Real paragraphs reach 0.45 and more even when they are lists, specs,
recipes or reference lines (a quote in another language is known to that language); words
with vowels rotated, halves swapped or letters sorted stay under 0.36. A page whose clean text
is in no modelled language establishes nothing, and its doubtful blocks are kept; when its title
and teaser themselves are in no modelled language, the page is in a language the models do not
know, and blocks that only the models reject (``NO_MODEL``) are kept too.
"""

from __future__ import annotations

import base64
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np

from newscrawl.extract import language_data, lexicon_data
from newscrawl.extract.paywall import (
    DOUBT,
    MIN_WORD_LEN,
    NO_MODEL,
    PROSE,
    SCRAMBLED_VERDICTS,
    _matrices,
    judge,
    words_of,
)

# A block needs this many words of three letters or more for its lexicon share to mean something.
MIN_LONG_WORDS = 8
# The page's language needs this many frequent-word hits in its clean text, and this share of
# its long words, to count as established.
PAGE_HITS = 8
PAGE_SHARE = 0.3
LEXICON_SHARE = 0.4
_MASK = (1 << lexicon_data.BITS) - 1


@cache
def _lexicon(code: str) -> np.ndarray:
    """The sorted word hashes of one language (decoded on first use)."""
    raw = zlib.decompress(base64.b85decode(lexicon_data.DATA[code]))
    count = int.from_bytes(raw[:2], "little")
    gaps = np.frombuffer(raw, dtype=np.uint8, count=count, offset=2).astype(np.uint32)
    high = np.frombuffer(raw[2 + count:], dtype=np.uint8).reshape(-1, 3)
    index = high[:, 0].astype(np.int64) | (high[:, 1].astype(np.int64) << 8)
    gaps[index] += high[:, 2].astype(np.uint32) << 8
    return np.cumsum(gaps, dtype=np.uint32)


def known_share(words: Sequence[str], code: str) -> float:
    """Share of ``words`` (casefolded, three letters or more) among the language's 20,000
    most frequent words (hash matches: a string of no language matches one in 50)."""
    if not words:
        return 0.0
    table = _lexicon(code)
    hashes = np.fromiter((zlib.crc32(w.encode("utf-8", "surrogatepass")) & _MASK for w in words),
                         dtype=np.uint32, count=len(words))
    at = np.minimum(np.searchsorted(table, hashes), len(table) - 1)
    return float(np.count_nonzero(table[at] == hashes)) / len(words)


def _long_words(text: str) -> list[str]:
    return [w.casefold() for w in words_of(text) if len(w) >= MIN_WORD_LEN]


def _hit_counts(words: Sequence[str]) -> np.ndarray:
    """Frequent-word hits of each language (one column per language of ``language_data``)."""
    tables = _matrices()
    rows = [tables.word_row.get(w, len(tables.word_row)) for w in words]
    return tables.known[rows].sum(axis=0)


@dataclass(frozen=True, slots=True)
class PageLanguage:
    """The language the page's clean text is written in (a ``language_data`` code)."""

    code: str

    @classmethod
    def of(cls, texts: Iterable[str]) -> PageLanguage | None:
        """The language whose frequent words fill ``texts``, or None when none does."""
        hits = np.zeros(len(language_data.WORDS), dtype=np.int64)
        n_long = 0
        for text in texts:
            words = _long_words(text)
            if words:
                hits += _hit_counts(words)
                n_long += len(words)
        best = int(hits.argmax())
        if hits[best] < PAGE_HITS or hits[best] < PAGE_SHARE * n_long:
            return None
        return cls(list(language_data.WORDS)[best])

    def rejects(self, text: str) -> bool:
        """Whether a doubtful block is in no language: neither the page's language nor the
        language the block fits best knows enough of its words."""
        words = _long_words(text)
        if len(words) < MIN_LONG_WORDS:
            return False
        return known_share(words, self.code) < LEXICON_SHARE and _unknown(words, self.code)


def _unknown(words: list[str], known: str | None = None) -> bool:
    """Whether the language ``words`` fit best (by frequent words) knows few of them; ``known``
    is a language already asked."""
    own = list(language_data.WORDS)[int(_hit_counts(words).argmax())]
    return own == known or known_share(words, own) < LEXICON_SHARE


def _unmodelled(context: list[str]) -> bool:
    """Whether the page's public text (title, teaser) is itself prose in a language not
    modelled: Latin-script, prose-shaped, far from every model or in doubt, and its words
    unknown to the language it fits best."""
    text = " ".join(context)
    if judge(text) not in (NO_MODEL, DOUBT):
        return False
    words = _long_words(text)
    return len(words) >= MIN_LONG_WORDS and _unknown(words)


def scrambled_blocks(texts: Sequence[str], context: Iterable[str | None] = ()) -> list[bool]:
    """Per block of one page, whether it is obfuscated paywall text. ``context`` is the page's
    other clean text (title, teaser), evidence of its language."""
    verdicts = list(map(judge, texts))
    flags = [v in SCRAMBLED_VERDICTS for v in verdicts]
    if DOUBT not in verdicts and NO_MODEL not in verdicts:
        return flags
    public = [c for c in context if c]
    clean = [t for t, v in zip(texts, verdicts, strict=True) if v is PROSE]
    page = PageLanguage.of([*clean, *public])
    if page is not None:
        for i, verdict in enumerate(verdicts):
            if verdict is DOUBT:
                flags[i] = page.rejects(texts[i])
    elif _unmodelled(public):
        # Title and teaser in a language no model knows (Albanian, say): blocks far from every
        # model are that language too; only signs no language shows drop them.
        flags = [v is not NO_MODEL and f for v, f in zip(verdicts, flags, strict=True)]
    return flags
