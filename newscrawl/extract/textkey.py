"""The key two texts are compared by: case-folded, with everything but letters and digits gone."""

from __future__ import annotations

import re

_NON_WORD = re.compile(r"\W+")
# The ASCII characters ``\W`` matches (all but letters, digits and "_"), deleted in one C pass.
_ASCII_NON_WORD = bytes(c for c in range(128) if not (chr(c).isalnum() or chr(c) == "_"))
# UTF-8 start of U+2000-U+203F (dashes, quotes, "…", zero widths: no letter or digit among them).
_PUNCTUATION_START = b"\xe2\x80"


def comparison_key(text: str | None) -> str:
    """``"Foto: Ä-b  c!"`` → ``"fotoäbc"``; equal keys mean the same words in the same order."""
    # Whitespace goes in C first (str.replace/split); most keys are then letters and digits only,
    # and the regex (same result) runs only over what is left. The rest loses its ASCII
    # punctuation in its UTF-8 bytes (bytes.translate, ~2x faster than the regex; a multi-byte
    # character has no ASCII byte), and "„“–…" with their first two bytes (the decoder drops
    # the third).
    key = (text or "").casefold()
    # Every whitespace character but the space is unprintable: most keys lose spaces only.
    key = key.replace(" ", "") if key.isprintable() else "".join(key.split())
    if key.isalnum():
        return key
    if key.isascii():
        return key.encode("ascii").translate(None, _ASCII_NON_WORD).decode("ascii")
    try:
        data = key.encode("utf-8").translate(None, _ASCII_NON_WORD)
    except UnicodeEncodeError:  # lone surrogates
        return _NON_WORD.sub("", key)
    key = data.replace(_PUNCTUATION_START, b"").decode("utf-8", "ignore")
    if key.isalnum():
        return key
    return _NON_WORD.sub("", key)
