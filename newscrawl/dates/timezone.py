"""Europe/Berlin wall time -> UTC, and the ISO form used in items.

Rules (docs/dates.md): a local time without offset is Europe/Berlin. The hour repeated when
summer time ends (October) reads as its first, summer-time occurrence (``fold=0``). A time that
does not exist because clocks jump forward (March, 02:00-02:59) is read with the offset in
force before the jump (+01:00), i.e. it lands the length of the gap later on the wall clock
(02:30 -> 01:30 UTC = 03:30 CEST); it never raises.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

BERLIN = ZoneInfo("Europe/Berlin")


def berlin_to_utc(local: datetime) -> datetime:
    """Read a naive wall-clock time as Europe/Berlin and return it in UTC."""
    # fold=0 picks the first occurrence of a repeated hour and the pre-transition offset in
    # the spring gap; both are what zoneinfo does for fold=0.
    return local.replace(tzinfo=BERLIN, fold=0).astimezone(UTC)


def with_offset_to_utc(local: datetime, offset_minutes: int) -> datetime:
    """Read a naive time with an explicit UTC offset (in minutes) and return it in UTC."""
    return local.replace(tzinfo=timezone(timedelta(minutes=offset_minutes))).astimezone(UTC)


def as_utc(dt: datetime) -> datetime:
    """Return ``dt`` in UTC; a naive ``dt`` is taken to be UTC (how fetch times are kept)."""
    if dt.tzinfo is None:
        return dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC)


def fetch_time(value: str | datetime | None) -> datetime:
    """A page's fetch time (an item's ``fetched_at``, ISO with ``Z``, or a datetime) as an aware
    UTC datetime; now when unknown or unreadable (the item is then stamped now)."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if value:
        try:
            return datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(UTC)
        except ValueError:
            pass
    return datetime.now(UTC)


def berlin_now(fetched_at: datetime) -> datetime:
    """The fetch time as naive Europe/Berlin wall-clock time (the reader's "now")."""
    return as_utc(fetched_at).astimezone(BERLIN).replace(tzinfo=None)


def to_iso_z(dt: datetime) -> str:
    """Format as ISO 8601 UTC with ``Z`` and whole seconds: ``2021-12-29T17:05:00Z``."""
    return as_utc(dt).strftime("%Y-%m-%dT%H:%M:%SZ")


def now_iso_z() -> str:
    """The current time as ``to_iso_z`` writes it (for record-keeping timestamps)."""
    return to_iso_z(datetime.now(UTC))
