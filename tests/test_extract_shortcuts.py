"""Shortcuts of the extraction hot paths give what the plain computation gives."""

from __future__ import annotations

import random
import sys

from lxml import etree

from newscrawl.extract.authors import find_bylines
from newscrawl.extract.body import PageIndex, _propagate, _prose_leaves
from newscrawl.extract.css import _compile, select
from newscrawl.extract.linkboxes import story_image_link
from newscrawl.extract.tree import _INVISIBLE, norm, parse_html

LONG = "Der Stadtrat hat am Dienstag nach langer Debatte den Haushalt beschlossen"


def leaves(html: str) -> list[tuple[str, int]]:
    body = parse_html(f"<html><body>{html}</body></html>").find("body")
    return [(el.tag, weight) for el, weight, _node in _prose_leaves(body, PageIndex(body))]


def test_a_lone_link_is_never_prose() -> None:
    # Menu items and linked headlines: all their text is link text, however long.
    assert leaves(f'<ul><li> <a href="/a">{LONG}</a>\n</li></ul>') == []
    assert leaves(f'<div><a href="/a"><b>{LONG}</b></a></div>') == []
    assert leaves(f'<p>\n<a href="/a">{LONG}</a> </p>') == []


def test_text_beside_a_link_is_read() -> None:
    # Unlinked text around the one link: the leaf is measured as before.
    assert leaves(f'<p>{LONG}, sagte <a href="/a">Meier</a>.</p>') == [("p", len(LONG) + 9)]
    assert leaves(f'<li><a href="/a">Meier</a>: {LONG}</li>') == [
        ("li", (len(LONG) + 2) // 2)]
    assert leaves(f'<div><span>{LONG}</span></div>') == [("div", len(LONG))]


def test_only_the_space_is_printable_whitespace() -> None:
    # What norm's shortcut for already normal text relies on.
    spaces = [c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace()]
    assert [c for c in spaces if c.isprintable()] == [" "]


def test_norm_is_split_and_join() -> None:
    pieces = [" ", "  ", "a", "Wort", "\n", "\t", "\xa0", "\u200b", "\u00ad", "\u2028", "\u3000",
              "\x1f", "\x85", "ä", "\u2009", "."]
    rng = random.Random(16)
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 7)))
        assert norm(text) == " ".join(_INVISIBLE.sub("", text).split()), repr(text)


def test_bylines_read_from_the_first_text_or_the_first_child() -> None:
    def bylines(html: str) -> list[str]:
        return find_bylines(parse_html(f"<html><body><article>{html}</article></body></html>"))

    assert bylines("<p>\xa0 Von Jana Kowalski</p>") == ["Jana Kowalski"]
    assert bylines("<div>\n  <span>Von Jana Kowalski</span></div>") == ["Jana Kowalski"]
    assert bylines("<p><b>Autorin:</b> Jana Kowalski</p>") == ["Jana Kowalski"]
    # Text before the child, a fourth child, a link around it: no byline.
    assert bylines("<div>Heute <b>Von Jana Kowalski</b></div>") == []
    assert bylines("<p><i>Von Jana Kowalski</i><i></i><i></i><i></i></p>") == []
    assert bylines('<a href="/x"><p>Von Jana Kowalski</p></a>') == []


def test_a_bare_tag_selector_finds_what_its_xpath_finds() -> None:
    root = parse_html("<html><body><figure id='a'><figure id='b'><figcaption>x</figcaption>"
                      "</figure></figure><div><figure id='c'/></div><svg><path/></svg>"
                      "</body></html>")
    for el in (root, root.find("body"), root.find(".//figure")):
        for tag in ("figure", "figcaption", "path", "body", "h1"):
            assert select(el, tag) == list(_compile(tag)(el)), tag
    assert [f.get("id") for f in select(root, "figure")] == ["a", "b", "c"]


def test_the_first_story_link_holding_an_image_in_page_order() -> None:
    def first(html: str) -> str | None:
        return story_image_link(parse_html(f"<html><body><div>{html}</div></body></html>")
                                .find("body")[0])

    story, other = "/politik/neue-kita-oeffnet-123", "/sport/derby-endet-remis-456"
    assert first(f'<a href="{story}">Text</a><a href="{other}"><img src="x.jpg"></a>') == other
    assert first(f'<a href="{story}"><span><img src="x.jpg"></span></a>'
                 f'<a href="{other}"><img src="y.jpg"></a>') == story
    # A file or a home link is no story.
    assert first('<a href="/bilder/foto-1.jpg"><img></a><a href="/"><img></a>') is None
    assert first(f'<a href="{story}">Text</a><img src="x.jpg">') is None


def test_of_nested_links_around_an_image_the_outer_comes_first() -> None:
    # The HTML parser closes a link before the next one opens; built trees may nest them.
    box = etree.Element("div")
    outer = etree.SubElement(box, "a", href="/politik/neue-kita-oeffnet-123")
    inner = etree.SubElement(outer, "a", href="/sport/derby-endet-remis-456")
    etree.SubElement(inner, "img")
    assert story_image_link(box) == "/politik/neue-kita-oeffnet-123"
    outer.set("href", "/")
    assert story_image_link(box) == "/sport/derby-endet-remis-456"


def _naive_propagate(leaves, scope):  # type: ignore[no-untyped-def]
    weights: dict = {}
    for _el, weight, node in leaves:
        while node is not None:
            weights[node] = weights.get(node, 0) + weight
            if node is scope:
                break
            node = node.getparent()
    return weights


def test_propagate_sums_each_leaf_up_to_the_scope_in_first_reached_order() -> None:
    rng = random.Random(7)
    for _ in range(200):
        root = etree.Element("html")
        nodes = [root]
        for _ in range(rng.randint(1, 60)):
            nodes.append(etree.SubElement(rng.choice(nodes), "div"))
        scope = rng.choice(nodes[:5])
        below = [n for n in nodes if n is scope or scope in n.iterancestors()]
        leaves = [(n, rng.randint(1, 500), rng.choice(below)) for n in rng.sample(
            below, rng.randint(0, len(below)))]
        if rng.random() < 0.1 and scope.getparent() is not None:
            leaves.append((scope, 40, scope.getparent()))  # a leaf counting above the scope
        expected = _naive_propagate(leaves, scope)
        got = _propagate(leaves, scope)
        assert got == expected
        assert list(got) == list(expected)
