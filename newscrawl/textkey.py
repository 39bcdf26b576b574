"""The key two texts are compared by: case-folded, with everything but letters and digits gone."""

from __future__ import annotations

import re

_NON_WORD = re.compile(r"\W+")


def comparison_key(text: str | None) -> str:
    """``"Foto: Ä-b  c!"`` → ``"fotoäbc"``; equal keys mean the same words in the same order."""
    return _NON_WORD.sub("", (text or "").casefold())
