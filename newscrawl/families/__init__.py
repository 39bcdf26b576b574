"""CMS families: one module per publishing platform, registered in ``FAMILIES``."""

from __future__ import annotations

from urllib.parse import urlsplit

from newscrawl.families.base import Family
from newscrawl.families.dumont import DumontFamily
from newscrawl.families.freiepresse import FreiePresseFamily
from newscrawl.families.funke import FunkeFamily
from newscrawl.families.ippen import IppenFamily
from newscrawl.families.madsack import MadsackFamily
from newscrawl.families.mz import MzFamily
from newscrawl.families.noz import NozFamily
from newscrawl.families.pressedruck import PressedruckFamily
from newscrawl.families.rp import RheinischePostFamily
from newscrawl.families.swmh import SwmhFamily

FAMILIES: tuple[type[Family], ...] = (
    FunkeFamily,
    IppenFamily,
    MadsackFamily,
    PressedruckFamily,
    SwmhFamily,
    RheinischePostFamily,
    NozFamily,
    DumontFamily,
    FreiePresseFamily,
    MzFamily,
)
_BY_NAME = {family.name: family for family in FAMILIES}
# Fingerprints are only looked for in the first part of the page (head and page frame).
FINGERPRINT_WINDOW = 30_000


def family_by_name(name: str) -> type[Family]:
    """The family registered as ``name``; KeyError if there is none."""
    return _BY_NAME[name]


def family_for(url: str, html: str | None = None) -> type[Family] | None:
    """The family of a page: by the URL's host first, then by fingerprints in the HTML."""
    host = urlsplit(url).hostname or ""
    for family in FAMILIES:
        if family.matches_host(host):
            return family
    if html:
        # Plain substring tests (C-speed); a combined regex alternation is far slower.
        head = html[:FINGERPRINT_WINDOW]
        for family in FAMILIES:
            if any(fp in head for fp in family.fingerprints):
                return family
    return None


__all__ = ["FAMILIES", "Family", "family_by_name", "family_for"]
