"""The parts of site health without a crawl: wall detection on pages, failure kinds, the
verdict against a baseline, the site of a page."""

from __future__ import annotations

from pathlib import Path

import pytest

from newscrawl.extract.walls import detect_wall
from newscrawl.health.sites import site_of
from newscrawl.health.tally import failure_kind
from newscrawl.health.verdict import baseline, blocked_reasons, judge
from tests.conftest import ROOT

HEALTH = ROOT / "fixtures" / "health"
LIMITS = {"max_fallback": 0.2, "max_empty": 0.2}
ARTICLE_PAGES = sorted(p for p in (ROOT / "fixtures").rglob("*.html")
                       if "health" not in p.parts and "js" not in p.parts)


def test_the_fixture_walls_are_walls_with_their_titles() -> None:
    challenge = detect_wall((HEALTH / "refusing" / "challenge.html").read_text())
    assert challenge is not None and challenge.kind == "challenge"
    assert challenge.title == "Einen Moment bitte …"
    consent = detect_wall((HEALTH / "consent_wall" / "wall.html").read_text())
    assert consent is not None and consent.kind == "consent"
    # The client-rendered page behind a cookie banner (Splash clicks it away) is one too.
    js = detect_wall((ROOT / "fixtures" / "js" / "consent_article.html").read_text())
    assert js is not None and js.kind == "consent"


def test_no_fixture_article_page_is_a_wall() -> None:
    assert len(ARTICLE_PAGES) > 100
    walls = [p for p in ARTICLE_PAGES if detect_wall(p.read_text(errors="replace"))]
    assert walls == []


@pytest.mark.parametrize("html", [
    # A short article with a newsletter form: an action, but nothing names a wall.
    "<html><head><title>Kurz</title></head><body><p>Zwei Sätze Meldung.</p><form action="
    "'/newsletter'><input name='email'><button>Abonnieren</button></form></body></html>",
    # A headline about the "Challenge League": words in text are not markup names.
    "<html><body><h1>Trainer kommt aus der Challenge League</h1><button>Teilen</button>"
    "</body></html>",
    # A long article with a consent banner in its markup is an article.
    "<html><body><div class='cmp-banner'><button>OK</button></div><p>"
    + "Ein langer Absatz mit Artikeltext. " * 40 + "</p></body></html>",
])
def test_not_walls(html: str) -> None:
    assert detect_wall(html) is None


@pytest.mark.parametrize(("status", "error", "kind"), [
    (403, "HttpError", "blocked"), (429, "HttpError", "blocked"), (404, "HttpError", "4xx"),
    (503, "HttpError", "5xx"), (None, "IgnoreRequest: Forbidden by robots.txt", "robots"),
    (None, "TimeoutError: User timeout caused connection failure", "timeout"),
    (None, "IgnoreRequest: already stored: http://x/a", "skipped"),
    (None, "DNSLookupError: no such host", "connection"),
])
def test_failure_kinds(status: int | None, error: str, kind: str) -> None:
    assert failure_kind(status, error) == kind


def test_a_paper_is_its_spider_and_generic_is_one_site_per_host() -> None:
    assert site_of("waz", True, "https://www.waz.de/a.html") == "waz"
    assert site_of("generic", False, "https://www.example.de/a.html") == "example.de"
    assert site_of("generic", False, "http://127.0.0.2:8000/a.html") == "127.0.0.2"


def _figures(**changes: object) -> dict:
    base = {"articles": 20, "pages_fetched": 30, "statuses": {"200": 30}, "failures": {},
            "walls": {}, "wall_titles": [], "body_chars_median": 2400.0,
            "paragraphs_median": 9.0, "share_author": 0.9, "share_date": 1.0,
            "share_teaser": 0.95, "chrome_per_article": 1.5, "trailing_share": 0.1,
            "trailing_line": "", "empty_bodies": 0, "short_bodies": 1, "fallback_rate": 0.0,
            "state": "green"}
    return {**base, **changes}


HISTORY = [_figures(body_chars_median=m) for m in (2300.0, 2500.0, 2450.0, 2200.0, 2600.0)]


def test_an_unchanged_crawl_is_green() -> None:
    verdict = judge(_figures(body_chars_median=2100.0), HISTORY, **LIMITS)
    assert (verdict.state, verdict.reasons) == ("green", [])


def test_bodies_a_third_as_long_are_red_with_every_field_present() -> None:
    verdict = judge(_figures(body_chars_median=800.0, paragraphs_median=3.0), HISTORY, **LIMITS)
    assert verdict.state == "red"
    assert verdict.reasons[0].startswith("median body length 0.33× the usual (800 vs 2,450 chars)")


def test_every_article_with_the_same_trailing_line_is_red() -> None:
    verdict = judge(_figures(trailing_share=1.0, trailing_line="Mehr aus der Region lesen"),
                    HISTORY, **LIMITS)
    assert verdict.state == "red"
    assert verdict.reasons == ['100% of articles end with the same line '
                               '"Mehr aus der Region lesen"']


def test_dates_gone_is_red_and_authors_thinning_amber() -> None:
    assert judge(_figures(share_date=0.2), HISTORY, **LIMITS).state == "red"
    assert judge(_figures(share_author=0.6), HISTORY, **LIMITS).state == "amber"


def test_no_baseline_before_two_normal_crawls() -> None:
    assert baseline(HISTORY[:1]) is None
    # Red crawls never become the usual.
    assert baseline([_figures(state="red"), *HISTORY[:1]]) is None
    assert judge(_figures(body_chars_median=500.0), HISTORY[:1], **LIMITS).state == "green"


def test_blocked_by_robots_and_by_refusals() -> None:
    robots = _figures(articles=0, pages_fetched=0, statuses={}, failures={"robots": 3})
    assert blocked_reasons(robots) == ["robots.txt forbids the crawl (3 requests not made)"]
    refused = _figures(articles=0, pages_fetched=5, statuses={"403": 4, "200": 1},
                       wall_titles=["Access denied"])
    assert judge(refused, HISTORY, **LIMITS).reasons == [
        'refused 4 of 5 requests (403×4), page title "Access denied"']
    # One 403 among many answers is a missing permission, not a block.
    assert blocked_reasons(_figures(statuses={"200": 30, "403": 1})) == []


def test_report_pages_are_self_contained(tmp_path: Path) -> None:
    from newscrawl.health.dashboard import render_report

    history = [{**f, "site": "x", "finished_at": f"2025-03-{10 + i:02d}T06:00:00Z"}
               for i, f in enumerate(HISTORY)]
    html = render_report({"x": history}, **LIMITS)
    assert "<script" not in html and "http://" not in html.replace(
        'xmlns="http://www.w3.org/2000/svg"', "")
    assert html.count("<svg") == 9
