"""Title and kicker: the headline as printed, checked against the page's structured data."""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass
from urllib.parse import urlsplit

from lxml import etree

from newscrawl.extract.hints import is_boilerplate, tokens
from newscrawl.extract.siteaffix import (
    complete,
    is_site_title,
    key,
    strip_site_affixes,
    trim_to_sources,
)
from newscrawl.extract.structured import Structured
from newscrawl.extract.tree import (
    is_hidden,
    link_text_len,
    norm,
    tag_of,
    text_of,
    text_without,
    word_set,
)

KICKER_TOKENS = word_set(
    """kicker dachzeile topline overline roofline eyebrow spitzmarke superline supertitle
    overhead flag headline-flag aboveheading"""
)
_COLON_KICKER = re.compile(r"\s+:\s+")


@dataclass(slots=True)
class Headline:
    """The printed headline element's text split into kicker and title."""

    title: str | None
    kicker: str | None
    element: etree._Element | None


def find_headline(scope: etree._Element, kicker_selector: list[etree._Element] | None = None,
                  hints: tuple[str | None, ...] = ()) -> Headline:
    """The page's printed headline with a kicker split off when one is marked up.

    Among several ``<h1>`` (logo, section name, a breaking-news teaser) the one the page's
    metadata (``hints``: og/JSON-LD/<title>) agrees with wins, else the first one that is not a
    link or logo and has a few words. Without ``<h1>``: ``itemprop=headline`` or an element
    with a headline class ("article-headline", "entry-title").
    """
    candidates = [h for h in scope.iter("h1") if text_of(h) and not is_hidden(h)]
    h1 = _pick(candidates or _headline_like(scope), hints)
    if h1 is not None and candidates:
        h1 = _beyond_label(h1, hints)
    if h1 is None:
        return Headline(None, None, None)
    hidden = {el for el in h1.iterdescendants()
              if isinstance(el.tag, str) and (is_hidden(el) or _is_badge(el))}
    full = text_without(h1, hidden) if hidden else text_of(h1)  # an editor button in the h1
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


# A paywall or content badge set into the h1 ("<span class="plus-icon">Plus</span> Title"):
# a class that says so and a word or two of text.
_BADGE_TOKENS = word_set("plus premium paid paywall abo abonnement exclusive exklusiv badge icon")
MAX_BADGE_WORDS = 2


def _is_badge(el: etree._Element) -> bool:
    return bool(tokens(el) & _BADGE_TOKENS) and len(text_of(el).split()) <= MAX_BADGE_WORDS


# A headline has a few words; "Lokales" over the story is a section name.
MIN_HEADLINE_WORDS = 3
_LOGO_TOKENS = word_set("logo brand sitename site-name masthead branding")
_HEADLINE_TOKENS = word_set("headline headline1 heading-title")
_STORY_TITLE_TOKENS = word_set("article entry post story news detail content page main")
# An element with a headline class holds a headline, not a paragraph of prose.
MAX_HEADLINE_CHARS = 300


def _pick(candidates: list[etree._Element], hints: tuple[str | None, ...]
          ) -> etree._Element | None:
    """The candidate the metadata agrees with, else the first plausible one, else the first."""
    if not candidates:
        return None
    if len(candidates) == 1:
        return candidates[0]
    wanted = [k for k in map(key, hints) if len(k) >= MIN_HINT_KEY]
    agreed = [el for el in candidates if _agrees(key(text_of(el)), wanted)]
    if agreed:
        # "Story - The Blog" agrees with a logo h1 "The Blog" too: the story's h1 has more to say.
        return max(agreed, key=lambda el: (not _linked_or_logo(el), len(text_of(el))))
    plausible = [el for el in candidates if not _linked_or_logo(el)]
    for el in plausible:
        if len(text_of(el).split()) >= MIN_HEADLINE_WORDS:
            return el
    return plausible[0] if plausible else candidates[0]


def _beyond_label(h1: etree._Element, hints: tuple[str | None, ...]) -> etree._Element:
    """The headline element beside an h1 that is only a label (a Dachzeile or section name of
    fewer than MIN_HEADLINE_WORDS words, "<h1 class="kicker">Parkplätze</h1><h2
    class="headline">…</h2>"): an element with a headline class under the h1's parent."""
    parent = h1.getparent()
    if parent is None or len(text_of(h1).split()) >= MIN_HEADLINE_WORDS:
        return h1
    near = [el for el in _headline_like(parent)
            if el is not h1 and len(text_of(el).split()) >= MIN_HEADLINE_WORDS]
    found = _pick(near, hints)
    return found if found is not None else h1


def _agrees(k: str, wanted: list[str]) -> bool:
    return len(k) >= MIN_HINT_KEY and any(k in w or w in k for w in wanted)


# Hints and headlines are compared from this many letters on (not a one-word label).
MIN_HINT_KEY = 12


def _linked_or_logo(el: etree._Element) -> bool:
    """A logo (class hint, or the home link) or a teaser headline linking elsewhere."""
    text = text_of(el)
    if link_text_len(el) >= 0.8 * len(text):
        return True
    node = el
    for _ in range(4):
        if node is None:
            break
        if tag_of(node) == "a" or tokens(node) & _LOGO_TOKENS:
            return True
        node = node.getparent()
    return False


def _headline_like(scope: etree._Element) -> list[etree._Element]:
    """Headline elements of a page without ``<h1>``: ``itemprop=headline``, then elements with
    a headline class, outside boilerplate regions (teaser lists have headline classes too)."""
    marked = [el for el in scope.iter() if isinstance(el.tag, str) and tag_of(el) != "meta"
              and el.get("itemprop") == "headline" and text_of(el)]
    if marked:
        return marked
    out = []
    for el in scope.iter("h2", "h3", "div", "p", "span", "header"):
        found = tokens(el)
        if not (found & _HEADLINE_TOKENS or ("title" in found and found & _STORY_TITLE_TOKENS)):
            continue
        text = text_of(el)
        if text and len(text) <= MAX_HEADLINE_CHARS and not _in_boilerplate(el, scope):
            out.append(el)
    return out


def _in_boilerplate(el: etree._Element, stop: etree._Element) -> bool:
    node = el.getparent()
    while node is not None and node is not stop:
        if is_boilerplate(node):
            return True
        node = node.getparent()
    return False


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
    return _leading_part(h1)


# A kicker is a short label: at most this many words.
MAX_KICKER_WORDS = 6


def _leading_part(h1: etree._Element) -> etree._Element | None:
    """A kicker printed as the first of several parts of the h1 (``<h1><span>Spannungen</span>
    <span>Biden will …</span></h1>``): a short first part before a longer rest."""
    if (h1.text or "").strip():
        return None
    parts = [c for c in h1 if isinstance(c.tag, str) and text_of(c)]
    if len(parts) < 2 or tag_of(parts[0]) == "br":
        return None
    first = text_of(parts[0])
    rest = sum(len(text_of(c)) for c in parts[1:])
    return parts[0] if len(first.split()) <= MAX_KICKER_WORDS and rest > len(first) else None


def title_hints(data: Structured, title_tag: str | None) -> tuple[str | None, ...]:
    """What the page's metadata calls its headline, to tell the headline among several h1."""
    return (data.first_meta("og:title", "twitter:title"), data.headline, title_tag)


def page_title(headline: Headline, data: Structured, title_tag: str | None, url: str,
               prefer: str | None = None, sections: Container[str] = frozenset()
               ) -> str | None:
    """The article title from the printed headline, the metadata and the ``<title>``.

    A source the printed headline spells whole loses only label segments (section, date, an
    all-caps label), not words that name the site ("Leserreise - Mit dem Stadtboten nach Rom"
    on stadtbote.example). Otherwise each is first cut to the segments the page prints
    elsewhere ("Title – Lokales – Paper" beside an h1 "Title"), else stripped of site-like and
    section (``sections``: keys of the page's section names) prefix/suffix segments; a cut-short
    JSON-LD headline or og:title is completed from a source that starts with it; an og:title
    that is the site's own title is ignored. Then ``choose_title`` decides.
    """
    site = data.first_meta("og:site_name")
    printed_full = text_of(headline.element) if headline.element is not None else None
    raw = {"og": data.first_meta("og:title", "twitter:title"), "jsonld": data.headline,
           "meta": data.first_meta("title"), "tag": title_tag}
    # A linked or logo h1 (the blog's name over the story) says nothing about the headline.
    weak = headline.element is None or _linked_or_logo(headline.element)
    printed = [] if weak else [headline.title, printed_full]
    clean: dict[str, str | None] = {}
    printed_keys = {key(t) for t in printed} - {""}
    for name, text in raw.items():
        if text and key(text) in printed_keys:
            # Only labels go (a section, a date, "| COMMENTARY"), not words that name the host.
            clean[name] = strip_site_affixes(text, None, "", sections)
            continue
        others = printed + [v for k, v in raw.items() if k != name]
        trimmed = trim_to_sources(text, others)
        clean[name] = (trimmed if trimmed != text
                       else strip_site_affixes(text, site, url, sections))
    if is_site_title(raw["og"], site, url, headline.title):
        clean["og"] = None
    clean["jsonld"] = complete(clean["jsonld"], [*printed, clean["og"], clean["tag"]])
    clean["og"] = complete(clean["og"], [*printed, clean["jsonld"], clean["tag"]], capped=False)
    return choose_title(headline.title, clean["jsonld"], clean["og"], prefer,
                        printed_full=printed_full, meta_title=clean["meta"],
                        printed_kicker=headline.kicker, url=url, title_tag=clean["tag"])


def choose_title(printed: str | None, jsonld: str | None, og: str | None,
                 prefer: str | None = None, *, printed_full: str | None = None,
                 meta_title: str | None = None, printed_kicker: str | None = None,
                 url: str | None = None, title_tag: str | None = None) -> str | None:
    """Pick the article title among the page's headline sources.

    A family profile may name its editorial source (``jsonld``/``og``/``h1``). Otherwise an
    explicit ``<meta name="title">`` wins (unless og:title and the h1 agree on another text),
    then the Open Graph title (sites write it as the
    shareable headline, measured most reliable on realpages), then JSON-LD, then the printed h1.
    Three agreement rules come first when the sources disagree (each needs two independent
    sources on the winning side, see ``_agreed_title``). The ``<title>`` comes last, or where
    it spells the printed headline with the kicker's punctuation ("Spannungen: Biden …" over an
    h1 printed as two spans). Suffixes like " | Site" are stripped by ``page_title``.
    """
    by_source = {"h1": printed, "jsonld": jsonld, "og": og}
    if prefer and by_source.get(prefer):
        return by_source[prefer]
    printed_keys = {key(printed), key(printed_full)} - {""}
    # <meta name="title"> first, unless og:title and the h1 agree against it (a stale CMS title).
    stale = bool(og) and key(og) in printed_keys and key(meta_title) not in printed_keys
    if meta_title and not stale:
        return meta_title
    agreed = _agreed_title(printed, jsonld, og, printed_keys, printed_kicker, url)
    if agreed:
        return agreed
    if og:
        return og
    if jsonld and (key(jsonld) in printed_keys or not printed):
        return jsonld
    if printed and title_tag and key(title_tag) in printed_keys:
        return title_tag
    return printed or jsonld or title_tag


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
    og_key = key(og)
    if og_key in printed_keys and (not jsonld or key(jsonld) == og_key):
        return None  # all sources agree: nothing to decide
    if jsonld and url and key(jsonld) != og_key:
        slug = _slug_words(url)
        if slug and _overlap(_words(jsonld), slug) >= SLUG_MATCH and max(
                _overlap(_words(og), slug), _overlap(_words(printed), slug)) < SLUG_MISS:
            return jsonld
    if (printed_kicker and len(printed) >= MIN_SHARED_HEADLINE and og_key != key(printed)
            and og.endswith(printed)):
        og_kicker = key(og[: -len(printed)])
        kicker = key(printed_kicker)
        if og_kicker and kicker and og_kicker not in kicker and kicker not in og_kicker:
            return printed
    if jsonld and key(jsonld) in printed_keys and og_key not in printed_keys:
        og_parts, printed_parts = _COLON.split(og, 1), _COLON.split(jsonld, 1)
        if (len(og_parts) == 2 and len(printed_parts) == 2
                and key(og_parts[0]) == key(printed_parts[0])):
            return printed if key(printed) == key(jsonld) else jsonld
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

