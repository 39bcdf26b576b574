"""``date_spots`` passes over other stories' regions (``<nav>``, ``<footer>``, another
``<article>``, a teaser list by its class...) without testing their elements: it must find
exactly the spots that testing every element finds, on any tree."""

from __future__ import annotations

import random
import re

import pytest
from lxml import etree

from newscrawl.extract import datespots
from newscrawl.extract.datespots import (
    DATE_PROPS,
    DATE_TOKEN_PREFIXES,
    LINE_TAGS,
    MAX_BARE_LINE,
    date_spots,
)

_TAGS = ("div", "span", "p", "nav", "footer", "aside", "article", "figure", "form", "a",
         "time", "dd", "dt", "h1", "h2", "section", "li", "NAV", "svg", "A")
_TEXTS = ("", "12.03.2021", "vor 2 Std.", "Stand: 14.03.2022 10:00", "March 3, 2020",
          "hello world " * 5, "7", "Aktualisiert am 3. Mai 2021 um 12:00 Uhr")
_NAMES = ("date", "byline", "teaser", "related-list", "meta-info", "x", "publishDate", "footer",
          "relatedBox", "promotion", "Kommentare", "foo2teaser")
_PROPS = ("datePublished", "dateModified", "author", "name", "")
_TYPES = ("https://schema.org/ImageObject", "https://schema.org/NewsArticle",
          "https://schema.org/WebPage")


_PREFIX = re.compile("|".join(DATE_TOKEN_PREFIXES), re.IGNORECASE)


def _every_element(root: etree._Element, headline: etree._Element | None,
                   story: set[etree._Element],
                   ) -> tuple[int, list[tuple[int, etree._Element]], set[etree._Element]]:
    """The plain walk: every element of ``root`` tested, as before regions were passed over,
    and each then checked for another story's region all the way up (``about_other_story``)."""
    found = [(i, el) for i, el in enumerate(root.iter())
             if (tag := el.tag) in {"time", "dt", "dd"} or el is headline
             or (tag in LINE_TAGS and not len(el) and (text := el.text)
                 and len(text) <= MAX_BARE_LINE and re.search(r"\d", text))
             or el.get("itemprop") in DATE_PROPS
             or any(_PREFIX.search(el.get(name) or "") for name in ("class", "id"))]
    anchor = next((i for i, el in found if el is headline), 0) if headline is not None else 0
    return anchor, found, {el for _i, el in found}


def _tree(rnd: random.Random, depth: int = 0) -> etree._Element:
    el = etree.Element(rnd.choice(_TAGS))
    for name, share, values in (("class", 0.4, _NAMES), ("id", 0.1, _NAMES),
                                ("itemprop", 0.15, _PROPS), ("itemtype", 0.1, _TYPES)):
        if rnd.random() < share:
            el.set(name, rnd.choice(values))
    if rnd.random() < 0.15:
        el.set("itemscope", "")
    if rnd.random() < 0.1:
        el.set("datetime", "2021-03-12T10:00:00Z")
    el.text = rnd.choice(_TEXTS)
    for _ in range(rnd.randint(0, 4 if depth < 3 else 2) if depth < 5 else 0):
        child = _tree(rnd, depth + 1)
        child.tail = rnd.choice(_TEXTS)
        el.append(child)
    if rnd.random() < 0.05:
        el.append(etree.Comment("1.2.2020"))
    return el


def test_same_spots_as_testing_every_element(monkeypatch: pytest.MonkeyPatch) -> None:
    rnd = random.Random(16)
    cases = spotted = 0
    for _ in range(600):
        page = etree.Element("html")
        body = _tree(rnd)
        body.tag = "body"
        page.append(body)
        for el, share in ((body, 0.3), (page, 0.2)):
            if rnd.random() < share:
                el.set("itemscope", "")
            if rnd.random() < share:
                el.set("class", rnd.choice(_NAMES))
        elements = list(body.iter())
        for headline in (None, body, *rnd.sample(elements, min(3, len(elements)))):
            for root in (body, page):
                found = date_spots(root, headline)
                with monkeypatch.context() as patch:
                    patch.setattr(datespots, "_maybe_date", _every_element)
                    assert found == date_spots(root, headline), etree.tostring(page)
                cases += 1
                spotted += bool(found)
    assert cases > 4_000 and spotted > 1_000  # the trees do hold dates


def _body(html: str) -> etree._Element:
    return etree.fromstring(f"<html>{html}</html>", etree.HTMLParser()).find("body")


def test_a_footer_date_of_the_headlines_item_is_kept() -> None:
    body = _body('<body itemscope itemtype="https://schema.org/NewsArticle"><h1>Title</h1>'
                 '<footer><span itemprop="datePublished" content="2021-03-12"></span></footer>'
                 '<nav><time datetime="2024-01-01">1.1.2024</time></nav></body>')
    spots = date_spots(body, body.find("h1"))
    assert [(s.raw, s.field) for s in spots] == [("2021-03-12", "published")]


def test_a_footer_in_an_item_of_its_own_is_passed_over() -> None:
    body = _body('<body itemscope itemtype="https://schema.org/NewsArticle"><h1>Title</h1>'
                 '<footer itemscope itemtype="https://schema.org/WebPage">'
                 '<span itemprop="datePublished" content="2021-03-12"></span></footer>'
                 '<p>12.03.2021</p></body>')
    assert [s.raw for s in date_spots(body, body.find("h1"))] == ["12.03.2021"]
