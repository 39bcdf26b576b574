"""Turning response bytes into text when servers lie about the charset."""

from __future__ import annotations

import re
from collections import deque

import ftfy
from w3lib.encoding import html_body_declared_encoding, resolve_encoding

_CHARSET = re.compile(rb"charset=[\"']?([\w.:-]+)", re.IGNORECASE)
# Mojibake markers of UTF-8 read as latin-1/cp1252 ("Ã¼" for "ü"). The regex has no literal
# prefix, so re tries it at every position (~10 ms on a 300 KB page): ``_may_be_mojibake`` first
# looks for its lead characters with C-speed substring search.
_MOJIBAKE = re.compile("[ÃÂ][\u0080-\u00bf]|â€")


def _may_be_mojibake(text: str) -> bool:
    return ("Ã" in text or "Â" in text or "â€" in text) and _MOJIBAKE.search(text) is not None
# Byte-order marks of the wide Unicode encodings (UTF-32 first: its LE mark starts like UTF-16's).
WIDE_BOMS = ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
             (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


# Magic numbers of binary formats servers send under an HTML URL.
_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8")
# Bytes judged at the start of a body, and the share of control bytes that makes it binary:
# images and archives are full of them, a text page has none or a stray NUL in a paragraph.
SNIFF_BYTES = 4096
MAX_CONTROL_SHARE = 0.05
_CONTROL = bytes(c for c in range(32) if c not in b"\t\n\r\f\x1b")


def looks_binary(body: bytes) -> bool:
    """Whether ``body`` is a binary file rather than a page (UTF-16/32 with BOM is text)."""
    if body.startswith(tuple(bom for bom, _codec in WIDE_BOMS)):
        return False
    head = body[:SNIFF_BYTES]
    if head.lstrip().startswith(_BINARY_MAGIC):
        return True
    if not head:
        return False
    controls = len(head) - len(head.translate(None, _CONTROL))
    return controls > MAX_CONTROL_SHARE * len(head)


# The last few decodings: the bad-input middleware and the spider decode the same response body
# (the same bytes object) one after the other; the second call is a lookup. The entries hold
# their bodies, so an id is never reused while it is here.
_RECENT: deque[tuple[bytes, bytes | None, tuple[str, str]]] = deque(maxlen=4)


def decode_html(body: bytes, header_content_type: bytes | str | None = None) -> tuple[str, str]:
    """Decode ``body`` and say how: returns ``(text, how)``.

    Tries, strictly, the encoding the HTTP header declares, then the one the page declares, then
    UTF-8, then cp1252 (which decodes any byte); repairs mixed-encoding mojibake with ftfy.
    ``how`` is ``header``, ``meta``, ``utf-8``, ``cp1252``, plus ``+ftfy`` when repaired; ``bom``
    for UTF-16/32 pages marked with a byte-order mark.
    """
    if isinstance(header_content_type, str):
        header_content_type = header_content_type.encode("latin-1", "replace")
    for seen, seen_type, result in _RECENT:
        if seen is body and seen_type == header_content_type:
            return result
    result = _decode(body, header_content_type)
    _RECENT.append((body, header_content_type, result))
    return result


def _decode(body: bytes, header_content_type: bytes | None) -> tuple[str, str]:
    for bom, codec in WIDE_BOMS:
        if body.startswith(bom):
            # A BOM outranks any declaration (HTML standard); the codec consumes it.
            return body.decode(codec, "replace"), "bom"
    body = body.removeprefix(b"\xef\xbb\xbf")
    candidates: list[tuple[str, str]] = []
    if header_content_type:
        match = _CHARSET.search(header_content_type)
        if match:
            candidates.append(("header", match.group(1).decode("ascii", "replace")))
    declared = html_body_declared_encoding(body)
    if declared:
        candidates.append(("meta", declared))
    candidates += [("utf-8", "utf-8"), ("cp1252", "cp1252")]
    for how, name in candidates:
        encoding = resolve_encoding(name)
        if not encoding:
            continue
        try:
            text = body.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if _may_be_mojibake(text):
            fixed = ftfy.fix_text(text, normalization=None)
            if fixed != text:
                return fixed, how + "+ftfy"
        return text, how
    return body.decode("utf-8", "replace"), "utf-8-replace"
