"""Author names: from JSON-LD/meta/byline text to a clean, de-duplicated list."""

from __future__ import annotations

import re

from newscrawl.extract.tree import norm

# "Von", "Von:", "By", "Text:", "Autor:" in front of names.
_PREFIX = re.compile(r"^(?:von|by|text|autor(?:in)?|autoren|ein (?:kommentar|gastbeitrag) von)"
                     r"\s*:?\s+", re.IGNORECASE)
_SPLIT = re.compile(r"\s*(?:,|;|\||\bund\b|\band\b|&|/)\s*")
_NOT_NAME = re.compile(r"https?://|@|\d{2}[.:]\d{2}|\bUhr\b", re.IGNORECASE)
# Role and place suffixes in a byline: "Name, Korrespondent in Berlin".
_ROLE_WORDS = re.compile(r"\b(?:korrespondent|redakteur|reporter|chefredakteur|leiter|ressort)",
                         re.IGNORECASE)
MAX_NAME_WORDS = 5


def clean_authors(raw: list[str]) -> list[str]:
    """Split, strip prefixes and de-duplicate author strings (case-insensitive)."""
    names: list[str] = []
    seen: set[str] = set()
    for value in raw:
        value = _PREFIX.sub("", norm(value))
        for part in _SPLIT.split(value) if _needs_split(value) else [value]:
            name = _PREFIX.sub("", norm(part)).strip(" .:-–")
            if not name or _NOT_NAME.search(name) or _ROLE_WORDS.search(name):
                continue
            if len(name.split()) > MAX_NAME_WORDS:
                continue
            key = name.casefold()
            if key not in seen:
                seen.add(key)
                names.append(name)
    return names


def _needs_split(value: str) -> bool:
    """Only split lists of names, not "Müller, Hans" style single names."""
    parts = [p for p in _SPLIT.split(value) if p]
    return len(parts) > 1 and not (len(parts) == 2 and all(len(p.split()) == 1 for p in parts))
