"""The article detector on plainly news pages the generic body search used to miss, and on
stories with no text that date themselves (fixtures/detector, written for these tests)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from newscrawl.dates import resolve_dates
from newscrawl.extract.extractor import extract_article

PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "detector"
URL = "https://news.example/world/story-222249752.html"


def _extract(name: str):
    return extract_article((PAGES / f"{name}.html").read_text(encoding="utf-8"), URL)


def test_declared_article_hidden_by_a_chrome_classed_wrapper_is_read() -> None:
    # A page-wide wrapper's class reads as a modal; the headline sits in a side column, the
    # prose in the page's only <article>, and the metadata says NewsArticle.
    article = _extract("modal_wrapper_article")
    assert article.is_article
    assert [b.text[:20] for b in article.blocks] == [
        "The country's top in", "Speaking at a webina", "He added that the sp"]


def test_page_that_dates_its_headline_is_a_story_without_text() -> None:
    # A broadcast page: its headline names the page, one machine-readable stamp stands next to
    # it, and there is no prose at all (a player, a list of earlier episodes).
    article = _extract("dated_broadcast")
    assert article.is_article and not article.blocks
    assert article.signals["dated_story"]
    resolution = resolve_dates(article.date_candidates,
                               fetched_at=datetime(2020, 6, 22, 8, tzinfo=UTC))
    assert resolution.published_at == datetime(2020, 6, 22, 7, 30, tzinfo=UTC)


def test_headlined_list_of_dated_stories_stays_no_article() -> None:
    # A section page whose h1 is its title: the stamps are its teasers', one per story.
    article = _extract("dated_section_index")
    assert not article.is_article
    assert not article.signals["dated_story"]
