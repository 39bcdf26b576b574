"""Signs of obfuscated text that no language shows, whatever the language models say.

Glyph filler keeping word lengths ("xxxx xxx", "████ ███"), encoded blobs (base64), and words
mixing Latin with Cyrillic or Greek look-alike letters ("Gеmеindе" with Cyrillic "е"). The
paywall guard (``paywall.judge``) asks these where its statistics would pass such text: filler
has no letters or too few kinds to score, blobs split into glued pieces that look like a menu,
look-alikes leave enough Latin words to read as prose or make the text "another script".
"""

from __future__ import annotations

import re

# Filler is word-shaped: this many space-separated tokens at least (a rule line "____" is one).
FILLER_WORDS = 8
# Filler that keeps word lengths ("xxxx xxx", "Xxxx xxx", "████ ███"): at most this many
# distinct characters (besides spaces, punctuation and digits) over at least FILLER_CHARS of
# them; any text in a language has a dozen letters or more in a line.
FILLER_KINDS = 3
FILLER_CHARS = 30
_NOT_FILLER = frozenset(" \t\n.,;:!?'\"()-–—„“”‘’«»…%/0123456789")
# Encoded blobs (base64 and the like): tokens this long without a space, of letters mixed with
# digits, make up most of the text (URLs and addresses are left out before).
BLOB_TOKEN = 40
BLOB_SHARE = 0.8
_BLOB = re.compile(rf"[A-Za-z0-9+/=_-]{{{BLOB_TOKEN},}}")
# Latin letters next to Cyrillic or Greek ones inside a word: look-alike letters swapped in;
# real text keeps a word in one script. A share of the words this high is obfuscation.
# (A capital after the other script starts a glued word: "ΥγείαςVideos" is a menu.)
_MIXED = re.compile(r"[A-Za-z][\u03ac-\u03ce\u0430-\u045f]|[\u0370-\u04ff][a-z]")
MIXED_SHARE = 0.2
MIXED_LATIN = 0.4


def is_filler(text: str) -> bool:
    """Whether the text is a few glyphs repeated in the shape of words (a rule line of one
    glyph, "________", is no paywall). Its head says "no" for almost all text, cheaply."""
    if text.count(" ") < FILLER_WORDS - 1 or len(set(text[:40]).difference(_NOT_FILLER)) \
            > FILLER_KINDS:
        return False
    glyphs = set(text).difference(_NOT_FILLER)
    return len(glyphs) <= FILLER_KINDS \
        and len(text) - sum(map(text.count, _NOT_FILLER)) >= FILLER_CHARS


def is_blob(text: str) -> bool:
    """Whether most of the text is long tokens of letters, digits and ``+/=_-``."""
    # A glued menu ("ImpressumDatenschutzCookie-Einstellungen") has no digit in it.
    tokens = [t for t in _BLOB.findall(text)
              if not t.islower() and not t.isupper() and any(map(str.isdigit, t))]
    return sum(map(len, tokens)) >= BLOB_SHARE * len(text.strip())


def mixed_scripts(words: list[str]) -> bool:
    """Whether many words mix Latin with Cyrillic or Greek letters."""
    return sum(1 for w in words if not w.isascii() and _MIXED.search(w)) > MIXED_SHARE * len(words)
