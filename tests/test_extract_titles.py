"""Titles on pages no family knows: fixtures/titles, one page per failure class."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newscrawl.extract import extract_article
from newscrawl.extract.sectionnames import section_names
from newscrawl.extract.siteaffix import complete, is_site_title, strip_site_affixes, trim_to_sources
from newscrawl.extract.tree import parse_html

PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "titles"
URL = "https://www.stadtbote.example/lokales/artikel-1.html"


@pytest.mark.parametrize("page", sorted(p.stem for p in PAGES.glob("*.html")))
def test_title_is_the_printed_headline(page: str) -> None:
    gold = json.loads((PAGES / f"{page}.json").read_text())
    article = extract_article((PAGES / f"{page}.html").read_text(), gold["url"])
    assert article.title == gold["title"]


def test_segments_other_sources_print_are_the_headline() -> None:
    og = "Neue Kita öffnet im August – Lokales – Kreiszeitung Nord"
    assert trim_to_sources(og, ["Neue Kita öffnet im August"]) == "Neue Kita öffnet im August"
    # A colon kicker is part of the headline as sites write it; a one-word label agrees on nothing.
    assert trim_to_sources("Spannungen: Biden will reden", ["Biden will reden"]) == (
        "Spannungen: Biden will reden")
    assert trim_to_sources("Lokales - Neue Kita", ["Lokales"]) == "Lokales - Neue Kita"
    # A dash inside a headline is not an affix when nothing else prints the shorter text.
    title = "Zwei Rücktritte - und viele offene Fragen"
    assert trim_to_sources(title, ["Etwas ganz anderes hier"]) == title


def test_site_prefix_needs_the_site_name_not_a_place() -> None:
    assert strip_site_affixes("Stadtbote - Brücke bleibt gesperrt", None, URL) == (
        "Brücke bleibt gesperrt")
    hamburg = "https://www.abendblatt-hamburg.example/x"
    assert strip_site_affixes("Hamburg | Senat beschließt Haushalt", None, hamburg) == (
        "Hamburg | Senat beschließt Haushalt")


def test_site_title_shares_no_word_with_the_headline() -> None:
    site = "Stadtbote – Nachrichten aus der Region"
    assert is_site_title(site, "Stadtbote", URL, "Musikschule sucht neue Räume")
    assert not is_site_title(site, "Stadtbote", URL, "Nachrichten aus der Region im Mai")
    # The site name last is a story's SEO title, whatever the printed h1 says.
    assert not is_site_title("Stadia im Test - Stadtbote", "Stadtbote", URL, "Anderes Thema")


def test_only_a_capped_headline_is_completed() -> None:
    full = "Nach monatelangem Streit einigen sich Kreis und Land auf die Umgehungsstraße"
    assert complete(full[:40] + "…", [full]) == full
    short = "EZB-Zinsentscheid: Sinkt der Leitzins? Klare Ansage"
    assert complete(short, [short + " von Profis"]) == short


def test_section_names_are_affixes_only_where_the_page_names_them() -> None:
    sections = frozenset({"wirtschaft"})
    url = "https://www.stadtbote.example/wirtschaft/artikel-1.html"
    assert strip_site_affixes("Händler klagen – Wirtschaft – Stadtbote", None, url, sections) == (
        "Händler klagen")
    assert strip_site_affixes("Wirtschaft | Händler klagen", None, url, sections) == (
        "Händler klagen")
    # Without the page's word for it a trailing segment is part of the headline.
    assert strip_site_affixes("Zwei Rücktritte - und viele offene Fragen", None, url, sections) == (
        "Zwei Rücktritte - und viele offene Fragen")


def test_section_names_come_from_metadata_and_links_to_the_urls_sections() -> None:
    page = parse_html('<html><body><nav><a href="/lokales/">Lokales</a> '
                      '<a href="https://www.stadtbote.example/lokales/neustadt/">Neustadt</a> '
                      '<a href="/sport/">Sport</a> <a href="https://other.example/lokales/">Fremd</a>'
                      '</nav></body></html>')
    url = "https://stadtbote.example/lokales/neustadt/kita-oeffnet-1.html"
    assert section_names(page, "Politik", url) == {"politik", "lokales", "neustadt"}


def test_an_og_title_is_completed_only_when_an_ellipsis_marks_it_cut() -> None:
    full = "Nach monatelangem Streit einigen sich Kreis und Land endlich auf die Umgehungsstraße"
    assert complete(full[:60] + " …", [full], capped=False) == full
    long_og = "A" * 110 + " headline"
    assert complete(long_og, [long_og + " ~ Blog name"], capped=False) == long_og


def test_an_h1_that_is_only_the_dachzeile_becomes_the_kicker() -> None:
    page = PAGES / "Stadtbote_2024_05_28.html"
    article = extract_article(page.read_text(), URL)
    assert article.title == "Händler klagen über fehlende Parkplätze"
    assert article.kicker == "Parkplätze"
