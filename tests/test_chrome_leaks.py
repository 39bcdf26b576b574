"""Chrome that leaked on unseen German pages, removed by structure (fixtures/chrome)."""

from __future__ import annotations

from pathlib import Path

from newscrawl.article import Block
from newscrawl.extract.linkboxes import without_box_titles
from newscrawl.offline.chain import process_page

PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "chrome"
URL = "https://www.kreisblatt.example/region/story-1.html"


def body_lines(name: str) -> list[str]:
    record = process_page((PAGES / f"{name}.html").read_text(encoding="utf-8"), URL)
    assert record is not None
    return [line for line in record["body"].split("\n") if line]


def test_related_links_between_sentences_are_cut_out_of_the_paragraph() -> None:
    body = body_lines("link_in_paragraph")
    assert body[1] == ("Die Mehrkosten von rund zwei Millionen Euro trägt der Kreis. Die Gemeinden "
                       "beteiligen sich nicht an der Finanzierung.")
    assert body[2] == ("Auf dem Land sollen Rufbusse die Lücken schließen. Bestellt werden sie per "
                       "App oder Telefon bis eine Stunde vor der Fahrt.")
    # A link inside a sentence is the sentence's word.
    assert "dass die SPD und die CDU auch die Radwege" in body[3]


def test_article_lists_and_load_more_controls_are_not_story() -> None:
    body = body_lines("article_lists")
    assert body[-1].startswith("Die Helfer bleiben vorerst in Bereitschaft")
    assert "So geht es weiter" in body
    joined = "\n".join(body)
    for chrome in ("Mehr aus dieser Kategorie", "Schulbus fällt aus", "Zuletzt veröffentlicht",
                   "Zeig mir mehr davon", "Weitere Artikel laden"):
        assert chrome not in joined


def test_read_more_link_after_the_lead_is_dropped() -> None:
    body = body_lines("read_more")
    assert body[0].endswith("um ein Drittel gestiegen.")
    assert body[2].endswith("sagt die Leiterin Maria Schulte.")


def test_pointer_paragraphs_to_other_stories_are_not_story() -> None:
    body = body_lines("pointer_paragraphs")
    joined = "\n".join(body)
    # A label paragraph ending in a link to another story, and teasers of other stories cut
    # off with an ellipsis before their "Weiterlesen"/"mehr" link.
    for chrome in ("Kommentar unserer Redakteurin", "Ein Plan mit Lücken", "Hallenbad",
                   "Musikschule"):
        assert chrome not in joined
    # A sentence before the colon makes the link the sentence's object; a one-word link, and
    # the story's own last line ending in an ellipsis, stay.
    assert body[3].endswith("Mehr dazu sagte ihr Sprecher: Jan Peter Albers")
    assert body[4].endswith("Eine Übersicht der neuen Linien: Liniennetz")
    assert body[-1].endswith("will vorher die Ortsbeiräte anhören …")
    assert len(body) == 6


def test_teaser_rows_without_linked_headings_are_not_story() -> None:
    body = body_lines("teaser_rows")
    joined = "\n".join(body)
    # Headline link over a teaser line (a <br> between), and a row of cards whose image, not
    # heading, links to another story; the row's heading goes with it.
    for chrome in ("Scheunenbrand", "Schwimmbad", "Musikschule", "Kirmes", "Turnhalle",
                   "Mehr aus dem Lokalen"):
        assert chrome not in joined
    # A box of the story whose image links to the picture file stays.
    assert "Der Rufbus im Test" in body
    assert body[-1].startswith("Der neue Fahrplan soll im Juni vorgestellt werden.")
    assert len(body) == 7


def test_flat_teaser_lists_go_and_a_guide_with_linked_headings_stays() -> None:
    body = body_lines("teaser_lists_flat")
    joined = "\n".join(body)
    # Headline links as h3 each over one teaser line (and their label heading), teasers side by
    # side that end in "weiterlesen", list items of time + linked h4 + teaser line.
    for chrome in ("Mehr aus dieser Kategorie", "Scheunenbrand", "Schwimmbad", "Musikschule",
                   "Festplatz", "Turnhalle", "Parkgebühren", "Radweg nach Neudorf"):
        assert chrome not in joined
    # The story's own linked headings stand over paragraphs of text: a guide, kept whole.
    assert body[1] == "Der Kanalweg von Altdorf nach Neudorf"
    assert body[4] == "Die Heideroute rund um den Sandberg"
    assert body[-1].startswith("Alle drei Wege sind auf der Karte")
    assert len(body) == 8


def test_titles_of_link_boxes_go_with_their_boxes() -> None:
    body = body_lines("box_titles")
    joined = "\n".join(body)
    # A box title over teaser links between paragraphs, over one related link, and the titles of
    # the link rail after the story: their links are left out, so are they (no chrome phrase
    # knows these titles).
    for chrome in ("Das lesen andere gerade", "Dazu passend", "Beliebte Storys",
                   "Weitere Meldungen", "Radfahrer", "Ampelanlagen", "Schulbus", "Kiosk"):
        assert chrome not in joined
    # A sub-heading over a paragraph of its section, and a heading over an image link (no
    # link text: nothing says its box is chrome), stay.
    assert "Hinweise an die Wache" in body
    assert body[3].endswith("das Hinweisportal der Polizei Altdorf entgegen.")
    assert "Bilder von der Kreuzung" in body
    assert body[-1] == "Die Kreuzung bleibt bis zum Einbau einer neuen Ampel mit Baken gesichert."
    assert len(body) == 6


def test_box_titles_stay_where_the_page_around_them_does_not_say_chrome() -> None:
    story = Block("p", "Der Mast wurde abgebaut.")
    rail = Block("h", "Beliebte Storys")
    promo = [Block("p", "Du willst dich beruflich verändern?"), Block("p", "Zum Stellenmarkt")]
    titles = {id(rail): rail}
    # Between lines of the story, and after its last line: gone.
    assert without_box_titles([story, rail, story], titles) == [story, story]
    assert without_box_titles([story, rail], titles) == [story]
    # Over lines that are no statements (a promo's question, a button): left to the chrome
    # filter, whose related-section rule may need the title to cut the tail.
    assert without_box_titles([story, rail, *promo], titles) == [story, rail, *promo]
    # A body of nothing but box titles (a video page) is not emptied here.
    assert without_box_titles([rail], titles) == [rail]
