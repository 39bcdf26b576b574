"""Visible dates are read only when the machine-readable ones leave the page's dates open
(dates.resolve.settled, extract.datecands): the record and the source and disagreement stats
are those of the full candidate list."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

import newscrawl.extract.datecands as datecands
from newscrawl.article import DateCandidate
from newscrawl.dates import resolve_dates
from newscrawl.dates.resolve import settled
from newscrawl.extract import extract_article

FETCHED = datetime(2024, 3, 20, 12, 0, tzinfo=UTC)
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

BOTH = [("published", "jsonld", "2024-03-12T08:00:00+01:00"),
        ("modified", "jsonld", "2024-03-12T10:00:00+01:00"),
        ("published", "meta", "2024-03-12T08:00:00+01:00")]


def _settled(*candidates: tuple[str, str, str]) -> bool:
    return settled([DateCandidate(*c) for c in candidates], fetched_at=FETCHED)


def test_machine_dates_that_decide_everything_settle_the_page() -> None:
    assert _settled(*BOTH)
    assert _settled(*BOTH, ("published", "url", "2024-03-12"))


@pytest.mark.parametrize(("candidates", "expected"), [
    (BOTH[:1] + BOTH[2:], False),  # no modified date: a visible "Aktualisiert" could give one
    (BOTH[:2], False),  # one machine source: a visible date would be the runner-up
    ([*BOTH, ("published", "url", "2024-03-02")], False),  # the URL check may pick another
    ([("published", "jsonld", "2024-03-21T10:00:00+01:00"), *BOTH[1:]], False),  # near the
    # future limit, where the date stage's later fetch time may judge it otherwise
    # A JSON-LD stamp that needs the fetch time: meta's full date is chosen, JSON-LD's is the
    # runner-up, both machine-readable.
    ([("published", "jsonld", "vor 3 Stunden"), *BOTH[1:]], True),
])
def test_pages_whose_visible_dates_may_still_matter(candidates, expected: bool) -> None:
    assert _settled(*candidates) is expected


def _pages() -> list[Path]:
    return sorted(p for p in FIXTURES.rglob("*.html") if p.stat().st_size < 2_000_000)


def _resolved(page: Path, url: str, monkeypatch, lazy: bool):
    monkeypatch.setattr(datecands, "settled", REAL_SETTLED if lazy else lambda *_a, **_k: False)
    extracted = extract_article(page.read_text(encoding="utf-8", errors="replace"), url,
                                fetched_at=LATER)
    return extracted, resolve_dates(extracted.date_candidates, fetched_at=LATER)


REAL_SETTLED = datecands.settled
# After every fixture page's dates.
LATER = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def test_machine_dates_that_settle_a_page_spare_its_visible_dates(monkeypatch) -> None:
    page = FIXTURES / "dates" / "machine_dates_settle.html"
    url = "https://www.kreisblatt.example/lokales/parkgebuehren-4711.html"
    lazy, a = _resolved(page, url, monkeypatch, lazy=True)
    full, b = _resolved(page, url, monkeypatch, lazy=False)
    assert {c.source for c in lazy.date_candidates} == {"jsonld", "meta"}
    assert {"time", "text"} <= {c.source for c in full.date_candidates}
    assert (a.published_at, a.modified_at, a.published_source) == \
        (b.published_at, b.modified_at, b.published_source)
    assert a.published_at == datetime(2024, 3, 12, 7, 0, tzinfo=UTC)
    # A URL dated another day: its check may choose a visible date, so they are read.
    dated = "https://www.kreisblatt.example/2024/03/19/parkgebuehren.html"
    lazy, _ = _resolved(page, dated, monkeypatch, lazy=True)
    assert "time" in {c.source for c in lazy.date_candidates}


def test_the_short_cut_never_changes_a_fixture_pages_dates(monkeypatch) -> None:
    pages = _pages()
    assert len(pages) > 200
    for page in pages:
        url = f"https://www.kreisblatt.example/lokales/{page.stem}.html"
        _, a = _resolved(page, url, monkeypatch, lazy=True)
        _, b = _resolved(page, url, monkeypatch, lazy=False)
        assert (a.published_at, a.published_raw, a.published_source, a.modified_at,
                a.modified_raw, a.modified_source, a.published_runner_up) == (
            b.published_at, b.published_raw, b.published_source, b.modified_at,
            b.modified_raw, b.modified_source, b.published_runner_up), page
        # Rejections are counted among the candidates read; every other decision is the same.
        assert {e for e in a.events if not e.startswith("rejected/")} == \
            {e for e in b.events if not e.startswith("rejected/")}, page
