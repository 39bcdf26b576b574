"""Site names, sections and dates around a headline in the page's title sources.

SEO titles carry "Title | Paper", "Paper - Title", "Title – Lokales – Paper", "Title – DW –
28.04.2023". Where the page prints the headline too, the other sources say which segments are
the headline (``trim_to_sources``); otherwise a segment must look like the site (its name, its
host, a date) to go (``strip_site_affixes``).
"""

from __future__ import annotations

import re
from collections.abc import Container
from functools import lru_cache
from urllib.parse import urlsplit

from newscrawl.extract.tree import norm

# " | Site", " - WELT", " – DW – 13.06.2023": separators before a site name or date suffix.
_SUFFIX_SPLIT = re.compile(r"\s+(?:[|–—·»-]|::)\s+|\s+\|")
# Separators kept (capture group) when a title is cut into segments; ":" is not one: "Kicker:
# Headline" is how sites write the headline itself (realpages gold keeps it).
_SEGMENTS = re.compile(r"(\s+(?:[|–—·»-]|::)\s+|\s+\|\s*)")
_DATE_LIKE = re.compile(r"^\d{1,2}\.\d{1,2}\.\d{2,4}$")
_ELLIPSIS = re.compile(r"\s*(?:…|\.\.\.)\s*$")
# A segment dropped by agreement is a label (section, paper, date), not half a headline.
MAX_AFFIX_WORDS = 5
# Google's 110-character headline cap: a JSON-LD headline this long without "…" may be cut.
MIN_CAPPED_CHARS = 100
# Two sources agree on a headline, not on a word ("Lokales").
MIN_AGREED_KEY = 12


_NON_WORD = re.compile(r"\W+")


@lru_cache(maxsize=4096)
def key(text: str | None) -> str:
    """Lower-case letters and digits only: how sources are compared. (Cached: a page's few
    title sources are keyed again and again while they are compared.)"""
    return _NON_WORD.sub("", (text or "").lower())


def trim_to_sources(title: str | None, others: list[str | None]) -> str | None:
    """``title`` cut to the run of its segments another source prints as the headline.

    "Neue Kita öffnet – Lokales – Stadtbote" with an h1 "Neue Kita öffnet" gives the h1's
    words: the page itself tells which segments are the headline, whatever the site is called.
    """
    if not title:
        return title
    parts = _SEGMENTS.split(title)
    texts = parts[::2]
    if len(texts) < 2:
        return title
    wanted = {key(o) for o in others if o and len(key(o)) >= MIN_AGREED_KEY}
    if not wanted:
        return title
    n = len(texts)
    for size in range(n - 1, 0, -1):
        for start in range(n - size + 1):
            dropped = texts[:start] + texts[start + size:]
            if any(len(d.split()) > MAX_AFFIX_WORDS for d in dropped):
                continue
            run = "".join(parts[2 * start: 2 * (start + size) - 1])
            if key(run) in wanted:
                return norm(run)
    return title


def strip_site_affixes(title: str | None, site_name: str | None, url: str,
                       sections: Container[str] = frozenset()) -> str | None:
    """Remove " | Site", " - Site.de", " – Section" (a name in ``sections``, keys of the page's
    section names) and date suffixes, and a "Site - "/"Section | " prefix."""
    title = strip_site_suffix(title, site_name, url, sections)
    if not title:
        return title
    parts = _SUFFIX_SPLIT.split(title, maxsplit=1)
    if len(parts) == 2 and key(parts[1]) and (
            _names_site(parts[0], site_name, url) or key(parts[0]) in sections):
        return norm(parts[1])
    return title


def _names_site(segment: str, site_name: str | None, url: str) -> bool:
    """Whether ``segment`` is the site's name: og:site_name (or it plus one word, "Stadtbote
    Online", "Stadtbote mobil"), or spelled by the host name. A prefix needs more than a host
    word: "Hamburg | Senat beschließt …" on a Hamburg paper."""
    seg = key(segment)
    if not seg:
        return False
    site = key(site_name)
    host = key((urlsplit(url).hostname or "").removeprefix("www."))
    return seg == site or (len(seg) >= 4 and host.startswith(seg)) or (
        len(site) >= MIN_SITE_KEY and seg.startswith(site)
        and len(segment.split()) <= len((site_name or "").split()) + 1)


# A site name is matched as the start of a longer segment from this many letters on.
MIN_SITE_KEY = 4


def strip_site_suffix(title: str | None, site_name: str | None, url: str,
                      sections: Container[str] = frozenset()) -> str | None:
    """Remove " | Site", " - Site.de", section (keys in ``sections``) and date suffixes that SEO
    titles carry."""
    if not title:
        return None
    host = urlsplit(url).hostname or ""
    host_words = {w for w in re.split(r"[.\-]", host.lower()) if len(w) > 2} - {"www", "com"}
    site_key = key(site_name)
    parts = _SUFFIX_SPLIT.split(title)
    cut = _slogan_cut(parts, site_name, host, host_words)
    if cut:
        parts = parts[:cut]
    while len(parts) > 1:
        last = parts[-1].strip()
        last_key = key(last)
        site_like = bool(last_key) and (
            last_key == site_key or bool(site_key and last_key in site_key)
            or _DATE_LIKE.match(last) is not None
            or (len(last.split()) <= 2 and last.isupper()) or last_key in sections
            or (len(last.split()) <= MAX_SITE_WORDS and (
                any(w in last_key for w in host_words) or bool(site_key and site_key in last_key)))
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


# A site name ("Stadtbote", "Stadtbote.de", "Neustädter Anzeiger Online") has a few words; a
# longer segment naming the site is a headline about it ("Was Stadtbote-Leser denken").
MAX_SITE_WORDS = 4


def _slogan_cut(parts: list[str], site_name: str | None, host: str,
                host_words: set[str]) -> int:
    """Index of a middle segment that is the site's name with only short segments after it
    ("Title | Stadtbote - Die Zeitung für Neustadt": a slogan follows the name), else 0."""
    names = host_words | {key(host.removeprefix("www."))}
    for i in range(1, len(parts) - 1):
        seg = parts[i].strip()
        if len(seg.split()) > MAX_SITE_WORDS or not (
                key(seg) in names or _names_site(seg, site_name, "")):
            continue
        if all(len(p.split()) <= MAX_AFFIX_WORDS for p in parts[i + 1:]):
            return i
    return 0


def is_site_title(title: str | None, site_name: str | None, url: str,
                  printed: str | None) -> bool:
    """Whether ``title`` is the site's own title (the same og:title on every page): the site's
    name, or "Site – Slogan" sharing no word with the printed headline. A story's SEO title
    puts the site last ("Title - Digg"), a home page title puts it first."""
    if not title or not printed:
        return False
    parts = _SUFFIX_SPLIT.split(title, maxsplit=1)
    if key(title) == key(site_name):
        rest = title
    elif len(parts) == 2 and _names_site(parts[0], site_name, url):
        rest = parts[1]
    else:
        return False
    words = set(re.findall(r"\w{4,}", printed.lower()))
    return not words & set(re.findall(r"\w{4,}", rest.lower()))


def complete(title: str | None, others: list[str | None], *, capped: bool = True
             ) -> str | None:
    """The full headline when ``title`` is cut short (JSON-LD headlines are capped at 110
    characters, often with "…"; ``capped=False`` for a source only an ellipsis marks as cut)
    and another source starts with it."""
    if not title:
        return title
    cut = _ELLIPSIS.sub("", title)
    if cut == title and (not capped or len(title) < MIN_CAPPED_CHARS):
        return title  # a shorter headline on purpose ("… Klare Ansage" over "… von Profis")
    stem = key(cut)
    if len(stem) < MIN_AGREED_KEY:
        return title
    longer = [o for o in others if o and len(key(o)) > len(stem) and key(o).startswith(stem)]
    return min(longer, key=len) if longer else title
