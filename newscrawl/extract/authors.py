"""Author names: from JSON-LD/meta/byline text to a clean, de-duplicated list."""

from __future__ import annotations

import re
from collections.abc import Sequence

from lxml import etree

from newscrawl.article import Block
from newscrawl.extract.hints import tokens
from newscrawl.extract.tree import norm, text_of

# "Von", "Von:", "By", "Text:", "Autor:" in front of names.
_PREFIX = re.compile(r"^(?:(?:von|by)(?: unser(?:er|em) \w+)?"
                     r"|text(?: ?(?:und|&|/) ?(?:fotos?|bilder?))?|autor(?:in)?|autoren"
                     r"|ein (?:artikel|beitrag|bericht|kommentar|gastbeitrag|interview) von"
                     r"|verfasst von|geschrieben von|written by|posted by|reported by"
                     r"|veröffentlicht von)\s*:?\s+", re.IGNORECASE)
_SPLIT = re.compile(r"\s*(?:,|;|\||\bund\b|\band\b|&)\s*")
# Trailing initials in parentheses: "Elena Oberholzer (obe)".
_KUERZEL = re.compile(r"\s*\([a-zäöü.]{2,6}\)$")
_NOT_NAME = re.compile(r"https?://|@|\d{2}[.:]\d{2}|\bUhr\b", re.IGNORECASE)
# Role and place suffixes in a byline: "Name, Korrespondent in Berlin".
_ROLE_WORDS = re.compile(r"\b(?:korrespondent|redakteur|reporter|chefredakteur|leiter|ressort)",
                         re.IGNORECASE)
MAX_NAME_WORDS = 5


def clean_authors(raw: list[str]) -> list[str]:
    """Split, strip prefixes and de-duplicate author strings (case-insensitive)."""
    names: list[str] = []
    seen: set[str] = set()
    for value in raw:
        value = _PREFIX.sub("", norm(value))
        for part in _SPLIT.split(value) if _needs_split(value) else [value]:
            name = _KUERZEL.sub("", _PREFIX.sub("", norm(part))).strip(" .:-–")
            if not name or _NOT_NAME.search(name) or _ROLE_WORDS.search(name):
                continue
            if len(name.split()) > MAX_NAME_WORDS:
                continue
            key = name.casefold()
            if key not in seen:
                seen.add(key)
                names.append(name)
    return names


def _needs_split(value: str) -> bool:
    """Only split lists of names, not "Müller, Hans" style single names."""
    parts = [p for p in _SPLIT.split(value) if p]
    inverted = value.count(",") == 1 and len(parts) == 2 and all(
        len(p.split()) == 1 and p[:1].isupper() for p in parts)
    return len(parts) > 1 and not inverted


def looks_like_person(name: str) -> bool:
    """Two or more capitalised words: "Seb Dumitru", not "amw" or "Quelle: sid/dpa"."""
    words = name.split()
    return 2 <= len(words) <= MAX_NAME_WORDS and all(w[:1].isupper() for w in words) and \
        ":" not in name and "/" not in name


def is_site_name(name: str, host: str, site_name: str | None) -> bool:
    """Whether an author string is the publication itself ("n-tv NACHRICHTEN", "LTO")."""
    key = re.sub(r"\W", "", name.casefold())
    core = re.sub(r"\W", "", host.casefold().removeprefix("www.").rsplit(".", 1)[0])
    site = re.sub(r"\W", "", (site_name or "").casefold())
    return bool(key) and ((len(core) >= 2 and core in key) or (bool(site) and site == key))


BYLINE_TOKENS = frozenset({"author", "authors", "byline", "autor", "autoren", "writer"})
_VON = re.compile(r"^(?:von|by)\s+", re.IGNORECASE)
MAX_BYLINE_CHARS = 100
_ONE_NAME = r"[A-ZÄÖÜ][\w.'-]+(?: (?:[A-ZÄÖÜ][\w.'-]+|von|van|de|der|zu)){0,3} [A-ZÄÖÜ][\w.'-]+"
_NAME = f"({_ONE_NAME})"
# One name, or several joined by "und"/"and"/"&"/commas ("Von Anna Schmidt und Max Huber"):
# ``clean_authors`` splits them. (A labelled line keeps one name: "Autor: A und B, Place" is
# read whole from its author box, place and all.)
_NAMES = rf"({_ONE_NAME}(?:(?:,| und| and| &) {_ONE_NAME}){{0,3}})"
# What may follow a name on a byline: a date, a role, a photo credit, after a separator.
_TAIL = r"(?:\s*(?:[|,·•–—/]|\s-\s).{0,60})?"
# A labelled author line: "Autorin/Autor Roman Goncharenko", "Autor: Jens Vollmer", "Text: Jana
# Kowalski, Fotos: Max Muster", "Text und Fotos: Jana Kowalski".
_AUTHOR_LABEL = re.compile(r"^(?:Autor(?:in)?(?:/(?:Autor|in)(?:in)?)?|Autoren"
                           r"|Text(?: ?(?:und|&|/) ?(?:Fotos?|Bilder?))?)\s*:?\s+"
                           + _NAME + _TAIL + "$")
# An unlabelled byline: "Von Jana Kowalski", "By Jana Kowalski | 12.03.2024", "Written by …",
# "Von unserer Redakteurin Jana Kowalski", "Ein Artikel von …", "Veröffentlicht von: …".
_BYLINE = re.compile(r"^(?:(?:[Vv]on|[Bb]y|BY|VON)(?: unser(?:er|em) [A-ZÄÖÜ]\w+(?:in|en)?)?"
                     r"|[Vv]erfasst von|[Gg]eschrieben von|[Ww]ritten by|[Pp]osted by"
                     r"|[Rr]eported by|[Vv]eröffentlicht von|Ein (?:Artikel|Beitrag|Bericht|"
                     r"Kommentar|Gastbeitrag|Interview) von)\s*:?\s+" + _NAMES + _TAIL + "$")
_BYLINE_STARTS = ("Von ", "von ", "By ", "by ", "BY ", "VON ", "Von:", "By:", "Verfasst ",
                  "Geschrieben ",
                  "Written ", "Posted ", "Reported ", "Veröffentlicht von", "Ein Artikel ",
                  "Ein Beitrag ", "Ein Bericht ", "Ein Kommentar ", "Ein Gastbeitrag ",
                  "Ein Interview ")
_LINE_STARTS = ("Autor", "Text", *_BYLINE_STARTS)


def find_bylines(scope: etree._Element) -> list[str]:
    """Printed bylines in the article region: "Von X" lines first, else the first author box."""
    loose: list[str] = []
    plain: list[str] = []
    for el in scope.iter():
        if el.tag in _LABEL_TAGS and len(el) <= 3 and (first := _line_start(el)):
            if first.startswith(("Autor", "Text")):
                labelled = _AUTHOR_LABEL.match(text_of(el)[:MAX_BYLINE_CHARS + 20])
                if labelled:
                    return [labelled.group(1)]
            # A "Von X" inside a link belongs to a teaser of another story.
            elif not plain and first.startswith(_BYLINE_STARTS) \
                    and next(el.iterancestors("a"), None) is None:
                text = text_of(el)
                byline = _BYLINE.match(text) if len(text) <= MAX_BYLINE_CHARS else None
                if byline:
                    plain.append(byline.group(1))
        # One call for the attribute names, then only the attributes present are read (each
        # get() costs ~0.1 us; this loop sees every element of the article region).
        names = el.keys()
        if not names:
            continue
        cls = el.get("class") if "class" in names else None
        ident = el.get("id") if "id" in names else None
        hint = f"{cls} {ident}" if cls and ident else cls or ident
        # Substring precheck before tokenising: most elements carry no author hint at all.
        if not (hint and ("uthor" in hint or "utor" in hint or "byline" in hint
                          or "writer" in hint) and tokens(el) & BYLINE_TOKENS):
            rel = el.get("rel") if "rel" in names else None
            if not (rel and "author" in rel.split()) and (
                    "itemprop" not in names or el.get("itemprop") != "author"):
                continue
        text = text_of(el)
        if not text or len(text) > MAX_BYLINE_CHARS:
            continue
        if _VON.match(text):
            return [text]
        if not loose and not any(ch.isdigit() for ch in text):
            loose.append(text)
    # A marked-up author box wins over a plain "Von X" line, which wins over nothing.
    return loose or plain


_LABEL_TAGS = frozenset({"li", "p", "div", "span", "dd", "address", "em", "strong", "small"})


def _line_start(el: etree._Element) -> str | None:
    """The element's first text, left-stripped, when it opens like an author label or a
    byline; a cheap look before reading the whole text, asked of most elements of the region
    (one ``startswith`` for all openings)."""
    text = el.text
    if not text or text.isspace():
        text = el[0].text if len(el) else None
    if text and (text := text.lstrip()).startswith(_LINE_STARTS):
        return text
    return None


# A name signing the story under its last paragraph: two or three capitalised words of letters.
_SIGNATURE = re.compile(r"[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?"
                        r"(?: [A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?){1,2}")


def signed_by(blocks: Sequence[Block]) -> list[str]:
    """The author named alone on the body's last line ("… im Rathaus aus. / Anna Schmidt"),
    where a page prints no byline above the story; [] when the last line is anything else."""
    if len(blocks) < 2 or blocks[-1].kind != "p":
        return []
    line = blocks[-1].text.strip()
    return [line] if _SIGNATURE.fullmatch(line) else []
