"""Wire copies: the copy published first is the story, whatever order the crawl stored them in;
an earlier copy that arrives later takes the story over, and every stored link follows (SQLite
and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from test_store import article, pg_database, store_url, story  # noqa: F401

from newscrawl.store import ArticleStore

EARLY, MIDDLE, LATE = "2024-05-01T06:00:00Z", "2024-05-01T07:30:00Z", "2024-05-01T09:00:00Z"


@pytest.fixture
def wire(store_url: str) -> Iterator[ArticleStore]:  # noqa: F811
    opened = ArticleStore.open(store_url)
    yield opened
    opened.close()


def links(store: ArticleStore) -> dict[str, str | None]:
    return {r["canonical_url"]: r["duplicate_of"]
            for r in store.iter_articles(include_duplicates=True)}


def test_exact_copy_published_earlier_becomes_the_story(wire: ArticleStore) -> None:
    body = story(21)
    wire.save(article("https://b.example/late", body, published_at=LATE))
    result = wire.save(article("https://a.example/early", body, published_at=EARLY))
    assert (result.duplicate_of, result.replaced, result.match) == (
        None, "https://b.example/late", "exact")
    assert links(wire) == {"https://b.example/late": "https://a.example/early",
                            "https://a.example/early": None}
    (only,) = wire.iter_articles()
    assert only["appearances"] == ["https://a.example/early", "https://b.example/late"]


def test_near_copies_all_follow_the_earliest_and_later_ones_link_to_it(
        wire: ArticleStore) -> None:
    body = story(22, 200)
    wire.save(article("https://c.example/dpa", body + " Ein Satz mehr.", published_at=LATE))
    wire.save(article("https://b.example/dpa", body + " Noch etwas.", published_at=MIDDLE))
    first = wire.save(article("https://a.example/dpa", body, published_at=EARLY))
    # b took over from c when it arrived, a from b.
    assert first.replaced == "https://b.example/dpa" and first.match == "near"
    assert links(wire) == {"https://c.example/dpa": "https://a.example/dpa",
                            "https://b.example/dpa": "https://a.example/dpa",
                            "https://a.example/dpa": None}
    # The index now knows the earliest copy as the story.
    later = wire.save(article("https://d.example/dpa", body + " Zuletzt.",
                               published_at="2024-05-02T10:00:00Z"))
    assert later.duplicate_of == "https://a.example/dpa"


def test_without_an_earlier_publication_time_the_first_stored_stays_the_story(
        wire: ArticleStore) -> None:
    body = story(23)
    wire.save(article("https://a.example/x", body, published_at=EARLY))
    same = wire.save(article("https://b.example/x", body, published_at=EARLY))
    unknown = wire.save(article("https://c.example/x", body, published_at=None))
    later = wire.save(article("https://d.example/x", body, published_at=LATE))
    assert {same.duplicate_of, unknown.duplicate_of, later.duplicate_of} == {
        "https://a.example/x"}
    assert not (same.replaced or unknown.replaced or later.replaced)
