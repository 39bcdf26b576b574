"""Date candidates of a page in order of trust, from every source it offers.

JSON-LD (the story's own article object, then its WebPage), ``<meta>`` tags, machine-readable
``<time>``/``itemprop`` dates nearest the headline, printed date lines (labelled ones near the
headline, date-classed elements, bare dates after the headline, the title), the URL, and last
the scripts' (state, inline calls). Only raw strings are collected here; ``newscrawl.dates``
parses, checks and chooses among them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import datetime

from lxml import etree

from newscrawl.article import DateCandidate
from newscrawl.dates.parse import is_full_date
from newscrawl.dates.resolve import settled
from newscrawl.dates.vocabulary import MONTHS
from newscrawl.extract.datespots import date_spots
from newscrawl.extract.jsonld_dates import own_jsonld_dates
from newscrawl.extract.scriptdates import script_dates
from newscrawl.extract.siteaffix import strip_site_affixes
from newscrawl.extract.structured import Structured
from newscrawl.extract.tree import norm, raw_text, text_of

PUBLISHED_META = (
    "article:published_time", "og:article:published_time", "og:published_time",
    "article:published:time", "date", "dc.date", "dc.date.issued",
    "dc.date.created", "dc.date.publication", "dcterms.created", "dcterms.issued",
    "dcterms.date", "dc.created", "pubdate", "publishdate", "publish-date", "publish_date",
    "publication_date", "parsely-pub-date", "sailthru.date", "article.published",
    "article.created", "date_published", "published_time", "published-date", "og:pubdate",
    "cxenseparse:recs:publishtime", "citation_publication_date", "citation_date",
    "originalpublicationdate", "rnews:datepublished", "displaydate", "bt:pubdate",
    "article_date_original", "shareaholic:article_published_time", "dc.date.issued",
)
MODIFIED_META = (
    "article:modified_time", "og:article:modified_time", "og:updated_time", "dcterms.modified",
    "last-modified", "date_modified", "article.updated", "modified_time",
    "article:modified:time", "dc.date.modified", "lastmod",
)
# Meta names outside the lists that still name a publication date ("article_publish_date").
_PUBLISHED_NAME = re.compile(r"publish(?!er)|pub_?date|issued|created")
_MODIFIED_HINT = re.compile(r"modif|update|aktualis|geändert|änderung|stand\b", re.IGNORECASE)


def _trie(words: Iterable[str]) -> str:
    """``words`` as one regex that reads a shared prefix once, the longest word tried first
    (what an alternation sorted by length does, which tries every word at every position)."""
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for char in word.lower():
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        alts = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        if "" in node:
            alts.append("")
        return alts[0] if len(alts) == 1 else f"(?:{'|'.join(alts)})"

    return emit(root)


# The month names, behind a test of their first letters (the date regex 5x faster).
_MONTH_START = "".join(sorted({re.escape(m[0]) for m in MONTHS}))
_MONTH = f"(?=[{_MONTH_START}]){_trie(MONTHS)}"
# Date shapes in running text (any European/ISO/US numeric order, German/English months).
_DATE_SHAPE = (
    r"(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}"
    r"|\d{1,2}[./-]\s?\d{1,2}[./-]\s?(?:\d{4}|\d{2})(?![\d:])"
    r"|\d{1,2}\.\s?\d{1,2}\.(?!\d)"
    r"|\d{4}\s*[年년]\s*\d{1,2}\s*[月월]\s*\d{1,2}\s*[日일]"
    rf"|\d{{1,2}}(?:\.|st|nd|rd|th)?\s*(?:(?:of|de)\s+)?(?:{_MONTH})\b\.?"
    rf"(?:\s*/\s*(?:{_MONTH})\b)?"
    r"(?:,?\s*(?:de\s+)?\d{4})?"
    rf"|(?:{_MONTH})\b\.?\s*\d{{1,2}}(?:st|nd|rd|th)?(?![\d.:])(?:,?\s*\d{{4}})?)"
)
_CLOCK = (r"(?:,?\s*(?:\||-|–|um|at|a las|à)?\s*\d{1,2}[:.h]\d{2}"
          r"(?:\s?(?:uhr|h|am|pm|a\.m\.|p\.m\.|mez|mesz|cet|cest|utc|gmt|مساءً?|صباحاً?))?)?")
# A label is one signal: the word before a date line that says which date it is.
_LABELS = ("erstellt", "veröffentlicht", "publiziert", "aktualisiert", "zuletzt aktualisiert",
           "zuletzt geändert", "geändert", "letzte änderung", "updated", "update", "stand",
           "datum", "published", "posted", "last modified", "modified")
_LABEL = f"(?P<label>{'|'.join(map(re.escape, _LABELS))})"
_LABEL_START = "".join(sorted({w[0] for w in _LABELS}))
# A match starts with a label or a date, so only at a digit or such a letter (skips the
# other positions in C).
_START = rf"(?=[\d{_LABEL_START}{_MONTH_START}])"
_REST = (rf"(?:(?=[{_LABEL_START}]){_LABEL}(?:\s+am|\s+vom|\s+on)?\s*:?\s*)?"
         rf"(?P<value>{_DATE_SHAPE}{_CLOCK})")
_VISIBLE = re.compile(_START + _REST, re.IGNORECASE)
# Every match holds a digit. In text without runs of whitespace (each \s matches one
# character) its first digit is at most this far from its start: a label, " vom", " : ", a
# month name, ". " - so positions further from the next digit need not be tried, which
# ``_VISIBLE_NEAR_DIGIT`` tests in C before the rest (a quarter less time on the headline
# regions of realpages and benchpages, same matches).
_TO_DIGIT = (max(map(len, _LABELS)) + len(" vom") + len(" : ") + max(map(len, MONTHS))
             + len(". "))
_VISIBLE_NEAR_DIGIT = re.compile(rf"{_START}(?=\D{{0,{_TO_DIGIT}}}+\d){_REST}", re.IGNORECASE)
_WHITESPACE_RUN = re.compile(r"\s\s")
# ``_VISIBLE`` with its label required: where this finds nothing, ``_VISIBLE`` finds no labelled
# date (3x faster than ``visible_dates`` on the headline regions, where few have one).
_LABELLED = re.compile(rf"(?=[{_LABEL_START}])(?P<label>{_trie(_LABELS)})"
                       rf"(?:\s+am|\s+vom|\s+on)?\s*:?\s*(?P<value>{_DATE_SHAPE}{_CLOCK})",
                       re.IGNORECASE)


_DIGIT = re.compile(r"\d")


def visible_dates(text: str, pos: int = 0) -> Iterator[re.Match[str]]:
    """``_VISIBLE.finditer(text, pos)``: printed dates, each with its label if it has one."""
    if _WHITESPACE_RUN.search(text):
        return _VISIBLE.finditer(text, pos)
    return _near_digits(text, pos)


def _near_digits(text: str, pos: int) -> Iterator[re.Match[str]]:
    """``_VISIBLE_NEAR_DIGIT.finditer(text, pos)``, each search started no further than
    ``_TO_DIGIT`` before the next digit: no match starts earlier, so the positions of a
    stretch without digits are not tried one by one, each scanning ahead for a digit (-30 %
    on the headline regions of realpages, benchpages and datepages, same matches)."""
    search, next_digit = _VISIBLE_NEAR_DIGIT.search, _DIGIT.search
    while (digit := next_digit(text, pos)) is not None:
        match = search(text, max(pos, digit.start() - _TO_DIGIT))
        if match is None:
            return
        yield match
        pos = match.end()
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(?:[/-]|$)")
_URL_DATE_COMPACT = re.compile(r"[/_-]((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])[/_.-]")
_NON_WORD = re.compile(r"\W+")
# A heading names the page's title when it is at least this share of it (og:title and <title>
# add the site name).
TITLE_SHARE = 0.6
# How many characters of text around the headline to search for a printed date.
TEXT_WINDOW = 600
HEADER_CHARS = 400
# Characters before the headline kept in the window (a dateline above a headline).
LEAD_CHARS = 150


def date_candidates(data: Structured, root: etree._Element, headline: etree._Element | None,
                    url: str, title_text: str = "", *, fetched_at: datetime | None = None
                    ) -> list[DateCandidate]:
    """All date candidates of a page, most trusted first.

    ``root`` is the page (its ``<body>``), ``headline`` the printed headline element the
    story's dates are looked for around, ``title_text`` the page's og:title. With
    ``fetched_at``, the visible dates are not read when the machine-readable ones (and the
    URL's) decide the page's dates on their own (``dates.resolve.settled``): the walk over the
    page is most of date finding's time, and on most news pages JSON-LD and meta settle it.
    """
    out: list[DateCandidate] = []
    seen: set[tuple[str, str, str]] = set()

    def add(field: str, source: str, raw: str | None) -> None:
        raw = norm(raw)
        if raw and (field, source, raw) not in seen:
            seen.add((field, source, raw))
            out.append(DateCandidate(field, source, raw))  # type: ignore[arg-type]

    page = root.getroottree().getroot()
    headline = story_headline(root, headline, (data.headline, title_text, _title_tag(page)))
    headline_text = text_of(headline) if headline is not None else data.headline
    jsonld = own_jsonld_dates(page, headline_text or title_text, url, data.json_ld)
    for _kind, raw in jsonld.published:
        add("published", "jsonld", raw)
    for _kind, raw in jsonld.modified:
        add("modified", "jsonld", raw)
    _meta_candidates(data, add)
    _head_schema_dates(page, add)
    if fetched_at is not None and out:
        machine = len(out)
        _url_candidate(url, add)
        if settled(out, fetched_at=fetched_at):
            return out
        # The URL's date comes after the visible ones.
        for candidate in out[machine:]:
            seen.discard((candidate.field, candidate.source, candidate.raw))
        del out[machine:]
    spots = date_spots(root, headline)
    for spot in spots:
        if spot.kind == "time":
            add(spot.field or _field_of(spot.hint), "time", spot.raw)
    # Printed dates: labelled ones around the headline, then date-classed elements nearest
    # the headline, then a date in the page title ("… | DW | 28.04.2023"), then labelled ones
    # further down the story ("Veröffentlicht am …" under its last paragraph), then bare dates
    # after the headline last, as they may belong to a picture caption.
    header = header_text(headline)
    window = header[:TEXT_WINDOW]
    matches = list(visible_dates(window))
    for match in matches:
        if match.group("label"):
            add(_field_of(match.group("label")), "text", match.group(0))
    for spot in spots:
        if spot.kind == "text":
            for match in visible_dates(spot.raw):
                label = match.group("label") or ""
                add(spot.field or _field_of(f"{label} {spot.hint}"), "text",
                    match.group(0) if label else match.group("value"))
    for match in visible_dates(title_text):
        add("published", "text", match.group("value"))
    if _has_label(header, len(window)) and _LABELLED.search(header, len(window)):
        # rarely: the whole pass only then
        for match in visible_dates(header, len(window)):
            if match.group("label"):
                add(_field_of(match.group("label")), "text", match.group(0))
    for match in matches:
        if not match.group("label"):
            add("published", "text", match.group("value"))
    _url_candidate(url, add)
    if all(c.source == "url" for c in out):
        # Institutions print one "Stand: 14.03.2022" for the whole page, at its foot.
        for field, raw in footer_dates(root):
            add(field, "footer", raw)
    if not any(c.field == "published" for c in out):
        # Trusted least, so read only when the page offers nothing else (scripts are large).
        for raw in script_dates(root, headline):
            add("published", "script", raw)
    return out


# A story's machine-readable stamps: published and maybe a second print of it or an update; a
# list of stories has one per story (the section fixture has four).
MAX_OWN_STAMPS = 2


def dated_story(data: Structured, root: etree._Element, headline: etree._Element | None,
                url: str, titles: tuple[str | None, ...],
                candidates: list[DateCandidate]) -> bool:
    """Whether a page with little or no text is still one dated story (a video, a broadcast, a
    photo, a short post): its headline names the page's title, and the page dates it in its
    own JSON-LD article object or in a machine-readable stamp outside other stories' regions,
    of which it has at most ``MAX_OWN_STAMPS`` (a list of stories carries one per story).

    ``candidates`` are ``date_candidates`` of the same page; ``titles`` what the metadata and
    ``<title>`` call the page (compared also without the site's name: "Loft – BizWest")."""
    site = data.first_meta("og:site_name")
    bare = tuple(strip_site_affixes(t, site, url) for t in titles)
    keys = [k for k in (_key(t) for t in (*titles, *bare)) if k]
    story = story_headline(root, headline, titles)
    if story is None or not keys or not _names_title(story, keys):
        return False
    stamps = {c.raw for c in candidates if c.source == "time" and c.field == "published"}
    if len(stamps) > MAX_OWN_STAMPS:
        return False
    page = root.getroottree().getroot()
    own = [raw for kind, raw in own_jsonld_dates(page, text_of(story), url, data.json_ld).published
           if kind == "article"]
    return any(is_full_date(raw) for raw in (*own, *stamps))


# Footers of the page: the <footer> and what a class/id calls one.
_FOOTERS = etree.XPath(".//footer | .//*[contains(@class, 'footer') or contains(@id, 'footer')]")
# A footer's link lists can be long; its date line is in the first few thousand characters.
FOOTER_CHARS = 3000


def footer_dates(root: etree._Element) -> list[tuple[str, str]]:
    """Labelled dates ("Stand: 14.03.2022", "Letzte Änderung …") in the page's footers as
    (field, raw): the page's date when it prints none elsewhere (a bare date there may be
    anything, so labels only)."""
    regions = _FOOTERS(root)
    outer = set(regions)
    found: list[tuple[str, str]] = []
    for region in regions:
        if any(node in outer for node in region.iterancestors()):
            continue  # read with its enclosing footer
        # Text nodes joined by a space: a footer's lines are blocks, often without whitespace.
        text = norm(" ".join(_PRINTED_TEXT(region))[: FOOTER_CHARS * 4])[:FOOTER_CHARS]
        for match in visible_dates(text):
            if match.group("label"):
                found.append((_field_of(match.group("label")), match.group(0)))
    return found


def story_headline(root: etree._Element, headline: etree._Element | None,
                   titles: tuple[str | None, ...]) -> etree._Element | None:
    """The heading the page's titles name: ``headline`` when it does, else the first h1/h2
    that does (a site logo in the first h1 is no headline), else ``headline``."""
    keys = [k for k in (_key(t) for t in titles) if k]
    if not keys or (headline is not None and _names_title(headline, keys)):
        return headline
    for el in root.iter("h1", "h2"):
        if _names_title(el, keys):
            return el
    return headline


def _names_title(el: etree._Element, keys: list[str]) -> bool:
    """Whether most of a title (site suffix aside) is this heading's text."""
    text = _key(text_of(el))
    return bool(text) and any(
        (text in k or k in text) and min(len(text), len(k)) >= TITLE_SHARE * max(len(text), len(k))
        for k in keys)


def _key(text: str | None) -> str:
    return _NON_WORD.sub("", (text or "").lower())


def _title_tag(page: etree._Element) -> str:
    title = page.find("head/title")
    return text_of(title) if title is not None else ""


def _meta_candidates(data: Structured, add) -> None:
    for key in PUBLISHED_META:
        for raw in data.meta.get(key, ()):
            add("published", "meta", raw)
    for key in MODIFIED_META:
        for raw in data.meta.get(key, ()):
            add("modified", "meta", raw)
    known = {*PUBLISHED_META, *MODIFIED_META, "datepublished", "datemodified"}
    for key, values in data.meta.items():
        if key not in known and _PUBLISHED_NAME.search(key) and not _MODIFIED_HINT.search(key):
            for raw in values:
                add("published", "meta", raw)


def _head_schema_dates(page: etree._Element, add) -> None:
    """``datePublished``/``dateModified`` metas in ``<head>``; those in the body are
    ``date_spots``' (a photo's own ``itemprop`` date is not the story's)."""
    head = page.find("head")
    if head is None:
        return
    for meta in head.iter("meta"):
        key = (meta.get("itemprop") or meta.get("name") or meta.get("property") or "").lower()
        if key in {"datepublished", "datemodified"}:
            add("modified" if key == "datemodified" else "published", "meta", meta.get("content"))


def _url_candidate(url: str, add) -> None:
    match = _URL_DATE.search(url) or _URL_DATE_COMPACT.search(url)
    if match:
        add("published", "url", "-".join(match.groups()))


def _field_of(hint: str) -> str:
    return "modified" if _MODIFIED_HINT.search(hint) else "published"


def _has_label(text: str, start: int) -> bool:
    """Whether a date label's letters stand in ``text`` from ``start`` on: substring tests in C,
    before ``_LABELLED`` tries its trie at every position that starts like a label."""
    rest = text[start:].lower()
    return any(label in rest for label in _LABELS_LOWER)


# The labels as lower() writes them (IGNORECASE matches what lower() maps to them).
_LABELS_LOWER = tuple(dict.fromkeys(label.lower() for label in _LABELS))


def header_text(h1: etree._Element | None) -> str:
    """Text from just before the headline on, where pages print "Erstellt: 17.08.2021, 22:16
    Uhr": the headline's parent, widened up to two levels while it holds little text."""
    if h1 is None or h1.getparent() is None:
        return ""
    node = h1.getparent()
    text = _printed_text(node, HEADER_CHARS * 8)
    for _ in range(2):
        parent = node.getparent()
        if parent is None or len(text) >= HEADER_CHARS:
            break
        node = parent
        text = _printed_text(node, HEADER_CHARS * 8)
    text = norm(text[: HEADER_CHARS * 8])
    start = text.find(norm(raw_text(h1))[:40])
    return text[max(start - LEAD_CHARS, 0):] if start > 0 else text


# Text nodes a reader sees: a script's or style's text is code, whatever dates it holds (those
# are ``script_dates``', trusted least).
_PRINTED_TEXT = etree.XPath(".//text()[not(parent::script or parent::style)]")


_CODE_TAGS = frozenset({"script", "style"})


def _printed_text(node: etree._Element, limit: int) -> str:
    """The first ``limit`` or more characters of ``_PRINTED_TEXT(node)``, joined: the walk
    stops there (a headline's region can be the whole page; 3x faster than the XPath on the
    headline regions of realpages, benchpages and datepages, same text)."""
    parts: list[str] = []
    size = 0
    for event, el in etree.iterwalk(node, events=("start", "end")):
        if event == "start":
            text = el.text if isinstance(el.tag, str) and el.tag not in _CODE_TAGS else None
        else:
            text = el.tail if el is not node else None
        if text:
            parts.append(text)
            size += len(text)
            if size >= limit:
                break
    return "".join(parts)
