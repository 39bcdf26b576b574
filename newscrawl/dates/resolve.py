"""``resolve_dates``: an article's date candidates -> published and modified timestamps.

Per field the most trusted candidate that parses and is sane wins. Sane means not later than
one day after the fetch and not before 1995 (no German paper was online earlier); a modified
date must not precede the published one. Each decision is recorded as an event, a stat-key
suffix for ``newscrawl/dates/<event>``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from newscrawl.article import DateCandidate
from newscrawl.dates.parse import parse_date
from newscrawl.dates.timezone import as_utc

# Order of trust, as extraction emits them; sorting by it keeps the rule true for any caller.
SOURCE_TRUST: tuple[str, ...] = ("jsonld", "meta", "time", "text", "url", "feed")
STRUCTURED_SOURCES = frozenset({"jsonld", "meta", "time"})
EARLIEST = datetime(1995, 1, 1, tzinfo=UTC)
# Clock skew and time zones on the publisher side: up to a day "in the future" is tolerated.
FUTURE_TOLERANCE = timedelta(days=1)
# Visible and structured dates routinely differ by hours (time zone, update vs. first print).
DISAGREEMENT = timedelta(days=1)


@dataclass(slots=True)
class DateResolution:
    """The chosen dates (UTC) with the raw strings and sources they came from.

    ``*_raw`` is the chosen candidate's string; when every candidate was rejected it is the
    first rejected one, so the record shows what the page said.
    """

    published_at: datetime | None = None
    published_raw: str | None = None
    published_source: str | None = None
    modified_at: datetime | None = None
    modified_raw: str | None = None
    modified_source: str | None = None
    events: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Parsed:
    candidate: DateCandidate
    value: datetime


def resolve_dates(candidates: list[DateCandidate], *, fetched_at: datetime) -> DateResolution:
    """Choose published/modified dates from candidates (most trusted first).

    ``candidates`` may also be dicts with ``field``/``source``/``raw`` (as stored in JSON).
    """
    fetched = as_utc(fetched_at)
    result = DateResolution()
    ordered = sorted((_as_candidate(c) for c in candidates), key=_trust_rank)
    published = _parse_field(ordered, "published", fetched)
    modified = _parse_field(ordered, "modified", fetched)

    chosen = _choose(published, fetched, None, result.events)
    if chosen is not None:
        result.published_at = chosen.value
        result.published_source = chosen.candidate.source
        result.events.append(f"source/{chosen.candidate.source}")
        _check_disagreement(chosen, published, result.events)
    else:
        result.events.append("missing/published")
    result.published_raw = _raw(chosen, published, ordered, "published")

    chosen_mod = _choose(modified, fetched, result.published_at, result.events)
    if chosen_mod is not None:
        result.modified_at = chosen_mod.value
        result.modified_source = chosen_mod.candidate.source
    result.modified_raw = _raw(chosen_mod, modified, ordered, "modified")
    return result


def _as_candidate(candidate: DateCandidate | Mapping[str, str]) -> DateCandidate:
    """Accept candidates that went through JSON (stored items, re-processing) as dicts."""
    if isinstance(candidate, Mapping):
        return DateCandidate(candidate["field"], candidate["source"], candidate["raw"])
    return candidate


def _trust_rank(candidate: DateCandidate) -> int:
    try:
        return SOURCE_TRUST.index(candidate.source)
    except ValueError:  # an unknown source is trusted least
        return len(SOURCE_TRUST)


def _parse_field(ordered: list[DateCandidate], name: str, fetched: datetime) -> list[_Parsed]:
    """Parse this field's candidates in trust order, dropping those that are not dates."""
    parsed = []
    for candidate in ordered:
        if candidate.field == name:
            value = parse_date(candidate.raw, fetched_at=fetched)
            if value is not None:
                parsed.append(_Parsed(candidate, value))
    return parsed


def _choose(
    parsed: list[_Parsed], fetched: datetime, not_before: datetime | None, events: list[str]
) -> _Parsed | None:
    """Return the first sane candidate, recording why earlier ones were rejected."""
    for item in parsed:
        reason = _rejection(item.value, fetched, not_before)
        if reason is None:
            return item
        if reason not in events:
            events.append(reason)
    return None


def _rejection(value: datetime, fetched: datetime, not_before: datetime | None) -> str | None:
    if value > fetched + FUTURE_TOLERANCE:
        return "rejected/future"
    if value < EARLIEST:
        return "rejected/too_old"
    if not_before is not None and value < not_before:
        return "rejected/modified_before_published"
    return None


def _check_disagreement(chosen: _Parsed, parsed: list[_Parsed], events: list[str]) -> None:
    """Record "disagreement" when the first visible date is over a day off the structured one."""
    if chosen.candidate.source not in STRUCTURED_SOURCES:
        return
    visible = next((p for p in parsed if p.candidate.source == "text"), None)
    if visible is not None and abs(visible.value - chosen.value) > DISAGREEMENT:
        events.append("disagreement")


def _raw(
    chosen: _Parsed | None, parsed: list[_Parsed], ordered: list[DateCandidate], name: str
) -> str | None:
    """The chosen raw string, else the first parsed-but-rejected one, else the first seen."""
    if chosen is not None:
        return chosen.candidate.raw
    if parsed:
        return parsed[0].candidate.raw
    return next((c.raw for c in ordered if c.field == name), None)
