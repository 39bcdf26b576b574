"""Author lines: the story's author printed as a line of the body, with a contact or alone.

"Have a tip? Amy Kuperinsky may be reached at akuperinsky@example.com. Follow her on Twitter
@AmyKup", "Email Tariq Malik at tmalik@example.com or follow him @tariqjmalik", "Kontakt zur
Autorin: anna.schmidt@kreisblatt.example", "paul.takahashi@example.com": the author's address
or handle set after the last paragraph. Part of the byline, not of the story.

Shape and the page's own facts, not wording: one of the last lines, short, holding an e-mail
address or an @handle and the surname of an author the page names (the item's ``authors``). An
address without an author's name (a tip line of the paper, an embedded post's sign-off "—
Name (@handle)") is left to other rules.

A byline line at the body's edges is the same: an author's full name with a label of a few
words and no sentence ("Text: Anna Schmidt", "Ein Artikel von Anna Schmidt", "Von unserer
Redakteurin Anna Schmidt", "Text und Fotos: Anna Schmidt", the name alone under the story).
"Anna Schmidt ist neue Bürgermeisterin." is a sentence and stays.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Contact lines sit among the last lines of the body and are short.
CONTACT_TAIL_LINES = 2
MAX_CONTACT_CHARS = 300
# A surname shorter than this could be a word of the line ("Li", "Ho").
MIN_SURNAME_CHARS = 3
_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+\.\w[\w.-]*|(?<![\w@])@\w{2,}")


def surnames(authors: Iterable[str]) -> list[str]:
    """Lower-cased last names of the item's authors, long enough to be told from words."""
    names = (a.split()[-1].lower() for a in authors if a and a.split())
    return [n for n in names if len(n) >= MIN_SURNAME_CHARS]


def is_author_contact(line: str, names: list[str]) -> bool:
    """Whether ``line`` is an author contact line for an author named in ``names``
    (``surnames``)."""
    if not names or len(line) > MAX_CONTACT_CHARS or "@" not in line:
        return False
    if _ADDRESS.search(line) is None:
        return False
    lowered = line.lower()
    return any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", lowered) for n in names)


# A byline line: the authors' names and at most this many other words ("Ein Artikel von").
MAX_BYLINE_LABEL_WORDS = 4
_JOINERS = re.compile(r"(?:^|\s)(?:und|and|&|,|\||/|:|·|•|–|—|-)(?=\s|$)")
_SENTENCE_END = (".", "!", "?", "…")


def is_byline_line(line: str, authors: Iterable[str]) -> bool:
    """Whether ``line`` is a byline of the item's ``authors`` (full names): their names, a
    label of up to MAX_BYLINE_LABEL_WORDS words, no sentence."""
    if len(line) > MAX_CONTACT_CHARS or line.rstrip().endswith(_SENTENCE_END):
        return False
    rest, found = line, False
    for name in authors:
        if len(name.split()) >= 2 and name in rest:
            rest, found = rest.replace(name, " "), True
    if not found:
        return False
    return len(_JOINERS.sub(" ", rest).split()) <= MAX_BYLINE_LABEL_WORDS
