"""``parse_date``: one string from a page -> aware UTC datetime or None.

Order: machine formats (ISO 8601, Unix time, URL), then relative ages, then visible German and
English dates; dateparser only for leftover text that contains a date word.
"""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime

from newscrawl.dates.freetext import looks_like_free_date, parse_free_text
from newscrawl.dates.machine import parse_iso, parse_unix, parse_url
from newscrawl.dates.relative import parse_relative
from newscrawl.dates.visible import names_year, parse_visible

logger = logging.getLogger(__name__)

# A date line is short; longer input is prose or a whole page and is not searched for dates.
MAX_LENGTH = 300
_SPACE = re.compile(r"\s+")
# Any instant: is_full_date only asks whether a relative form is present.
_ANY_TIME = datetime(2000, 1, 1, tzinfo=UTC)
# A year in free text ("Dezember 2021", "7 octobre 2020").
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


def parse_date(text: str, *, fetched_at: datetime) -> datetime | None:
    """Parse one date string found on a page into an aware UTC datetime.

    Local times without an offset are Europe/Berlin; relative forms ("vor 2 Stunden",
    "gestern, 18:30 Uhr") and missing years count from ``fetched_at`` (naive = UTC). Returns
    None for anything that is not a date; never raises. See docs/dates.md for the rules.
    """
    return read_date(text, fetched_at=fetched_at)[0]


def read_date(text: str, *, fetched_at: datetime) -> tuple[datetime | None, bool]:
    """``parse_date`` and whether it read the string as a machine-readable stamp or a URL,
    which always state their full date (``is_full_date`` is then true without a second
    reading: most candidates are such stamps)."""
    try:
        return _parse(text, fetched_at)
    except (ValueError, OverflowError, TypeError, AttributeError):
        return None, False
    except Exception:  # dateparser can fail in its own ways; a bad date must not stop a crawl
        logger.debug("date parsing failed for %r", text, exc_info=True)
        return None, False


def _parse(text: str, fetched_at: datetime) -> tuple[datetime | None, bool]:
    text = _SPACE.sub(" ", text).strip()
    if not text or len(text) > MAX_LENGTH:
        return None, False
    if text[0].isdigit():
        found = parse_iso(text) or parse_unix(text)
        if found is not None:
            return found, True
    if "://" in text or text.startswith("/"):
        found = parse_url(text)
        return found, found is not None
    lowered = text.lower()
    found = parse_relative(lowered, fetched_at) or parse_visible(lowered, fetched_at)
    if found is not None:
        return found, False
    if looks_like_free_date(lowered):
        return parse_free_text(lowered, fetched_at), False
    return None, False


def is_full_date(text: str) -> bool:
    """Whether the string states its own calendar date with the year: machine formats, URLs,
    printed dates with a year. Relative ages, day words, year-less stamps and bare times do
    not; they depend on the fetch time and count only when a page offers nothing better."""
    text = _SPACE.sub(" ", text or "").strip()
    if not text or len(text) > MAX_LENGTH:
        return False
    if text[0].isdigit() and (parse_iso(text) or parse_unix(text)) is not None:
        return True
    if "://" in text or text.startswith("/"):
        return parse_url(text) is not None
    lowered = text.lower()
    if parse_relative(lowered, _ANY_TIME) is not None:
        return False
    if names_year(lowered):
        return True
    if parse_visible(lowered, _ANY_TIME) is not None:  # a stamp without year, or a bare time
        return False
    return looks_like_free_date(lowered) and _YEAR.search(lowered) is not None
