"""Counter lines: a widget's count printed as a line of the body, in any language.

Two shapes, read from digits and word lengths rather than words:

- a position in a gallery or a slideshow, "Image 1 of 5", "Bild 3 von 12", "Foto 2 de 8",
  "4/9": a first number no larger than the second, joined by a slash or a word of one to three
  letters (of, von, de, sur, di, из), perhaps after one word naming what is counted;
- an empty comment counter, "0 Comments (+)", "0 Kommentare", "Comentarios (0)": the count 0
  and one or two words (a story does not state "nothing" as a line of its own).

Only whole lines of kind ``p`` are asked (a sub-heading "Schritt 1 von 5" or a list item "1 tsp
cinnamon" is the story's).
"""

from __future__ import annotations

import re

# "Image 1 of 5" / "3 von 12" / "4/9": one optional word, then N <joiner> M.
_POSITION = re.compile(r"(?:[^\W\d_]+\s+)?(\d{1,3})\s*(?:/|\s[^\W\d_]{1,3}\s)\s*(\d{1,3})")
# "0 Comments", "0 Post Comment (+)", "(0) Kommentare", "Comentarios (0)".
_EMPTY_COUNT = re.compile(r"[+(]?0\)?\s+[^\W\d_]+(?:\s+[^\W\d_]+)?(?:\s*\(\+\))?"
                          r"|[+]?\s*[^\W\d_]+(?:\s+[^\W\d_]+)?\s*\(0\)")
# Counter lines are short.
MAX_COUNTER_CHARS = 40


def is_counter(line: str) -> bool:
    """Whether ``line`` (whitespace-normalised) is a gallery position or an empty comment
    counter (see the module docstring)."""
    if len(line) > MAX_COUNTER_CHARS or not any(c.isdigit() for c in line):
        return False
    m = _POSITION.fullmatch(line)
    if m is not None:
        return 0 < int(m.group(1)) <= int(m.group(2))
    return _EMPTY_COUNT.fullmatch(line) is not None
