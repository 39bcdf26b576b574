"""Discovery modes of the paper spiders on the family fixture sites: latest (default), chosen
sections, archive (since/until through monthly archive sitemaps or a dated sitemap index),
and limit."""

from __future__ import annotations

import pytest

from tests.test_families_e2e import EXPECTED, FAMILIES_DIR, crawl_site

FUNKE = {a["path"].rsplit("/", 2)[-2]: a["path"] for a in EXPECTED["funke"]["articles"]}
POLITIK = FUNKE["article241100001"]
ARCHIVED = FUNKE["article240500003"]  # only in /panorama/ and the 2024-05 archive sitemap
MAY_2024 = {"since": "2024-05-01", "until": "2024-05-31"}


@pytest.fixture(scope="module")
def funke_runs(tmp_path_factory: pytest.TempPathFactory) -> dict:
    runs = {
        "latest": ("waz", {}),
        "sections": ("waz", {"sections": "politik"}),
        "archive": ("waz", MAY_2024),
        "limit": ("morgenpost", {"limit": "2"}),
        "unknown_section": ("waz", {"sections": "politik,feuilleton"}),
    }
    return crawl_site(FAMILIES_DIR / "funke", tmp_path_factory.mktemp("funke-modes"), runs)


@pytest.fixture(scope="module")
def ippen_runs(tmp_path_factory: pytest.TempPathFactory) -> dict:
    runs = {"archive": ("merkur", MAY_2024), "latest": ("merkur", {})}
    return crawl_site(FAMILIES_DIR / "ippen", tmp_path_factory.mktemp("ippen-modes"), runs)


def _sources(stats: dict) -> dict[str, int]:
    prefix = "newscrawl/discovery/source/"
    return {k.removeprefix(prefix): v for k, v in stats.items() if k.startswith(prefix)}


def test_latest_uses_news_sitemap_feed_and_sections(funke_runs: dict) -> None:
    run = funke_runs["latest"]
    assert sorted(run["records"]) == sorted(FUNKE.values())
    read = {k.removeprefix("newscrawl/discovery/entry_read/") for k in run["stats"]
            if k.startswith("newscrawl/discovery/entry_read/")}
    assert read == {"sitemap", "feed", "section"}
    # Each article is credited to the listing that named it first, which depends on which entry
    # point answers first (Scrapy 2.14+ sends them all at once): the feed may name none first.
    assert {"sitemap", "section"} <= set(_sources(run["stats"])) <= read
    # Listed in the news sitemap, the feed and on a section page: fetched once.
    assert run["stats"].get("newscrawl/discovery/duplicate_url", 0) >= 1


def test_sections_mode_crawls_only_those_sections(funke_runs: dict) -> None:
    run = funke_runs["sections"]
    assert list(run["records"]) == [POLITIK]
    # The politik article and the robots-disallowed /vorschau/ link, nothing else.
    assert _sources(run["stats"]) == {"section": 2}


def test_unknown_section_is_reported(funke_runs: dict) -> None:
    run = funke_runs["unknown_section"]
    assert list(run["records"]) == [POLITIK]
    assert "unknown section 'feuilleton'" in run["log"]


def test_archive_mode_reads_the_monthly_archive_sitemap(funke_runs: dict) -> None:
    run = funke_runs["archive"]
    assert list(run["records"]) == [ARCHIVED]
    assert run["records"][ARCHIVED]["published_at"] == "2024-05-14T07:00:00Z"
    # No news sitemap, feed or section page in archive mode, and no failed entry point.
    assert _sources(run["stats"]) == {"sitemap": 1}
    assert not [k for k in run["stats"] if "entry_failed" in k]


def test_archive_mode_filters_a_dated_sitemap_index(ippen_runs: dict) -> None:
    run = ippen_runs["archive"]
    archived = [a["path"] for a in EXPECTED["ippen"]["articles"] if "-zr-" in a["path"]]
    assert list(run["records"]) == archived
    # Child sitemaps newer than `since` are read, their newer entries skipped.
    assert run["stats"]["newscrawl/discovery/child_sitemaps"] == 3
    assert run["stats"]["newscrawl/discovery/out_of_range"] == 2


def test_latest_mode_does_not_need_the_archive(ippen_runs: dict) -> None:
    run = ippen_runs["latest"]
    assert len(run["records"]) == len(EXPECTED["ippen"]["articles"])
    assert "newscrawl/discovery/child_sitemaps" not in run["stats"]


def test_limit_stops_after_n_stored_articles(funke_runs: dict) -> None:
    run = funke_runs["limit"]
    assert len(run["records"]) == 2
    assert run["stats"]["newscrawl/store/articles_stored"] == 2
    assert run["stats"]["finish_reason"] == "limit_reached"
