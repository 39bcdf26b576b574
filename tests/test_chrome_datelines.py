"""Date lines above the story are chrome; dates inside the story are not (chrome/datelines.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newscrawl.article import Block
from newscrawl.chrome import clean_blocks
from newscrawl.chrome.datelines import is_dateline
from newscrawl.offline.chain import process_page

PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "chrome"


@pytest.mark.parametrize("line", [
    "15.12.2020 – 14:49",
    "Dienstag, 15.12.2020 – 14:49 Uhr",
    "Domingo, Diciembre 6, 2020 - 07:32",
    "Apr 02, 2020, 04:11 AM IST",
    "понедельник, 21 сентября 2020, 00:03",
    "/ martes 17 de marzo de 2020",
    "2020-04-01 10:29",
    "17/03/2020",
    # A label of up to three words in front.
    "Aktualisiert am 12.03.2024 um 14:00 Uhr",
    "Zuletzt aktualisiert: Dienstag, 12.03.2024, 14:00 Uhr",
    "First Published: Tuesday, November 19, 2019 08:38 AM",
    "sexta-feira, 22 de outubro de 2010 às 20:13",
    "Published on March 3, 2020 at 10:00 am",
])
def test_date_lines_in_many_languages(line: str) -> None:
    assert is_dateline(line)


@pytest.mark.parametrize("line", [
    "Am 12. März 2020 kam es zu dem Unfall.",  # a sentence with a date
    "2020-09-01 $2,800 Mark Dings",  # a table row: an amount and a name
    "Seit Mai 2022 Chefkontrolleur",  # a bio line
    "— 9to5Mac.com (@9to5mac) November 4, 2019",  # an embedded post's sign-off
    "Last (JTBC, 2015)",  # a year is no calendar date
    "22:11",  # a time alone
    "Die Polizei am 12.03.2024: Festnahme",  # a headline: a long word after the date
    "Aktualisiert: Mai 2024 neu im Angebot",  # a label, but no calendar date after it
])
def test_lines_with_dates_that_are_no_date_lines(line: str) -> None:
    assert not is_dateline(line)


def test_a_date_line_goes_only_above_the_story() -> None:
    prose = Block("p", "Der Kammerchor Altdorf gibt am vierten Advent sein Konzert in der "
                       "Stadtkirche, vor höchstens 120 Besuchern.")
    date = Block("p", "Sonntag, 20.12.2020, 17 Uhr")
    kept = clean_blocks([date, prose, date]).blocks
    assert kept == [prose, date]
    assert clean_blocks([Block("h", date.text), prose]).blocks[0].kind == "h"


def test_the_printed_date_over_a_story_is_not_body() -> None:
    record = process_page((PAGES / "datelines.html").read_text(encoding="utf-8"),
                          "https://www.kreisblatt.example/kultur/adventskonzert-5200.html")
    assert record is not None
    body = [line for line in record["body"].split("\n") if line]
    assert body[0].startswith("Der Kammerchor Altdorf gibt am vierten Advent")
    # Dates inside the story stay: a table row, the event's date line.
    assert "Proben im Gemeindehaus" in body
    assert "2020-11-30 120 Karten Vorverkauf" in body
    assert body[-1] == "Termin: Sonntag, 20.12.2020, 17 Uhr"
    assert len(body) == 6
