"""Family versions (newscrawl/families/base.py, newscrawl/extract/family_version.py): the page's
date proposes the newest version valid on it, the body container confirms; the relaunched Funke
site (fixtures/families/funke_relaunch) reads through Funke version 2, the old layout through 1."""

from __future__ import annotations

import asyncio
import json
import pickle
from datetime import date

import pytest
from scrapy.utils.test import get_crawler

from newscrawl.crawl.extraction_workers import ExtractPool
from newscrawl.extract import extract_article
from newscrawl.families import FAMILIES, FunkeFamily, family_by_name, family_for
from newscrawl.families.base import Family
from newscrawl.families.funke import FunkeFamilyV2
from tests.test_families_e2e import FAMILIES_DIR


class PaperFamily(Family):
    """A toy platform whose relaunch changed only the headline element."""

    name = "paper"
    container_selector = "div.story"
    title_selector = "h1.old-title"


class PaperFamilyV2(PaperFamily):
    valid_from = "2025-01-01"
    title_selector = "h2.new-title"


def paper_page(published: str | None) -> str:
    """A page that prints both headline elements, so only the date can tell the versions apart."""
    ld = (f'<script type="application/ld+json">{{"@type": "NewsArticle", '
          f'"datePublished": "{published}"}}</script>' if published else "")
    text = "Der Rat hat am Abend beschlossen, die Brücke zu sanieren. " * 12
    return (f"<html><head>{ld}</head><body><article><h1 class='old-title'>Alter Titel</h1>"
            f"<h2 class='new-title'>Neuer Titel</h2><div class='story'><p>{text}</p></div>"
            "</article></body></html>")


def funke_page(site: str, index: int) -> tuple[str, str, dict]:
    """Article ``index`` of a Funke fixture site: its HTML, a waz.de URL, its expected record."""
    article = json.loads((FAMILIES_DIR / site / "expected.json").read_text())["articles"][index]
    html = (FAMILIES_DIR / site / article["path"].lstrip("/")).read_text(encoding="utf-8")
    return html, "https://www.waz.de" + article["path"], article


def test_a_subclass_with_valid_from_is_the_next_version_of_its_family() -> None:
    assert FunkeFamily.versions() == FunkeFamilyV2.versions() == (FunkeFamily, FunkeFamilyV2)
    assert (FunkeFamily.version, FunkeFamilyV2.version) == (1, 2)
    assert FunkeFamilyV2.first_version is FunkeFamily and FunkeFamilyV2.name == "funke"
    # Spiders, FAMILIES, stored rows and detection name the family by its first version.
    assert FunkeFamilyV2 not in FAMILIES
    assert family_by_name("funke") is FunkeFamily
    assert family_for("https://www.waz.de/politik/article1234567/x.html") is FunkeFamily
    # Without its own valid_from a subclass is a family of its own, not a version.
    assert PaperFamily.versions() == (PaperFamily, PaperFamilyV2)
    assert all(f.versions()[0] is f for f in FAMILIES)


def test_versions_are_declared_in_date_order_and_keep_the_name() -> None:
    with pytest.raises(TypeError, match="date order"):
        type("Early", (PaperFamilyV2,), {"valid_from": "2024-06-01"})
    with pytest.raises(TypeError, match="keeps its family's name"):
        type("Renamed", (PaperFamilyV2,), {"valid_from": "2026-01-01", "name": "other"})
    with pytest.raises(ValueError):
        type("Malformed", (PaperFamilyV2,), {"valid_from": "1.1.2026"})
    assert PaperFamily.versions() == (PaperFamily, PaperFamilyV2)  # failures registered nothing


def test_version_for_a_day() -> None:
    assert PaperFamily.version_for(date(2024, 12, 31)) is PaperFamily
    assert PaperFamily.version_for(date(2025, 1, 1)) is PaperFamilyV2
    assert PaperFamilyV2.version_for(date(2019, 5, 1)) is PaperFamily
    assert PaperFamily.version_for(None) is PaperFamilyV2  # undated: fetched now
    assert PaperFamily.versions_to_try(date(2024, 3, 1)) == (PaperFamily, PaperFamilyV2)


def test_a_page_dated_before_valid_from_uses_version_1() -> None:
    url = "https://www.paper.example/lokales/bruecke-1.html"
    old = extract_article(paper_page("2024-11-30T18:00:00+01:00"), url, family=PaperFamily)
    new = extract_article(paper_page("2025-02-03T08:00:00+01:00"), url, family=PaperFamily)
    assert (old.title, old.extractor) == ("Alter Titel", "family:paper")
    assert (new.title, new.extractor) == ("Neuer Titel", "family:paper@2")


def test_without_a_published_date_the_fetch_date_decides_then_today() -> None:
    url = "https://www.paper.example/lokales/bruecke-1.html"
    undated = paper_page(None)
    assert extract_article(undated, url, family=PaperFamily,
                           fetched_at="2024-08-01T10:00:00Z").title == "Alter Titel"
    assert extract_article(undated, url, family=PaperFamily,
                           fetched_at="2025-08-01T10:00:00Z").title == "Neuer Titel"
    assert extract_article(undated, url, family=PaperFamily).title == "Neuer Titel"
    # The stated published date outranks the fetch date.
    assert extract_article(paper_page("2024-11-30"), url, family=PaperFamily,
                           fetched_at="2025-08-01T10:00:00Z").title == "Alter Titel"


@pytest.mark.parametrize("index", range(6))
def test_the_relaunched_funke_site_reads_through_version_2(index: int) -> None:
    html, url, expected = funke_page("funke_relaunch", index)
    extracted = extract_article(html, url)
    assert extracted.extractor == "family:funke@2"
    assert extracted.title == expected["title"]
    assert extracted.teaser == expected["teaser"]
    assert extracted.authors == expected["authors"]
    assert [b.text for b in extracted.blocks][:len(expected["body"])] == expected["body"]


def test_the_container_overrules_the_date() -> None:
    # The relaunched site serves its March article (before valid_from) in the new layout.
    html, url, expected = funke_page("funke_relaunch", 0)
    assert expected["published_at"] < FunkeFamilyV2.valid_from
    assert extract_article(html, url).extractor == "family:funke@2"
    # An old-layout page dated after valid_from (real WAZ pages of 2025-11 are) still reads
    # through version 1.
    html, url, _expected = funke_page("funke", 0)
    relabelled = html.replace('"datePublished": "2025-03-11', '"datePublished": "2025-12-11')
    assert relabelled != html
    assert extract_article(relabelled, url).extractor == "family:funke"


@pytest.mark.parametrize("index", range(4))
def test_the_old_funke_layout_still_reads_through_version_1(index: int) -> None:
    html, url, expected = funke_page("funke", index)
    extracted = extract_article(html, url)
    assert extracted.extractor == "family:funke"
    assert extracted.title == expected["title"]


def test_versions_survive_the_trip_to_an_extraction_worker() -> None:
    assert pickle.loads(pickle.dumps(FunkeFamilyV2)) is FunkeFamilyV2
    html, url, _expected = funke_page("funke_relaunch", 3)
    crawler = get_crawler()
    pool = ExtractPool(1, crawler.stats)
    loop = asyncio.new_event_loop()
    try:
        pooled = [loop.run_until_complete(pool.extract(html, url, family))
                  for family in (FunkeFamily, FunkeFamilyV2)]
    finally:
        loop.close()
        pool.close()
    assert crawler.stats.get_value("newscrawl/extract/pooled") == 2
    assert [p.extractor for p in pooled] == ["family:funke@2"] * 2
    assert pooled[0] == extract_article(html, url, family=FunkeFamily)
