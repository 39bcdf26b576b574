"""Dates found only in scripts: read last, and never another story's (fixtures/dates)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from newscrawl.dates import resolve_dates
from newscrawl.extract.extractor import extract_article
from newscrawl.extract.pagedates import find_page_dates

PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "dates"
URL = "https://kreisbote.example/lokales/buslinie-123.html"
FETCHED = datetime(2021, 3, 10, 12, tzinfo=UTC)


def _page(name: str) -> str:
    return (PAGES / f"{name}.html").read_text(encoding="utf-8")


def test_state_and_data_layer_date_when_the_page_prints_none() -> None:
    found = find_page_dates(_page("script_state"), URL, fetched_at=FETCHED)
    assert found.published_at == datetime(2021, 3, 4, 7, 15, tzinfo=UTC)
    assert found.published_source == "script"


def test_other_stories_dates_in_state_are_not_read() -> None:
    found = find_page_dates(_page("script_other_stories"), URL, fetched_at=FETCHED)
    assert found.published_at is None


def test_inline_printing_call_near_the_headline_not_the_sidebars() -> None:
    found = find_page_dates(_page("script_inline_call"), "http://city.example/67926/6950016",
                            fetched_at=FETCHED)
    assert found.published_at == datetime(2020, 4, 16, 23, 43, 9, tzinfo=UTC)
    assert found.published_source == "script"


def test_script_date_is_trusted_least() -> None:
    page = _page("script_state").replace(
        "<main><h1>Neue Buslinie ab Montag</h1>",
        "<main><h1>Neue Buslinie ab Montag</h1><p class=\"date\">05.03.2021</p>")
    article = extract_article(page, URL)
    resolution = resolve_dates(article.date_candidates, fetched_at=FETCHED)
    assert resolution.published_source == "text"
    assert resolution.published_at == datetime(2021, 3, 4, 23, tzinfo=UTC)
