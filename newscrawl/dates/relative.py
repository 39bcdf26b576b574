"""Relative ages ("vor 2 Stunden", "vor 35 Min.", "vor einer Woche", "3 hours ago", "soeben").

They count back from the fetch time, so the result is only as precise as the unit printed.
Day words with a clock time ("gestern, 18:30 Uhr") are calendar dates and live in visible.py.
"""

from __future__ import annotations

import re
from datetime import datetime

from dateutil.relativedelta import relativedelta

from newscrawl.dates.timezone import as_utc
from newscrawl.dates.vocabulary import NOW_PHRASES, NUMBER_WORDS, UNITS

_AMOUNT = r"(\d{1,4}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + ")"
_UNIT = r"(" + "|".join(sorted(UNITS, key=len, reverse=True)) + r")\b\.?"
_GERMAN = re.compile(rf"\bvor\s+{_AMOUNT}\s*{_UNIT}")
_ENGLISH = re.compile(rf"\b{_AMOUNT}\s*{_UNIT}\s+ago\b")


def parse_relative(text: str, fetched_at: datetime) -> datetime | None:
    """Parse a lower-cased relative age; None if ``text`` holds none."""
    if any(phrase in text for phrase in NOW_PHRASES):
        return as_utc(fetched_at)
    if "vor" not in text and "ago" not in text:  # cheap test first: most lines are absolute
        return None
    m = _GERMAN.search(text) or _ENGLISH.search(text)
    if m is None:
        return None
    amount_s, unit_s = m.groups()
    amount = int(amount_s) if amount_s.isdigit() else NUMBER_WORDS[amount_s]
    return as_utc(fetched_at) - relativedelta(**{UNITS[unit_s]: amount})
