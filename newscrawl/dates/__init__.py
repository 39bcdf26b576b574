"""The date stage: parse date strings from pages and pick published/modified timestamps.

``parse_date(text, fetched_at=...)`` turns one string into an aware UTC datetime (or None);
``resolve_dates(candidates, fetched_at=...)`` chooses the published and modified dates from an
article's ``DateCandidate`` list; ``to_iso_z`` formats a datetime for an item.
"""

from newscrawl.dates.parse import parse_date
from newscrawl.dates.resolve import DateResolution, resolve_dates
from newscrawl.dates.timezone import to_iso_z

__all__ = ["DateResolution", "parse_date", "resolve_dates", "to_iso_z"]
