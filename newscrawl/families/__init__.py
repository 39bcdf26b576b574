"""CMS families: one module per publishing platform, registered in ``FAMILIES``."""

from __future__ import annotations

from functools import lru_cache
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
# Fingerprints are looked for in the first part of the page. Real pages put 50-170 KB of scripts
# in <head> (archived Merkur: the Ippen markup starts 55 KB in; Stuttgarter Zeitung's fingerprint
# sits 71 KB into a 172 KB head), so 30 KB missed them; the whole page would cost ~2 ms.
FINGERPRINT_WINDOW = 120_000


def family_by_name(name: str) -> type[Family]:
    """The family registered as ``name``; KeyError if there is none."""
    return _BY_NAME[name]


def family_for(url: str, html: str | None = None, language: str | None = None
               ) -> type[Family] | None:
    """The family of a page: by the URL's host first, then by fingerprints in the HTML.

    ``language`` is what the page declares (``<html lang>``): every family is a German
    publisher's platform, so a page declared in another language is not searched for
    fingerprints (18 scans of 120 KB, ~0.5 ms: the largest single cost on foreign pages).
    """
    family = _family_for_host(urlsplit(url).hostname or "")
    if family is not None or not html or not _may_be_german(language):
        return family
    # Plain substring tests (C-speed); a combined regex alternation is far slower. find with an
    # end bound reads the window without copying it (html[:FINGERPRINT_WINDOW] copies 120 KB).
    find = html.find
    for fingerprint, family in _FINGERPRINTS:
        if find(fingerprint, 0, FINGERPRINT_WINDOW) >= 0:
            return family
    return None


@lru_cache(maxsize=256)
def _may_be_german(language: str | None) -> bool:
    """Whether a declared language may be German: undeclared, empty, or "de" in any region."""
    code = (language or "").strip().lower().replace("_", "-")
    return not code or code.split("-", 1)[0] in _GERMAN_CODES


_GERMAN_CODES = frozenset({"de", "deu", "ger", "gsw", "bar", "und", "mul", "zxx"})


@lru_cache(maxsize=1024)
def _family_for_host(host: str) -> type[Family] | None:
    """The first family whose domains include ``host`` (a crawl sees few hosts: asked once)."""
    for family in FAMILIES:
        if family.matches_host(host):
            return family
    return None


# Every family's fingerprints (a relaunch may add some) in family order: the first one present
# names the family, as its first version; the extractor picks the version per page.
_FINGERPRINTS = tuple(dict.fromkeys(
    (fp, family) for family in FAMILIES for version in family.versions()
    for fp in version.fingerprints))


__all__ = ["FAMILIES", "Family", "family_by_name", "family_for"]
