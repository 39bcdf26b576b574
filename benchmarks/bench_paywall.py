"""The paywall guard on real text and on obfuscated text: false positives and recall.

Usage: python benchmarks/bench_paywall.py [PAGESET ...]   (default ../shared/realpages and
../shared/benchpages)

False positives: every gold paragraph of every page, every paragraph-like element of its HTML
(``BLOCK_TAGS``) and every body block the extractor reads from it, judged by ``looks_scrambled``;
any hit is printed. Recall: the gold paragraphs of MIN_WORDS words or more
obfuscated by each scheme in ``SCHEMES`` (several that no site here uses), share detected.
Exit status 1 when a real paragraph is flagged.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import string
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from lxml import html as lxml_html

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import newscrawl.extract.extractor as extractor_module  # noqa: E402
from newscrawl.crawl.decoding import decode_html  # noqa: E402
from newscrawl.extract.paywall import (  # noqa: E402
    _LATIN,
    _WORD,
    LOREM,
    MIN_WORDS,
    looks_scrambled,
    plausibility,
)

LOREM_WORDS = sorted(LOREM)
# Paragraph-like elements of the raw page; the extractor's own blocks are judged as well.
BLOCK_TAGS = ("p", "li", "blockquote", "dd", "figcaption")


def _shift(text: str, n: int) -> str:
    def one(c: str) -> str:
        for alphabet in (string.ascii_lowercase, string.ascii_uppercase):
            if c in alphabet:
                return alphabet[(alphabet.index(c) + n) % 26]
        return c
    return "".join(one(c) for c in text)


def _per_word(text: str, change: Callable[[str], str]) -> str:
    return _WORD.sub(lambda m: change(m.group()), text)


def _swap_pairs(word: str) -> str:
    chars = list(word)
    for i in range(0, len(chars) - 1, 2):
        chars[i], chars[i + 1] = chars[i + 1], chars[i]
    return "".join(chars)


def _random_letters(word: str, rng: random.Random) -> str:
    # Letters drawn with English/German letter frequencies: plausible vowel share.
    pool = "eeeeeeeennnnnniiiiiisssssrrrrrraaaaattttdddhhhuuulllcccggmmoobbwwffkkzpvjyxq"
    return "".join(rng.choice(pool) for _ in word)


def _lorem(word: str, rng: random.Random) -> str:
    return rng.choice(LOREM_WORDS)


def _vowel_rotation(word: str) -> str:
    table = str.maketrans("aeiouAEIOUäöü", "eiouaEIOUAöüä")
    return word.translate(table)


def _atbash(word: str) -> str:
    low, up = string.ascii_lowercase, string.ascii_uppercase
    return word.translate(str.maketrans(low + up, low[::-1] + up[::-1]))


def schemes(seed: int = 7) -> dict[str, Callable[[str], str]]:
    rng = random.Random(seed)
    return {
        "caesar3": lambda t: _shift(t, 3),
        "rot13": lambda t: _shift(t, 13),
        "atbash": lambda t: _per_word(t, _atbash),
        "reversed_words": lambda t: _per_word(t, lambda w: w[::-1]),
        "reversed_text": lambda t: t[::-1],
        "swap_pairs": lambda t: _per_word(t, _swap_pairs),
        "shuffled_letters": lambda t: _per_word(t, lambda w: "".join(rng.sample(w, len(w)))),
        "random_letters": lambda t: _per_word(t, lambda w: _random_letters(w, rng)),
        "lorem_ipsum": lambda t: _per_word(t, lambda w: _lorem(w, rng)),
        "vowel_rotation": lambda t: _per_word(t, _vowel_rotation),
    }


def page_texts(page_set: Path) -> Iterator[tuple[str, str, list[str]]]:
    """(stem, kind, texts) per page: kind 'gold' for annotated paragraphs, 'html' for blocks."""
    for gold_file in sorted(page_set.glob("*.json")):
        stem = gold_file.name.removesuffix(".json")
        gold = json.loads(gold_file.read_text())
        paragraphs = [p for s in gold.get("sections") or [] for p in s.get("paragraphs") or []]
        paragraphs += [s["headline"] for s in gold.get("sections") or [] if s.get("headline")]
        paragraphs += gold.get("summary") or []
        yield stem, "gold", paragraphs
        page = page_set / f"{stem}.html.gz"
        if page.is_file():
            html, _encoding = decode_html(gzip.decompress(page.read_bytes()))
            yield stem, "html", [*_html_blocks(html), *_extracted_blocks(html, gold.get("url"))]


def _html_blocks(html: str) -> Iterator[str]:
    root = lxml_html.fromstring(html)
    for bad in root.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    for el in root.iter(*BLOCK_TAGS):
        text = " ".join(el.text_content().split())
        if text and len(text) < 5000:
            yield text


def _extracted_blocks(html: str, url: str | None) -> list[str]:
    """The body blocks the extractor hands to the guard (recorded as it judges them)."""
    seen: list[str] = []

    def record(text: str) -> bool:
        seen.append(text)
        return False

    original = extractor_module.looks_scrambled
    extractor_module.looks_scrambled = record
    try:
        extractor_module.extract_article(html, url or "https://example.org/a")
    finally:
        extractor_module.looks_scrambled = original
    return seen


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", type=Path,
                        default=[ROOT.parent / "shared" / "realpages",
                                 ROOT.parent / "shared" / "benchpages"])
    parser.add_argument("--show", type=int, default=20, help="flagged real texts to print")
    args = parser.parse_args()
    seen: set[str] = set()
    judged = {"gold": 0, "html": 0}
    flagged: dict[str, list[tuple[str, str]]] = {"gold": [], "html": []}
    gold_paragraphs: list[str] = []
    started = time.perf_counter()
    for page_set in args.sets:
        for stem, kind, texts in page_texts(page_set):
            for text in texts:
                if text in seen:
                    continue
                seen.add(text)
                if len(_WORD.findall(text)) < MIN_WORDS:
                    continue
                judged[kind] += 1
                if kind == "gold":
                    gold_paragraphs.append(text)
                if looks_scrambled(text):
                    flagged[kind].append((stem, text))
    elapsed = time.perf_counter() - started
    for kind in ("gold", "html"):
        print(f"real {kind:4} texts judged: {judged[kind]:6}  flagged: {len(flagged[kind])}")
        for stem, text in flagged[kind][: args.show]:
            p = plausibility(_WORD.findall(text))
            print(f"    {stem}: hits {p.hits:.2f} bits {p.bits:.2f} score {p.score:.2f} | "
                  f"{text[:110]}")
    print(f"({elapsed:.1f} s for both, {sum(judged.values()) / elapsed:.0f} texts/s)")
    latin = [t for t in gold_paragraphs if len(_LATIN.findall(t)) > 0.8 * len(_WORD.findall(t))]
    gold_paragraphs = [t for t in latin if len(_WORD.findall(t)) >= MIN_WORDS]
    print(f"obfuscated gold paragraphs in Latin script ({len(gold_paragraphs)} each):")
    for name, scheme in schemes().items():
        caught = sum(looks_scrambled(scheme(t)) for t in gold_paragraphs)
        print(f"    {name:18} detected {caught / len(gold_paragraphs):.3f}")
    return 1 if flagged["gold"] or flagged["html"] else 0


if __name__ == "__main__":
    sys.exit(main())
