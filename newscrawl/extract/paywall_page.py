"""The paywall guard over a whole page: blocks in no language, judged against the page's own.

``paywall.judge`` settles most blocks alone. What it cannot settle is prose-shaped text with few
frequent words whose letter pairs still look like some language (``DOUBT``): vowel-rotated
German ("Dir Gimoundirit het...") keeps plausible pairs and a few real words, much like a
paragraph of an unmodelled language, a recipe or a reference line. The page settles it.

- The page's language is the one whose frequent words fill its clean text: title, teaser and
  the blocks ``judge`` reads as prose, in that order, read until one language has
  ``PAGE_HITS`` hits and ``PAGE_SHARE`` of the words. A page without one judges no block in
  doubt.
- A doubtful block on a page with a language is text in no language when fewer than
  ``LEXICON_SHARE`` of its words are among the 20,000 most frequent of the page's language and
  of every other (``lexicon_data.py``, hashed). Real blocks reach 0.45 and more even when they
  are lists, specs, recipes or references, and a quote in another language is known to that
  language; words with vowels rotated, halves swapped or letters sorted stay under 0.36
  (benchmarks/bench_paywall.py).
- A page whose title and teaser are themselves prose in no modelled language (Albanian), with
  no block in a modelled one, is in a language the models do not know: blocks that only the
  models reject (``NO_MODEL``) are kept; signs no language shows (filler, blobs, look-alike
  letters, shuffled capitals, lorem ipsum) still drop theirs.
"""

from __future__ import annotations

import base64
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import chain, repeat

import numpy as np

from newscrawl.extract import language_data, lexicon_data
from newscrawl.extract.paywall import (
    DOUBT,
    DOUBT_WORDS,
    MIN_WORD_LEN,
    NO_MODEL,
    PROSE,
    SCRAMBLED_VERDICTS,
    judge,
    judge_words,
    matrices,
    words_of,
)

# The page's language needs this many frequent-word hits in its clean text, and this share of
# its long words, to count as established.
PAGE_HITS = 8
PAGE_SHARE = 0.3
# Words read before the page's language is first asked for.
ENOUGH_WORDS = 24
LEXICON_SHARE = 0.4
_MASK = (1 << lexicon_data.BITS) - 1


@cache
def _lexicon(code: str) -> np.ndarray:
    """The sorted word hashes of one language (decoded on first use)."""
    raw = zlib.decompress(base64.b64decode(lexicon_data.DATA[code]))
    count = int.from_bytes(raw[:2], "little")
    gaps = np.frombuffer(raw, dtype=np.uint8, count=count, offset=2).astype(np.uint32)
    high = np.frombuffer(raw[2 + count:], dtype=np.uint8).reshape(-1, 3)
    index = high[:, 0].astype(np.int64) | (high[:, 1].astype(np.int64) << 8)
    gaps[index] += high[:, 2].astype(np.uint32) << 8
    return np.cumsum(gaps, dtype=np.uint32)


@lru_cache(maxsize=4)
def _lexicon_set(code: str) -> frozenset[int]:
    """One language's word hashes as a set: the page's language is asked of every doubtful
    block, and a set answers a block in a few microseconds (an array search in 20)."""
    return frozenset(_lexicon(code).tolist())


def _encoded(words: Sequence[str]) -> Iterator[bytes]:
    return map(str.encode, words, repeat("utf-8"), repeat("surrogatepass"))


def _hashes(words: Sequence[str]) -> np.ndarray:
    """The lexicon hashes of ``words`` (scripts/build_language_data.py ``word_hash``)."""
    return np.fromiter(map(_MASK.__and__, map(zlib.crc32, _encoded(words))), dtype=np.uint32,
                       count=len(words))


def known_share(words: Sequence[str], code: str) -> float:
    """Share of ``words`` (casefolded, three letters or more) among the language's 20,000
    most frequent words (hash matches: a string of no language matches one in 50)."""
    if not words:
        return 0.0
    hashes = map(_MASK.__and__, map(zlib.crc32, _encoded(words)))
    return sum(map(_lexicon_set(code).__contains__, hashes)) / len(words)


def _array_share(words: Sequence[str], code: str, hashes: np.ndarray) -> float:
    """``known_share`` by a search of the language's sorted array (for the sweep over all
    languages, whose sets would cost ~1 MB each)."""
    table = _lexicon(code)
    at = np.minimum(np.searchsorted(table, hashes), len(table) - 1)
    return float(np.count_nonzero(table[at] == hashes)) / len(words)


def long_words(text: str, words: list[str] | None = None) -> list[str]:
    """The words of three letters or more, casefolded (``words``: ``words_of(text)``)."""
    words = words_of(text) if words is None else words
    return [w.casefold() for w in words if len(w) >= MIN_WORD_LEN]


def _established(words: list[str]) -> int:
    """Index of the language with PAGE_HITS and PAGE_SHARE of the words, or -1."""
    hits = _hit_counts(words)
    best = int(hits.argmax())
    return best if hits[best] >= max(PAGE_HITS, PAGE_SHARE * len(words)) else -1


def _hit_counts(words: Sequence[str]) -> np.ndarray:
    """Frequent-word hits of each language (one column per language of ``language_data``),
    from the matrix the paragraph scores already built."""
    tables = matrices()
    rows = list(map(tables.word_row.get, words, repeat(len(tables.word_row))))
    return tables.known.take(rows, axis=0).sum(axis=0)


@dataclass(frozen=True, slots=True)
class PageLanguage:
    """The language the page's clean text is written in (a ``language_data`` code)."""

    code: str

    @classmethod
    def of(cls, texts: Iterable[list[str]]) -> PageLanguage | None:
        """The language whose frequent words fill ``texts`` (each a ``long_words`` list), or
        None when none does. Texts are read in order only until one language has PAGE_HITS and
        PAGE_SHARE of ENOUGH_WORDS words or more (title, teaser and a first paragraph usually
        say it)."""
        words: list[str] = []
        best = -1
        for more in texts:
            words += more
            if more and len(words) >= ENOUGH_WORDS:
                best = _established(words)
                if best >= 0:
                    break
        else:
            best = _established(words) if words else -1
        return cls(list(language_data.WORDS)[best]) if best >= 0 else None

    def rejects(self, words: list[str]) -> bool:
        """Whether a doubtful block (its ``long_words``) is in no language: neither the page's
        language nor any other knows enough of its words."""
        if len(words) < DOUBT_WORDS:
            return False
        return known_share(words, self.code) < LEXICON_SHARE and _unknown(words)


def _unknown(words: list[str]) -> bool:
    """Whether no language knows LEXICON_SHARE of the words (a reference line has few
    frequent words of any language, but its words are English). Asked in the order of the
    languages' frequent-word hits: a real block's own language answers first."""
    hashes = _hashes(words)
    codes = list(language_data.WORDS)
    order = np.argsort(-_hit_counts(words), kind="stable")
    return all(_array_share(words, codes[i], hashes) < LEXICON_SHARE for i in order)


def _unmodelled(context: Iterable[str | None]) -> bool:
    """Whether the page's public text (title, teaser) is itself prose in a language not
    modelled: Latin-script, prose-shaped, far from every model or in doubt, and its words
    unknown to every language."""
    text = " ".join(c for c in context if c)
    if judge(text) not in (NO_MODEL, DOUBT):
        return False
    words = long_words(text)
    return len(words) >= DOUBT_WORDS and _unknown(words)


def scrambled_blocks(texts: Sequence[str], context: Iterable[str | None] = ()) -> list[bool]:
    """Per block of one page, whether it is obfuscated paywall text. ``context`` is the page's
    other clean text (title, teaser), evidence of its language."""
    if not texts:
        return []
    verdicts, words = zip(*map(judge_words, texts), strict=True)
    flags = list(map(SCRAMBLED_VERDICTS.__contains__, verdicts))
    if DOUBT not in verdicts and NO_MODEL not in verdicts:
        return flags
    context = [c for c in context if c]

    def clean() -> Iterator[list[str]]:
        """The words of the blocks read as prose, in page order (as far as they are asked)."""
        return (long_words(t, w) for t, v, w in zip(texts, verdicts, words, strict=True)
                if v is PROSE)

    if DOUBT in verdicts:
        page = PageLanguage.of(chain(map(long_words, context), clean()))
        if page is not None:
            return [page.rejects(long_words(t, w)) if v is DOUBT else f
                    for t, v, w, f in zip(texts, verdicts, words, flags, strict=True)]
    if NO_MODEL in verdicts and _unmodelled(context) and PageLanguage.of(clean()) is None:
        # Title and teaser in a language no model knows (Albanian, say) and no block in a
        # modelled one: blocks far from every model are that language too; only signs no
        # language shows drop them.
        return [v is not NO_MODEL and f for v, f in zip(verdicts, flags, strict=True)]
    return flags
