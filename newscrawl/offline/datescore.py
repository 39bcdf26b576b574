"""Scoring a record's published date against gold that is exact to the minute or only a day.

realpages carries minute gold (a timestamp); datepages carries day gold
(``"precision": "day"``, a bare ``YYYY-MM-DD``). A day counts as right when the record's
instant falls on it in UTC or in Europe/Berlin, as the datepages README asks: the record stores
an instant, and its day is read where newscrawl's users read it. (A page that prints
"2020-04-16T01:00+05:30" is the 15th in both: a miss, although the 16th where it was printed.)
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

BERLIN = ZoneInfo("Europe/Berlin")


def gold_days(value: str) -> set[date]:
    """The gold day(s): a bare day as is; a timestamp as its UTC and Berlin days (no offset =
    Berlin time)."""
    value = value.strip()
    if len(value) == 10:
        return {date.fromisoformat(value)}
    moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=BERLIN)
    return {moment.astimezone(UTC).date(), moment.astimezone(BERLIN).date()}


def answer_days(value: str | datetime | None) -> set[date]:
    """The days an answer names: an instant's UTC and Berlin days; a bare day (peers answer
    so) as is."""
    if not value:
        return set()
    if isinstance(value, str):
        if len(value.strip()) == 10:
            return {date.fromisoformat(value.strip())}
        value = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if value.tzinfo is None:
        return {value.date()}
    return {value.astimezone(UTC).date(), value.astimezone(BERLIN).date()}


def day_verdict(expected: str, value: str | datetime | None) -> str:
    """"right", "none" (no date) or "wrong" (a date on another day)."""
    got = answer_days(value)
    if not got:
        return "none"
    return "right" if got & gold_days(expected) else "wrong"


def is_day_gold(expected: dict[str, Any]) -> bool:
    """Whether the page's gold names only a day."""
    return expected.get("precision") == "day" or len(str(expected.get("published"))) == 10


def date_summary(verdicts: list[tuple[bool, str]]) -> dict[str, Any]:
    """From (gold is day-only, day verdict) per annotated page: day accuracy, pages without a
    date and pages with a wrong day."""
    return {
        "day_accuracy": (sum(v == "right" for _d, v in verdicts) / len(verdicts)
                         if verdicts else None),
        "day_gold_pages": sum(d for d, _v in verdicts),
        "without_date": sum(v == "none" for _d, v in verdicts),
        "wrong_day": sum(v == "wrong" for _d, v in verdicts),
    }


def format_date_line(summary: dict[str, Any], minute_accuracy: float | None) -> str:
    """One line beside the table: minute and day accuracy, the misses by kind."""
    def fmt(value: float | None) -> str:
        return "-" if value is None else f"{value:.3f}"

    return (f"published: minute accuracy {fmt(minute_accuracy)} (day-only gold scored by day: "
            f"{summary['day_gold_pages']} pages), day accuracy {fmt(summary['day_accuracy'])}, "
            f"{summary['without_date']} pages without a date, {summary['wrong_day']} with a "
            f"wrong day")
