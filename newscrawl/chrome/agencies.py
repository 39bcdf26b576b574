"""Agency notes at the end of a story: "Dieser Text wurde von der Nachrichtenagentur dpa
übernommen und nicht redaktionell bearbeitet", "This story was generated automatically from a
wire feed", "(dpa)".

Not one sentence but a shape: one of the last lines of the body, short, naming a news agency (or
a wire/agency as such) and saying where the text comes from or that nobody edited it. The names
and words are data; a story sentence that quotes an agency ("…, berichtete die Nachrichtenagentur
Wafa.") has no provenance word and is long, so it stays.
"""

from __future__ import annotations

import re

# News agencies and the words for an agency as such. Case-sensitive for the short names: "dpa",
# "AP", "AFP" are names; "ap" inside a word is not.
AGENCIES: tuple[tuple[str, str], ...] = (
    (r"dpa(?:-[A-Za-z]+)?|DPA", "Deutsche Presse-Agentur and its services (dpa-AFX, dpa-infocom)"),
    (r"AFP|Agence France-Presse", "Agence France-Presse"),
    (r"Reuters", "Thomson Reuters"),
    (r"AP|Associated Press", "Associated Press"),
    (r"KNA|epd|EPD|sid|SID|APA|SDA|Keystone-SDA|ANSA|EFE|PA Media|Bloomberg|dts|ddp|Xinhua"
     r"|Interfax|TASS|Kyodo|Yonhap|ANP|Belga|Ritzau|NTB|TT|STT|PAP|ČTK|MTI|AAP|CP",
     "church, sports, national and international agencies"),
    (r"(?i:nachrichtenagentur\w*|presseagentur\w*|agentur\w*|news ?agenc\w+|press agenc\w+"
     r"|wire(?: service| feed| copy)?|newswire|agence|agencia|agenzia|syndicat\w+)",
     "an agency or wire as such, in German, English, French, Spanish, Italian"),
)
# Words that say where a text comes from or that it was not edited.
PROVENANCE = (
    r"(?i:übernommen|redaktionell|bearbeitet|unbearbeitet|unverändert|ungeprüft|automatisch\w*"
    r"|generiert|stammt|Quelle|Mitarbeit|Agenturtext|"
    r"automatic\w*|generated|unedited|edited|editorial|verbatim|syndicated|published from"
    r"|taken from|provided by|supplied by|source|feed|auto-generated|"
    r"automatiquement|généré|depêche|dépêche|publicado|generado|automaticamente|pubblicato)"
)
# Longer lines are story text, even at the end.
MAX_WORDS = 35
# How many of the last body lines are looked at.
TAIL_LINES = 2

_AGENCY = re.compile(r"(?<![\w-])(?:" + "|".join(p for p, _ in AGENCIES) + r")(?![\w])")
_PROVENANCE = re.compile(r"\b" + PROVENANCE + r"\b")
# The agency alone as a line, in brackets or with a copyright sign: "(dpa)", "© AFP 2024".
_BARE = re.compile(r"[(\[©\s]*(?:" + "|".join(p for p, _ in AGENCIES[:5]) + r")"
                   r"(?:\s*[/,]\s*(?:" + "|".join(p for p, _ in AGENCIES[:5]) + r"))*"
                   r"[\s\d)\].-]*")


def is_agency_note(line: str) -> bool:
    """Whether ``line`` (one of the last lines of a body) is a note on the text's agency source."""
    if len(line.split()) > MAX_WORDS:
        return False
    if _BARE.fullmatch(line):
        return True
    return bool(_AGENCY.search(line)) and bool(_PROVENANCE.search(line))
