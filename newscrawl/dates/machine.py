"""Machine-readable dates: ISO 8601 variants, Unix timestamps, dates in URLs.

These cover JSON-LD ``datePublished``, ``article:published_time``, ``meta[name=date]``,
``itemprop`` content, ``<time datetime>``/``data-timestamp`` and feed dates in ISO form.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from newscrawl.dates.timezone import berlin_to_utc, with_offset_to_utc

# 2023-11-01T07:00:00+01:00, ...+0100, ...Z, "2023-11-01 07:00" (ga.de), date only,
# fractional seconds of any length (".863186", ".8"), offset "+01" and a spelled-out "UTC".
_ISO = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:[T ]\s*(\d{1,2}):(\d{2})(?::(\d{1,2})(?:[.,](\d+))?)?)?"
    r"\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?",
    re.IGNORECASE,
)
# Unix seconds (10 digits, data-timestamp on ga.de) or milliseconds (13 digits, JS widgets).
_UNIX = re.compile(r"(\d{9,10}|\d{12,13})(?:\.\d+)?")
# Dates in article URLs: /2016/02/03/, /2016-02-03-, datum.=26-04-2011 (mainpost.de).
_URL_YMD = re.compile(r"(?<!\d)((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?!\d)")
_URL_DMY = re.compile(r"(?<!\d)(\d{1,2})-(\d{1,2})-((?:19|20)\d{2})(?!\d)")

# Plausible range for a news timestamp; anything else in a number field is an id.
_MIN_UNIX = 631152000  # 1990-01-01
_MAX_UNIX = 4102444800  # 2100-01-01


def parse_iso(text: str) -> datetime | None:
    """Parse a whole string in ISO 8601 form; a missing offset means Europe/Berlin."""
    m = _ISO.fullmatch(text)
    if m is None and len(text) > 8 and text[8] in "Tt" and text[:8].isdigit():
        # ISO basic date ("20201123T11:02:35Z", GateHouse/Gannett JSON-LD).
        m = _ISO.fullmatch(f"{text[:4]}-{text[4:6]}-{text[6:8]}{text[8:]}")
    if m is None:
        return None
    year, month, day, hour, minute, second, frac, zone = m.groups()
    micro = int((frac + "000000")[:6]) if frac else 0
    local = datetime(
        int(year), int(month), int(day),
        int(hour or 0), int(minute or 0), int(second or 0), micro,
    )
    if zone is None:
        return berlin_to_utc(local)
    return with_offset_to_utc(local, _offset_minutes(zone))


def _offset_minutes(zone: str) -> int:
    """Minutes east of UTC for ``Z``/``UTC``/``+01:00``/``+0100``/``+01``."""
    if zone[0] not in "+-":
        return 0
    digits = zone[1:].replace(":", "")
    minutes = int(digits[:2]) * 60 + int(digits[2:4] or 0)
    return -minutes if zone[0] == "-" else minutes


def parse_unix(text: str) -> datetime | None:
    """Parse Unix seconds or milliseconds within 1990..2100; other numbers are not dates."""
    if _UNIX.fullmatch(text) is None:
        return None
    value = float(text)
    if value > _MAX_UNIX:
        value /= 1000
    if not _MIN_UNIX <= value < _MAX_UNIX:
        return None
    return datetime.fromtimestamp(value, tz=UTC)


def parse_url(text: str) -> datetime | None:
    """Find a Y/M/D or D-M-Y date in a URL path; the day is midnight Europe/Berlin."""
    m = _URL_YMD.search(text)
    if m is not None:
        year, month, day = m.groups()
    else:
        m = _URL_DMY.search(text)
        if m is None:
            return None
        day, month, year = m.groups()
    return berlin_to_utc(datetime(int(year), int(month), int(day)))
