"""Human-readable dates as printed on German (and English) news pages.

Finds one calendar date (``17.08.2021``, ``29. Dezember 2021``, ``December 29, 2021``,
``gestern``) and one clock time (``22:16``, ``17.30 Uhr``, ``18 Uhr``, ``6:30 pm``) anywhere in a
short line, so prefixes such as "Erstellt:", "Von dpa |", "Archivierter Artikel vom" and weekday
names need no rules of their own. Missing parts are filled in from the fetch time:
no year -> the year that puts the date closest before the fetch; no date -> the fetch day
(or the day before, if the time is still to come). Raises ValueError for impossible values.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from newscrawl.dates.timezone import berlin_now, berlin_to_utc, with_offset_to_utc
from newscrawl.dates.vocabulary import DAY_WORDS, MONTHS, ZONE_OFFSETS

_MONTH = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
_ZONE = "|".join(sorted(ZONE_OFFSETS, key=len, reverse=True))

# 17.08.2021 / 7.2.25 / 19.09. (no year) / "17. 08. 2021"; the year must not be the start of
# a time ("19.09. 16:49") so it is only taken when it follows the dot directly.
_NUMERIC_DMY = re.compile(r"(?<![\d.])(\d{1,2})\.\s?(\d{1,2})\.(?:(\d{4}|\d{2})(?![\d]|[:.]\d))?")
# 2023-11-01 inside a line ("Stand: 2023-11-01 07:00").
_NUMERIC_YMD = re.compile(r"(?<!\d)(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?!\d)")
# English-style 12/29/2021 (month first; read day first when the first number exceeds 12).
_NUMERIC_SLASH = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?![\d/])")
# A second name of the same month after a slash ("24 نيسان / أبريل 2020": Levantine and
# Egyptian names side by side).
_ALSO_NAMED = rf"(?:\s*/\s*(?:{_MONTH})\b)?"
# 29. Dezember 2021 / 15. März / 29 December 2021 / 29th of December 2021 / 3. Sept. 2021.
_TEXT_DMY = re.compile(
    rf"(?<![\d.])(\d{{1,2}})(?:\.|st|nd|rd|th)?\s*(?:(?:of|de)\s+)?({_MONTH})\b\.?{_ALSO_NAMED}"
    r"(?:,?\s*(?:de\s+)?(\d{4}))?(?!\d)"
)
# 2020年7月3日 / 2020년 03월 04일 (Chinese, Japanese, Korean pages).
_CJK_YMD = re.compile(r"(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]")
# December 29, 2021 / Dec. 29 2021.
_TEXT_MDY = re.compile(
    rf"\b({_MONTH})\b\.?\s*(\d{{1,2}})(?:st|nd|rd|th)?(?![\d.:])(?:,?\s*(\d{{4}})(?!\d))?"
)
_DAY_WORD = re.compile(r"\b(" + "|".join(DAY_WORDS) + r")\b")
# English am/pm. German "am" means "on" ("10:30 am Freitag", "19 Uhr am 12.05."), so "am" only
# counts at the end of the line, before punctuation or before a zone name.
# Arabic pages write "09:22 مساءً" (evening, p.m.) and "صباحاً" (morning, a.m.).
_MERIDIEM = (rf"(?:pm|p\.m\.|a\.m\.|am(?=\s*(?:$|[^\w\s]|(?:{_ZONE})(?![\wäöü])))"
             r"|مساء|صباحا?)")
_EVENING = ("p", "مساء")
# 22:16 / 22:16:05 / 17.30 Uhr (dot only before "Uhr"/"h") / 18 Uhr / 6 pm, then an optional
# am/pm, "Uhr" and zone: a name ("18:30 MESZ") or an RFC 822 offset ("18:05:00 +0100", feeds).
_TIME = re.compile(
    r"(?<![\d.:])(\d{1,2})"
    r"(?::(\d{2})(?::(\d{2}))?|\.(\d{2})(?=\s*(?:uhr|h)\b)"
    rf"|(?=\s*(?:uhr\b|h\b|{_MERIDIEM})))"
    r"(?!\d)(?!\s*(?:min|sek|sec|s)\b)"  # "3:18 min" on video teasers is a duration
    rf"(?:\s*({_MERIDIEM}))?"
    r"(?:\s*(?:uhr|h)\b)?"
    rf"(?:\s*\(?({_ZONE})(?![\wäöü])|\s+([+-](?:0\d|1[0-4]):?[0-5]\d)(?!\d))?"
)
# "22.11.2024 07.57" (orf.at): a dotted time without "Uhr" is only trusted next to a date
# (or "heute"/"gestern"); alone, "12.00" could be anything.
_DOT_TIME = re.compile(r"(?<![\d.:])(\d{1,2})\.(\d{2})(?![\d.])")


# Stands in for the date cut out of the line, so what was next to it stays next to a word
# ("19:45 am 12.05.": the German "am" must not become the line's end and read as a.m.).
_GAP = " datum "


@dataclass(slots=True)
class _Found:
    """A calendar date found in the text; ``year`` is None when the page left it out."""

    year: int | None
    month: int
    day: int
    span: tuple[int, int]


def parse_visible(text: str, fetched_at: datetime) -> datetime | None:
    """Parse a lower-cased, whitespace-normalised date line; None if it holds no date or time."""
    found = _find_date(text)
    day_offset = None
    if found is not None:
        # The time belongs to this date: search before it and up to the next date, so that
        # "Erstellt: 17.08.2021 Aktualisiert: 18.08.2021, 10:00 Uhr" does not mix the two.
        after = text[found.span[1] :]
        following = _find_date(after)
        tail = after[: following.span[0]] if following else after
        rest = text[: found.span[0]] + _GAP + tail
    else:
        rest = text
        m = _DAY_WORD.search(text)
        if m is not None:
            day_offset = DAY_WORDS[m.group(1)]
            rest = text[: m.start()] + _GAP + text[m.end() :]
    clock = _find_time(rest, after_date=found is not None or day_offset is not None)
    if found is None and day_offset is None and clock is None:
        return None
    wall, offset = clock if clock is not None else (time(0, 0), None)

    if found is not None and found.year is not None:
        local = datetime.combine(date(_full_year(found.year), found.month, found.day), wall)
    elif found is not None:
        local = _closest_year_before(found.month, found.day, wall, berlin_now(fetched_at))
    elif day_offset is not None:
        today = berlin_now(fetched_at).date()
        local = datetime.combine(today + timedelta(days=day_offset), wall)
    else:
        # A bare time ("17:23 Uhr" in teaser lists) is today, or yesterday if still to come.
        now = berlin_now(fetched_at)
        local = datetime.combine(now.date(), wall)
        if local > now:
            local -= timedelta(days=1)
    if offset is not None:
        return with_offset_to_utc(local, offset)
    return berlin_to_utc(local)


def names_year(text: str) -> bool:
    """Whether a lower-cased date line prints a calendar date with its year ("17.08.2021"),
    not a year-less stamp ("12.03., 14:05"), a day word or a bare time."""
    found = _find_date(text)
    return found is not None and found.year is not None


def _find_date(text: str) -> _Found | None:
    """Return the leftmost calendar date in ``text`` (on a tie, the earlier pattern wins)."""
    best: _Found | None = None
    for pattern, read in _DATE_PATTERNS:
        m = pattern.search(text)
        if m is not None and (best is None or m.start() < best.span[0]):
            best = read(m)
    return best


def _read_dmy(m: re.Match[str]) -> _Found:
    day, month, year = m.groups()
    return _Found(_int_or_none(year), int(month), int(day), m.span())


def _read_ymd(m: re.Match[str]) -> _Found:
    year, month, day = m.groups()
    return _Found(int(year), int(month), int(day), m.span())


def _read_text_dmy(m: re.Match[str]) -> _Found:
    day, month, year = m.groups()
    return _Found(_int_or_none(year), MONTHS[month], int(day), m.span())


def _read_text_mdy(m: re.Match[str]) -> _Found:
    month, day, year = m.groups()
    return _Found(_int_or_none(year), MONTHS[month], int(day), m.span())


def _read_slash(m: re.Match[str]) -> _Found:
    first, second, year = (int(g) for g in m.groups())
    month, day = (second, first) if first > 12 else (first, second)
    return _Found(year, month, day, m.span())


_DATE_PATTERNS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], _Found]], ...] = (
    (_NUMERIC_DMY, _read_dmy),
    (_NUMERIC_YMD, _read_ymd),
    (_TEXT_DMY, _read_text_dmy),
    (_TEXT_MDY, _read_text_mdy),
    (_NUMERIC_SLASH, _read_slash),
    (_CJK_YMD, _read_ymd),
)


def _find_time(text: str, *, after_date: bool) -> tuple[time, int | None] | None:
    """Return the first clock time and its UTC offset in minutes (None = Europe/Berlin)."""
    m = _TIME.search(text)
    if m is None:
        dot = _DOT_TIME.search(text) if after_date else None
        return None if dot is None else (time(int(dot.group(1)), int(dot.group(2))), None)
    hour_s, minute_s, second_s, dot_minute_s, meridiem, zone, numeric = m.groups()
    hour = int(hour_s)
    minute = int(minute_s or dot_minute_s or 0)
    if meridiem is not None:
        if not 1 <= hour <= 12:
            raise ValueError(f"hour {hour} with {meridiem}")
        hour = hour % 12 + (12 if meridiem.startswith(_EVENING) else 0)
    offset = ZONE_OFFSETS[zone] * 60 if zone else _offset_minutes(numeric) if numeric else None
    return time(hour, minute, int(second_s or 0)), offset


def _offset_minutes(numeric: str) -> int:
    """Minutes east of UTC for "+0100" / "-05:00"."""
    digits = numeric[1:].replace(":", "")
    minutes = int(digits[:2]) * 60 + int(digits[2:])
    return -minutes if numeric[0] == "-" else minutes


def _closest_year_before(month: int, day: int, wall: time, now: datetime) -> datetime:
    """Give a year-less date the year that puts it closest before ``now`` (Berlin wall time)."""
    for year in range(now.year, now.year - 9, -1):
        try:
            local = datetime.combine(date(year, month, day), wall)
        except ValueError:  # 29.02. in a non-leap year: keep looking back
            continue
        if local <= now:
            return local
    raise ValueError(f"no year for {day}.{month}.")


def _full_year(year: int) -> int:
    """Two-digit years are 2000+yy (news archives online start in the mid-1990s)."""
    return 2000 + year if year < 100 else year


def _int_or_none(value: str | None) -> int | None:
    return int(value) if value else None
