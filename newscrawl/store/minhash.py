"""Near-duplicate detection: MinHash signatures over word shingles, LSH band keys for lookup.

A wire story that ran on several papers differs in chrome, headline and a paragraph or two, so
its exact content hash differs but most of its word shingles are shared. ``Fingerprinter`` turns a
cleaned body into a MinHash signature (datasketch's values and scheme, computed here without
importing it: it pulls in scipy) and the signature into one 64-bit key per LSH band (bands and
rows as datasketch's ``MinHashLSH`` chooses them for the threshold). The store keeps
the keys in an indexed table, so finding candidates is one indexed query whatever the size of the
store, and every crawl process shares the same index. Candidates are confirmed by the estimated
Jaccard similarity of the two signatures.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import accumulate, islice

import numpy as np

_WORD = re.compile(r"\w+", re.UNICODE)
SIGNATURE_DTYPE = np.dtype("<u4")


@dataclass(slots=True)
class Fingerprinter:
    """MinHash signatures and LSH band keys for article bodies.

    ``threshold`` is the Jaccard similarity (of ``shingle_size``-word shingles) from which two
    bodies are the same story; bodies with fewer than ``min_words`` words get no signature (short
    texts share too little to tell a copy from a coincidence).
    """

    threshold: float = 0.7
    num_perm: int = 128
    shingle_size: int = 5
    min_words: int = 40
    seed: int = 1
    # How datasketch weighs missed copies against extra candidates when it picks bands x rows.
    # A candidate costs one signature comparison, a missed copy is a duplicate story: favour
    # recall (0.8 -> 18 bands x 7 rows at 0.7: a copy at Jaccard 0.8 is found 98.6 % of the time).
    recall_weight: float = 0.8
    bands: int = field(init=False)
    rows: int = field(init=False)
    _perm_a: np.ndarray = field(init=False, repr=False)
    _perm_b: np.ndarray = field(init=False, repr=False)

    def __post_init__(self) -> None:
        # datasketch's choices, computed here: importing datasketch pulls in scipy (0.6 s of
        # every command's start-up, the serial part of a replay over several processes).
        # tests/test_codec.py checks both against datasketch.
        self.bands, self.rows = optimal_bands(self.threshold, self.num_perm,
                                              1.0 - self.recall_weight, self.recall_weight)
        if self.bands < 2:  # as MinHashLSH: one band is no index
            raise ValueError(f"threshold {self.threshold} with {self.num_perm} permutations "
                             f"gives {self.bands} LSH band (b < 2)")
        self._perm_a, self._perm_b = affine32_permutations(self.num_perm, self.seed)

    def candidate_probability(self, similarity: float) -> float:
        """Chance that a stored text at this Jaccard similarity shares a band (is looked at)."""
        return 1.0 - (1.0 - similarity ** self.rows) ** self.bands

    def shingles(self, text: str) -> list[bytes]:
        """The distinct word shingles of ``text`` (case-folded), as UTF-8 bytes."""
        words = _WORD.findall(text.casefold())
        k = self.shingle_size
        if len(words) < k:
            return []
        return list({" ".join(words[i:i + k]).encode("utf-8") for i in range(len(words) - k + 1)})

    def signature(self, text: str | None) -> np.ndarray | None:
        """The MinHash signature of ``text``, or None when it is too short to compare.

        The same values as datasketch's ``MinHash(num_perm, seed).update_batch(shingles)``
        (scheme affine32: SHA-1 of each shingle, first 4 bytes little-endian, MurmurHash3
        finaliser, ``a * h + b`` mod 2^32, minimum per permutation) — stored signatures and band
        keys stay valid — computed without datasketch's per-shingle Python calls.
        """
        # Enough words? Stop counting at min_words instead of listing them all.
        if not text or sum(1 for _ in islice(_WORD.finditer(text), self.min_words)) \
                < self.min_words:
            return None
        words = _WORD.findall(text.casefold())
        k = self.shingle_size
        if len(words) < k:
            return np.full(self.num_perm, 0xFFFFFFFF, dtype=SIGNATURE_DTYPE)
        # Shingle i is the slice of the joined words from word i to word i+k-1. A repeated
        # shingle hashes to the same value, which cannot change a minimum: no set needed.
        joined = " ".join(words)
        ends = list(accumulate(len(word) + 1 for word in words))  # one past each word's space
        starts = [0, *ends[:-1]]
        sha1, encode = hashlib.sha1, str.encode
        digests = b"".join([sha1(encode(joined[start:end - 1])).digest()
                            for start, end in zip(starts, ends[k - 1:], strict=False)])
        hashes = np.frombuffer(digests, dtype="<u4")[::5].astype(np.uint32)
        hashes = _fmix32(hashes).reshape(-1, 1)
        permuted = np.multiply(hashes, self._perm_a)
        np.add(permuted, self._perm_b, out=permuted)
        return permuted.min(axis=0).astype(SIGNATURE_DTYPE, copy=False)

    def band_keys(self, signature: np.ndarray) -> list[int]:
        """One signed 64-bit key per LSH band (band number mixed in, so bands never collide)."""
        keys = []
        data = np.asarray(signature, dtype=SIGNATURE_DTYPE)
        for band in range(self.bands):
            chunk = data[band * self.rows:(band + 1) * self.rows].tobytes()
            digest = hashlib.blake2b(chunk, digest_size=8, salt=band.to_bytes(16, "little"))
            keys.append(int.from_bytes(digest.digest(), "little", signed=True))
        return keys

    @staticmethod
    def similarity(a: np.ndarray, b: np.ndarray) -> float:
        """Estimated Jaccard similarity of two signatures (share of equal positions)."""
        return float(np.count_nonzero(np.asarray(a) == np.asarray(b))) / len(a)

    def is_match(self, a: np.ndarray, b: np.ndarray) -> bool:
        return self.similarity(a, b) >= self.threshold


def _fmix32(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finaliser, element-wise (uint32 arithmetic wraps, as intended)."""
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


def to_bytes(signature: np.ndarray) -> bytes:
    """A signature as stored (little-endian uint32)."""
    return np.asarray(signature, dtype=SIGNATURE_DTYPE).tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype=SIGNATURE_DTYPE)


def best_match(fingerprinter: Fingerprinter, signature: np.ndarray,
               candidates: Sequence[tuple[int, bytes]]) -> int | None:
    """The oldest (lowest id) candidate whose signature matches, or None."""
    for story_id, stored in sorted(candidates):
        if fingerprinter.is_match(signature, from_bytes(stored)):
            return story_id
    return None


def affine32_permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """datasketch 2's ``MinHash(num_perm, seed).permutations`` for its default scheme
    (affine32: odd multipliers ``a``, offsets ``b``, both 32-bit, from one seeded generator)."""
    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a.astype(np.uint32), b.astype(np.uint32)


def optimal_bands(threshold: float, num_perm: int, false_positive_weight: float,
                  false_negative_weight: float) -> tuple[int, int]:
    """datasketch's ``MinHashLSH`` choice of bands x rows: the pair with the least weighted sum
    of the false-positive area (similarity below ``threshold`` that still shares a band) and
    the false-negative area (above it, sharing none). Both integrands are polynomials of
    degree bands * rows <= num_perm, so Gauss-Legendre with num_perm // 2 + 1 nodes integrates
    them exactly (datasketch uses scipy's adaptive quadrature for the same numbers)."""
    nodes, weights = np.polynomial.legendre.leggauss(num_perm // 2 + 1)

    def area(low: float, high: float, b: int, r: int, above: bool) -> float:
        s = (high - low) / 2 * nodes + (high + low) / 2
        candidate = 1.0 - (1.0 - s ** float(r)) ** float(b)
        values = 1.0 - candidate if above else candidate
        return float((high - low) / 2 * np.dot(weights, values))

    best, choice = float("inf"), (0, 0)
    for b in range(1, num_perm + 1):
        for r in range(1, num_perm // b + 1):
            error = (area(0.0, threshold, b, r, False) * false_positive_weight
                     + area(threshold, 1.0, b, r, True) * false_negative_weight)
            if error < best:
                best, choice = error, (b, r)
    return choice
