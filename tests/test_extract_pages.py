"""extract_article on the layout pages in fixtures/pages (written for these tests)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newscrawl.chrome import clean_blocks
from newscrawl.extract import extract_article
from newscrawl.families import FunkeFamily

PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "pages"


def page(name: str) -> str:
    return (PAGES / f"{name}.html").read_text(encoding="utf-8")


def body_texts(article) -> list[str]:
    captions = [i.caption for i in article.images if i.caption]
    result = clean_blocks(article.blocks, title=article.title, teaser=article.teaser,
                          captions=captions)
    return [b.text for b in result.blocks]


def test_funke_plus_drops_caesar_text_and_boxes() -> None:
    a = extract_article(page("funke_plus"),
                        "https://www.waz.de/staedte/essen/article123456789/anwohnerparken.html")
    assert a.is_article and a.extractor == "family:funke"
    assert a.title == "Anwohnerparken in Essen wird teurer"  # JSON-LD headline, not og:title
    assert a.paywalled and a.paywall_blocks_dropped == 2
    texts = body_texts(a)
    assert texts[0].startswith("Essen. Wer in der Innenstadt wohnt")
    assert "Kritik aus der Opposition" in texts
    assert not any("Mehr zum Thema" in t or t.startswith(">>") for t in texts)
    assert not any("Knöllchen" in t or "kommentiert" in t for t in texts)
    assert a.authors == ["Jana Beispiel", "WAZ"]
    assert [(d.field, d.source) for d in a.date_candidates] == [
        ("published", "jsonld"), ("modified", "jsonld")]
    assert a.canonical_url.endswith("/article123456789/anwohnerparken.html")
    assert a.tags == ["Essen", "Parken", "Stadtrat"]


def test_rp_random_letters_kicker_and_credit() -> None:
    a = extract_article(page("rp_paywall"),
                        "https://rp-online.de/nrw/staedte/duesseldorf/krisengipfel_aid-58407283")
    assert a.extractor == "generic"  # no selectors in the RP profile: generic body
    assert a.title == "Oberbürgermeister ruft Krisengipfel ein"
    assert a.kicker == "Nach Chaos in der Altstadt"
    assert a.paywalled and a.paywall_blocks_dropped == 2
    assert a.teaser.startswith("Nach dem Andrang am Rheinufer")
    assert a.images[0].caption == "Tausende Menschen feierten am Wochenende am Rheinufer."
    assert a.images[0].credit == "Hendrik Gaasterland"
    texts = body_texts(a)
    assert len(texts) == 2 and texts[0].startswith("Düsseldorf Am Pfingstwochenende")
    sources = [d.source for d in a.date_candidates]
    assert sources == sorted(sources, key=["jsonld", "meta", "time", "text", "url"].index)


def test_mhn_shuffled_words_are_dropped() -> None:
    a = extract_article(page("noz_shuffle"),
                        "https://www.noz.de/deutschland-welt/artikel/explosion-44710186")
    assert a.paywall_blocks_dropped == 2 and a.paywalled
    assert len(body_texts(a)) == 2
    assert ("published", "text") in [(d.field, d.source) for d in a.date_candidates]


def test_ippen_ticker_entries_in_order() -> None:
    a = extract_article(page("ippen_ticker"),
                        "https://www.rosenheim24.de/bayern/hochwasser-ticker-90925144.html")
    assert a.extractor == "family:ippen"
    assert a.kicker is None or a.kicker == "Unwetter"
    assert a.teaser.startswith("Nach tagelangem Regen")
    tickers = [b.text for b in a.blocks if b.kind == "ticker"]
    assert [t.split(":")[0] for t in tickers] == ["Update, 07.30 Uhr", "Update, 06.10 Uhr",
                                                  "Erstmeldung, 22.16 Uhr"]
    assert [b.text for b in a.blocks if b.kind == "h"] == ["Katastrophenfall ausgerufen"]
    assert not any("Zustimmung" in b.text for b in a.blocks)
    assert a.images[0].credit == "Markus Beispiel"
    text_dates = [d.raw for d in a.date_candidates if d.source == "text"]
    assert "Erstellt: 17.08.2021, 22:16 Uhr" in text_dates


def test_generic_page_keeps_prose_with_trap_words() -> None:
    a = extract_article(page("generic_blog"),
                        "https://stadtanzeiger.example/2021/12/29/neue-bruecke/")
    assert a.is_article and a.extractor == "generic"
    texts = body_texts(a)
    assert any("Anzeige gegen Unbekannt erstattet" in t for t in texts)
    assert any("in einem Kommentar der Verwaltung" in t for t in texts)
    assert "Anzeige" not in texts and "Diskutieren Sie mit" not in texts
    assert not any("Haushalt" in t or "Seitenleiste" in t for t in texts)
    assert a.authors == ["Petra Probe"]
    assert [(d.source, d.raw) for d in a.date_candidates] == [
        ("text", "29. Dezember 2021 um 18:30 Uhr"), ("url", "2021-12-29")]


@pytest.mark.parametrize("name", ["gallery", "section_index", "csr_app"])
def test_non_articles(name: str) -> None:
    assert not extract_article(page(name), "https://stadt.example/x").is_article


def test_client_rendered_page_needs_rendering() -> None:
    assert extract_article(page("csr_app"), "https://app.example/news/1").needs_rendering
    assert not extract_article(page("generic_blog"), "https://x.example/a").needs_rendering


def test_truncated_page_with_broken_json_ld() -> None:
    a = extract_article(page("truncated"), "https://stadt.example/stadtwerke.html")
    assert a.is_article and a.title == "Stadtwerke erhöhen Preise"
    assert a.authors == ["Tina Test"]
    assert a.blocks[-1].text.endswith("gegebenenfalls zu wechseln, wenn")


@pytest.mark.parametrize("html", ["", "   ", "<html", "<<<>>>", "\x00\x01", "<p>kurz</p>"])
def test_garbage_never_raises(html: str) -> None:
    assert not extract_article(html, "https://x.example/").is_article


def test_family_profile_without_body_falls_back_to_generic() -> None:
    # A Funke URL whose layout changed: no div.article-body any more.
    html = page("generic_blog")
    a = extract_article(html, "https://www.waz.de/x/article1/y.html", family=FunkeFamily)
    assert a.extractor == "generic"
    assert any("Fußgängerbrücke" in b.text for b in a.blocks)


def test_generic_page_without_boxes_hidden_text_or_repeated_headline() -> None:
    a = extract_article(page("generic_boxes"),
                        "https://www.kreisbote.example/stadt/stadtrat-beschliesst-radweg-1.html")
    texts = body_texts(a)
    assert a.title == "Stadtrat beschließt neuen Radweg"
    # The JSON-LD alternative headline printed at the top of the body is not body text.
    assert "Verkehr: Endlich ein Radweg an der Hauptstraße" not in texts
    assert not a.teaser or "Push-Benachrichtigungen" not in a.teaser
    joined = " ".join(texts)
    for box_text in ("Kopfbereich", "Push-Benachrichtigungen", "Anna Beispiel", "Verkehrsplanerin",
                     "Kreisbote am Morgen", "jederzeit kündbar", "für Sie ausgewählt",
                     "Neue Kita", "Lesen Sie hier mehr", "Die Stadt muss sparen"):
        assert box_text not in joined, box_text
    assert texts[-1] == ("Die Entscheidung fiel einstimmig, nur die Frage der Beleuchtung "
                         "wurde vertagt.")
    assert any(t.startswith("Die Kosten von rund 1,2 Millionen Euro") for t in texts)
    assert any(t.startswith("Anwohner hatten seit Jahren") for t in texts)


def test_vowel_rotated_paywall_is_dropped_by_the_page_rule(stats_crawler) -> None:
    """The paid part in vowel-rotated German ("Doi Uppusotoun krotosoirti..."): each paragraph
    alone passes as an unknown language; against the page's German it is text in no language."""
    from newscrawl.crawl.article_page import count_extraction

    a = extract_article(page("vowel_paywall"),
                        "https://www.example-tageblatt.de/ahlen/hallenbad-wird-saniert-123.html")
    assert a.is_article and a.paywalled and a.paywall_blocks_dropped == 3
    texts = body_texts(a)
    assert [t[:20] for t in texts] == ["Ahlen. Der Stadtrat ", "Vorausgegangen war e",
                                       "Die Verwaltung hatte"]
    assert not any("Bärgirmiostir" in t or "Uppusotoun" in t or "zanöchst" in t
                   for t in (b.text for b in a.blocks))
    count_extraction(stats_crawler.stats, a, None)
    assert stats_crawler.stats.get_value("newscrawl/extract/paywall_blocks_dropped") == 3
    assert stats_crawler.stats.get_value("newscrawl/extract/paywalled") == 1


@pytest.fixture
def stats_crawler():
    from scrapy.utils.test import get_crawler

    return get_crawler()
