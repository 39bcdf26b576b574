"""Class/id hints and the container finder on small hand-written layouts."""

from __future__ import annotations

from lxml import etree

from newscrawl.extract.body import PageIndex, default_skip, find_container
from newscrawl.extract.hints import is_boilerplate, tokens
from newscrawl.extract.tree import parse_html

PARA = "<p>Der Stadtrat hat am Dienstag nach langer Debatte den Haushalt für 2025 beschlossen.</p>"


def el(html: str) -> etree._Element:
    return parse_html(f"<html><body>{html}</body></html>").find("body")[0]


def test_tokens_split_bem_and_camel_case() -> None:
    assert {"article", "related", "links"} <= tokens(el('<div class="article__related-links">'))
    assert {"frn", "ad", "sky"} <= tokens(el('<div id="frnAdSky">'))
    assert "ad" not in tokens(el('<div class="header">'))


def test_boilerplate_hints() -> None:
    assert is_boilerplate(el('<div class="Authorstyled__Wrapper-sc-1d0i0-1">'))
    assert is_boilerplate(el('<div class="Headerstyled__Overline-sc-8yq1k0-0">'))
    assert is_boilerplate(el('<aside class="content">'))
    assert is_boilerplate(el('<div class="newsletter-box">'))
    assert not is_boilerplate(el('<div class="article-body">'))
    assert not is_boilerplate(el('<div class="headline">'))


def test_container_skips_sidebar_but_not_layout_wrapper() -> None:
    html = (
        '<html><body><div class="container without-sidebar"><main><article class="story">'
        + PARA * 6 + '</article><div class="sidebar">' + PARA * 2
        + "</div></main></div></body></html>"
    )
    root = parse_html(html)
    body = root.find("body")
    container, skip = find_container(body, default_skip, PageIndex(body))
    assert container is not None and container.get("class") == "story"
    assert not skip(root.find(".//div[@class='container without-sidebar']"))
    assert skip(root.find(".//div[@class='sidebar']"))


def test_no_prose_no_container() -> None:
    root = parse_html("<html><body><ul><li><a href='/a'>Politik</a></li></ul></body></html>")
    body = root.find("body")
    assert find_container(body, default_skip, PageIndex(body))[0] is None


def test_layers_that_open_with_a_close_button() -> None:
    """A layer's first child is a button its markup names a close control, of at most two
    words; every other element is no layer."""
    from newscrawl.extract.hints import is_closable_layer
    from newscrawl.extract.tree import parse_html

    root = parse_html(
        '<html><body><div id="a"><button class="fbpopup-close">x</button><p>Hi</p></div>'
        '<div id="b"><span>1</span><button class="close"></button></div>'
        '<div id="c"><button aria-label="next"></button></div>'
        '<div id="d"><button data-modal-closebtn="">Close this now</button></div>'
        '<section id="e"><button id="feedback-close"></button></section></body></html>')
    assert {el.get("id") for el in root.iter() if is_closable_layer(el)} == {"a", "e"}
