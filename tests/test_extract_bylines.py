"""Bylines in the generic forms a page no family knows prints them: "Von X", "By X", "Written by
X", a labelled line with a credit after it, rel="author" among other rel values, a JSON-LD
@graph Person referenced by @id. A "Von X" inside a teaser link is another story's."""

from __future__ import annotations

import pytest

from newscrawl.extract.extractor import extract_article

PARAGRAPH = ("<p>Der Gemeinderat hat am Dienstag nach langer Debatte beschlossen, die alte "
             "Turnhalle zu sanieren; die Arbeiten beginnen im Frühjahr, Abschnitt {}.</p>")
BODY = "".join(PARAGRAPH.format(i) for i in range(6))
URL = "https://zeitung.example/lokales/turnhalle-123.html"


def page(head: str = "", byline: str = "", after: str = "") -> str:
    return (f"<html><head><title>Turnhalle wird saniert</title>{head}</head><body><header><nav>"
            f"<a href='/'>Start</a></nav></header><main><article><h1>Turnhalle wird saniert</h1>"
            f"{byline}{BODY}{after}</article></main><footer>Impressum</footer></body></html>")


GRAPH = ('<script type="application/ld+json">{"@context":"https://schema.org","@graph":['
         '{"@type":"NewsArticle","headline":"Turnhalle wird saniert","author":[{"@id":"#p1"}]},'
         '{"@type":"Person","@id":"#p1","name":"Jana Kowalski"}]}</script>')
CASES = {
    "von": page(byline="<p>Von Jana Kowalski</p>"),
    "by": page(byline="<p>By Jana Kowalski</p>"),
    "von_with_date": page(byline="<div>Von Jana Kowalski | 12.03.2024, 10:15 Uhr</div>"),
    "von_in_meta_row": page(byline="<div class='meta'><span>Von Jana Kowalski</span> "
                                   "<time>12.03.2024</time></div>"),
    "von_at_the_end": page(after="<p><em>Von Jana Kowalski</em></p>"),
    "verfasst_von": page(byline="<p>Verfasst von Jana Kowalski</p>"),
    "written_by": page(byline="<p>Written by Jana Kowalski</p>"),
    "label_with_credit": page(byline="<p>Text: Jana Kowalski, Fotos: Max Muster</p>"),
    "rel_author_among_others": page(
        byline="<p><a rel='author noopener' href='/autor/jk'>Jana Kowalski</a></p>"),
    "json_ld_graph_reference": page(head=GRAPH),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_generic_byline_forms(name: str) -> None:
    assert extract_article(CASES[name], URL).authors == ["Jana Kowalski"]


def test_byline_of_a_teaser_link_is_not_the_author() -> None:
    teaser = ("<div class='related'><a href='/politik/andere-geschichte-9.html'><span>Andere "
              "Geschichte</span> <span>Von Ines Beispiel</span></a></div>")
    assert extract_article(page(after=teaser), URL).authors == []
