"""``find_page_dates``: a page's published/modified dates without the body extractor.

The same candidate discovery that ``extract_article`` runs, called directly on any page, so a
page the article detector rejects still gets its dates measured (benchmarks/bench_page_dates.py).
"""

from __future__ import annotations

from datetime import datetime

from newscrawl.dates import resolve_dates
from newscrawl.dates.resolve import DateResolution
from newscrawl.extract.datecands import date_candidates
from newscrawl.extract.headline import find_headline
from newscrawl.extract.structured import read_structured
from newscrawl.extract.tree import parse_html


def find_page_dates(html: str, url: str, *, fetched_at: datetime) -> DateResolution:
    """Published and modified dates of one page, resolved against its fetch time."""
    root = parse_html(html)
    if root is None:
        return resolve_dates([], fetched_at=fetched_at)
    data = read_structured(root)
    body = root.find("body")
    scope_root = body if body is not None else root
    headline = find_headline(scope_root)
    candidates = date_candidates(data, scope_root, headline.element, url,
                                 data.first_meta("og:title") or "")
    return resolve_dates(candidates, fetched_at=fetched_at)
