"""parse_date and resolve_dates never raise, whatever the page throws at them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from newscrawl.article import DateCandidate
from newscrawl.dates import parse_date, resolve_dates

# Fragments real date lines are made of, so generated strings reach the deep branches.
_PIECES = st.sampled_from(
    [
        "17.08.2021", "29.", "02.", "2021", "21", ", ", " | ", "22:16", "7.05", " Uhr", "um ",
        "Dezember", "Sept.", "Jänner", "vor ", "2 ", "Stunden", "Min.", "gestern", "heute",
        "T", "Z", "+01:00", "-", "/", "pm", "MESZ", "Erstellt: ", "99", "0", "\n", "ä",
    ]
)
_DATE_LIKE = st.lists(_PIECES, max_size=12).map("".join)
_FETCHED = st.datetimes(
    min_value=datetime(1996, 1, 1), max_value=datetime(2090, 1, 1), timezones=st.just(UTC)
)


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(_DATE_LIKE, st.text(max_size=60)), fetched_at=_FETCHED)
def test_parse_date_returns_utc_or_none(text: str, fetched_at: datetime) -> None:
    result = parse_date(text, fetched_at=fetched_at)
    assert result is None or result.utcoffset() == timedelta(0)


@settings(max_examples=100, deadline=None)
@given(
    raws=st.lists(_DATE_LIKE, max_size=5),
    fields=st.lists(st.sampled_from(["published", "modified"]), min_size=5, max_size=5),
    sources=st.lists(
        st.sampled_from(["jsonld", "meta", "time", "text", "url", "feed"]), min_size=5, max_size=5
    ),
)
def test_resolve_dates_keeps_its_invariants(
    raws: list[str], fields: list[str], sources: list[str]
) -> None:
    fetched = datetime(2021, 12, 30, 12, 0, tzinfo=UTC)
    candidates = [DateCandidate(f, s, r) for r, f, s in zip(raws, fields, sources, strict=False)]
    result = resolve_dates(candidates, fetched_at=fetched)
    for value in (result.published_at, result.modified_at):
        assert value is None or datetime(1995, 1, 1, tzinfo=UTC) <= value
        assert value is None or value <= fetched + timedelta(days=1)
    if result.published_at and result.modified_at:
        assert result.modified_at >= result.published_at
    assert ("missing/published" in result.events) == (result.published_at is None)


_MONATE = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
           "Oktober", "November", "Dezember"]
_TAGE = ["Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"]
# Ways pages print one moment (local Berlin wall time, minute precision).
_RENDERINGS: list[Callable[[datetime], str]] = [
    lambda d: d.strftime("%d.%m.%Y, %H:%M Uhr"),
    lambda d: d.strftime("Erstellt: %d.%m.%Y, %H:%M Uhr"),
    lambda d: d.strftime("%d.%m.%y | %H:%M"),
    lambda d: d.strftime("%H:%M %d.%m.%Y"),
    lambda d: d.strftime("%d.%m.%Y | %H.%M Uhr"),
    lambda d: f"{_TAGE[d.weekday()]}., {d:%d.%m.%Y}, {d:%H:%M}",
    lambda d: f"{d.day}. {_MONATE[d.month - 1]} {d.year} um {d:%H:%M} Uhr",
    lambda d: f"{d:%B} {d.day}, {d.year} {d:%I:%M %p}",
    lambda d: d.strftime("%Y-%m-%d %H:%M"),
    lambda d: d.strftime("%Y-%m-%dT%H:%M:00"),
]


@settings(max_examples=300, deadline=None)
@given(
    local=st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2068, 12, 31)),
    render=st.sampled_from(_RENDERINGS),
)
def test_printed_berlin_time_round_trips(
    local: datetime, render: Callable[[datetime], str]
) -> None:
    local = local.replace(second=0, microsecond=0, fold=0)  # the repeated hour reads as its first
    expected = local.replace(tzinfo=ZoneInfo("Europe/Berlin")).astimezone(UTC)
    assert parse_date(render(local), fetched_at=datetime(2070, 1, 1, tzinfo=UTC)) == expected
