"""parse_date against real-world date strings, each with its exact expected UTC value.

All relative and year-less inputs are read against one fetch time: 2021-12-30 12:00 UTC, which
is 13:00 in Berlin (CET, +01:00). Expected values were worked out by hand from that rule.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

import newscrawl.dates.parse as parse_module
from newscrawl.dates import parse_date, to_iso_z
from newscrawl.dates.parse import is_full_date, read_date

FETCHED = datetime(2021, 12, 30, 12, 0, tzinfo=UTC)

# (raw string, expected UTC in ISO form). Grouped by where such strings come from.
CASES: list[tuple[str, str]] = [
    # ISO basic date form (GateHouse JSON-LD), one-digit seconds.
    ("20201123T11:02:35Z", "2020-11-23T11:02:35Z"),
    ("2020-12-05T23:15:0Z", "2020-12-05T23:15:00Z"),
    # Other languages' date lines (worldwide news pages).
    ("martes 17 de marzo de 2020", "2020-03-16T23:00:00Z"),
    ("7 octobre 2020, 12:30", "2020-10-07T10:30:00Z"),
    ("2020年07月03日", "2020-07-02T22:00:00Z"),
    ("17 марта 2020, 10:15", "2020-03-17T09:15:00Z"),
    ("10. marts 2020", "2020-03-09T23:00:00Z"),  # Danish
    ("12 maja 2020, 08:30", "2020-05-12T06:30:00Z"),  # Polish genitive
    ("3. května 2021", "2021-05-02T22:00:00Z"),  # Czech genitive
    ("15 Ekim 2020", "2020-10-14T22:00:00Z"),  # Turkish
    ("21 вересня 2020", "2020-09-20T22:00:00Z"),  # Ukrainian genitive
    # Levantine month name beside the Egyptian one, evening time (Jordanian news page).
    ("تم نشره الجمعة 24 نيسان / أبريل 2020 09:22 مساءً", "2020-04-24T19:22:00Z"),
    ("3 كانون الثاني 2021 10:05 صباحاً", "2021-01-03T09:05:00Z"),
    # --- Machine-readable (JSON-LD, meta, <time>, data-timestamp) -------------------------
    ("2023-11-01T07:00:00+01:00", "2023-11-01T06:00:00Z"),  # ga.de JSON-LD
    ("2023-10-18T12:50:38+0200", "2023-10-18T10:50:38Z"),  # badische-zeitung.de, no colon
    ("2023-11-01T07:00:00+0100", "2023-11-01T06:00:00Z"),  # ga.de meta[name=date]
    ("2023-11-01 07:00", "2023-11-01T06:00:00Z"),  # ga.de second JSON object, Berlin time
    ("2023-11-01", "2023-10-31T23:00:00Z"),  # itemprop content, date only = Berlin midnight
    ("1698818400", "2023-11-01T06:00:00Z"),  # ga.de data-timestamp (Unix seconds)
    ("1640797500000", "2021-12-29T17:05:00Z"),  # Unix milliseconds
    ("2021-12-29T17:05:00Z", "2021-12-29T17:05:00Z"),
    ("2024-04-22T15:26:46.863186+00:00", "2024-04-22T15:26:46Z"),  # fractional seconds
    ("2024-05-03T14:24:00.000Z", "2024-05-03T14:24:00Z"),
    ("2021-12-29T18:05:00+01", "2021-12-29T17:05:00Z"),  # hour-only offset
    ("2021-12-29T12:05:00-05:00", "2021-12-29T17:05:00Z"),  # negative offset
    ("2021-12-29 18:05:00", "2021-12-29T17:05:00Z"),  # space separator, no offset
    ("2026-01-06 14:02:09 +01:00", "2026-01-06T13:02:09Z"),  # euronews: space before offset
    ("2023-06-29T15:04+0200", "2023-06-29T13:04:00Z"),  # WAZ: no seconds
    ("  2021-12-29T17:05:00Z\n", "2021-12-29T17:05:00Z"),  # whitespace around
    # --- German numeric, visible ---------------------------------------------------------
    ("17.08.2021, 22:16 Uhr", "2021-08-17T20:16:00Z"),
    ("Erstellt: 17.08.2021, 22:16 Uhr", "2021-08-17T20:16:00Z"),
    ("Aktualisiert: 17.08.2021, 22:16 Uhr", "2021-08-17T20:16:00Z"),
    ("01.11.2023, 07:00 Uhr", "2023-11-01T06:00:00Z"),  # ga.de
    ("12.10.2015, 19:16 Uhr", "2015-10-12T17:16:00Z"),  # rnz.de
    ("Mi, 29.12.2021", "2021-12-28T23:00:00Z"),
    ("Mi., 21.10.2020", "2020-10-20T22:00:00Z"),  # wn.de
    ("29.12.21 | 18:30", "2021-12-29T17:30:00Z"),
    ("16:29 07.11.2009", "2009-11-07T15:29:00Z"),  # haz.de, time first
    ("15.09.2012 | 11:00 Uhr", "2012-09-15T09:00:00Z"),  # derwesten.de
    ("Von dpa | 11.05.2023, 19:01 Uhr", "2023-05-11T17:01:00Z"),  # noz.de
    ("Veröffentlicht am 07.02.25 um 07:45 Uhr", "2025-02-07T06:45:00Z"),  # hessenschau.de
    ("Archivierter Artikel vom 23.07.2018, 08:39 Uhr", "2018-07-23T06:39:00Z"),
    ("Von Elisabeth Krafft 15.12.2015, 14:54", "2015-12-15T13:54:00Z"),  # mz.de, no "Uhr"
    ("Donnerstag, 22.02.2018", "2018-02-21T23:00:00Z"),  # badische-zeitung.de day header
    ("Update vom Sonntag, 05.07.2020, 16.30 Uhr:", "2020-07-05T14:30:00Z"),  # hna.de
    ("Update vom Freitag, 03.07.2020, 18 Uhr:", "2020-07-03T16:00:00Z"),  # bare hour
    ("+++ 19.12.2019: Identität von Todesopfer steht fest +++", "2019-12-18T23:00:00Z"),
    ("(06.07.2020)", "2020-07-05T22:00:00Z"),
    ("Mittwoch, den 29.10.2025", "2025-10-28T23:00:00Z"),  # ksta.de newsletter
    ("Ausgabe vom\nSamstag, den 04.05.2024", "2024-05-03T22:00:00Z"),
    ("22.11.2024 07.57", "2024-11-22T06:57:00Z"),  # orf.at: dotted time without "Uhr"
    ("18.07.2024, 11.08 Uhr", "2024-07-18T09:08:00Z"),  # nzz.ch
    ("24.04.2024 • 23:21 Uhr", "2024-04-24T21:21:00Z"),  # sportschau.de
    ("21.04.2024 | 3:18 min", "2024-04-20T22:00:00Z"),  # zdf.de: video length, not a time
    ("SRF 4 News, 15.4.2024, 10:05 Uhr;", "2024-04-15T08:05:00Z"),  # single-digit month
    ("Stand: 24.04.2024 22:58 Uhr", "2024-04-24T20:58:00Z"),  # sportschau.de
    # Two dates on one line: the first one, with its own time only.
    ("Erstellt: 17.08.2021 Aktualisiert: 18.08.2021, 10:00 Uhr", "2021-08-16T22:00:00Z"),
    ("Erstellt: 17. August 2021, 09:00 Uhr · Aktualisiert: 18.08.2021", "2021-08-17T07:00:00Z"),
    # --- German textual months -----------------------------------------------------------
    ("29. Dezember 2021 um 18:30 Uhr", "2021-12-29T17:30:00Z"),
    ("shz.de von\n30. Juli 2018, 18:20 Uhr", "2018-07-30T16:20:00Z"),
    ("Mi, 18. Oktober 2023 | um 12:50 Uhr", "2023-10-18T10:50:00Z"),  # badische-zeitung.de
    ("19. September 2021 um 15:29", "2021-09-19T13:29:00Z"),  # wgaugsburg.de
    ("31. Dezember 2019 um 12:00 Uhr", "2019-12-31T11:00:00Z"),  # nachdenkseiten.de
    ("Alle Artikel vom 03. Februar 2016", "2016-02-02T23:00:00Z"),
    ("3. Sept. 2021", "2021-09-02T22:00:00Z"),
    ("3. Mrz 2021, 9:15 Uhr", "2021-03-03T08:15:00Z"),
    ("15. Jänner 2020", "2020-01-14T23:00:00Z"),  # Austrian
    ("5. März 2021", "2021-03-04T23:00:00Z"),
    ("05. November 2024,10:38", "2024-11-05T09:38:00Z"),  # stern.de, no space after comma
    # --- English --------------------------------------------------------------------------
    ("December 29, 2021 6:30 PM", "2021-12-29T17:30:00Z"),
    ("Dec. 29, 2021", "2021-12-28T23:00:00Z"),
    ("29 Dec 2021 18:30", "2021-12-29T17:30:00Z"),
    ("Wednesday, 29th of December 2021, 12:15 am", "2021-12-28T23:15:00Z"),
    ("12/29/2021", "2021-12-28T23:00:00Z"),  # US order
    ("29/12/2021", "2021-12-28T23:00:00Z"),  # first number > 12: day first
    ("Frankfurt, December 16, 2024, 12:30 Uhr", "2024-12-16T11:30:00Z"),  # boersen-zeitung.de
    ("Dec 29, 2021 6 am", "2021-12-29T05:00:00Z"),
    # German "am" is "on", not a.m.
    ("Um 19:45 am 12.05.2021", "2021-05-12T17:45:00Z"),
    ("10:30 am Freitag, 12.05.2021", "2021-05-12T08:30:00Z"),
    ("18 Uhr am 12.05.2021", "2021-05-12T16:00:00Z"),
    # --- Explicit zones in visible text ---------------------------------------------------
    ("29.12.2021 18:30 UTC", "2021-12-29T18:30:00Z"),
    ("29.12.2021, 18:30 Uhr MEZ", "2021-12-29T17:30:00Z"),
    ("01.07.2021, 18:30 Uhr (MESZ)", "2021-07-01T16:30:00Z"),
    # --- Relative to the fetch time (13:00 Berlin on 2021-12-30) -------------------------
    ("vor 2 Stunden", "2021-12-30T10:00:00Z"),
    ("vor 35 Min.", "2021-12-30T11:25:00Z"),
    ("- vor 9 Stunden", "2021-12-30T03:00:00Z"),  # nordbayern.de
    ("Aktualisiert: vor 2 Stunden", "2021-12-30T10:00:00Z"),
    ("vor 3 Tagen", "2021-12-27T12:00:00Z"),
    ("vor einer Woche", "2021-12-23T12:00:00Z"),
    ("vor 2 Monaten", "2021-10-30T12:00:00Z"),
    ("3 hours ago", "2021-12-30T09:00:00Z"),
    ("vor zwei Tagen", "2021-12-28T12:00:00Z"),
    ("Aktualisiert vor 1 Std.", "2021-12-30T11:00:00Z"),
    ("gerade eben", "2021-12-30T12:00:00Z"),
    ("Soeben aktualisiert", "2021-12-30T12:00:00Z"),
    ("gestern, 18:30 Uhr", "2021-12-29T17:30:00Z"),
    ("heute, 7.05 Uhr", "2021-12-30T06:05:00Z"),
    ("Heute, 12:34 Uhr", "2021-12-30T11:34:00Z"),  # br.de
    ("vorgestern, 9 Uhr", "2021-12-28T08:00:00Z"),
    ("gestern", "2021-12-28T23:00:00Z"),  # day only: Berlin midnight
    ("Nachrichten | heute 19:00 Uhr", "2021-12-30T18:00:00Z"),  # zdf.de: later today
    # --- No year: the year that puts the date closest before the fetch --------------------
    ("- 19.09. 16:49 Uhr", "2021-09-19T14:49:00Z"),  # nordbayern.de
    ("Update vom 15. März, 17.30 Uhr:", "2021-03-15T16:30:00Z"),  # merkur.de ticker
    ("Update: 24. März, 11.38 Uhr.", "2021-03-24T10:38:00Z"),  # msl24.de
    ("(27.2.)", "2021-02-26T23:00:00Z"),  # sol.de
    ("(13. November)", "2021-11-12T23:00:00Z"),
    ("30.12. 18:00 Uhr", "2020-12-30T17:00:00Z"),  # later today -> a year ago
    ("29.02.", "2020-02-28T23:00:00Z"),  # only leap years have it
    # --- No date: a bare time is today, or yesterday if still to come ---------------------
    ("Von Axel Hechelmann - 07:43 Uhr", "2021-12-30T06:43:00Z"),  # augsburger-allgemeine
    ("17:23 Uhr", "2021-12-29T16:23:00Z"),  # haz.de teaser, after 13:00 -> yesterday
    ("Update, 22.16 Uhr - Dritte Evakuierungsmaschine", "2021-12-29T21:16:00Z"),
    ("UPDATE, 18.01 Uhr:", "2021-12-29T17:01:00Z"),  # rosenheim24.de
    ("Update von 11.42 Uhr:", "2021-12-30T10:42:00Z"),  # kreiszeitung.de
    ("Update 20 Uhr:", "2021-12-29T19:00:00Z"),  # wa.de, bare hour
    ("21.07 Uhr: „Wir sind zutiefst erschüttert…“", "2021-12-29T20:07:00Z"),  # ovb-online.de
    ("(Stand 12.00 Uhr)", "2021-12-30T11:00:00Z"),
    # --- RSS pubDate (RFC 822), the "feed" candidates --------------------------------------
    ("Wed, 29 Dec 2021 18:05:00 +0100", "2021-12-29T17:05:00Z"),
    ("Tue, 06 Jul 2021 18:05:00 +0200", "2021-07-06T16:05:00Z"),
    ("Wed, 29 Dec 2021 17:05:00 GMT", "2021-12-29T17:05:00Z"),
    ("Wed, 29 Dec 2021 12:05:00 -0500", "2021-12-29T17:05:00Z"),
    ("Mi, 29 Dez 2021 18:05:00 +0100", "2021-12-29T17:05:00Z"),  # German day/month names
    # --- URLs -----------------------------------------------------------------------------
    ("https://www.example-zeitung.de/archiv/2016/02/03/", "2016-02-02T23:00:00Z"),
    ("https://www.mainpost.de/datum.=26-04-2011/", "2011-04-25T22:00:00Z"),
    # --- Free text for dateparser ---------------------------------------------------------
    ("Dezember 2021", "2021-11-30T23:00:00Z"),  # month only: first day
]

# Both daylight-saving switches of 2021 in Berlin: 28 March 02:00 CET -> 03:00 CEST and
# 31 October 03:00 CEST -> 02:00 CET.
DST_CASES: list[tuple[str, str]] = [
    ("27.03.2021, 12:00 Uhr", "2021-03-27T11:00:00Z"),  # still winter time
    ("28.03.2021, 01:59 Uhr", "2021-03-28T00:59:00Z"),  # last winter minute
    ("28.03.2021, 02:30 Uhr", "2021-03-28T01:30:00Z"),  # does not exist: read as +01:00
    ("2021-03-28 02:00", "2021-03-28T01:00:00Z"),  # does not exist: read as +01:00
    ("28.03.2021, 03:00 Uhr", "2021-03-28T01:00:00Z"),  # first summer minute
    ("28.03.2021", "2021-03-27T23:00:00Z"),  # midnight before the switch
    ("29.03.2021", "2021-03-28T22:00:00Z"),  # midnight after it
    ("31.10.2021, 01:59 Uhr", "2021-10-30T23:59:00Z"),
    ("31.10.2021, 02:30 Uhr", "2021-10-31T00:30:00Z"),  # repeated hour: first (summer)
    ("2021-10-31 02:30", "2021-10-31T00:30:00Z"),
    ("2021-10-31T02:30:00+01:00", "2021-10-31T01:30:00Z"),  # an offset picks the second
    ("31.10.2021, 03:00 Uhr", "2021-10-31T02:00:00Z"),  # winter time again
    ("01.11.2021, 12:00 Uhr", "2021-11-01T11:00:00Z"),
]

# Nothing here is a date; every one must give None (and never raise).
NOT_DATES: list[object] = [
    "",
    "   ",
    "Erstellt:",  # rosenheim24.de: value rendered client-side
    "Erstellt: Aktualisiert:",  # ovb-online.de
    "asdf",
    "32.13.2021",
    "31.02.2021, 10:00 Uhr",
    "2021-13-45",
    "2021-12-29T25:00:00Z",
    "25:61 Uhr",
    "Seite 3 von 10",
    "Telefon 0911 / 23 45 67",
    "1234",
    "99999999999999999999",
    "https://www.shz.de/lokales/artikel-id20576607.html",
    "2021-12-29T10:00:00+25:00",
    "13:00 pm",
    "\x00\x00\x00",
    "x" * 100_000,
    "17.08.2021, 22:16 Uhr " * 50,  # a date repeated into a huge string is not a date line
    None,
    12345,
    b"2021-12-29",
]


@pytest.mark.parametrize(("raw", "expected"), CASES + DST_CASES)
def test_parses_to_exact_utc(raw: str, expected: str) -> None:
    result = parse_date(raw, fetched_at=FETCHED)
    assert result is not None, raw
    assert result.utcoffset() is not None and result.utcoffset().total_seconds() == 0
    assert to_iso_z(result) == expected


@pytest.mark.parametrize("raw", NOT_DATES, ids=lambda r: repr(r)[:30])
def test_not_a_date_gives_none(raw: object) -> None:
    assert parse_date(raw, fetched_at=FETCHED) is None  # type: ignore[arg-type]


def test_cases_are_distinct() -> None:
    raws = [raw for raw, _ in CASES + DST_CASES]
    assert len(set(raws)) == len(raws) >= 60


def test_fractional_seconds_are_kept() -> None:
    result = parse_date("2021-12-29T17:05:00.123456789Z", fetched_at=FETCHED)
    assert result == datetime(2021, 12, 29, 17, 5, 0, 123456, tzinfo=UTC)


def test_naive_fetch_time_is_utc() -> None:
    naive = parse_date("vor 2 Stunden", fetched_at=datetime(2021, 12, 30, 12, 0))
    assert naive == datetime(2021, 12, 30, 10, 0, tzinfo=UTC)


def test_relative_day_across_spring_switch() -> None:
    # Fetched on the Monday after the switch; "gestern" is the switch day, already summer time.
    fetched = datetime(2021, 3, 29, 8, 0, tzinfo=UTC)
    result = parse_date("gestern, 18:30 Uhr", fetched_at=fetched)
    assert result == datetime(2021, 3, 28, 16, 30, tzinfo=UTC)


def test_year_inferred_across_new_year() -> None:
    fetched = datetime(2022, 1, 2, 9, 0, tzinfo=UTC)
    result = parse_date("- 31.12. 23:10 Uhr", fetched_at=fetched)
    assert result == datetime(2021, 12, 31, 22, 10, tzinfo=UTC)


@pytest.fixture
def dateparser_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record the strings that reach dateparser (still parsing them)."""
    calls: list[str] = []
    real = parse_module.parse_free_text

    def counting(text: str, fetched_at: datetime) -> datetime | None:
        calls.append(text)
        return real(text, fetched_at)

    monkeypatch.setattr(parse_module, "parse_free_text", counting)
    return calls


def test_fast_path_does_not_call_dateparser(dateparser_calls: list[str]) -> None:
    for raw, _ in CASES[:-1] + DST_CASES:  # all but the free-text case at the end
        parse_date(raw, fetched_at=FETCHED)
    for raw in NOT_DATES:
        parse_date(raw, fetched_at=FETCHED)  # type: ignore[arg-type]
    assert dateparser_calls == []


def test_free_text_goes_to_dateparser(dateparser_calls: list[str]) -> None:
    assert parse_date("Dezember 2021", fetched_at=FETCHED) is not None
    assert dateparser_calls == ["dezember 2021"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # Only dateparser knows these; they must count from the fetch time (Thursday
        # 2021-12-30, 13:00 Berlin), never from the clock of the machine running the parser.
        ("letzte Woche", "2021-12-23T12:00:00Z"),
        ("Freitag", "2021-12-23T23:00:00Z"),  # the Friday before: 24 Dec, Berlin midnight
        ("Montag", "2021-12-26T23:00:00Z"),
    ],
)
def test_dateparser_relative_text_counts_from_fetch_time(raw: str, expected: str) -> None:
    result = parse_date(raw, fetched_at=FETCHED)
    assert result is not None
    assert to_iso_z(result) == expected


def test_to_iso_z_converts_and_drops_microseconds() -> None:
    from zoneinfo import ZoneInfo

    local = datetime(2021, 12, 29, 18, 5, 0, 999999, tzinfo=ZoneInfo("Europe/Berlin"))
    assert to_iso_z(local) == "2021-12-29T17:05:00Z"
    assert to_iso_z(datetime(2021, 12, 29, 17, 5)) == "2021-12-29T17:05:00Z"


def test_one_shared_dateparser_instance() -> None:
    from newscrawl.dates import freetext

    parse_date("Dezember 2021", fetched_at=FETCHED)
    shared = freetext._get_parser()
    parse_date("letzte Woche", fetched_at=datetime(2020, 1, 1, tzinfo=UTC))
    assert freetext._get_parser() is shared


@pytest.mark.parametrize("raw", [
    "2021-12-29T17:05:00+01:00", "2021-12-29", "20201123T11:02:35Z", "1640793900",
    "1640793900000", "https://example.org/2021/12/29/story", "/2021/12/29/story",
    "29.12.2021, 18:05 Uhr", "vor 2 Stunden", "gestern, 18:30 Uhr", "12.03., 14:05", "17:23 Uhr",
    "29. Dezember 2021", "Dezember 2021", "no date here", "", "2021-13-45", "99999999999",
])
def test_read_date_is_parse_date_and_says_when_the_stamp_is_full(raw: str) -> None:
    """``read_date`` reads as ``parse_date`` does; what it reads as a machine stamp or a URL
    is a full date by ``is_full_date`` too (``resolve_dates`` skips that second reading)."""
    value, machine = read_date(raw, fetched_at=FETCHED)
    assert value == parse_date(raw, fetched_at=FETCHED)
    if machine:
        assert value is not None and is_full_date(raw)
