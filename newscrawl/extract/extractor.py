"""``extract_article``: one parsed page to an ``ExtractedArticle``.

Order of evidence: structured data (JSON-LD, Open Graph, meta) first, then the CMS family's
selectors, then the generic container finder. A family profile that finds no body degrades to
the generic extractor instead of returning nothing.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from datetime import datetime
from urllib.parse import urlsplit

from lxml import etree

from newscrawl.article import Block, ExtractedArticle, Image
from newscrawl.dates.timezone import fetch_time
from newscrawl.extract.articlebody import reconcile
from newscrawl.extract.authors import (
    clean_authors,
    find_bylines,
    is_site_name,
    looks_like_person,
    signed_by,
)
from newscrawl.extract.body import (
    BlockReader,
    PageIndex,
    default_skip,
    find_container,
    mark_ticker_entries,
    story_lists,
)
from newscrawl.extract.client_rendering import RENDER_BELOW_CHARS, needs_rendering
from newscrawl.extract.css import css_path, select, select_all
from newscrawl.extract.datecands import date_candidates, dated_story
from newscrawl.extract.family_version import choose_version
from newscrawl.extract.framestate import state_blocks
from newscrawl.extract.headline import Headline, find_headline, page_title, title_hints
from newscrawl.extract.hints import is_closable_layer, positive_score, tokens
from newscrawl.extract.images import credit_elements, read_figure
from newscrawl.extract.paywall_page import scrambled_blocks
from newscrawl.extract.sectionnames import SectionNames
from newscrawl.extract.siteaffix import key as text_key
from newscrawl.extract.structured import Structured, read_structured
from newscrawl.extract.teaser import find_teaser
from newscrawl.extract.tree import (
    iter_below,
    norm,
    parse_html,
    tag_of,
    text_of,
    text_without,
    within,
)
from newscrawl.families import family_for
from newscrawl.families.base import Family

# How far above the headline the lead is looked for when it is outside the body's region.
HEADER_LEVELS = 3
# Body text below this many characters (without structured article data) is not an article.
MIN_ARTICLE_CHARS = 500
# ... unless a printed headline stands over this much prose: a short news item is an article
# whatever its markup says (section pages have a heading too, but their text is teaser cards,
# which body reading skips, so their prose stays far below this).
MIN_HEADLINED_PROSE = 200
# A block counts as prose from this length on (a sentence, not a label or a link line).
MIN_PROSE_BLOCK = 80
_PLUS_MARKER = re.compile(r"\b(?:plus|premium|paid|paywall|abo)\b", re.IGNORECASE)


def extract_article(html: str, url: str, *, family: type[Family] | None = None,
                    fetched_at: datetime | str | None = None) -> ExtractedArticle:
    """Extract title, kicker, teaser, body blocks, metadata and date candidates from a page.

    ``family`` is any version of the page's family (detected from ``url`` and ``html`` when
    None); the version that reads the page is chosen here, ``fetched_at`` dating pages that
    state no published date (``newscrawl.extract.family_version``)."""
    root = parse_html(html)
    if root is None:
        return ExtractedArticle(is_article=False)
    if family is None:
        family = family_for(url, html, root.get("lang") or root.get("xml:lang"))
    data = read_structured(root)
    body_el = root.find("body")
    scope_root = body_el if body_el is not None else root
    family, containers = choose_version(scope_root, family, data, fetched_at)

    family_region = _family_region(scope_root, containers)
    drop = select_all(family_region, family.drop_selectors) if family else set()
    skip = _skip_predicate(drop)

    index = PageIndex(scope_root)
    blocks, container, extractor = _family_body(containers, family, skip, index)
    if not blocks:
        container, skip = find_container(scope_root, skip, index)
        blocks = BlockReader(skip, index).read(container) if container is not None else []
        extractor = "generic"

    title_tag = _title_tag(root)
    headline = _headline(scope_root, family, drop, title_hints(data, title_tag))
    if not blocks:
        container, blocks = _story_article(scope_root, headline.element, data, skip, index,
                                           container)
    scope = _article_scope(headline.element, container, scope_root)
    printed_full = text_of(headline.element) if headline.element is not None else None
    title = page_title(headline, data, title_tag, url,
                       prefer=getattr(family, "title_source", None) if family else None,
                       sections=SectionNames(
                           scope_root, data.section or data.first_meta("article:section"), url))

    teaser = _teaser(scope, family, data, blocks, drop, index, headline.element)
    images = _images(scope, family)
    blocks = story_lists(blocks)
    blocks, _not_in_body = reconcile(blocks, data.article_body, keep=teaser)
    if not data.article_body and sum(len(b.text) for b in blocks) < RENDER_BELOW_CHARS:
        # Markup without a body: a client-rendered page may ship the story in its state.
        blocks = state_blocks(root) or blocks
    kept, scrambled = _drop_scrambled(blocks, (title, teaser))

    kept = _drop_headline_repeats(kept, (printed_full, headline.title), data)
    if data.is_live:
        kept = mark_ticker_entries(kept)
    body_chars = sum(len(b.text) for b in kept)
    og_type = (data.first_meta("og:type") or "").lower()
    og_title = data.first_meta("og:title") or ""
    candidates = date_candidates(data, scope_root, headline.element, url, og_title,
                                 fetched_at=fetch_time(fetched_at))
    is_article = bool(kept or teaser) and (
        data.has_article_type or og_type == "article" or body_chars >= MIN_ARTICLE_CHARS
        or (headline.element is not None and _prose_chars(kept) >= MIN_HEADLINED_PROSE)
    )
    # A story with (almost) no text - a video, a broadcast, a photo - that dates itself under
    # its headline is still a story whose date is wanted (datepages: 3 such pages).
    if not is_article:
        # A page with (almost) no text: all its candidates, visible stamps included.
        candidates = date_candidates(data, scope_root, headline.element, url, og_title)
    dated = not is_article and dated_story(data, scope_root, headline.element, url,
                                           title_hints(data, title_tag), candidates)
    return ExtractedArticle(
        is_article=is_article or dated,
        title=title,
        kicker=headline.kicker,
        teaser=teaser,
        blocks=kept,
        authors=_authors(data, scope, family, url) or signed_by(kept),
        section=_section(data, scope_root, family),
        tags=_tags(data),
        images=images,
        paywalled=_paywalled(data, family_region, family, scrambled),
        language=_language(root, data),
        canonical_url=_canonical(root, data),
        date_candidates=candidates,
        extractor=extractor,
        # Asked only where the spider would re-request the page: no body worth the name.
        needs_rendering=body_chars < RENDER_BELOW_CHARS and needs_rendering(root),
        paywall_blocks_dropped=scrambled,
        chrome_regions_skipped=index.chrome_regions_skipped,
        container=css_path(container) if container is not None else None,
        signals={"blocks": len(kept), "teaser": bool(teaser), "body_chars": body_chars,
                 "min_article_chars": MIN_ARTICLE_CHARS,
                 "structured_article_type": data.has_article_type, "og_type": og_type or None,
                 "scrambled_blocks": scrambled, "dated_story": dated},
    )


def _story_article(root: etree._Element, h1: etree._Element | None, data: Structured,
                   skip: Callable[[etree._Element], bool], index: PageIndex,
                   container: etree._Element | None
                   ) -> tuple[etree._Element | None, list[Block]]:
    """The story's ``<article>`` read as the body when the container search found nothing (a
    page-wide wrapper with a chrome-like class hid it): the one around the headline, else the
    page's only one when its metadata declares an article."""
    article = _closest(h1, "article") if h1 is not None else None
    if article is None and (data.has_article_type
                            or (data.first_meta("og:type") or "").lower() == "article"):
        articles = list(itertools.islice(root.iter("article"), 2))
        article = articles[0] if len(articles) == 1 else None
    if article is None:
        return container, []
    blocks = BlockReader(skip, index).read(article)
    return (article, blocks) if blocks else (container, [])


def _drop_scrambled(blocks: list[Block], context: tuple[str | None, ...]
                    ) -> tuple[list[Block], int]:
    """Blocks without obfuscated paywall text (text in no language, judged against the page's
    language: ``context`` is its title and teaser), and how many were dropped."""
    flags = scrambled_blocks([b.text for b in blocks], context)
    kept = [b for b, flagged in zip(blocks, flags, strict=True) if not flagged]
    return kept, len(blocks) - len(kept)


def _prose_chars(blocks: list[Block]) -> int:
    """Characters in paragraph-like blocks long enough to be sentences."""
    return sum(len(b.text) for b in blocks
               if b.kind in {"p", "quote", "ticker"} and len(b.text) >= MIN_PROSE_BLOCK)


def _drop_headline_repeats(blocks: list[Block], printed: tuple[str | None, str | None],
                           data: Structured) -> list[Block]:
    """Drop a headline printed again at the top of the body: the h1 with its kicker glued on
    ("\"Es wird bald beginnen\"Trump spricht …"), or the JSON-LD/og (alternative) headline."""
    if not blocks:
        return blocks
    keys = {text_key(t) for t in (
        *printed, data.headline, data.alternative_headline, data.first_meta("og:title"),
        data.first_meta("twitter:title")) if t}
    keys.discard("")
    head = [b for b in blocks[:HEAD_BLOCKS] if len(b.text) > MAX_HEADLINE_CHARS
            or text_key(b.text) not in keys]
    if len(head) == len(blocks[:HEAD_BLOCKS]):
        return blocks
    return head + blocks[HEAD_BLOCKS:]

# Blocks at the top of the body where a repeated headline is looked for, and its longest form.
HEAD_BLOCKS = 3
MAX_HEADLINE_CHARS = 300


def _family_region(root: etree._Element, containers: list[etree._Element]) -> etree._Element:
    """Where the family's drop/paywall selectors are looked for: the article around the family
    container (selector scans of the whole page cost more than the rest of the extraction)."""
    if not containers:
        return root
    article = _closest(containers[0], "article")
    if article is not None:
        return article
    parent = containers[0].getparent()
    return parent if parent is not None else root


def _skip_predicate(drop: set) -> Callable[[etree._Element], bool]:
    """Family drop selectors, boilerplate hints and layers with a close button, each element
    judged once per page."""
    verdicts: dict[etree._Element, bool] = {}

    def skip(el: etree._Element) -> bool:
        verdict = verdicts.get(el)
        if verdict is None:
            verdict = verdicts[el] = (el in drop or default_skip(el)
                                      or (is_closable_layer(el) and positive_score(el) < 2))
        return verdict

    return skip


def _family_body(containers: list[etree._Element], family: type[Family] | None,
                 skip: Callable[[etree._Element], bool], index: PageIndex
                 ) -> tuple[list[Block], etree._Element | None, str]:
    """Blocks read with the family's container/paragraph selectors; [] if they find nothing."""
    if family is None or not containers:
        return [], None, "generic"
    container = containers[0]
    if family.paragraph_selector:
        wanted = set(select(container, family.paragraph_selector))
        heads = set(select(container, family.subheading_selector))
        blocks = [
            Block("h" if el in heads else "p", text_of(el))
            for el in container.iter()
            if (el in wanted or el in heads) and text_of(el) and not within(el, container, skip)
        ]
    else:
        blocks = BlockReader(skip, index).read(container)
    return blocks, container, _provenance(family)


def _provenance(family: type[Family]) -> str:
    """``family:<name>`` for a family's first version (as rows stored before versions say),
    ``family:<name>@<n>`` for a later one."""
    suffix = f"@{family.version}" if family.version > 1 else ""
    return f"family:{family.name}{suffix}"


def _headline(root: etree._Element, family: type[Family] | None,
              drop: set[etree._Element], hints: tuple[str | None, ...]) -> Headline:
    """The printed headline: the family's title/kicker elements, else the first h1."""
    if family and family.title_selector:
        found = select(root, family.title_selector)
        if found:
            title_el = found[0]
            kickers = select(root, family.kicker_selector) if family.kicker_selector else []
            kicker = text_without(kickers[0], drop) if kickers else None
            title = text_without(title_el, drop)
            if kicker and title.startswith(kicker) and tag_of(title_el) == "h1":
                title = norm(title[len(kicker):].lstrip(" :–-"))
            h1 = _closest(title_el, "h1")
            return Headline(title or None, kicker or None, h1 if h1 is not None else title_el)
    return find_headline(root, hints=hints)


def _article_scope(h1: etree._Element | None, container: etree._Element | None,
                   root: etree._Element) -> etree._Element:
    """The region holding headline and body: their lowest common ancestor, or an <article>."""
    if container is None:
        return h1.getparent() if h1 is not None and h1.getparent() is not None else root
    if h1 is None:
        found = _closest(container, "article")
        return found if found is not None else container
    ancestors = set()
    node = h1
    while node is not None:
        ancestors.add(node)
        node = node.getparent()
    node = container
    while node is not None and node not in ancestors:
        node = node.getparent()
    if node is None or tag_of(node) in {"html", "body"}:
        found = _closest(container, "article")
        return found if found is not None else container
    return node


def _closest(el: etree._Element, tag: str) -> etree._Element | None:
    node = el
    while node is not None:
        if tag_of(node) == tag:
            return node
        node = node.getparent()
    return None


def _title_tag(root: etree._Element) -> str | None:
    """The document ``<title>`` (``text_of`` skips it as page furniture)."""
    title = next(iter_below(root, "title"), None)
    return (norm(title.text) or None) if title is not None else None


def _teaser(scope: etree._Element, family: type[Family] | None, data: Structured,
            blocks: list[Block], drop: set[etree._Element], index: PageIndex,
            h1: etree._Element | None) -> str | None:
    if family and family.teaser_selector:
        found = select(scope, family.teaser_selector)
        if found and text_without(found[0], drop):
            return text_without(found[0], drop)
    description = data.description or data.first_meta("og:description", "description")
    found = find_teaser(scope, description, blocks, index.non_leaf, index.texts)
    if found is None and h1 is not None:
        # The lead may sit next to the headline outside the body's region (article header).
        region = _closest(h1, "article")
        if region is None:
            region = _ancestor(h1, HEADER_LEVELS)
        if region is not None and region is not scope:
            found = find_teaser(region, description, blocks, index.non_leaf, index.texts)
    if found is None and getattr(family, "teaser_from_description", False):
        # The social description is written as the lead; JSON-LD's may be an image caption.
        return data.first_meta("og:description", "description") or data.description
    return found


def _ancestor(el: etree._Element, levels: int) -> etree._Element | None:
    node = el
    for _ in range(levels):
        if node.getparent() is None or tag_of(node.getparent()) in {"body", "html"}:
            break
        node = node.getparent()
    return node


def _images(scope: etree._Element, family: type[Family] | None) -> list[Image]:
    figure_sel = (family.figure_selector if family else "") or "figure"
    caption_sel = (family.caption_selector if family else "") or "figcaption"
    credit_sel = family.credit_selector if family else ""
    images: list[Image] = []
    seen: set[tuple[str | None, str | None]] = set()
    for figure in select(scope, figure_sel):
        credits = select(figure, credit_sel) if credit_sel else credit_elements(figure)
        image = read_figure(figure, select(figure, caption_sel), credits)
        if image is None:
            continue
        key = (image.caption, image.credit) if image.caption or image.credit else (image.url, None)
        if key not in seen:
            seen.add(key)
            images.append(image)
    return images


def _authors(data: Structured, scope: etree._Element, family: type[Family] | None, url: str
             ) -> list[str]:
    """JSON-LD authors, else family/meta/byline; a publication name gives way to a printed
    person byline."""
    host = urlsplit(url).hostname or ""
    site = data.first_meta("og:site_name")
    structured = clean_authors(data.authors)
    if not structured:
        meta = [v for key in ("author", "article:author", "parsely-author", "sailthru.author",
                              "dc.creator") for v in data.meta.get(key, ())]
        structured = clean_authors([v for v in meta if not v.startswith("http")])
    # Agencies and the site next to people stay (as the hand-checked pages list them).
    if structured and not all(is_site_name(a, host, site) for a in structured):
        return structured
    printed: list[str] = []
    if family and family.author_selector:
        printed = clean_authors([text_of(el) for el in select(scope, family.author_selector)])
    printed = printed or clean_authors(find_bylines(scope))
    if printed and (not structured or looks_like_person(printed[0])):
        return printed
    return structured


def _section(data: Structured, root: etree._Element, family: type[Family] | None
             ) -> str | None:
    if data.section or data.first_meta("article:section"):
        return data.section or data.first_meta("article:section")
    if family and family.section_selector:
        found = select(root, family.section_selector)
        if found:
            return text_of(found[0]) or None
    return None


def _tags(data: Structured) -> list[str]:
    tags = list(data.tags)
    for key in ("news_keywords", "keywords", "article:tag"):
        for value in data.meta.get(key, ()):
            tags.extend(t.strip() for t in value.split(",") if t.strip())
    seen: set[str] = set()
    return [t for t in tags if not (t.casefold() in seen or seen.add(t.casefold()))]


def _paywalled(data: Structured, root: etree._Element, family: type[Family] | None,
               scrambled: int) -> bool:
    if scrambled or data.accessible_for_free is False:
        return True
    tier = (data.first_meta("article:content_tier") or "").lower()
    if tier in {"locked", "metered", "premium"}:
        return True
    return bool(family and family.paywall_selectors and select_all(root, family.paywall_selectors))


def _language(root: etree._Element, data: Structured) -> str | None:
    lang = root.get("lang") or data.first_meta("og:locale", "content-language", "language")
    if not lang:
        return None
    return lang.replace("_", "-").split("-")[0].lower() or None


def _canonical(root: etree._Element, data: Structured) -> str | None:
    for link in root.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
            return link.get("href").strip()
    return data.first_meta("og:url")


__all__ = ["extract_article", "tokens"]
