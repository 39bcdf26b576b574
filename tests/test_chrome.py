"""Chrome removal: UI lines go, real prose with the same words stays."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newscrawl.article import Block
from newscrawl.chrome import clean_blocks, looks_like_chrome, strip_inline_chrome
from newscrawl.chrome.phrases import PHRASES

CHROME_LINES = [
    "Startseite", "Icon Pfeil nach unten", "• |", "• | • |", "Diskutieren Sie mit",
    "0 Kommentare", "Dieser Artikel kann nicht mehr kommentiert werden", "Artikel vorlesen",
    "Teilen", "Drucken", "Anzeige", "1 von 45", "9 Bilder", "Foto: Patrick Semansky, dpa",
    "© dpa", "Bild: picture alliance/dpa | Frank Molter", "Erstellt: 17.08.2021, 22:16 Uhr",
    "Aktualisiert: 18.08.2021, 07:30 Uhr", "29.12.21 | 18:30", "Lesezeit: 3 min",
    "Mehr Nachrichten aus Deutschland und der Welt lesen hier.", "Zur Startseite",
    "Kostenpflichtiger Inhalt:", "Exklusiv für SVZ+ Nutzer", "Zum Abo-Shop",
    "Jetzt Newsletter abonnieren", "Von dpa | 11.05.2023, 19:01 Uhr",
    "Wir benötigen Ihre Zustimmung, um den externen Inhalt anzuzeigen",
    "Sie möchten kommentieren? Melden Sie sich an.", "Hat dir dieser Artikel gefallen? Ja Nein",
    "STR/AFP via Getty Images", "+", "Plus", "Archivierter Artikel vom 23.07.2018, 08:39 Uhr",
    "Jetzt weiterlesen mit HAZ+", "Lesen Sie alle Artikel für 0,99 € im ersten Monat.",
    "Wie groß ist die Gefahr einer Eskalation? 21.04.2024 | 3:18 min",
    "15.04.2026 - 15:48 UhrLesedauer: 2 Min.", "Personen-Box aufklappen Personen-Box zuklappen",
    "Empfohlener redaktioneller Inhalt", "28. April 2023, 19:50 Uhr",
    "Freitag, 28.04.2023, 19:25", "25.10.2025 - 15:26 Uhr", "Von Monique de Cleur",
    "von Oliver Kring", "Von t-online, jse", "News folgen",
    "Mehr zum Thema finden Sie auch im wöchentlichen Zins-Check:",
    'Dieser Artikel ist zuerst bei "Capital" erschienen.',
    "Waffenlieferungen an Israel: . In: Legal Tribune Online, 20.10.2025 , "
    "https://www.lto.de/persistent/a_id/58420 (abgerufen am: 20.10.2025 )",
]

PROSE = [
    "Die Anwohnerin hat Anzeige gegen Unbekannt erstattet, nachdem ihr Rad gestohlen wurde.",
    "Anzeige erstattet hat auch der Hausmeister, der den Einbruch am Morgen entdeckte.",
    "In einem Kommentar schrieb der Bürgermeister, die Stadt werde die Kosten übernehmen.",
    "Auf der Startseite des Portals war die Meldung am Morgen ganz oben zu sehen.",
    "Ein Foto zeigt die Brücke kurz vor der Sprengung im vergangenen Sommer.",
    "Bei zehn Grad plus ist an Skibetrieb nicht zu denken, sagte der Liftbetreiber.",
    "Ein Plus gebe es dennoch: Die Übernachtungszahlen lagen über dem Vorjahr.",
    "Lesen Sie auch mal wieder ein Buch, riet die Bibliothekarin den Schülern.",
    "Von den 20 Teilnehmern erreichten nur zwölf das Ziel am Rathausplatz.",
    "Augsburg - Die Schausteller ziehen eine gemischte Bilanz des Sommerfestivals.",
    "Der Newsletter der Stadt erscheint künftig wöchentlich, teilte das Presseamt mit.",
    "Teilen wollte der Verein die Einnahmen mit der Jugendabteilung.",
    "Die Strafanzeige wurde inzwischen an die Staatsanwaltschaft weitergeleitet.",
    "Das Deutschlandticket kostet künftig 58 Euro im Monat, teilte der Verkehrsverbund mit.",
    "Jetzt weiterlesen will niemand mehr, sagte die Lehrerin über die Lektüre im Unterricht.",
    "Mit dpa-Material arbeiten viele Redaktionen, doch die Lokalzeitung recherchiert selbst.",
    "Von Berlin aus fuhr die Delegation am Freitag weiter nach Hamburg.",
    "von oben betrachtet sieht die Baustelle wie ein Spielplatz aus, sagte der Architekt.",
    "Dieser Artikel ist zuerst bei den Lesern auf Kritik gestoßen, dann bei der Politik.",
    "Am Freitag, 28.04.2023, um 19:25 Uhr beginnt die Sitzung im Rathaus.",
]


@pytest.mark.parametrize("line", CHROME_LINES)
def test_chrome_lines_are_chrome(line: str) -> None:
    assert looks_like_chrome(line)


@pytest.mark.parametrize("line", PROSE)
def test_prose_is_not_chrome(line: str) -> None:
    assert not looks_like_chrome(line)
    assert strip_inline_chrome(line) == line


def test_prose_survives_at_the_edges_of_the_body() -> None:
    # Edge-zone phrases (first/last lines) must still leave whole sentences alone.
    for line in PROSE:
        assert [b.text for b in clean_blocks([Block("p", line)]).blocks] == [line]


def test_clean_blocks_drops_chrome_keeps_prose() -> None:
    blocks = [Block("p", "Startseite"), Block("p", "Ukraine-Konflikt: Biden will sprechen")]
    blocks += [Block("p", text) for text in PROSE]
    blocks += [Block("p", "Anzeige"), Block("p", "Diskutieren Sie mit")]
    result = clean_blocks(blocks, title="Ukraine-Konflikt: Biden will sprechen")
    assert [b.text for b in result.blocks] == PROSE
    reasons = dict(result.dropped)
    assert reasons["Startseite"] == "nav"
    assert reasons["Ukraine-Konflikt: Biden will sprechen"] == "title"
    assert reasons["Anzeige"] == "ad"


def test_clean_blocks_duplicates_captions_and_teaser() -> None:
    teaser = "Vor den Gesprächen wollen Biden und Putin miteinander telefonieren."
    caption = "US-Präsident Joe Biden bei einer Rede im Weißen Haus."
    para = "Das Gespräch sei auf Wunsch Moskaus zustande gekommen, hieß es in Washington."
    blocks = [Block("p", teaser), Block("p", para), Block("p", caption), Block("p", para)]
    result = clean_blocks(blocks, teaser=teaser, captions=[caption])
    assert [b.text for b in result.blocks] == [para]
    assert sorted(r for _t, r in result.dropped) == ["caption", "duplicate", "teaser_repeat"]


def test_related_section_cuts_the_tail_but_not_the_story() -> None:
    story = [Block("p", f"Absatz {i} der Geschichte mit genug Worten für einen Satz.")
             for i in range(4)]
    tail = [Block("h", "Weitere Themen"), Block("p", "Ein ganz anderer Artikel im Teaser.")]
    result = clean_blocks(story + tail)
    assert result.blocks == story
    # Early in the body the same header only drops itself.
    early = clean_blocks([story[0], Block("h", "Mehr zum Thema"), *story[1:]])
    assert early.blocks == story


def test_menu_runs_and_orphan_heading() -> None:
    menu = [Block("p", w) for w in ("Politik", "Wirtschaft", "Sport", "Kultur", "Reise")]
    story = Block("p", "Die Stadt hat am Dienstag den neuen Haushalt beschlossen.")
    result = clean_blocks([*menu, story, Block("h", "Newsticker")])
    assert result.blocks == [story]


def test_strip_inline_chrome() -> None:
    text = ("Moskau fordert Garantien. (Lesen Sie auch: Für echte Verständigung muss Putin …) "
            "Die USA lehnen das ab.")
    assert strip_inline_chrome(text) == "Moskau fordert Garantien. Die USA lehnen das ab."
    assert strip_inline_chrome("Das Coronavirus* verbreitet sich in Deutschland*.") == \
        "Das Coronavirus verbreitet sich in Deutschland."
    assert strip_inline_chrome("Die Innenstadt (zur Bildergalerie) ist voll.") == \
        "Die Innenstadt ist voll."


def test_every_phrase_is_documented_and_compiles() -> None:
    for phrase in PHRASES:
        assert phrase.note and phrase.reason and phrase.zone in {"any", "edge"}
        if phrase.kind == "regex":
            re.compile(phrase.pattern)


_WORDS = ["Die", "Stadt", "hat", "am", "Dienstag", "Anzeige", "Kommentar", "Foto", "Startseite",
          "Plus", "Lesen", "Sie", "auch", "den", "Haushalt", "beschlossen", "und", "der",
          "Bürgermeister", "sagte", "erstattet", "Teilen", "Newsletter", "Abo", "mehr"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=9, max_size=30))
def test_fuzz_sentences_with_trap_words_survive(words: list[str]) -> None:
    # A sentence of nine or more words that ends with a full stop is never a chrome label.
    sentence = " ".join(["Die", "Stadt", *words]) + "."
    assert not looks_like_chrome(sentence)
    result = clean_blocks([Block("p", sentence)])
    assert [b.text for b in result.blocks] == [sentence]


def test_inline_chrome_is_stripped_before_the_line_is_judged() -> None:
    result = clean_blocks([
        Block("p", "News folgen (öffnet im neuen Fenster)"),
        Block("p", "Der Akku hält länger (öffnet im neuen Fenster) als gedacht."),
    ])
    assert [b.text for b in result.blocks] == ["Der Akku hält länger als gedacht."]


def test_heading_over_a_dropped_disclaimer_goes_with_it() -> None:
    story = "Die Stadt hat den Haushalt für das kommende Jahr am Dienstag verabschiedet."
    result = clean_blocks([
        Block("p", story),
        Block("h", "Hinweis:"),
        Block("p", "Gastkommentare wie dieser hier müssen nicht der Meinung der Redaktion "
                   "entsprechen."),
        Block("h", "Was die Stadt jetzt plant"),
        Block("p", story.replace("Dienstag", "Mittwoch")),
        Block("h", "Zwischentitel"),
        Block("p", story.replace("Dienstag", "Freitag")),
    ])
    assert [b.text for b in result.blocks] == [
        story, "Was die Stadt jetzt plant", story.replace("Dienstag", "Mittwoch"),
        "Zwischentitel", story.replace("Dienstag", "Freitag")]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab \n\t\u00a0\u00ad\u2028\x1c.") | st.characters(),
               max_size=30))
def test_line_normalisation_is_split_and_join(text: str) -> None:
    """Normalised lines (most) are taken as they are: the same as splitting and joining them."""
    from newscrawl.chrome.filter import _norm

    for line in (text, " ".join(text.split())):
        assert _norm(line) == " ".join(line.split())
