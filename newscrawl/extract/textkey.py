"""The key two texts are compared by: case-folded, with everything but letters and digits gone."""

from __future__ import annotations

import re

_NON_WORD = re.compile(r"\W+")


def comparison_key(text: str | None) -> str:
    """``"Foto: Ä-b  c!"`` → ``"fotoäbc"``; equal keys mean the same words in the same order."""
    # Whitespace goes in C first (str.split); most keys are then letters and digits only,
    # and the regex (same result) runs only over what is left.
    key = "".join((text or "").casefold().split())
    return key if key.isalnum() else _NON_WORD.sub("", key)
