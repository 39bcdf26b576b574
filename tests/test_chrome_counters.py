"""Counter lines (gallery positions, empty comment counts) in any language (chrome/counters.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newscrawl.chrome.counters import is_counter
from newscrawl.offline.chain import process_page

PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "chrome"


@pytest.mark.parametrize("line", [
    "Image 1 of 5", "Bild 3 von 12", "Foto 2 de 8", "Photo 4 sur 9", "4/9",
    "0 Comments (+)", "0 Post Comment (+)", "Comentarios (0)", "(0) Kommentare",
])
def test_counter_lines(line: str) -> None:
    assert is_counter(line)


@pytest.mark.parametrize("line", [
    "1 tsp cinnamon",  # an ingredient
    "Meal 1",  # a heading of a plan
    "Saison 2019/20", "2020/21", "24/7",  # a season, a year span, a phrase: no position
    "Schritt 6 von 5",  # no position either
    "3 Tore in 5 Spielen",  # a statement
    "Head (2011)",  # a title and its year
])
def test_lines_with_numbers_that_are_no_counters(line: str) -> None:
    assert not is_counter(line)


def test_gallery_positions_and_empty_counters_are_not_body() -> None:
    record = process_page((PAGES / "counters.html").read_text(encoding="utf-8"),
                          "https://www.kreisblatt.example/lokales/schuetzenfest-5300.html")
    assert record is not None
    body = [line for line in record["body"].split("\n") if line]
    assert "Bild 1/3" not in body and "Bild 2/3" not in body
    assert "Kommentare (0)" not in body
    assert "Der Festumzug zog am Samstag durch die Altstadt." in body
    assert "Schritt 2 von 3: der Königsschuss" in body
    assert body[-1].startswith("Geschossen wird in drei Durchgängen")
    assert len(body) == 6
