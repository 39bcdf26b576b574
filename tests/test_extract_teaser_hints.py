"""Lead hints of the teaser finder: a lead class or id, or a lead name in a data-* attribute."""

from __future__ import annotations

from lxml import etree

from newscrawl.extract.teaser import _lead_hint, find_teaser
from newscrawl.extract.tree import parse_html


def _el(markup: str) -> etree._Element:
    return etree.fromstring(markup)


def test_lead_hint_by_class_id_or_data_attribute() -> None:
    assert _lead_hint(_el('<div class="article-lead"/>'))
    assert _lead_hint(_el('<p id="intro"/>'))
    assert _lead_hint(_el('<div class="css-1485smx" data-manual="teaserText"/>'))
    assert _lead_hint(_el('<div data-testid="article-lead" class="x"/>'))
    assert not _lead_hint(_el('<div class="css-1485smx" data-testid="article-body"/>'))
    long_value = '{"type": "lead", "padding": "xxxxxxxxxxxxxxxxx"}'  # JSON, not a name
    assert not _lead_hint(_el(f"<div data-json='{long_value}'/>"))
    assert not _lead_hint(_el("<div/>"))


def test_a_data_named_lead_is_the_teaser() -> None:
    root = parse_html(
        "<html><body><article><h1>Titel</h1>"
        '<div class="sc-a1"><p data-testid="article-lead">Der Stadtrat hat am Montag den '
        "Haushalt beschlossen, nach langer Debatte.</p></div>"
        "<p>Erster Absatz der Geschichte mit viel mehr Text als der Vorspann hat.</p>"
        "</article></body></html>")
    scope = root.find(".//article")
    assert find_teaser(scope, None, [], set()) == (
        "Der Stadtrat hat am Montag den Haushalt beschlossen, nach langer Debatte.")
