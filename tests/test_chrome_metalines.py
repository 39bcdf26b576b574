"""Meta lines above the story are chrome; such lines inside the story are not
(chrome/metalines.py); a teaser that only repeats the headline is no teaser."""

from __future__ import annotations

from pathlib import Path

import pytest

from newscrawl.article import Block
from newscrawl.chrome import clean_blocks
from newscrawl.chrome.metalines import is_meta_line
from newscrawl.offline.chain import process_page

PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "chrome"


@pytest.mark.parametrize("line", [
    "05/10/2018 - Publicado por: Clarissa Borba - Categoria: Saúde - Tags: sad arrombamento",
    "Von Anna Schmidt | 12.03.2024, 14:00 Uhr | Lesedauer 3 Min.",
    "Erstellt: 12.03.2024, 14:00 Uhr | Aktualisiert: 13.03.2024",
    "Wednesday, September 30, 2020 02:45 PM English | हिंदी",
    "Alta Floresta - MT, 22 de novembro de 2020. 18:20",
    "Fahad Shabbir (@FahadShabbir) 12 minutes ago Wed 29th April 2020 | 03:32 PM",
])
def test_meta_lines_in_many_languages(line: str) -> None:
    assert is_meta_line(line)


@pytest.mark.parametrize("line", [
    "BERLIN - 12.03.2024 - Die Polizei ermittelt.",  # the story's first sentence
    "Berlin - 12.03.2024 - Unfall auf der A9: zwei Verletzte!",
    "7th Amsterdam Light Festival 29 November 2018 | 20 January 2019",  # an event's dates
    "Von Anna Schmidt | Lokales",  # no date: a byline row (authors' business)
    "12.03.2024",  # one piece: a date line (datelines' business)
    "MOSCOW (UrduPoint News / Sputnik - 29th April, 2020) It is impossible to give the exact "
    "date when the closed borders and other restrictions will be lifted",
])
def test_lines_that_are_no_meta_lines(line: str) -> None:
    assert not is_meta_line(line)


def test_a_meta_line_goes_only_above_the_story() -> None:
    meta = Block("p", "12.03.2024 - Veröffentlicht von: Anna Schmidt - Rubrik: Soziales - "
                      "Schlagworte: pflege einbruch")
    prose = Block("p", "Das Team des ambulanten Pflegedienstes hat am Dienstagmorgen entdeckt, "
                       "dass zwei seiner fünf Dienstwagen aufgebrochen worden sind.")
    event = Block("p", "Infoabend | Donnerstag, 14.03.2024 | 18 Uhr | Rathaus, Saal 2")
    result = clean_blocks([meta, prose, event])
    assert result.blocks == [prose, event]
    assert result.dropped == [(meta.text, "meta_line")]


def test_meta_line_and_repeated_headline_are_not_story_text() -> None:
    record = process_page((PAGES / "meta_lines.html").read_text(encoding="utf-8"),
                          "https://www.stadtportal.example/meldungen/einbruch-21956.html")
    assert record is not None
    assert record["title"] == "Einbruch in zwei Fahrzeuge des Pflegedienstes"
    assert record["teaser"] is None  # the headline printed again as a paragraph under itself
    body = [line for line in record["body"].split("\n") if line]
    assert body[0].startswith("Das Team des ambulanten Pflegedienstes")
    # The event's line under the story stays.
    assert body[-1] == "Infoabend zur Sicherheit der Dienstwagen | Donnerstag, 14.03.2024 | " \
                       "18 Uhr | Rathaus, Saal 2"
    assert len(body) == 4
