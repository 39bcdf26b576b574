"""The article detector on plainly news pages the generic body search used to miss
(fixtures/detector, written for these tests)."""

from __future__ import annotations

from pathlib import Path

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
