"""Agency notes at the end of a story are chrome, by their shape (last lines, short, an agency
and a provenance word), not by one sentence; story sentences that quote an agency stay."""

from __future__ import annotations

import pytest

from newscrawl.article import Block
from newscrawl.chrome import clean_blocks

STORY = [Block("p", "Der Stadtrat hat am Dienstag die Sanierung der Turnhalle beschlossen, die "
                    "Arbeiten sollen im Frühjahr beginnen und ein Jahr dauern."),
         Block("p", "Die Kosten von rund drei Millionen Euro trägt zum großen Teil das Land.")]
NOTES = [
    "Dieser Text wurde von der Nachrichtenagentur dpa übernommen und nicht redaktionell "
    "bearbeitet.",
    "Der Beitrag stammt von der Agentur epd und erscheint unverändert.",
    "This story was generated automatically from a wire feed.",
    "This article was provided by Reuters and has not been edited by our newsroom.",
    "(dpa)",
    "(AFP)",
    "(dpa-AFX)",
]
KEPT = [
    "Das sagte ein Sprecher der Nachrichtenagentur Reuters am Abend.",
    "Die Zahlen hatte zuvor die Nachrichtenagentur AFP gemeldet.",
]


@pytest.mark.parametrize("note", NOTES)
def test_trailing_agency_note_is_dropped(note: str) -> None:
    result = clean_blocks([*STORY, Block("p", note)])
    assert result.blocks == STORY
    assert (note, "agency_note") in result.dropped


@pytest.mark.parametrize("line", KEPT)
def test_story_sentence_naming_an_agency_stays(line: str) -> None:
    assert clean_blocks([*STORY, Block("p", line)]).blocks == [*STORY, Block("p", line)]


def test_agency_note_inside_the_story_stays() -> None:
    note = Block("p", NOTES[0])
    blocks = [STORY[0], note, *STORY, Block("p", "Baubeginn ist im April, sagte die Stadt.")]
    assert note in clean_blocks(blocks).blocks
