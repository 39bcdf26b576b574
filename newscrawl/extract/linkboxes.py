"""Links to other stories set into the body: a headline link standing as its own sentence
inside a paragraph, a trailing "weiterlesen" after a teaser, a list of article teasers.

Structure decides (position between sentences, link share, the link's target), not wording:
the label before such a link ("Lesen Sie auch:", "Auch interessant:") differs per site.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit

from lxml import etree

from newscrawl.article import Block
from newscrawl.extract.tree import all_text, link_text_len, tag_of, text_of

# Inline wrappers a related link comes in ("<strong><a>…</a></strong>", "<span><a>…</a></span>").
_INLINE_BOX_TAGS = frozenset({"a", "span", "strong", "b", "em", "i", "small", "mark"})
# A related link names a story: a headline of at least this many words.
MIN_HEADLINE_WORDS = 3
# Its text is (nearly) all link.
MIN_BOX_LINK_SHARE = 0.8
# A label before it ("Lesen Sie auch:") is short and ends with a colon.
MAX_LABEL_WORDS = 5
# A "weiterlesen"/"mehr" link after a teaser: one to three words.
MAX_MORE_WORDS = 3
_SENTENCE_END = re.compile(r"(?:[.!?…:“”\"»«)]|\.\.\.)\s*$")
# A finished sentence (not "… gibt's hier: <a>Leben</a>", where the link is the object).
_FINISHED = re.compile(r"(?:[.!?…]|\.\.\.)[“”\"«»)]?\s*$")
_SENTENCE_START = re.compile(r"^\s*[A-ZÄÖÜ„\"»(\d]")


def inline_link_boxes(p: etree._Element) -> set[etree._Element]:
    """Elements inside paragraph ``p`` that link to another story as a sentence of their own.

    A link mid-sentence ("die <a>SPD</a> fordert") is part of the text; a headline link after a
    full stop and before a capital ("… zugestimmt. <a>Energiepreise: Was auf Haushalte
    zukommt</a> Der Aufsichtsrat …") is a related-article box without its box.
    """
    boxes: set[etree._Element] = set()
    for child in p:
        # The tail first: it is one string, where the link box test reads the child's text
        # and links (most links stand mid-sentence, followed by lower case or punctuation).
        tail = child.tail or ""
        if not tail.strip() or not _SENTENCE_START.match(tail):
            continue  # a link closing the paragraph may be its last sentence ("… im Überblick")
        if tag_of(child) not in _INLINE_BOX_TAGS or not _is_story_link_box(child):
            continue
        before = _text_before(p, child)
        if before.strip() and not _SENTENCE_END.search(before):
            continue
        if text_of(child).endswith("."):
            continue  # a linked sentence of the story, not a headline
        boxes.add(child)
        label = child.getprevious()
        if (label is not None and not (label.tail or "").strip()
                and tag_of(label) in _INLINE_BOX_TAGS and _is_label(text_of(label))):
            boxes.add(label)
    return boxes


# Headline links in one inline element: a hover card or a "related" strip inside a sentence.
# Two or more, each a headline of five words or more (a sentence may link two short names or
# phrases side by side: "reporter of the <a>provinces desk</a> <a>of the news club</a>").
MIN_CLUSTER_LINKS = 2
MIN_CLUSTER_HEADLINE_WORDS = 5


def link_clusters(p: etree._Element, links: list[etree._Element] | None = None
                  ) -> set[etree._Element]:
    """Inline elements inside paragraph ``p`` that hold two or more headline links and little
    else: a person's hover card with their latest stories ("Ilhan Omar" and, hidden in the
    same ``<span>``, "Hillicon Valley: Progressives oppose …"), a strip of related links set
    into the text. A sentence links a name or a phrase now and then, never two headlines
    side by side in an element of their own. ``links``: the paragraph's headline links
    (``is_headline_link``), when the caller has walked it already."""
    if links is None:
        links = [a for a in p.iterdescendants("a") if is_headline_link(a)]
    if len(links) < MIN_CLUSTER_LINKS:
        return set()
    found: set[etree._Element] = set()
    seen: set[etree._Element] = set()
    for link in links:
        for el in link.iterancestors():
            if el is p:
                break
            if el in seen:
                continue
            seen.add(el)
            if el.tag == "a":
                continue
            text = all_text(el)
            headlines = sum(map(is_headline_link, el.iterdescendants("a")))
            if headlines >= MIN_CLUSTER_LINKS and \
                    link_text_len(el) >= MIN_BOX_LINK_SHARE * len(text.strip()):
                found.add(el)
    # The innermost of nested clusters is the box: an outer one may hold the sentence's own
    # name link ("Rep. <span><a>Ilhan Omar</a><span>card…</span></span>").
    return {el for el in found if not any(d in found for d in el.iterdescendants())}


def is_headline_link(a: etree._Element) -> bool:
    """Whether link ``a`` names a story (MIN_CLUSTER_HEADLINE_WORDS words or more). A link
    without children (most) has its text in .text: no serialiser call."""
    text = all_text(a) if len(a) else a.text
    return bool(text) and len(text.split()) >= MIN_CLUSTER_HEADLINE_WORDS


def trailing_more_link(p: etree._Element) -> etree._Element | None:
    """A last link of one to three words after a finished sentence ("… im Herbst.
    <a>weiterlesen</a>"): a teaser's pointer to the full text, not part of it."""
    if not len(p):
        return None
    last = p[-1]
    if tag_of(last) != "a" or (last.tail or "").strip() or not _href(last):
        return None
    words = text_of(last).split()
    if not words or len(words) > MAX_MORE_WORDS:
        return None
    before = _text_before(p, last)
    return last if _FINISHED.search(before) else None


# A pointer paragraph's label ("Dazu der Kommentar unserer Redakteurin:") is one short phrase.
MAX_POINTER_LABEL_WORDS = 8
_ELLIPSIS_END = re.compile(r"(?:…|\.\.\.)\s*$")
_SENTENCE_INSIDE = re.compile(r"[.!?…]\s")


def is_pointer_paragraph(p: etree._Element) -> bool:
    """A paragraph that only points to another story: a short label ending in a colon before a
    headline link that closes it ("Dazu der Kommentar: <a>Ein Plan mit Lücken</a>"), a teaser
    cut off with an ellipsis before its "weiterlesen" link, or a headline link on a line of its
    own over a teaser line ("<a>Kirmes bricht Rekord</a><br>Mehr als 80.000 …"). A sentence
    before the colon makes the link part of the story ("… kämen. Mehr sagte ihr Sprecher:
    <a>Jan Albers</a>")."""
    if not len(p):
        return False
    if _headline_over_teaser(p):
        return True
    if (p[-1].tail or "").strip():
        return False
    last = p[-1]
    if tag_of(last) in _INLINE_BOX_TAGS and _is_story_link_box(last):
        label = _text_before(p, last).strip()
        if (label.endswith(":") and len(label.split()) <= MAX_POINTER_LABEL_WORDS
                and not _SENTENCE_INSIDE.search(label)):
            return True
    more = trailing_more_link(p)
    return more is not None and _ELLIPSIS_END.search(_text_before(p, more)) is not None


def is_story_heading(heading: etree._Element) -> bool:
    """A heading that is a headline link to another story (a teaser's title, not a
    sub-heading of this one)."""
    return _is_story_link_box(heading)


def in_teaser_row(p: etree._Element) -> bool:
    """A paragraph ending in a "weiterlesen" link to a story beside a sibling paragraph that
    ends in one to a different story: a list of teasers (one lead with such a link is the
    story's own)."""
    href = _more_target(p)
    if href is None:
        return False
    for sibling in (p.getprevious(), p.getnext()):
        if sibling is not None and tag_of(sibling) == "p":
            other = _more_target(sibling)
            if other is not None and other != href:
                return True
    return False


def _more_target(p: etree._Element) -> str | None:
    more = trailing_more_link(p)
    href = _href(more) if more is not None else ""
    return href if href and _looks_like_story(href) else None


def _headline_over_teaser(p: etree._Element) -> bool:
    """The paragraph opens with a story headline link on a line of its own (a <br> after it)."""
    first = p[0]
    if (p.text or "").strip() or (first.tail or "").strip():
        return False
    after = first.getnext()
    return (after is not None and tag_of(after) == "br" and tag_of(first) in _INLINE_BOX_TAGS
            and _is_story_link_box(first))


# Files a link may point to that are not pages (an image link in a story's own figure).
_FILE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".pdf", ".mp4", ".mp3")


def story_image_link(el: etree._Element) -> str | None:
    """The target of a linked image inside ``el`` that leads to another story page, or None.

    The links holding an image are found from the images up (a region has ~5 images and ~20
    links; asking each link for an image set up a tag matcher per link): image by image, the
    links around it outermost first, which is the links' page order."""
    seen: set[etree._Element] = set()
    for image in el.iter("img", "picture"):
        around = []
        node = image
        while node is not None:
            if node.tag == "a":
                around.append(node)
            if node is el:
                break
            node = node.getparent()
        for link in reversed(around):
            if link in seen:
                continue
            seen.add(link)
            href = _href(link)
            if (href and _looks_like_story(href)
                    and not urlsplit(href).path.lower().endswith(_FILE_SUFFIXES)):
                return href
    return None


# Before an item's headline link: at most a time or a kicker ("vor 2 Std.", "12:30 Altdorf").
MAX_ITEM_PREFIX_CHARS = 25


def is_article_list(lst: etree._Element) -> bool:
    """A list whose every item opens with a headline link to another story of one site ("Mehr
    aus dieser Kategorie": headline plus a teaser line; not link-dense, so density misses it),
    perhaps after a time or kicker."""
    items = [li for li in lst.iterchildren("li") if text_of(li)]
    if len(items) < 2:
        return False
    hosts = set()
    for li in items:
        link = next(li.iter("a"), None)
        if link is None or len(text_of(link).split()) < MIN_HEADLINE_WORDS:
            return False
        href = _href(link)
        if not href or not _looks_like_story(href) or not 0 <= text_of(li).find(
                text_of(link)[:20]) <= MAX_ITEM_PREFIX_CHARS:
            return False
        hosts.add(urlsplit(href).hostname or "")
    return len(hosts) == 1


def _is_story_link_box(el: etree._Element) -> bool:
    text = text_of(el)
    if len(text.split()) < MIN_HEADLINE_WORDS:
        return False
    if link_text_len(el) < MIN_BOX_LINK_SHARE * len(text):
        return False
    link = el if tag_of(el) == "a" else next(el.iter("a"), None)
    return link is not None and _looks_like_story(_href(link))


def _is_label(text: str) -> bool:
    return bool(text) and text.rstrip().endswith(":") and len(text.split()) <= MAX_LABEL_WORDS


def _href(link: etree._Element) -> str:
    href = (link.get("href") or "").strip()
    return "" if href.startswith(("#", "mailto:", "javascript:", "tel:")) else href


@lru_cache(maxsize=4096)
def _looks_like_story(href: str) -> bool:
    """A path to an article: a slug with several words or a numeric id, not a home or tag page.
    (Cached: a page's links are asked about several times, a site's menu links on every page.)"""
    if not href:
        return False
    path = urlsplit(href).path.rstrip("/")
    last = path.rsplit("/", 1)[-1]
    return last.count("-") >= 2 or any(c.isdigit() for c in last)


def _text_before(p: etree._Element, child: etree._Element) -> str:
    """The paragraph's text before ``child`` (its own text and earlier siblings with tails)."""
    parts = [p.text or ""]
    for sibling in p:
        if sibling is child:
            break
        parts.append(text_of(sibling))
        parts.append(sibling.tail or "")
    return "".join(parts)


# A box's title: one or two lines ("Trending Stories", "Mehr aus Berlin") of a few words.
MAX_BOX_TITLE_LINES = 2
MAX_BOX_TITLE_WORDS = 6
# The box's links (left out of the body) hold this much text, and this many times the title's:
# one headline link is enough ("Mira también" over one related story).
MIN_BOX_LINK_CHARS = 40
BOX_LINK_FACTOR = 2
MIN_BOX_LINKS = 1


def box_title_lines(el: etree._Element, read: list[Block], marked: dict[int, Block]
                    ) -> dict[int, Block]:
    """The blocks of ``read`` (all the blocks read from ``el``), by id, when they title a box
    of links whose links were left out (a link list, a row of teaser cards): one or two short
    labels, not sentences, over links to other pages with far more text than the labels.
    Empty otherwise. Blocks already ``marked`` (the title of a box inside ``el``) do not count.

    Only the labels are read, so wording does not matter: "Trending Stories", "Mira también",
    "Beliebte Storys", "Новости по теме" are one case."""
    lines = [b.text for b in read if id(b) not in marked]
    if not lines or any(len(line.split()) > MAX_BOX_TITLE_WORDS or _FINISHED.search(line)
                        for line in lines):
        return {}
    label = sum(map(len, lines))
    need = max(MIN_BOX_LINK_CHARS, BOX_LINK_FACTOR * label)
    links = count = 0
    for a in el.iter("a"):
        size = len(all_text(a).strip())  # C-level; the link's own words, roughly
        if not size or not _href(a) or (size <= label and text_of(a) in lines):
            continue  # no text, no target, or the title itself is the link
        links += size
        count += 1
        if links >= need and count >= MIN_BOX_LINKS:
            return {id(b): b for b in read if id(b) not in marked}
    return {}


# A line of the story ends like a statement (a heading, a label or a button does not).
_STATEMENT_END = re.compile(r"[.!…][“”\"«»)]?$")


def without_box_titles(blocks: list[Block], titles: dict[int, Block]) -> list[Block]:
    """``blocks`` without the box titles (ids in ``titles``) the page around them shows to be
    chrome: a box between lines of the story, or the boxes after the story's last line.

    A title followed by lines that are no statements (a promo, a button row) stays: it may
    head the related-articles tail the chrome filter cuts by its wording. A body of nothing but
    box titles stays as it is (a video page: whether it is an article is not judged here)."""
    kept: list[Block] = []
    story_follows = False
    trailing = True
    for block in reversed(blocks):
        if id(block) in titles:
            if trailing or story_follows:
                continue
        else:
            trailing = False
            if _STATEMENT_END.search(block.text):
                story_follows = True
        kept.append(block)
    kept.reverse()
    return kept if kept else blocks
