"""Find the article container and read its text blocks in page order.

The container is the smallest element that holds nearly all of the page's prose: every
paragraph-like leaf with enough unlinked text adds its length to its ancestors, then we descend
from ``<body>`` while one child holds most of the weight. Inside the container, boilerplate
regions (class/id hints, link-dense lists, figures) are skipped; what remains becomes ``Block``s.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lxml import etree

from newscrawl.article import Block
from newscrawl.extract.hints import (
    is_boilerplate,
    is_strong_boilerplate,
    positive_score,
    tokens,
)
from newscrawl.extract.linkboxes import (
    MAX_BOX_TITLE_LINES,
    MIN_CLUSTER_LINKS,
    box_title_lines,
    in_teaser_row,
    inline_link_boxes,
    is_article_list,
    is_headline_link,
    is_pointer_paragraph,
    is_story_heading,
    link_clusters,
    story_image_link,
    trailing_more_link,
    without_box_titles,
)
from newscrawl.extract.tree import (
    SKIP_TAGS,
    all_text,
    is_hidden,
    link_text_len,
    longer_than,
    norm,
    raw_text,
    tag_of,
    text_of,
    text_without,
)

HEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
BLOCK_TAGS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "pre", "figure",
     "table", "div", "section", "article", "header", "main", "aside", "footer", "dl", "hr",
     "figcaption", "picture"}
)
_BLOCK_XPATH_TAGS = tuple(BLOCK_TAGS - {"hr", "picture"})
# A paragraph counts towards container weight with at least this many characters.
MIN_PROSE_CHARS = 40
# Descend into a child while it holds at least this share of its parent's prose weight.
DOMINANT_SHARE = 0.8
MAX_LINK_DENSITY = 0.5
# A hinted region holding at least this share of all prose is a layout wrapper, not a box.
WRAPPER_SHARE = 0.5


MEDIA_TAGS = frozenset({"figure", "figcaption", "picture", "img"})
# Elements whose text is code or markup data, never prose a reader sees.
CODE_TAGS = ("script", "style", "svg", "template", "noscript")
# Code this long (a style sheet, an SVG sprite, an app script) can outweigh a story's prose and
# is taken out of a leaf's weight. Short snippets (an ad slot's loader) stay: they weigh like a
# line of text and, inside the story's column, have always counted for it.
MIN_CODE_CHARS = 1000


class PageIndex:
    """Facts about one parsed page computed in a single pass: which elements contain blocks."""

    def __init__(self, root: etree._Element) -> None:
        # Boilerplate regions with text that body reading skipped inside the article container
        # (related boxes, teaser cards, widgets): counted as dropped chrome for site health.
        self.chrome_regions_skipped = 0
        # What the container search read, for the stages that read the same elements again:
        # the whole text (``all_text``) of leaves with children, and their link characters.
        self.texts: dict[etree._Element, str] = {}
        self.link_chars: dict[etree._Element, int] = {}
        self.non_leaf: set[etree._Element] = set()
        non_leaf, add = self.non_leaf, self.non_leaf.add  # locals: ~500 block elements a page
        for el in root.iter(*_BLOCK_XPATH_TAGS):
            parent = el.getparent()
            while parent is not None and parent not in non_leaf:
                add(parent)
                parent = parent.getparent()
        # Elements with a script, style sheet or inline SVG below them: their text is not all
        # prose ("<div><style>.cls-1{fill:#0901fc}…</style><svg>" weighed like 20 kB of story).
        self.holds_code: set[etree._Element] = set()
        code, mark = self.holds_code, self.holds_code.add
        for el in root.iter(*CODE_TAGS):
            parent = el.getparent()
            while parent is not None and parent not in code:
                mark(parent)
                parent = parent.getparent()

    def is_leaf(self, el: etree._Element) -> bool:
        """Whether ``el`` has no block-level element below it."""
        return el not in self.non_leaf


def find_container(root: etree._Element, skip: Callable[[etree._Element], bool],
                   index: PageIndex
                   ) -> tuple[etree._Element | None, Callable[[etree._Element], bool]]:
    """The smallest element holding nearly all prose of the page, or None without prose.

    Also returns the skip predicate refined for this page: a region with a boilerplate hint that
    holds most of the page's prose is a layout wrapper ("container without-sidebar"), not a box.
    """
    body = root.find("body")
    scope = body if body is not None else root
    leaves = _prose_leaves(scope, index)
    raw = _propagate(leaves, scope)
    total = raw.get(scope, 0)
    if not total:
        return None, skip

    def refined(el: etree._Element) -> bool:
        return skip(el) and raw.get(el, 0) < WRAPPER_SHARE * total

    node, weights = _descend(leaves, scope, refined)
    rescued = _story_wrapper(raw, refined, weights.get(node, 0) if node is not None else 0)
    if rescued is None:
        return _declared_body(_headline_article(node, weights), weights), refined

    def reread(el: etree._Element) -> bool:
        return el is not rescued and refined(el)

    node, weights = _descend(leaves, scope, reread)
    return _declared_body(_headline_article(node, weights), weights), reread


# How far above the container a declared article body is looked for, and how much more prose
# it may hold than the container (more is a page-wide wrapper mislabelled as the body).
DECLARED_BODY_LEVELS = 3
DECLARED_BODY_GROWTH = 1.5


def _declared_body(node: etree._Element | None, weights: dict[etree._Element, int]
                   ) -> etree._Element | None:
    """The ``itemprop="articleBody"`` element just above the container, when there is one: the
    page says the story is all of it, so paragraphs in its other children (the free first
    paragraph before a metered part, a lead block) belong to the body too."""
    if node is None or node.get("itemprop", "").lower() == "articlebody":
        return node
    weight = weights.get(node, 0)
    ancestor = node.getparent()
    for _ in range(DECLARED_BODY_LEVELS):
        if ancestor is None:
            break
        if (ancestor.get("itemprop", "").lower() == "articlebody"
                and weights.get(ancestor, 0) <= DECLARED_BODY_GROWTH * weight):
            return ancestor
        ancestor = ancestor.getparent()
    return node


# The <article> holding the headline is the story when it has this much prose of its own.
MIN_HEADLINE_ARTICLE_PROSE = 300


def _headline_article(node: etree._Element | None, weights: dict[etree._Element, int]
                      ) -> etree._Element | None:
    """Within a container of several <article>s (a post followed by excerpts of other posts,
    "you may also like"), the one holding the printed headline (h1) with prose of its own."""
    if node is None:
        return node
    articles = [el for el in node.iter("article") if el is not node]
    if len(articles) < 2:
        return node
    with_h1 = [el for el in articles if el.find(".//h1") is not None]
    if not with_h1:
        return node
    story = with_h1[-1]  # the innermost
    others = [el for el in articles
              if weights.get(el) and el not in with_h1 and story not in el.iterancestors()]
    if others and weights.get(story, 0) >= MIN_HEADLINE_ARTICLE_PROSE:
        return story
    return node


def _descend(leaves: list[Leaf], scope: etree._Element, skip: Callable[[etree._Element], bool]
             ) -> tuple[etree._Element | None, dict[etree._Element, int]]:
    """Weights without skipped regions, and the element reached by descending from ``scope``
    while one child holds most of the weight (None without prose)."""
    skipped = _skipped_regions(scope, skip, {leaf[0] for leaf in leaves})
    weights = _propagate([leaf for leaf in leaves if leaf[0] not in skipped], scope)
    if not weights.get(scope):
        return None, weights
    node = scope
    while True:
        best = max((c for c in node if c in weights), key=lambda c: weights[c], default=None)
        if best is None or weights[best] < DOMINANT_SHARE * weights[node]:
            break
        node = best
    return node, weights


# A skipped region with story hints holding this many times the prose of the container found
# without it is the story's wrapper with an unlucky class ("box article modal-enabled").
RESCUE_FACTOR = 2


def _story_wrapper(raw: dict[etree._Element, int], skip: Callable[[etree._Element], bool],
                   found: int) -> etree._Element | None:
    """The skipped region to read after all, or None."""
    best, weight = None, RESCUE_FACTOR * found
    for el, prose in raw.items():
        if prose > weight and skip(el) and positive_score(el) and not is_strong_boilerplate(el):
            best, weight = el, prose
    return best


def _skipped_regions(scope: etree._Element, skip: Callable[[etree._Element], bool],
                     wanted: set[etree._Element]) -> set[etree._Element]:
    """Which of ``wanted`` lie inside a skipped region (each ancestor judged once)."""
    verdict: dict[etree._Element, bool] = {scope: False}

    def inside(el: etree._Element) -> bool:
        chain = []
        node = el
        while node is not None and node not in verdict:
            chain.append(node)
            node = node.getparent()
        result = verdict.get(node, False) if node is not None else False
        for item in reversed(chain):
            result = result or skip(item)
            verdict[item] = result
        return result

    return {el for el in wanted if inside(el)}


# A prose leaf: (element, weight, the first element its weight counts for).
Leaf = tuple[etree._Element, int, etree._Element]


def _prose_leaves(scope: etree._Element, index: PageIndex) -> list[Leaf]:
    """Paragraph-like leaves with their prose weight; loose text in a wrapper counts for the
    wrapper itself, a paragraph for its parent."""
    leaves = []
    non_leaf, texts, holds_code = index.non_leaf, index.texts, index.holds_code
    # The hottest loop of extraction: characters of unlinked prose per leaf, C-level joins.
    for el in scope.iter("p", "div", "li", "blockquote", "td"):
        tag = el.tag
        if tag != "p" and tag != "blockquote" and el in non_leaf:
            # Mixed content: prose written straight into a wrapper between <br>s and blocks
            # (blog engines, "articleBody" divs) weighs like a paragraph of its own. Its
            # text and its children's tails first (inline here: ~100 wrappers a page).
            text = el.text
            loose = len(text.strip()) if text else 0
            for child in el:
                tail = child.tail
                if tail:
                    loose += len(tail.strip())
            if loose >= MIN_LOOSE_CHARS:
                loose += _inline_text_len(el, non_leaf, holds_code)
                if loose >= MIN_PROSE_CHARS:
                    leaves.append((el, loose, el))
            continue
        children = len(el)
        text = el.text
        if children == 1 and not (text or "").strip():
            only = el[0]
            if only.tag == "a" and not (only.tail or "").strip():
                # A link and nothing else (menu items, ~70 % of the leaves with children): all
                # its text is link text, which the test below drops, so it is not read.
                continue
        if children:
            raw = texts[el] = all_text(el)
            length = len(raw.strip())
            if length >= MIN_PROSE_CHARS and el in holds_code:
                length -= _code_len(el)
        else:  # no children: the text is el.text (most short leaves)
            length = len((text or "").strip())
        if length < MIN_PROSE_CHARS:
            continue
        if next(el.iterdescendants("a"), None) is not None:  # C iterator, not ElementPath
            links = index.link_chars[el] = link_text_len(el)
            if links > 0.3 * length:
                continue
            length -= links
        leaves.append((el, length // 2 if tag == "li" else length, el.getparent()))
    return leaves


# Loose text below this (before inline children count) is whitespace or a stray separator
# (most wrappers: whitespace between their children).
MIN_LOOSE_CHARS = 10


def _code_len(el: etree._Element) -> int:
    """Characters of script, style and SVG text inside ``el`` (the outermost of each)."""
    total = 0
    for code in el.iter(*CODE_TAGS):
        if code is el:
            continue
        node = code.getparent()
        while node is not el and node.tag not in CODE_TAGS:
            node = node.getparent()
        if node is el:  # not inside another code element already counted
            length = len(all_text(code))
            if length >= MIN_CODE_CHARS:
                total += length
    return total


def _inline_text_len(el: etree._Element, non_leaf: set[etree._Element],
                     holds_code: set[etree._Element]) -> int:
    """Characters of the inline children of ``el`` that belong to its loose text (a <strong>
    or <span> inside the loose prose; not links, blocks, skipped elements or long code)."""
    length = 0
    for child in el:
        ctag = child.tag
        if (isinstance(ctag, str) and ctag not in BLOCK_TAGS and ctag != "a"
                and ctag not in SKIP_TAGS and child not in non_leaf):
            length += len(all_text(child).strip())
            if child in holds_code:
                length -= _code_len(child)
    return length


def _propagate(leaves: list[Leaf], scope: etree._Element) -> dict[etree._Element, int]:
    """Each leaf's weight added to the element it counts for and that element's ancestors up
    to ``scope``, keyed in the order they are first reached.

    Each element is gone up from once (a page's ~25 leaves lie ~19 levels deep, below ~60
    distinct elements): its depth noted, the sums then handed up deepest first."""
    weights: dict[etree._Element, int] = {}
    depth: dict[etree._Element, int] = {}
    for _el, weight, node in leaves:
        if node in depth:
            weights[node] += weight
            continue
        weights[node] = weight
        chain = [node]
        level = 0
        while node is not scope:
            node = node.getparent()
            if node is None:
                break
            known = depth.get(node)
            if known is not None:
                level = known
                break
            weights[node] = 0
            chain.append(node)
        for new in reversed(chain):
            level += 1
            depth[new] = level
    for node in sorted(depth, key=depth.__getitem__, reverse=True):
        if node is not scope:
            parent = node.getparent()
            if parent is not None:
                weights[parent] += weights[node]
    return weights


# A paragraph that boxes were taken out of is story text when this many words are left.
MIN_LEFT_WORDS = 5


class BlockReader:
    """Turns a container into blocks; ``skip`` decides which elements are never body."""

    def __init__(self, skip: Callable[[etree._Element], bool], index: PageIndex) -> None:
        self.skip = skip
        self.index = index
        self.blocks: list[Block] = []
        self._pending: list[str] = []
        # Characters of link text among the pending loose text.
        self._pending_links = 0
        # Teaser lines under the headline links of a flat teaser list (see _teaser_heading).
        self._teaser_lines: set[etree._Element] = set()
        self._teaser_parents: dict[etree._Element, bool] = {}
        # Blocks that title a box of links left out, by id (see ``without_box_titles``); the
        # values keep them alive, so no later block can take a popped one's id.
        self._box_titles: dict[int, Block] = {}
        # Link characters of paragraphs that boxes were taken out of, without the boxes' links.
        self._left_links: dict[etree._Element, int] = {}

    def read(self, container: etree._Element) -> list[Block]:
        self._walk(container, top=True)
        self._flush()
        if self._box_titles:
            kept = without_box_titles(self.blocks, self._box_titles)
            self.index.chrome_regions_skipped += len(self.blocks) - len(kept)
            self.blocks = kept
        return self.blocks

    def _emit(self, kind: str, text: str) -> None:
        """Add a block; ``text`` is already normalised (``text_of`` output)."""
        if text:
            self.blocks.append(Block(kind, text))  # type: ignore[arg-type]

    def _flush(self) -> None:
        if self._pending:
            text = norm(" ".join(self._pending))
            links, self._pending, self._pending_links = self._pending_links, [], 0
            if links > MAX_LINK_DENSITY * len(text):
                # A button or link line between <br>s ("Zum Angebot"), not a paragraph.
                self.index.chrome_regions_skipped += 1
            elif text:
                self.blocks.append(Block("p", text))

    def _walk(self, el: etree._Element, top: bool = False, headless: bool = False,
              tag: str | None = None) -> None:
        """Read ``el`` into blocks. ``headless``: no h2-h6 lies below ``el`` (so it is no
        teaser card unless it is a link; saves searching each nested wrapper again). ``tag``:
        its ``tag_of`` when the caller has read it (lxml builds the string on every read)."""
        if tag is None:
            tag = tag_of(el)
        if not tag or tag in SKIP_TAGS:
            return
        if not top and is_hidden(el):
            return
        if not top:
            if self.skip(el):
                card = True
            elif headless and tag != "a":
                card = False
            else:
                card = _teaser_card(el, self.index, tag)
                if card is None:
                    card, headless = False, True
            if card and not _embed(el):
                if tag not in MEDIA_TAGS and all_text(el).strip():
                    self.index.chrome_regions_skipped += 1
                return
        if tag == "table":
            self._flush()
            self._table(el)
            return
        if tag in {"figure", "figcaption", "picture", "h1", "hr", "img"} or (
                tag == "div" and _image_box(el)):
            return
        if tag in HEADINGS:
            self._flush()
            if is_story_heading(el) and self._teaser_heading(el):
                return
            self._emit("h", text_of(el))
            return
        if tag == "p":
            self._flush()
            if el in self._teaser_lines:
                self.index.chrome_regions_skipped += 1
                return
            text = self._paragraph_text(el)
            known = self.index.link_chars
            if el in self._left_links:
                if len(text.split()) < MIN_LEFT_WORDS:
                    return  # a box with a remnant ("(Forbes)" after a related headline link)
                known = self._left_links
            if not _link_heavy(el, text, known):
                self._emit("p", _glue_drop_cap(el, text))
            return
        if tag in {"ul", "ol"}:
            self._flush()
            round_up = False
            if not _link_heavy(el, text_of(el)) and (not is_article_list(el)
                                                      or (round_up := self._round_up(el))):
                for li in el.iterchildren("li"):
                    text = text_of(li, self.index.texts.get(li))
                    if not self.skip(li) and (not _link_heavy(li, text, self.index.link_chars)
                                              or (round_up and _says_more(li, text))):
                        self._emit("li", text)
                    elif text:
                        self.index.chrome_regions_skipped += 1
                return
            self.index.chrome_regions_skipped += 1  # a link list: related articles, topics
            if self.blocks and self.blocks[-1].kind == "h" and self._heads_next(el):
                # The heading of a link list ("Exklusive Hintergründe – für Sie recherchiert")
                # goes with the list.
                self.blocks.pop()
                self.index.chrome_regions_skipped += 1
            return
        if tag == "blockquote":
            self._flush()
            inner = [p for p in el.iter("p") if text_of(p)]
            for part in inner or [el]:
                self._emit("quote", text_of(part))
            if inner:
                # An embedded post signs off after its text: "— Name (@handle) date".
                self._emit("quote", text_without(el, set(inner)))
            return
        if tag == "pre":
            self._flush()
            self._emit("pre", norm(raw_text(el)))
            return
        non_leaf = self.index.non_leaf
        if tag in BLOCK_TAGS and el not in non_leaf and not _double_break(el):
            # A div/section with inline content only is a paragraph of its own.
            self._flush()
            text = text_of(el, self.index.texts.get(el))
            if not _link_heavy(el, text, self.index.link_chars):
                self._emit("p", text)
            return
        if tag == "a" or (tag not in BLOCK_TAGS and el not in non_leaf):
            if el.text or len(el):
                text = text_of(el)
                self._pending.append(text)
                self._pending_links += len(text) if tag == "a" else link_text_len(el)
            return
        # Mixed content: loose text between child blocks forms paragraphs of its own.
        start = len(self.blocks)
        before = self.blocks[-1] if start else None  # popped (a list's heading): no box test
        if el.text and el.text.strip():
            self._pending.append(el.text)
        for child in el:
            ctag = tag_of(child)
            if ctag == "br":
                if child.tail and child.tail.strip():
                    self._pending.append(child.tail)
                elif (nxt := child.getnext()) is not None and tag_of(nxt) == "br":
                    # <br><br> between loose text is a paragraph break.
                    self._flush()
                continue
            if ctag in BLOCK_TAGS or (ctag and child in non_leaf):
                self._flush()
            self._walk(child, headless=headless, tag=ctag)
            if child.tail and child.tail.strip():
                self._pending.append(child.tail)
        if tag in BLOCK_TAGS:
            self._flush()
            if (not top and 0 < len(self.blocks) - start <= MAX_BOX_TITLE_LINES
                    and (not start or self.blocks[start - 1] is before)):
                self._box_titles.update(box_title_lines(el, self.blocks[start:],
                                                        self._box_titles))


    def _teaser_heading(self, heading: etree._Element) -> bool:
        """Whether ``heading`` (a link to another story) heads an item of a flat teaser list
        (h3 link, one short teaser line, h3 link, …): then it, the line under it and a label
        heading read just before the list are skipped. A guide whose linked headings stand
        over paragraphs of text is story."""
        parent = heading.getparent()
        if parent is None:
            return False
        if parent not in self._teaser_parents:
            self._teaser_parents[parent] = _flat_teaser_list(parent)
        if not self._teaser_parents[parent]:
            return False
        self.index.chrome_regions_skipped += 1
        following = heading.getnext()
        if following is not None and tag_of(following) == "p":
            self._teaser_lines.add(following)
        if self.blocks and self.blocks[-1].kind == "h" and self._heads_next(heading):
            self.blocks.pop()
            self.index.chrome_regions_skipped += 1
        return True

    def _paragraph_text(self, p: etree._Element) -> str:
        """The paragraph's text without boxes set inside it (an "inline-related" link to
        another story between two sentences); empty for a paragraph that only points to
        another story."""
        if not len(p):
            return text_of(p)
        if is_pointer_paragraph(p) or in_teaser_row(p):
            self.index.chrome_regions_skipped += 1
            return ""
        # A keyword link (<a class="tag">SPD</a>) is part of the sentence; a box wraps a link
        # headline of its own.
        boxes: set[etree._Element] = set()
        headline_links: list[etree._Element] = []
        for el in p.iterdescendants():
            if el.tag == "a":
                if is_headline_link(el):
                    headline_links.append(el)
            elif (el.attrib and isinstance(el.tag, str) and self.skip(el)
                    and len(text_of(el).split()) >= MIN_BOX_WORDS):
                boxes.add(el)
        boxes |= inline_link_boxes(p)  # the same box without a class: by position and target
        if len(headline_links) >= MIN_CLUSTER_LINKS:
            # A hover card or related strip inside a sentence.
            boxes |= link_clusters(p, headline_links)
        more = trailing_more_link(p)
        if more is not None:
            boxes.add(more)
        if not boxes:
            return text_of(p, self.index.texts.get(p))
        self.index.chrome_regions_skipped += len(boxes)
        # The link share of what is left: the boxes' links go with them.
        self._left_links[p] = sum(len(all_text(a).strip()) for a in p.iter("a")
                                  if not any(a is b or b in a.iterancestors() for b in boxes))
        return text_without(p, boxes)

    def _table(self, table: etree._Element) -> None:
        """A layout table is read like a div; a data table gives one line per row with its
        cells in order (score tables, fixtures lists belong to the story)."""
        if _is_layout_table(table):
            for cell in table.iter("td", "th"):
                if _closest_table(cell) is table:
                    self._walk(cell)
                    self._flush()
            return
        caption = table.find("caption")
        if caption is not None:
            self._emit("p", text_of(caption))
        for row in table.iter("tr"):
            if _closest_table(row) is not table or is_hidden(row):
                continue
            cells = [text_of(c) for c in row if tag_of(c) in {"td", "th"}]
            text = " ".join(c for c in cells if c)
            if text and not _link_heavy(row, text):
                self._emit("p", text)

    def _round_up(self, lst: etree._Element) -> bool:
        """Whether a list of linked items continues the story: a paragraph leads into it and
        its items are paragraphs themselves (a news round-up), where a list of other stories
        sits under a label heading with headline-plus-one-line items."""
        previous = self.blocks[-1] if self.blocks else None
        if previous is None or previous.kind != "p":
            return False
        if any(next(li.iterdescendants(*HEADINGS), None) is not None
               for li in lst.iterchildren("li")):
            return False  # items with a heading of their own are teasers (headline + excerpt)
        return _prose_list(previous.text, [text_of(li) for li in lst.iterchildren("li")])

    def _heads_next(self, el: etree._Element) -> bool:
        """Whether the element before ``el`` (or before the wrapper ``el`` opens) is the
        heading read last."""
        prev = el.getprevious()
        while prev is not None and not isinstance(prev.tag, str):
            prev = prev.getprevious()
        parent = el.getparent()
        if prev is None and parent is not None and tag_of(parent) in {"div", "section"}:
            return self._heads_next(parent)
        return prev is not None and tag_of(prev) in HEADINGS and text_of(prev) == self.blocks[
            -1].text


# A teaser line under a headline link is an excerpt of a sentence or two.
MAX_TEASER_LINE_CHARS = 300


def _flat_teaser_list(parent: etree._Element) -> bool:
    """Whether ``parent`` holds two or more headings linking to other stories, each followed
    by at most one short paragraph before the next heading (what follows the last one is the
    rest of the page)."""
    children = [c for c in parent if isinstance(c.tag, str)]
    heads = [i for i, c in enumerate(children) if c.tag in HEADINGS and is_story_heading(c)]
    if len(heads) < 2:
        return False
    for i in heads:
        after = children[i + 1:i + 3]
        if after and after[0].tag != "p":
            continue  # a heading right after, or no teaser line
        if after and len(text_of(after[0])) > MAX_TEASER_LINE_CHARS:
            return False
        if i != heads[-1] and len(after) == 2 and after[1].tag not in HEADINGS:
            return False
    return True


# Words of a box set inside a paragraph (shorter hinted inline elements belong to the text).
MIN_BOX_WORDS = 3
# A table cell with this much text, or block content, makes its table a layout table.
LAYOUT_CELL_CHARS = 300


def _image_box(el: etree._Element) -> bool:
    """A figure without the tag: a div of an image and one short line, its caption."""
    if el.tag != "div" or not len(el) or len(el) > 4:
        return False
    kids = [tag_of(c) for c in el]
    if not {"img", "picture"} & set(kids) or kids[0] not in {"img", "picture", "a"}:
        return False
    lines = [c for c in el if tag_of(c) in {"p", "span", "div"} and all_text(c).strip()]
    return (len(lines) == 1 and not (el.text or "").strip()
            and len(all_text(lines[0])) <= MAX_CAPTION_CHARS)


# A line beside an image up to this long is its caption.
MAX_CAPTION_CHARS = 300


def _embed(el: etree._Element) -> bool:
    """Whether a hinted box ("social-media-embed") only wraps an embedded post the story cites
    (blockquote.twitter-tweet): story text, like the blockquote itself."""
    if (el.tag == "blockquote" or next(el.iterdescendants("blockquote"), None) is None
            or is_strong_boilerplate(el)):
        return False
    quoted = sum(len(all_text(q)) for q in el.iter("blockquote"))
    return quoted >= EMBED_SHARE * len(all_text(el))


# A box is an embedded post when its blockquotes hold this share of its text.
EMBED_SHARE = 0.8


def _double_break(el: etree._Element) -> bool:
    """Whether ``el`` holds <br><br> among its children: paragraphs of loose text."""
    for child in el.iterchildren("br"):
        nxt = child.getnext()
        if nxt is not None and nxt.tag == "br" and not (child.tail or "").strip():
            return True
    return False


def _is_layout_table(table: etree._Element) -> bool:
    """Whether ``table`` lays out the page (cells hold paragraphs or nested tables) rather than
    tabulating data."""
    if next(table.iterdescendants("table", "p", "h2", "h3", "ul", "blockquote"), None) is not None:
        return True
    return any(len(all_text(c)) >= LAYOUT_CELL_CHARS for c in table.iter("td"))


def _closest_table(el: etree._Element) -> etree._Element | None:
    node = el.getparent()
    while node is not None and tag_of(node) != "table":
        node = node.getparent()
    return node


def _says_more(li: etree._Element, text: str) -> bool:
    """Whether a round-up item says more than its linked headline: a sentence of its own
    (MIN_LEFT_WORDS words outside links: "<a>Half-Life is back …</a>. Developer Valve called
    it a flagship VR game.")."""
    return len(text.split()) - sum(len(all_text(a).split()) for a in li.iter("a")) \
        >= MIN_LEFT_WORDS


def _link_heavy(el: etree._Element, text: str,
                known: dict[etree._Element, int] | None = None) -> bool:
    """Empty, or mostly link text (``text`` is the element's text, already read; ``known``:
    link characters the container search counted)."""
    if not text:
        return True
    links = known.get(el) if known else None
    return (link_text_len(el) if links is None else links) > MAX_LINK_DENSITY * len(text)


def default_skip(el: etree._Element) -> bool:
    """Skip boilerplate regions (an ``itemprop=articleBody`` element is never skipped). A
    <blockquote> is quoted content by its tag: an embedded post ("twitter-tweet") cited in the
    story is story text, whatever its class names. Teaser cards built from <article> elements
    are caught by ``is_teaser_card``, related lists by their wrapper."""
    tag = tag_of(el)
    if tag in _STORY_TAGS:
        # Tags that mark content: class lists of <article>/<main> carry taxonomy terms
        # ("tag-diy category-reviews") that read like hints.
        return tag == "article" and el.get("role") in _CHROME_ROLES
    return is_boilerplate(el, tag) and positive_score(el) < 2


_STORY_TAGS = frozenset({"blockquote", "article", "main"})
_CHROME_ROLES = frozenset({"navigation", "complementary", "contentinfo", "banner", "dialog"})


_CARD_TAGS = frozenset({"a", "article", "div", "section", "li"})
# A teaser card of another article is short: a linked headline plus a line or two.
MAX_CARD_CHARS = 700


def is_teaser_card(el: etree._Element, index: PageIndex) -> bool:
    """A link to another article: a link wrapping block content, or a short box whose heading
    is a link (or, in a row of such boxes, whose image is)."""
    return bool(_teaser_card(el, index))


def _teaser_card(el: etree._Element, index: PageIndex, tag: str | None = None) -> bool | None:
    """``is_teaser_card``, None where the answer is no because no h2-h6 lies below ``el``
    (``tag``: its ``tag_of`` when the caller has it)."""
    if tag is None:
        tag = tag_of(el)
    if tag not in _CARD_TAGS:
        return False
    if tag == "a":
        return not index.is_leaf(el)
    heading = next(el.iterdescendants("h2", "h3", "h4", "h5", "h6"), None)
    if heading is None:
        return None
    heading_text = text_of(heading)
    linked = bool(heading_text) and link_text_len(heading) >= 0.5 * len(heading_text)
    if not linked and not _inside_link(heading, el) and not _card_in_row(el):
        return False
    # A cheap bound first: text_of walks a whole story wrapper in Python.
    return not longer_than(el, MAX_CARD_CHARS) and len(text_of(el)) <= MAX_CARD_CHARS


def _card_in_row(el: etree._Element) -> bool:
    """A card whose image, not its heading, links to another story, beside a sibling of the
    same tag linking to a different one (a row of teasers; a story's own figure stands alone)."""
    href = story_image_link(el)
    if href is None:
        return False
    for sibling in (el.getprevious(), el.getnext()):
        if sibling is not None and sibling.tag == el.tag:
            other = story_image_link(sibling)
            if other is not None and other != href:
                return True
    return False


def _inside_link(el: etree._Element, stop: etree._Element) -> bool:
    node = el.getparent()
    while node is not None and node is not stop:
        if tag_of(node) == "a":
            return True
        node = node.getparent()
    return tag_of(stop) == "a"


_DROP_CAP_TOKENS = frozenset({"initial", "dropcap", "initialletter", "firstletter", "versal"})
_SPLIT_CAP = re.compile(r"^([A-ZÄÖÜ]) (?=[a-zäöüß])")


def _glue_drop_cap(el: etree._Element, text: str) -> str:
    """"N a endlich!" -> "Na endlich!" when the paragraph starts with a styled initial letter."""
    if not _SPLIT_CAP.match(text):
        return text
    for child in el.iterdescendants():
        if tokens(child) & _DROP_CAP_TOKENS or any("initial" in t for t in tokens(child)):
            return _SPLIT_CAP.sub(r"\1", text, count=1)
    return text


# Mean item length (characters) from which a list between paragraphs is story prose.
PROSE_LIST_ITEM = 150
# ... when the line before it has at least this many words (a sentence or a table row).
PROSE_LIST_AFTER_WORDS = 5


# How a line that introduces a list ends: a colon, or a sentence left open ("If you are …"),
# which the items finish.
_LEADS_IN = (":", "…", "...")


# A question this short over a list is the list's heading set as a paragraph ("What's new in
# 2.26?", "Was ändert sich für Pendler?").
MAX_QUESTION_HEAD_WORDS = 12


def _asks_list(text: str) -> bool:
    return text.rstrip().endswith("?") and len(text.split()) <= MAX_QUESTION_HEAD_WORDS


def story_lists(blocks: list[Block]) -> list[Block]:
    """Keep list items that belong to the story, drop free-standing bullet boxes.

    A list belongs to the story when the paragraph before it introduces it (ends with ":" or
    leaves its sentence open with "…"),
    when a sub-heading of the story heads it ("Ingredients", a product name), or when it opens
    the body (summary bullets above the first paragraph), or when its items are paragraphs
    after a line of text (``_prose_list``). Bullet boxes between paragraphs ("Das Wichtigste",
    product lists, app promos) are furniture.
    """
    kept: list[Block] = []
    previous: Block | None = None
    keep_run = False
    for i, block in enumerate(blocks):
        if block.kind == "li":
            if previous is None or previous.kind != "li":
                keep_run = (previous is None or previous.kind == "h"
                            or previous.text.rstrip().endswith(_LEADS_IN)
                            or _asks_list(previous.text)
                            or not any(b.kind == "p" for b in kept)
                            or _prose_list(previous.text, _run_texts(blocks, i)))
            if keep_run:
                kept.append(block)
        else:
            kept.append(block)
        previous = block
    return kept


def _prose_list(before: str, items: list[str]) -> bool:
    """Whether a list continues the story in paragraphs: items of PROSE_LIST_ITEM characters
    on average (a round-up, notes under a table) after a line of text (``before``). Bullet
    boxes and product lists have label- or headline-length items; a teaser list of headline +
    excerpt items sits under a label ("Breaking News", "Verwandte Artikel")."""
    if len(before.split()) < PROSE_LIST_AFTER_WORDS or len(items) < 2:
        return False
    return sum(map(len, items)) / len(items) >= PROSE_LIST_ITEM


def _run_texts(blocks: list[Block], start: int) -> list[str]:
    """Texts of the list items from ``start`` up to the next block that is not one."""
    out = []
    for block in blocks[start:]:
        if block.kind != "li":
            break
        out.append(block.text)
    return out


# A live-ticker entry starts with its time: "Update, 07.30 Uhr:", "22.16 Uhr:", "+++ 19.12.2019".
_TICKER_MARK = re.compile(
    r"^(?:\+\+\+\s*)?(?:(?:Update|UPDATE|Erstmeldung|Eilmeldung)\b[^:]{0,40}?\d{1,2}[.:]\d{2}"
    r"(?: Uhr)?|\d{1,2}[.:]\d{2} Uhr|\d{1,2}\.\d{1,2}\.\d{4})\s*[:\-–]"
)


def mark_ticker_entries(blocks: list[Block]) -> list[Block]:
    """On a live blog, paragraphs that open with a time stamp become ``ticker`` entries."""
    return [Block("ticker", b.text) if b.kind == "p" and _TICKER_MARK.match(b.text) else b
            for b in blocks]
