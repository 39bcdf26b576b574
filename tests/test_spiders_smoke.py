"""Smoke tests for every paper spider: listed by `scrapy list`, constructible against a mirror,
entry points on the mirror in the order the mode asks for, family URL rules on real URL shapes."""

from __future__ import annotations

import subprocess
from urllib.parse import urlsplit

import pytest
from scrapy.spiderloader import SpiderLoader
from scrapy.utils.project import get_project_settings

from newscrawl.families import FAMILIES
from newscrawl.families.base import Family
from tests.conftest import ROOT, SCRAPY

LOADER = SpiderLoader.from_settings(get_project_settings())
PAPERS = sorted(n for n in LOADER.list() if n != "generic")
MIRROR = "http://127.0.0.1:8765"

# Article URLs as the reference documents them per family (regional-papers.md), and pages of
# the same sites that are not articles.
ARTICLE_URLS = {
    "funke": ["https://www.waz.de/panorama/article409182690/unbekannte-maya-staedte.html",
              "https://www.abendblatt.de/region/niedersachsen/article231661499/x-y-z.html"],
    "ippen": ["https://www.merkur.de/welt/astrazeneca-impfstoff-zr-90240670.html",
              "https://www.tz.de/muenchen/stadt/hadern-ort43328/ein-neuer-park-3618891.html",
              "https://www.tz.de/politik/ukraine-krieg-lage-91421284.html"],
    "madsack": ["https://www.haz.de/lokales/hannover/jahresrueckblick-2022-"
                "IGZBE5J7NZZTZSXADA5RETWVOQ.html"],
    "pressedruck": ["https://www.augsburger-allgemeine.de/augsburg/Kirche-St-Gallus-in-Augsburg-"
                    "id59469031.html"],
    "swmh": ["https://www.stuttgarter-nachrichten.de/inhalt.stuttgarter-schlossplatz-fest."
             "d7feaf3d-1c2b-4e5f-8a9b-0c1d2e3f4a5b.html"],
    "rp": ["https://www.ga.de/bonn/beuel/mural-in-beuel_aid-99369101",
           "https://www.volksfreund.de/region/trier/stadtrat_aid-38052595"],
    "noz": ["https://www.noz.de/deutschland-welt/nordrhein-westfalen/artikel/explosion-44710186",
            "https://www.svz.de/lokales/schwerin/artikel-id29031702.html"],
    "dumont": ["https://www.ksta.de/koeln/innenstadt/neue-radwege-am-ring-705836"],
    "freiepresse": ["https://www.freiepresse.de/erzgebirge/annaberg/ein-neues-bad-artikel13061862"],
    "mz": ["https://www.mz.de/lokal/halle/neue-strassenbahn-fuer-halle-3541234",
           "https://www.volksstimme.de/lokal/magdeburg/elbe-hochwasser-3541235"],
}
FAMILY_OF = {LOADER.load(n).family.name: LOADER.load(n).family for n in PAPERS}
NOT_ARTICLES = ["/", "/politik/", "/lokales/essen/", "/rss", "/impressum/", "/suche/?q=x"]


def _spider(name: str, **kwargs: str):
    return LOADER.load(name)(base_url=MIRROR, **kwargs)


def test_scrapy_list_shows_25_papers_and_generic() -> None:
    result = subprocess.run([SCRAPY, "list"], cwd=ROOT, capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stderr
    names = result.stdout.split()
    assert "generic" in names
    assert len([n for n in names if n != "generic"]) >= 25
    assert sorted(n for n in names if n != "generic") == PAPERS


def test_papers_span_eight_registered_families() -> None:
    families = {LOADER.load(name).family for name in PAPERS}
    assert Family not in families
    assert families <= set(FAMILIES)
    assert len(families) >= 8
    assert all(f.article_url_pattern for f in families)


@pytest.mark.parametrize("name", PAPERS)
def test_spider_constructs_and_yields_entry_requests_on_the_mirror(name: str) -> None:
    cls = LOADER.load(name)
    assert cls.publisher and cls.site_url.startswith("https://") and cls.sections
    spider = _spider(name)
    requests = list(spider.entry_requests())
    kinds = [r.meta["entry_kind"] for r in requests]
    assert all(r.url.startswith(MIRROR + "/") for r in requests)
    assert kinds.count("section") == len(cls.sections)
    # Sitemaps first, then feeds, then section fronts: unreliable feeds never come first.
    assert kinds == sorted(kinds, key=["sitemap", "feed", "section"].index)
    assert len({r.url for r in requests}) == len(requests)


@pytest.mark.parametrize("name", PAPERS)
def test_real_links_are_rewritten_to_the_mirror(name: str) -> None:
    spider = _spider(name)
    site = LOADER.load(name).site_url
    assert spider.localize(site + "/politik/x.html") == MIRROR + "/politik/x.html"


@pytest.mark.parametrize("family", sorted(ARTICLE_URLS))
def test_family_url_rules_match_real_article_urls(family: str) -> None:
    cls = FAMILY_OF[family]
    for url in ARTICLE_URLS[family]:
        assert cls.is_article_url(url), url
        assert cls.matches_host(urlsplit(url).hostname or ""), url
        paper = next(n for n in PAPERS if LOADER.load(n).family is cls)
        spider = LOADER.load(paper)(start_urls=url)
        assert spider.is_article_url(url), (paper, url)
        site = f"https://{urlsplit(url).hostname}"
        for path in NOT_ARTICLES:
            assert not spider.is_article_url(site + path), (paper, path)


def test_sections_mode_yields_only_the_chosen_sections() -> None:
    spider = _spider("waz", sections="essen,politik")
    assert [r.url for r in spider.entry_requests()] == [MIRROR + "/lokales/essen/",
                                                        MIRROR + "/politik/"]


def test_archive_mode_expands_monthly_archive_sitemaps() -> None:
    spider = _spider("morgenpost", since="2024-11-20", until="2025-01-05")
    assert [r.url for r in spider.entry_requests()] == [
        f"{MIRROR}/sitemaps/archive/sitemap-{m}-p00.xml.gz"
        for m in ("2024-11", "2024-12", "2025-01")]


def test_archive_mode_uses_the_sitemap_index() -> None:
    spider = _spider("merkur", since="2024-05-01")
    assert [r.url for r in spider.entry_requests()] == [MIRROR + "/sitemap-index.xml"]


def test_archive_mode_without_archive_sitemaps_yields_nothing() -> None:
    """Families without known archive sitemaps (Madsack, NOZ, DuMont) cannot do archive mode."""
    assert list(_spider("ksta", since="2024-05-01").entry_requests()) == []
