"""``resolve_dates``: an article's date candidates -> published and modified timestamps.

Per field the most trusted candidate that parses and is sane wins. Sane means not later than
one day after the fetch and not before 1995 (no German paper was online earlier); a modified
date must not precede the published one. A stamp that needs the fetch time to be read (no
year, a relative age, a bare time) counts only when no candidate states a full date. The URL's
date is a check: when the choice is days off it and another full date agrees with it, that
one wins. A page with only a modified date ("Stand: …") is dated by it. Each decision is
recorded as an event, a stat-key suffix for ``newscrawl/dates/<event>``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from newscrawl.article import DateCandidate
from newscrawl.dates.parse import is_full_date, read_date
from newscrawl.dates.timezone import as_utc, berlin_now

# Order of trust, as extraction emits them; sorting by it keeps the rule true for any caller.
SOURCE_TRUST: tuple[str, ...] = ("jsonld", "meta", "time", "text", "url", "feed", "footer",
                                  "script")
EARLIEST = datetime(1995, 1, 1, tzinfo=UTC)
# Clock skew and time zones on the publisher side: up to a day "in the future" is tolerated.
FUTURE_TOLERANCE = timedelta(days=1)
# Visible and structured dates routinely differ by hours (time zone, update vs. first print).
DISAGREEMENT = timedelta(days=1)

def berlin_date(value: datetime) -> date:
    """The calendar day of an instant in Europe/Berlin."""
    return berlin_now(value).date()


@dataclass(slots=True)
class DateResolution:
    """The chosen dates (UTC) with the raw strings and sources they came from.

    ``*_raw`` is the chosen candidate's string; when every candidate was rejected it is the
    first rejected one, so the record shows what the page said. ``published_runner_up`` is
    the next sane published candidate from another source ("text: 12.03.2021"), kept so a
    wrong choice can be seen in the record.
    """

    published_at: datetime | None = None
    published_raw: str | None = None
    published_source: str | None = None
    modified_at: datetime | None = None
    modified_raw: str | None = None
    modified_source: str | None = None
    published_runner_up: str | None = None
    events: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Parsed:
    candidate: DateCandidate
    value: datetime
    full: bool


def resolve_dates(candidates: list[DateCandidate], *, fetched_at: datetime) -> DateResolution:
    """Choose published/modified dates from candidates (most trusted first).

    ``candidates`` may also be dicts with ``field``/``source``/``raw`` (as stored in JSON).
    """
    fetched = as_utc(fetched_at)
    result = DateResolution()
    ordered = sorted((_as_candidate(c) for c in candidates), key=_trust_rank)
    read: dict[str, tuple[datetime | None, bool]] = {}
    published = _parse_field(ordered, "published", fetched, read)
    modified = _parse_field(ordered, "modified", fetched, read)

    chosen = _choose(published, fetched, None, result.events)
    if chosen is None:
        # A page that says only when it last changed ("Stand: 19.10.2019 11:05 Uhr", an
        # article:modified_time alone) was published no later: that is the date it shows.
        chosen = _choose(modified, fetched, None, [])
        if chosen is not None:
            result.events.append("published/from_modified")
    if chosen is not None:
        result.published_at = chosen.value
        result.published_source = chosen.candidate.source
        result.events.append(f"source/{chosen.candidate.source}")
        runner_up = _runner_up(chosen, published, fetched)
        if runner_up is not None:
            result.published_runner_up = f"{runner_up.candidate.source}: {runner_up.candidate.raw}"
            if abs(runner_up.value - chosen.value) > DISAGREEMENT:
                result.events.append("disagreement")
    else:
        result.events.append("missing/published")
    result.published_raw = _raw(chosen, published, ordered, "published")

    chosen_mod = _choose(modified, fetched, result.published_at, result.events)
    if chosen_mod is not None:
        result.modified_at = chosen_mod.value
        result.modified_source = chosen_mod.candidate.source
    result.modified_raw = _raw(chosen_mod, modified, ordered, "modified")
    return result


# Sources a page's visible dates come after in the order of trust: the machine-readable ones.
MACHINE_SOURCES = frozenset({"jsonld", "meta"})
# A candidate this close to the future limit might be judged differently by the date stage,
# whose fetch time can be a few seconds later than the extraction's.
_FETCH_MARGIN = timedelta(hours=1)


def settled(candidates: list[DateCandidate], *, fetched_at: datetime) -> bool:
    """Whether the page's machine-readable candidates (JSON-LD, meta) decide its dates so that
    no candidate of lower trust (visible dates, the URL's, a feed's) could change the
    resolution: a sane full published date, on the URL's day when the URL has one; a runner-up
    from the other machine source (so a disagreement is seen as before); a sane full modified
    date. Extraction then need not read the visible dates (``extract.datecands``): the record
    and the source and disagreement stats are those of the full list. ``candidates`` are the
    machine ones and the URL's."""
    fetched = as_utc(fetched_at)
    ordered = sorted(candidates, key=_trust_rank)
    read: dict[str, tuple[datetime | None, bool]] = {}
    limit = fetched + FUTURE_TOLERANCE - _FETCH_MARGIN

    def sure(item: _Parsed, not_before: datetime | None) -> bool:
        return item.full and item.value <= limit and _rejection(
            item.value, fetched, not_before) is None

    published = _parse_field(ordered, "published", fetched, read)
    sane = [p for p in published if _rejection(p.value, fetched, None) is None]
    chosen = next((p for p in sane if p.full), None)
    if chosen is None or chosen.candidate.source not in MACHINE_SOURCES or not sure(chosen, None):
        return False
    if any(p.value > limit for p in published):
        return False  # a stamp near the future limit: the date stage may judge it otherwise
    url = next((p for p in sane if p.candidate.source == "url"), None)
    if url is not None and not _falls_on(chosen.value, berlin_date(url.value)):
        return False  # the URL check may pick a visible date that falls on its day
    runner_up = _runner_up(chosen, published, fetched)
    if runner_up is None or runner_up.candidate.source not in MACHINE_SOURCES:
        return False  # a visible date would be the runner-up
    modified = _parse_field(ordered, "modified", fetched, read)
    first = next((p for p in modified
                  if _rejection(p.value, fetched, chosen.value) is None and p.full), None)
    return (first is not None and first.candidate.source in MACHINE_SOURCES
            and sure(first, chosen.value))


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


def _parse_field(ordered: list[DateCandidate], name: str, fetched: datetime,
                 read: dict[str, tuple[datetime | None, bool]]) -> list[_Parsed]:
    """Parse this field's candidates in trust order, dropping those that are not dates.

    ``read`` keeps each string's value and fullness for the page (a fifth of the candidates
    repeat one: JSON-LD and meta, published and modified)."""
    parsed = []
    for candidate in ordered:
        if candidate.field == name:
            raw = candidate.raw
            known = read.get(raw)
            if known is None:
                value, machine = read_date(raw, fetched_at=fetched)
                known = read[raw] = (value, value is not None and (machine or is_full_date(raw)))
            if known[0] is not None:
                parsed.append(_Parsed(candidate, known[0], known[1]))
    return parsed


def _choose(
    parsed: list[_Parsed], fetched: datetime, not_before: datetime | None, events: list[str]
) -> _Parsed | None:
    """Return the first sane candidate stating a full date (else the first sane stamp that
    needs the fetch time), checked against the URL's date; record why others were rejected."""
    sane: list[_Parsed] = []
    for item in parsed:
        reason = _rejection(item.value, fetched, not_before)
        if reason is None:
            sane.append(item)
        elif reason not in events:
            events.append(reason)
    chosen = next((p for p in sane if p.full), None) or next(iter(sane), None)
    if chosen is None:
        return None
    return _url_check(chosen, sane, events)


def _url_check(chosen: _Parsed, sane: list[_Parsed], events: list[str]) -> _Parsed:
    """A URL's day that the choice does not fall on overrules it when another full date falls
    on that day (a teaser's or a re-stamped date chosen over the story's)."""
    url = next((p for p in sane if p.candidate.source == "url"), None)
    if url is None or chosen is url:
        return chosen
    day = berlin_date(url.value)
    if _falls_on(chosen.value, day):
        return chosen
    agreeing = next((p for p in sane if p.full and p is not url and _falls_on(p.value, day)),
                    None)
    if agreeing is None:
        return chosen
    events.append("url_check/overruled")
    return agreeing


def _falls_on(value: datetime, day: date) -> bool:
    """Whether an instant is on ``day`` in UTC or in Berlin (a URL's day is the site's)."""
    return value.astimezone(UTC).date() == day or berlin_date(value) == day


def _runner_up(chosen: _Parsed, parsed: list[_Parsed], fetched: datetime) -> _Parsed | None:
    """The best sane published candidate from a source other than the chosen one."""
    return next((p for p in parsed if p.candidate.source != chosen.candidate.source
                 and _rejection(p.value, fetched, None) is None), None)


def _rejection(value: datetime, fetched: datetime, not_before: datetime | None) -> str | None:
    if value > fetched + FUTURE_TOLERANCE:
        return "rejected/future"
    if value < EARLIEST:
        return "rejected/too_old"
    if not_before is not None and value < not_before:
        return "rejected/modified_before_published"
    return None


def _raw(
    chosen: _Parsed | None, parsed: list[_Parsed], ordered: list[DateCandidate], name: str
) -> str | None:
    """The chosen raw string, else the first parsed-but-rejected one, else the first seen."""
    if chosen is not None:
        return chosen.candidate.raw
    if parsed:
        return parsed[0].candidate.raw
    return next((c.raw for c in ordered if c.field == name), None)
