"""``parse_date``: one string from a page -> aware UTC datetime or None.

Order: machine formats (ISO 8601, Unix time, URL), then relative ages, then visible German and
English dates; dateparser only for leftover text that contains a date word.
"""

from __future__ import annotations

import logging
import re
from datetime import datetime

from newscrawl.dates.freetext import looks_like_free_date, parse_free_text
from newscrawl.dates.machine import parse_iso, parse_unix, parse_url
from newscrawl.dates.relative import parse_relative
from newscrawl.dates.visible import parse_visible

logger = logging.getLogger(__name__)

# A date line is short; longer input is prose or a whole page and is not searched for dates.
MAX_LENGTH = 300
_SPACE = re.compile(r"\s+")


def parse_date(text: str, *, fetched_at: datetime) -> datetime | None:
    """Parse one date string found on a page into an aware UTC datetime.

    Local times without an offset are Europe/Berlin; relative forms ("vor 2 Stunden",
    "gestern, 18:30 Uhr") and missing years count from ``fetched_at`` (naive = UTC). Returns
    None for anything that is not a date; never raises. See docs/dates.md for the rules.
    """
    try:
        return _parse(text, fetched_at)
    except (ValueError, OverflowError, TypeError, AttributeError):
        return None
    except Exception:  # dateparser can fail in its own ways; a bad date must not stop a crawl
        logger.debug("date parsing failed for %r", text, exc_info=True)
        return None


def _parse(text: str, fetched_at: datetime) -> datetime | None:
    text = _SPACE.sub(" ", text).strip()
    if not text or len(text) > MAX_LENGTH:
        return None
    if text[0].isdigit():
        found = parse_iso(text) or parse_unix(text)
        if found is not None:
            return found
    if "://" in text or text.startswith("/"):
        return parse_url(text)
    lowered = text.lower()
    found = parse_relative(lowered, fetched_at) or parse_visible(lowered, fetched_at)
    if found is not None:
        return found
    if looks_like_free_date(lowered):
        return parse_free_text(lowered, fetched_at)
    return None
