"""resolve_dates: trust order, sanity limits, modified-vs-published and disagreement rules."""

from __future__ import annotations

from datetime import UTC, datetime

from newscrawl.article import DateCandidate
from newscrawl.dates import DateResolution, resolve_dates

FETCHED = datetime(2021, 12, 30, 12, 0, tzinfo=UTC)


def resolve(*candidates: tuple[str, str, str]) -> DateResolution:
    """Resolve (field, source, raw) triples against FETCHED."""
    return resolve_dates([DateCandidate(*c) for c in candidates], fetched_at=FETCHED)


def test_most_trusted_parsable_candidate_wins() -> None:
    result = resolve(
        ("published", "jsonld", "Erstellt:"),  # not a date: skipped
        ("published", "meta", "2021-12-29T18:05:00+01:00"),
        ("published", "text", "29.12.2021, 18:05 Uhr"),
    )
    assert result.published_at == datetime(2021, 12, 29, 17, 5, tzinfo=UTC)
    assert result.published_source == "meta"
    assert result.published_raw == "2021-12-29T18:05:00+01:00"
    assert "source/meta" in result.events
    assert "missing/published" not in result.events


def test_candidates_out_of_order_still_follow_trust() -> None:
    result = resolve(
        ("published", "url", "https://example.de/2021/12/01/story"),
        ("published", "text", "29.12.2021, 18:30 Uhr"),
        ("published", "jsonld", "2021-12-29T18:05:00+01:00"),
    )
    assert result.published_source == "jsonld"
    assert result.published_at == datetime(2021, 12, 29, 17, 5, tzinfo=UTC)


def test_future_date_falls_back_to_sane_lower_trust_candidate() -> None:
    result = resolve(
        ("published", "jsonld", "2031-12-29T18:05:00+01:00"),
        ("published", "text", "29.12.2021, 18:05 Uhr"),
    )
    assert result.published_at == datetime(2021, 12, 29, 17, 5, tzinfo=UTC)
    assert result.published_source == "text"
    assert result.published_raw == "29.12.2021, 18:05 Uhr"
    assert "rejected/future" in result.events
    assert "source/text" in result.events


def test_only_future_dates_leave_value_empty_but_keep_raw() -> None:
    result = resolve(("published", "jsonld", "2031-12-29T18:05:00+01:00"))
    assert result.published_at is None
    assert result.published_source is None
    assert result.published_raw == "2031-12-29T18:05:00+01:00"
    assert result.events == ["rejected/future", "missing/published"]


def test_less_than_a_day_ahead_is_tolerated() -> None:
    result = resolve(("published", "jsonld", "2021-12-31T10:00:00Z"))  # fetch + 22 h
    assert result.published_at == datetime(2021, 12, 31, 10, 0, tzinfo=UTC)


def test_more_than_a_day_ahead_is_rejected() -> None:
    result = resolve(("published", "jsonld", "2021-12-31T12:00:01Z"))  # fetch + 24 h 1 s
    assert result.published_at is None
    assert "rejected/future" in result.events


def test_before_1995_is_too_old() -> None:
    result = resolve(
        ("published", "jsonld", "1970-01-01T00:00:00Z"),
        ("published", "meta", "31.12.1994, 23:00 Uhr"),  # 22:00 UTC, still too old
    )
    assert result.published_at is None
    assert result.published_raw == "1970-01-01T00:00:00Z"
    assert result.events == ["rejected/too_old", "missing/published"]


def test_modified_before_published_is_dropped() -> None:
    result = resolve(
        ("published", "jsonld", "2021-12-29T18:05:00+01:00"),
        ("modified", "jsonld", "2021-12-28T10:00:00+01:00"),
    )
    assert result.published_at == datetime(2021, 12, 29, 17, 5, tzinfo=UTC)
    assert result.modified_at is None
    assert result.modified_source is None
    assert result.modified_raw == "2021-12-28T10:00:00+01:00"
    assert "rejected/modified_before_published" in result.events


def test_modified_falls_back_to_next_candidate_after_published() -> None:
    result = resolve(
        ("published", "jsonld", "2021-12-29T18:05:00+01:00"),
        ("modified", "jsonld", "2021-12-28T10:00:00+01:00"),
        ("modified", "meta", "2021-12-30T09:00:00+01:00"),
    )
    assert result.modified_at == datetime(2021, 12, 30, 8, 0, tzinfo=UTC)
    assert result.modified_source == "meta"
    assert "rejected/modified_before_published" in result.events


def test_modified_without_published_dates_the_page() -> None:
    # A page that says only when it last changed ("Stand: ...") was published no later.
    result = resolve(("modified", "meta", "2021-12-30T09:00:00+01:00"))
    assert result.published_at == datetime(2021, 12, 30, 8, 0, tzinfo=UTC)
    assert (result.published_source, result.published_raw) == ("meta", "2021-12-30T09:00:00+01:00")
    assert result.modified_at == datetime(2021, 12, 30, 8, 0, tzinfo=UTC)
    assert result.events == ["published/from_modified", "source/meta"]


def test_published_date_is_not_taken_from_modified_when_the_page_has_one() -> None:
    result = resolve(("published", "text", "29.12.2021, 18:05 Uhr"),
                     ("modified", "meta", "2021-12-30T09:00:00+01:00"))
    assert (result.published_source, result.published_at) == (
        "text", datetime(2021, 12, 29, 17, 5, tzinfo=UTC))
    assert "published/from_modified" not in result.events


def test_structured_wins_over_disagreeing_visible_date() -> None:
    result = resolve(
        ("published", "jsonld", "2021-12-29T18:05:00+01:00"),
        ("published", "text", "01.12.2021, 09:00 Uhr"),
    )
    assert result.published_source == "jsonld"
    assert result.published_at == datetime(2021, 12, 29, 17, 5, tzinfo=UTC)
    assert "disagreement" in result.events


def test_visible_date_within_a_day_is_no_disagreement() -> None:
    result = resolve(
        ("published", "meta", "2021-12-29T18:05:00+01:00"),
        ("published", "text", "30.12.2021, 08:00 Uhr"),  # 13 h later: an update time
    )
    assert result.published_source == "meta"
    assert "disagreement" not in result.events


def test_no_candidates() -> None:
    result = resolve()
    assert result == DateResolution(events=["missing/published"])


def test_unparsable_candidates_keep_first_raw() -> None:
    result = resolve(("published", "text", "Erstellt:"), ("modified", "text", "Aktualisiert:"))
    assert result.published_at is None
    assert result.published_raw == "Erstellt:"
    assert result.modified_raw == "Aktualisiert:"
    assert result.events == ["missing/published"]


def test_relative_visible_date_resolves_against_fetch_time() -> None:
    result = resolve(("published", "text", "vor 2 Stunden"))
    assert result.published_at == datetime(2021, 12, 30, 10, 0, tzinfo=UTC)
    assert result.events == ["source/text"]


def test_candidates_as_dicts_from_json() -> None:
    candidates = [
        {"field": "published", "source": "jsonld", "raw": "2021-12-29T18:05:00+01:00"},
        {"field": "modified", "source": "meta", "raw": "2021-12-30T09:00:00+01:00"},
    ]
    result = resolve_dates(candidates, fetched_at=FETCHED)  # type: ignore[arg-type]
    assert result.published_at == datetime(2021, 12, 29, 17, 5, tzinfo=UTC)
    assert result.modified_source == "meta"


def test_yearless_stamp_counts_only_without_a_full_date() -> None:
    result = resolve(
        ("published", "text", "12.12., 14:05 Uhr"),  # read against the fetch: 2021-12-12
        ("published", "text", "Erstellt am 11.12.2020"),
    )
    assert result.published_at == datetime(2020, 12, 10, 23, 0, tzinfo=UTC)
    alone = resolve(("published", "text", "12.12., 14:05 Uhr"))
    assert alone.published_at == datetime(2021, 12, 12, 13, 5, tzinfo=UTC)


def test_url_day_overrules_a_choice_on_another_day() -> None:
    result = resolve(
        ("published", "jsonld", "2021-12-14T00:38:07Z"),  # re-stamped
        ("published", "meta", "2021-12-13T16:38:07Z"),
        ("published", "url", "2021-12-13"),
    )
    assert result.published_at == datetime(2021, 12, 13, 16, 38, 7, tzinfo=UTC)
    assert "url_check/overruled" in result.events


def test_runner_up_is_recorded() -> None:
    result = resolve(
        ("published", "jsonld", "2021-12-29T18:05:00+01:00"),
        ("published", "jsonld", "2021-12-28T10:00:00+01:00"),  # same source: not a runner-up
        ("published", "text", "29.12.2021, 18:05 Uhr"),
    )
    assert result.published_runner_up == "text: 29.12.2021, 18:05 Uhr"
    assert "disagreement" not in result.events
