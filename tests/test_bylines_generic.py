"""Bylines on pages no family knows: found in their common shapes, and their lines not left
in the body (extract/authors.py, chrome/contacts.py)."""

from __future__ import annotations

import pytest

from newscrawl.offline.chain import process_page

STORY = "".join(
    f"<p>Der Gemeinderat hat am Dienstag über den Haushalt für das Jahr {year} beraten und nach "
    "langer Debatte mit großer Mehrheit zugestimmt, obwohl die Opposition Einwände hatte.</p>"
    for year in range(2021, 2026))


def _record(above: str = "", below: str = "") -> dict:
    page = (f"<html><body><article><h1>Haushalt beschlossen</h1>{above}{STORY}{below}"
            "</article></body></html>")
    record = process_page(page, "https://www.kreisbote.example/lokales/haushalt-123.html")
    assert record is not None
    return record


@pytest.mark.parametrize(("above", "authors"), [
    ("<p>Von Anna Schmidt und Max Huber</p>", ["Anna Schmidt", "Max Huber"]),
    ("<p>Von unserer Redakteurin Anna Schmidt</p>", ["Anna Schmidt"]),
    ("<p>Ein Artikel von Anna Schmidt</p>", ["Anna Schmidt"]),
    ("<div>Text: Anna Schmidt</div>", ["Anna Schmidt"]),
    # "Von:" glued to its colon, names in linked spans, capitalised surnames (a fact check).
    ("<ul><li>Von: <span><a href='/autoren/anna-schmidt'>Anna SCHMIDT</a>, </span> <span>"
     "<a href='/autoren/max-huber'>Max HUBER</a></span></li></ul>", ["Anna SCHMIDT", "Max HUBER"]),
])
def test_bylines_above_the_story(above: str, authors: list[str]) -> None:
    record = _record(above=above)
    assert record["authors"] == authors
    assert record["body"].startswith("Der Gemeinderat hat am Dienstag")


@pytest.mark.parametrize("below", [
    "<p>Anna Schmidt</p>",  # the name alone, signing the story
    "<p>Text und Fotos: Anna Schmidt</p>",
])
def test_bylines_under_the_story(below: str) -> None:
    record = _record(below=below)
    assert record["authors"] == ["Anna Schmidt"]
    assert record["body"].split("\n\n")[-1].startswith("Der Gemeinderat hat am Dienstag")


def test_a_sentence_about_the_author_and_a_last_line_that_is_no_name_stay() -> None:
    record = _record(above="<p>Von Anna Schmidt</p>",
                     below="<p>Anna Schmidt ist seit 2019 Redakteurin im Lokalteil.</p>")
    assert record["body"].endswith("Anna Schmidt ist seit 2019 Redakteurin im Lokalteil.")
    unsigned = _record(below="<p>Weitere Termine</p><p>Sitzung am 12. März</p>")
    assert unsigned["authors"] == []
    assert unsigned["body"].endswith("Sitzung am 12. März")
