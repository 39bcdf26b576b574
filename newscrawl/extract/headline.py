"""Title and kicker: the headline as printed, checked against the page's structured data."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from lxml import etree

from newscrawl.extract.hints import tokens
from newscrawl.extract.tree import norm, tag_of, text_of, word_set

KICKER_TOKENS = word_set(
    """kicker dachzeile topline overline roofline eyebrow spitzmarke superline supertitle
    overhead flag headline-flag aboveheading"""
)
# " | Site", " - WELT", " – DW – 13.06.2023": separators before a site name or date suffix.
_SUFFIX_SPLIT = re.compile(r"\s+[|–—-]\s+|\s+\|")
_DATE_LIKE = re.compile(r"^\d{1,2}\.\d{1,2}\.\d{2,4}$")
_COLON_KICKER = re.compile(r"\s+:\s+")


@dataclass(slots=True)
class Headline:
    """The printed headline element's text split into kicker and title."""

    title: str | None
    kicker: str | None
    element: etree._Element | None


def find_headline(scope: etree._Element, kicker_selector: list[etree._Element] | None = None
                  ) -> Headline:
    """The first visible ``<h1>`` in ``scope`` with a kicker split off when one is marked up."""
    for h1 in scope.iter("h1"):
        full = text_of(h1)
        if not full:
            continue
        kicker_el = _kicker_element(h1) if kicker_selector is None else (
            kicker_selector[0] if kicker_selector else None)
        kicker = text_of(kicker_el) if kicker_el is not None else None
        title = full
        if kicker and kicker_el is not None and _is_within(kicker_el, h1):
            rest = full[len(kicker):] if full.startswith(kicker) else full.replace(kicker, "", 1)
            title = norm(rest.lstrip(" :–-")) or full
        elif not kicker and _COLON_KICKER.search(full):
            # InterRed/mh:n print "Kicker : Headline" in one h1.
            kicker, title = _COLON_KICKER.split(full, 1)
        return Headline(title or None, kicker or None, h1)
    return Headline(None, None, None)


def _is_within(el: etree._Element, ancestor: etree._Element) -> bool:
    node = el
    while node is not None:
        if node is ancestor:
            return True
        node = node.getparent()
    return False


def _kicker_element(h1: etree._Element) -> etree._Element | None:
    """A kicker marked up inside the h1 or right before it."""
    for el in h1.iterdescendants():
        if tokens(el) & KICKER_TOKENS:
            return el
    prev = h1.getprevious()
    for _ in range(2):
        if prev is None:
            break
        if tokens(prev) & KICKER_TOKENS and len(text_of(prev)) < 80:
            return prev
        prev = prev.getprevious()
    parent = h1.getparent()
    if parent is not None and tag_of(parent) in {"hgroup", "header", "div"}:
        for el in parent.iterchildren():
            if el is h1:
                break
            if tokens(el) & KICKER_TOKENS and len(text_of(el)) < 80:
                return el
    return None


def strip_site_suffix(title: str | None, site_name: str | None, url: str) -> str | None:
    """Remove " | Site", " - Site.de" and date suffixes that SEO titles carry."""
    if not title:
        return None
    host = urlsplit(url).hostname or ""
    host_words = {w for w in re.split(r"[.\-]", host.lower()) if len(w) > 2} - {"www", "com"}
    site_key = re.sub(r"\W", "", (site_name or "").lower())
    parts = _SUFFIX_SPLIT.split(title)
    while len(parts) > 1:
        last = parts[-1].strip()
        key = re.sub(r"\W", "", last.lower())
        site_like = bool(key) and (
            key == site_key or (site_key and (key in site_key or site_key in key))
            or any(w in key for w in host_words) or _DATE_LIKE.match(last) is not None
            or (len(last.split()) <= 2 and last.isupper())
        )
        if not site_like:
            break
        parts.pop()
    if len(parts) == len(_SUFFIX_SPLIT.split(title)):
        return norm(title)
    # Re-join with the original separators for the parts we keep.
    kept = title
    for _ in range(len(_SUFFIX_SPLIT.split(title)) - len(parts)):
        matches = list(_SUFFIX_SPLIT.finditer(kept))
        kept = kept[: matches[-1].start()]
    return norm(kept) or None


def choose_title(printed: str | None, jsonld: str | None, og: str | None,
                 prefer: str | None = None, *, printed_full: str | None = None,
                 meta_title: str | None = None, printed_kicker: str | None = None,
                 url: str | None = None) -> str | None:
    """Pick the article title among the page's headline sources.

    A family profile may name its editorial source (``jsonld``/``og``/``h1``). Otherwise an
    explicit ``<meta name="title">`` wins, then the Open Graph title (sites write it as the
    shareable headline, measured most reliable on realpages), then JSON-LD, then the printed h1.
    Three agreement rules come first when the sources disagree (each needs two independent
    sources on the winning side, see ``_agreed_title``). Suffixes like " | Site" are stripped by
    the caller.
    """
    by_source = {"h1": printed, "jsonld": jsonld, "og": og}
    if prefer and by_source.get(prefer):
        return by_source[prefer]
    if meta_title:
        return meta_title
    printed_keys = {_key(printed), _key(printed_full)} - {""}
    agreed = _agreed_title(printed, jsonld, og, printed_keys, printed_kicker, url)
    if agreed:
        return agreed
    if og:
        return og
    if jsonld and (_key(jsonld) in printed_keys or not printed):
        return jsonld
    return printed or jsonld


def _agreed_title(printed: str | None, jsonld: str | None, og: str | None,
                  printed_keys: set[str], printed_kicker: str | None, url: str | None
                  ) -> str | None:
    """The title two independent sources agree on when og:title is the odd one out.

    1. JSON-LD headline spells the URL slug while og:title and the printed h1 do not: the CMS
       headline the URL was made from; the h1/og show a ticker entry or a rewritten teaser.
    2. og:title is "X: <printed headline>" but the page prints the headline under a different
       kicker: the sources agree on the headline only, so the kicker belongs to neither.
    3. og:title and the printed headline share their kicker ("K: …") but differ after it, and
       JSON-LD carries the printed version: the page's headline, og is a social variant.
    """
    if not og or not printed:
        return None
    og_key = _key(og)
    if og_key in printed_keys and (not jsonld or _key(jsonld) == og_key):
        return None  # all sources agree: nothing to decide
    if jsonld and url and _key(jsonld) != og_key:
        slug = _slug_words(url)
        if slug and _overlap(_words(jsonld), slug) >= SLUG_MATCH and max(
                _overlap(_words(og), slug), _overlap(_words(printed), slug)) < SLUG_MISS:
            return jsonld
    if (printed_kicker and len(printed) >= MIN_SHARED_HEADLINE and og_key != _key(printed)
            and og.endswith(printed)):
        og_kicker = _key(og[: -len(printed)])
        kicker = _key(printed_kicker)
        if og_kicker and kicker and og_kicker not in kicker and kicker not in og_kicker:
            return printed
    if jsonld and _key(jsonld) in printed_keys and og_key not in printed_keys:
        og_parts, printed_parts = _COLON.split(og, 1), _COLON.split(jsonld, 1)
        if (len(og_parts) == 2 and len(printed_parts) == 2
                and _key(og_parts[0]) == _key(printed_parts[0])):
            return printed if _key(printed) == _key(jsonld) else jsonld
    return None


# A headline spelling the URL slug shares this share of its words; one that does not, < MISS.
SLUG_MATCH = 0.75
SLUG_MISS = 0.5
# The headline og:title and the page agree on must be a headline, not a label ("Kommentar").
MIN_SHARED_HEADLINE = 20
_COLON = re.compile(r":\s+")
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_WORD = re.compile(r"[a-z]+")
_SLUG_NOISE = frozenset({"html", "htm", "php", "amp"})


def _words(text: str) -> set[str]:
    """Lower-case words without digits, umlauts spelled out as in URLs."""
    return set(_WORD.findall(text.lower().translate(_UMLAUTS))) - _SLUG_NOISE


def _slug_words(url: str) -> set[str]:
    """Words of the path segment with the most hyphens (the slug); ids with digits dropped."""
    segments = [s for s in urlsplit(url).path.split("/") if s]
    if not segments:
        return set()
    slug = max(segments, key=lambda s: s.count("-") + s.count("_"))
    if slug.count("-") + slug.count("_") < 2:
        return set()
    words = {w for w in re.split(r"[^a-z0-9]+", slug.lower()) if w and not any(
        c.isdigit() for c in w)}
    return words - _SLUG_NOISE


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def _key(text: str | None) -> str:
    return re.sub(r"\W", "", (text or "").lower())
