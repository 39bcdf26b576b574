"""Which version of a CMS family reads a page: the page's date proposes, the body container
confirms.

The brief rule is "the newest version whose ``valid_from`` is not after the page's date
(published, else fetched)". The published date is only known for sure after extraction and the
date stage, so the version is proposed from the date the page states in machine-readable form —
JSON-LD ``datePublished`` or ``article:published_time``, both ISO 8601 by their specs and already
parsed by ``read_structured`` — else the fetch date, else today (a live crawl). That proposal is
then confirmed by the one selector whose miss costs the body, ``container_selector``: when it
finds nothing, the other versions are tried, newest first, and the first whose container is on
the page reads it. Why not the date alone: a relaunched site serves its old articles in the new
layout (the funke_relaunch fixture; a live crawl after any relaunch), dates can be missing or
wrong, and a guessed ``valid_from`` is off by weeks; a wrong guess would then cost the body. Why
not structure alone: versions that share a container (a relaunch that changed only the headline)
can only be told apart by date. Cost: one XPath over the tree per version tried; the
extractor reuses the containers found, so a page of the first version tried costs no more than
before versions.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from lxml import etree

from newscrawl.extract.css import select
from newscrawl.extract.structured import Structured
from newscrawl.families.base import Family

_ISO_DAY = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})")
# Meta keys that carry the published time in ISO 8601 (Open Graph article, its og: alias).
_PUBLISHED_META = ("article:published_time", "og:article:published_time")


def choose_version(root: etree._Element, family: type[Family] | None, data: Structured,
                   fetched_at: datetime | str | None = None
                   ) -> tuple[type[Family] | None, list[etree._Element]]:
    """The version of ``family`` that reads this page (see the module docstring) and what its
    ``container_selector`` finds under ``root``, so the extractor selects it only here."""
    if family is None:
        return None, []
    day = page_day(data, fetched_at) if len(family.versions()) > 1 else None
    candidates = family.versions_to_try(day)
    for version in candidates:
        containers = select(root, version.container_selector)
        if containers:
            return version, containers
    return candidates[0], []


def page_day(data: Structured, fetched_at: datetime | str | None = None) -> date | None:
    """The page's day: its stated published date, else the fetch date, else None (today)."""
    for raw in (*data.published, *(data.first_meta(key) for key in _PUBLISHED_META)):
        day = _iso_day(raw)
        if day is not None:
            return day
    if isinstance(fetched_at, datetime):
        return fetched_at.date()
    return _iso_day(fetched_at)


def _iso_day(raw: str | None) -> date | None:
    match = _ISO_DAY.match(raw or "")
    if match is None:
        return None
    try:
        return date(*map(int, match.groups()))
    except ValueError:  # 2025-13-45
        return None
