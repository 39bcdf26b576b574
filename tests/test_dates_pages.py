"""Finding a page's own publication date wherever it prints it (fixtures/dates, written for
these tests: one page per kind of miss seen on real pages)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from newscrawl.dates import resolve_dates
from newscrawl.extract.extractor import extract_article

PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "dates"
URL = "https://kurier.example/stadt/kita-gebuehren-456.html"

# (fixture, fetched at, expected published in UTC, expected source)
CASES = [
    # "Datum: 03.02.2022" in an info line below a long lead, no structured data.
    ("visible_label", datetime(2022, 2, 5, 12, tzinfo=UTC),
     datetime(2022, 2, 2, 23, tzinfo=UTC), "text"),
    # No label: a date-classed span in the byline; a related list's date is another story's.
    ("visible_date_class", datetime(2015, 8, 27, 12, tzinfo=UTC),
     datetime(2015, 8, 25, 20, 30, tzinfo=UTC), "text"),
    # Yoast-style @graph: only the WebPage carries datePublished; the logo's uploadDate is not.
    ("graph_webpage", datetime(2022, 2, 5, 12, tzinfo=UTC),
     datetime(2022, 2, 3, 9, 15, tzinfo=UTC), "jsonld"),
    # A teaser NewsArticle (another headline, older) before the page's own one.
    ("teaser_newsarticle", datetime(2022, 2, 5, 12, tzinfo=UTC),
     datetime(2022, 2, 3, 17, 30, tzinfo=UTC), "jsonld"),
    # A photo's ImageObject datePublished (2019) inside the article; the story's is printed.
    ("image_object", datetime(2022, 2, 5, 12, tzinfo=UTC),
     datetime(2022, 2, 3, 17, 30, tzinfo=UTC), "text"),
    # "12.03., 14:05 Uhr" next to the headline, "Erstellt am 11.03.2021" below the story.
    ("yearless_stamp", datetime(2021, 3, 20, 12, tzinfo=UTC),
     datetime(2021, 3, 10, 23, tzinfo=UTC), "text"),
    # The full date only in a visually hidden <dt>; the visible <dd> says "vor 2 Tagen".
    ("hidden_dt", datetime(2022, 2, 5, 12, tzinfo=UTC),
     datetime(2022, 2, 2, 23, tzinfo=UTC), "text"),
    # An Arabic date line naming the month twice (Levantine / Egyptian), "p.m." in Arabic.
    ("arabic_two_month_names", datetime(2025, 1, 1, tzinfo=UTC),
     datetime(2020, 4, 24, 19, 22, tzinfo=UTC), "text"),
    # The exact stamp only in a date-classed element's data-time (Unix seconds): printed is a
    # year-less "11. Juli", and a profile box carries a full date of 2007 in a tooltip.
    ("data_timestamp", datetime(2020, 7, 12, 12, tzinfo=UTC),
     datetime(2020, 7, 11, 6, 25, 2, tzinfo=UTC), "time"),
    # The only NewsArticle object is the main entity of another page of the site (the video's
    # own page) and gives its wall time as UTC; the page's own meta has the instant.
    ("jsonld_other_page", datetime(2021, 3, 13, 12, tzinfo=UTC),
     datetime(2021, 3, 11, 23, 40, tzinfo=UTC), "meta"),
    # The only date the page prints is "Stand: 19.10.2019 11:05 Uhr" (an update label): it is
    # the page's date, published no later than that.
    ("stand_only", datetime(2019, 10, 20, 12, tzinfo=UTC),
     datetime(2019, 10, 19, 9, 5, tzinfo=UTC), "text"),
    # An institution's page: the only date is "Stand: 14.03.2022" in the page footer.
    ("footer_stand", datetime(2022, 3, 20, 12, tzinfo=UTC),
     datetime(2022, 3, 13, 23, tzinfo=UTC), "footer"),
    # The masthead's "today" above the headline keeps a data-date; the byline's printed date
    # below the headline is the story's (a data attribute is machine-readable only after it).
    ("masthead_data_date", datetime(2022, 2, 5, 12, tzinfo=UTC),
     datetime(2022, 2, 3, 16, 30, tzinfo=UTC), "text"),
    # The only date is a labelled line of its own under the story's last paragraph, far from
    # the headline and longer than a bare date line.
    ("label_after_story", datetime(2022, 2, 5, 12, tzinfo=UTC),
     datetime(2022, 2, 3, 13, 5, tzinfo=UTC), "text"),
]


def _page(name: str) -> str:
    return (PAGES / f"{name}.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(("name", "fetched", "published", "source"), CASES,
                         ids=[c[0] for c in CASES])
def test_extracted_page_gets_its_own_date(name: str, fetched: datetime, published: datetime,
                                          source: str) -> None:
    article = extract_article(_page(name), URL)
    resolution = resolve_dates(article.date_candidates, fetched_at=fetched)
    assert resolution.published_at == published
    assert resolution.published_source == source


@pytest.mark.parametrize(("name", "fetched", "published", "source"), CASES,
                         ids=[c[0] for c in CASES])
def test_date_finder_alone_agrees(name: str, fetched: datetime, published: datetime,
                                  source: str) -> None:
    from newscrawl.extract.pagedates import find_page_dates

    found = find_page_dates(_page(name), URL, fetched_at=fetched)
    assert (found.published_at, found.published_source) == (published, source)


def test_webpage_modified_date_is_read() -> None:
    article = extract_article(_page("graph_webpage"), URL)
    resolution = resolve_dates(article.date_candidates, fetched_at=datetime(2022, 2, 5, tzinfo=UTC))
    assert resolution.modified_at == datetime(2022, 2, 4, 10, tzinfo=UTC)


def test_teaser_and_image_dates_are_not_candidates() -> None:
    raws = {c.raw for c in extract_article(_page("teaser_newsarticle"), URL).date_candidates}
    assert "2021-11-20T07:00:00+01:00" not in raws  # the teaser's
    assert "2019-06-01T10:00:00+02:00" not in raws  # the photo's
    related = {c.raw for c in extract_article(_page("visible_date_class"), URL).date_candidates}
    assert not any("24.08.2015" in raw for raw in related)


def test_footer_dates_are_labelled_lines_only() -> None:
    from newscrawl.extract.datecands import footer_dates
    from newscrawl.extract.tree import parse_html

    root = parse_html("<html><body><main><h1>Titel</h1></main><footer><p>Sprechzeiten ab "
                      "03.01.2022</p><p>Letzte Änderung: 14.03.2022</p><div class='footer-links'>"
                      "Stand: 15.03.2022</div></footer></body></html>")
    assert footer_dates(root) == [("modified", "Letzte Änderung: 14.03.2022"),
                                  ("modified", "Stand: 15.03.2022")]


def test_footer_is_read_only_when_the_page_dates_itself_nowhere_else() -> None:
    html = _page("footer_stand").replace("<h1>", "<p class='date'>12.03.2022</p><h1>")
    sources = {c.source for c in extract_article(html, URL).date_candidates}
    assert "footer" not in sources and "text" in sources
