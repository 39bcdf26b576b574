"""Class/id hints: which page regions are boilerplate, which are the story.

Class names are split into tokens on whitespace, ``-`` and ``_`` so ``article__related-links``
yields ``related`` while ``header`` never matches ``ad``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lxml import etree

from newscrawl.extract.tree import all_text, tag_of, word_set

_CAMEL = re.compile(r"[A-Z][a-z]+|[a-z]+")
# Class/id separators mapped to spaces so str.split() tokenises in C.
_SEPARATORS = str.maketrans("-_", "  ")

# Regions that are not the story: related/teaser lists, widgets, promos, furniture.
NEGATIVE_TOKENS = word_set(
    """related relatedarticles recommendation recommendations recommended empfehlung empfehlungen
    newsletter comment comments kommentar kommentare discussion disqus share sharing shariff social
    socials socialbar ad ads adslot advert advertisement advertising anzeige werbung banner promo
    promotion sponsored sponsor outbrain taboola plista footer sidebar breadcrumb breadcrumbs
    navigation nav menu authorbox bio toolbar subscribe subscription abo abobox login consent
    cookie cmp embed placeholder gallery slider carousel swiper tags tag keywords taglist
    topics themen byline meta metadata dateline print audio audioplayer player video videoplayer
    rating survey poll tweet twitter instagram facebook podcast readmore weiterlesen morelink
    moreteaser teaserlist teaserblock paywallbox offer offers more mehr jobs marketplace
    bookmark merkliste notification webpush overlay modal popup skip author authors autor autoren
    readtime lesezeit caption imagecaption imagedescription bildunterschrift credit credits
    fotocredit copyright appendix kicker dachzeile overline topline roofline spitzmarke eyebrow
    aboveheading cta calltoaction"""
)
# Tokens that mark the story itself.
POSITIVE_TOKENS = word_set(
    """article articlebody body content text story entry main post richtext copytext fliesstext
    artikel beitrag paragraph prose"""
)
# Styled-component names glue words ("Authorstyled__Wrapper", "sharebar"): a token that starts
# with one of these is a hint as well.
NEGATIVE_PREFIXES = (
    "author", "byline", "share", "social", "newsletter", "related", "recommend", "breadcrumb",
    "advert", "sponsor", "outbrain", "taboola", "teaserlist", "kicker", "overline",
)
# ... and a token that ends with one of these ("inlinegallery", "bildergalerie", "heroslider"):
# media strips whose own text is labels and counters ("Image 1 of 5"), not story.
NEGATIVE_SUFFIXES = ("gallery", "galerie", "carousel", "slider", "slideshow", "popup", "dialog",
                     "flyout")
NEGATIVE_TAGS = frozenset({"aside", "footer", "nav", "form", "dialog", "menu"})
# Class names whose parts only mean something together ("c-inline-teaser-list").
_NEGATIVE_COMPOUND = re.compile(r"teaser[-_]?list|inline[-_]?teaser|more[-_]?articles", re.I)
# aria-label words of boxes that announce themselves ("Newsletter Anmeldung").
_NEGATIVE_LABEL = re.compile(r"\b(?:newsletter|werbung|anzeige|advertisement)\b", re.I)


_NO_TOKENS: frozenset[str] = frozenset()


def tokens(el: etree._Element) -> frozenset[str]:
    """Lower-case class/id tokens of ``el``."""
    cls, ident = el.get("class"), el.get("id")
    if not cls and not ident:
        return _NO_TOKENS
    return _class_tokens(cls, ident)


def class_tokens(cls: str | None, ident: str | None) -> frozenset[str]:
    """Lower-case tokens of a class/id pair (for callers that cache a verdict per pair)."""
    return _class_tokens(cls, ident)


# Class/id values repeat within a page and across a site's pages: each is split once.
_CACHE_SIZE = 8192


@lru_cache(maxsize=_CACHE_SIZE)
def _class_tokens(cls: str | None, ident: str | None) -> frozenset[str]:
    raw = f"{cls or ''} {ident or ''}"
    found = set(raw.lower().translate(_SEPARATORS).split())
    if not raw.islower():
        # camelCase names ("frnAdSky", "ID_ArticleAppendix") also yield their parts.
        found.update(part.lower() for part in _CAMEL.findall(raw))
    return frozenset(found)


@lru_cache(maxsize=_CACHE_SIZE)
def _negative_classes(cls: str | None, ident: str | None) -> bool:
    """Whether class/id name a non-story region (a token, a token prefix or a compound)."""
    found = _class_tokens(cls, ident)
    if found & NEGATIVE_TOKENS or any(t.startswith(NEGATIVE_PREFIXES)
                                      or t.endswith(NEGATIVE_SUFFIXES) for t in found):
        return True
    return bool(cls) and _NEGATIVE_COMPOUND.search(cls) is not None


def is_boilerplate(el: etree._Element, tag: str | None = None) -> bool:
    """Whether ``el`` is a non-story region by tag, role or class/id hint (``tag``: its
    ``tag_of`` when the caller has read it already)."""
    if (tag_of(el) if tag is None else tag) in NEGATIVE_TAGS:
        return True
    # The attribute names in one call, then only the attributes present are read (a get()
    # costs ~0.1 us; this is asked of every region around the page's prose).
    names = el.keys()
    if not names:
        return False
    if "role" in names:
        role = el.get("role")
        if role in {"navigation", "complementary", "contentinfo", "banner", "dialog", "menu"}:
            return True
        if role == "button" and _is_control(el):
            return True  # "Mehr laden" / "Load more" scripted as a div
    if "itemtype" in names and el.get("itemtype").endswith("/Person"):
        return True  # a person card (author or interviewee bio), not story text
    if "aria-label" in names:
        label = el.get("aria-label")
        if label and _NEGATIVE_LABEL.search(label):
            return True
    cls = el.get("class") if "class" in names else None
    ident = el.get("id") if "id" in names else None
    return bool(cls or ident) and _negative_classes(cls, ident)


def is_closable_layer(el: etree._Element) -> bool:
    """Whether ``el`` opens with a close button: a button of no words or one or two ("×",
    "Close") that its markup names a close control (``class="fbpopup-close"``,
    ``data-modal-closebtn``, ``id="feedback-close"``: the developers' names, not the reader's
    wording). Such a box is laid over the page, a pop-up, flyout or prompt ("Found the story
    interesting?", "Send feedback"), whatever its own class names say. A carousel's "previous"
    arrow is no close control. Asked of the ~50 elements the skip predicate judges a page (a
    pass over the page's buttons costs more than those tests together)."""
    if not len(el):
        return False
    first = el[0]
    return first.tag == "button" and _closes(first)


# A close button's label, when it has one, is a word or two ("Close", "Schließen", "Fermer ×").
MAX_CLOSE_WORDS = 2


def _closes(button: etree._Element) -> bool:
    # The markup first (a few attributes), the text (a serialiser call) only for a close.
    return any(_CLOSE.search(name) or (name in ("class", "id") and _CLOSE.search(value))
               for name, value in button.items()) \
        and len(all_text(button).split()) <= MAX_CLOSE_WORDS


_CLOSE = re.compile(r"close|dismiss", re.I)


# A control's label is a few words; an accordion header (role=button too) holds a heading.
MAX_CONTROL_WORDS = 6


def _is_control(el: etree._Element) -> bool:
    """A scripted button: a short label without a heading (not an expandable box's title)."""
    if next(el.iterdescendants("h1", "h2", "h3", "h4", "h5", "h6"), None) is not None:
        return False
    return len(etree.tostring(el, method="text", encoding="unicode").split()) <= MAX_CONTROL_WORDS


# Hints that name a region which is never the story, even holding most of a page's prose
# (a long comment thread, a related-articles rail).
STRONG_NEGATIVE_TOKENS = word_set(
    """related recommendation recommendations recommended comment comments kommentar
    kommentare discussion disqus outbrain taboola plista footer sidebar navigation nav menu
    teaserlist newsletter"""
)


def is_strong_boilerplate(el: etree._Element) -> bool:
    """Whether ``el`` is a region that never holds the story (by tag or strong hint)."""
    if tag_of(el) in NEGATIVE_TAGS:
        return True
    return bool(tokens(el) & STRONG_NEGATIVE_TOKENS)


def positive_score(el: etree._Element) -> int:
    """How many story hints ``el`` carries (``itemprop=articleBody`` counts double)."""
    score = len(tokens(el) & POSITIVE_TOKENS)
    if (el.get("itemprop") or "").lower() == "articlebody":
        score += 2
    return score
