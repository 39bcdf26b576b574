"""The key two texts are compared by: case-folded, with everything but letters and digits gone."""

from __future__ import annotations

import re

_NON_WORD = re.compile(r"\W+")
# The ASCII characters ``\W`` matches (all but letters, digits and "_"), deleted in one C pass.
_ASCII_NON_WORD = bytes(c for c in range(128) if not (chr(c).isalnum() or chr(c) == "_"))
# ASCII upper case to lower case (``str.casefold`` of ASCII text is ``str.lower``).
_ASCII_FOLD = bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", b"abcdefghijklmnopqrstuvwxyz")
# UTF-8 start of U+2000-U+203F (dashes, quotes, "…", zero widths: no letter or digit among them).
_PUNCTUATION_START = b"\xe2\x80"


def comparison_key(text: str | None) -> str:
    """``"Foto: Ä-b  c!"`` → ``"fotoäbc"``; equal keys mean the same words in the same order
    (its non-word characters removed from the case-folded text)."""
    if not text:
        return ""
    if text.isascii():  # O(1); ~6 of 10 keys: case and non-word characters in one C pass
        return text.encode("ascii").translate(_ASCII_FOLD, _ASCII_NON_WORD).decode("ascii")
    # The rest loses its ASCII non-word characters (whitespace too) in its UTF-8 bytes
    # (bytes.translate, ~2x faster than the regex; a multi-byte character has no ASCII byte),
    # and "„“–…" and the wide spaces with their first two bytes (the decoder drops the third);
    # most keys are then letters and digits only, and the regex (same result) runs only over
    # what is left.
    key = text.casefold()
    try:
        data = key.encode("utf-8").translate(None, _ASCII_NON_WORD)
    except UnicodeEncodeError:  # lone surrogates
        return _NON_WORD.sub("", key)
    key = data.replace(_PUNCTUATION_START, b"").decode("utf-8", "ignore")
    if key.isalnum():
        return key
    return _NON_WORD.sub("", key)
