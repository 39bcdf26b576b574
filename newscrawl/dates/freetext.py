"""Last resort for free text the fast paths do not know: one shared dateparser instance.

dateparser is slow to start (0.2-1 s to import and load its language data) and takes ~1 ms per
call, so it is built lazily once per process and only sees strings that contain a date word.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from newscrawl.dates.timezone import as_utc, berlin_now, berlin_to_utc
from newscrawl.dates.vocabulary import FREE_TEXT_HINTS

_SETTINGS: dict[str, Any] = {
    "DATE_ORDER": "DMY",
    "PREFER_DAY_OF_MONTH": "first",
    "PREFER_DATES_FROM": "past",
    # Naive results are read as Berlin wall time with our DST rules (timezone.py); a zone name
    # inside free text is therefore not honoured (the fast paths honour it).
    "RETURN_AS_TIMEZONE_AWARE": False,
    "PARSERS": ["timestamp", "relative-time", "absolute-time"],
}
_parser: Any = None  # dateparser.date.DateDataParser, created on first use
_base_settings: Any = None  # its Settings, to derive a per-fetch RELATIVE_BASE from


def looks_like_free_date(text: str) -> bool:
    """True if lower-cased ``text`` contains a word dates are made of (month, weekday, "vor")."""
    return any(hint in text for hint in FREE_TEXT_HINTS)


def parse_free_text(text: str, fetched_at: datetime) -> datetime | None:
    """Parse free text with dateparser (German, then English); relative phrases count from
    ``fetched_at``. Returns UTC or None."""
    parser = _get_parser()
    # One parser for the process; only the base for "letzte Woche" changes per call. dateparser
    # has no per-call settings, so its (private, pinned 1.5.0) settings object is swapped;
    # safe because Scrapy runs pipelines in a single thread.
    parser._settings = _base_settings.replace(RELATIVE_BASE=berlin_now(fetched_at))
    found = parser.get_date_data(text).date_obj
    if found is None:
        return None
    if found.tzinfo is not None:
        return as_utc(found)
    return berlin_to_utc(found)


def _get_parser() -> Any:
    """Create the shared DateDataParser on first use (imports dateparser lazily, too)."""
    global _parser, _base_settings
    if _parser is None:
        from dateparser.date import DateDataParser

        _parser = DateDataParser(languages=["de", "en"], settings=_SETTINGS)
        _base_settings = _parser._settings
    return _parser
