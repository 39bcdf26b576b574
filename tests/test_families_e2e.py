"""End to end per CMS family: every paper spider of a family crawls the family's miniature site
(fixtures/families/<family>/) and its stored records are checked field by field against the
site's expected.json. All spiders of a family run in one Scrapy process (see ``main``)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from newscrawl.extract.paywall import looks_scrambled
from tests.conftest import ROOT

FAMILIES_DIR = ROOT / "fixtures" / "families"
FAMILIES = sorted(p.name for p in FAMILIES_DIR.iterdir()
                  if (p / "expected.json").is_file() and "_" not in p.name)
EXPECTED = {f: json.loads((FAMILIES_DIR / f / "expected.json").read_text()) for f in FAMILIES}
PAIRS = [(f, s) for f in FAMILIES for s in EXPECTED[f]["spiders"]]
FIELDS = ("title", "teaser", "authors", "section", "published_at", "modified_at", "paywalled")
CRAWL_SETTINGS = {
    "NEWSCRAWL_ALLOWED_PRIVATE_NETWORKS": ["127.0.0.0/8"],
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_DELAY": 0,
    "LOG_LEVEL": "INFO",
}


def crawl_site(site_dir: Path, workdir: Path,
               runs: dict[str, tuple[str, dict[str, str]]]) -> dict[str, dict[str, Any]]:
    """Serve ``site_dir`` and crawl it once per run (label -> (spider, spider arguments)), all
    in one Scrapy process; per label: the stored records by path, the stats, the store path."""
    from newscrawl.store import ArticleStore
    from newscrawl.testing.serve import serve_in_thread

    specs = [[label, spider, args, str(workdir / f"{label}.sqlite3"),
              str(workdir / f"{label}.stats.json")] for label, (spider, args) in runs.items()]
    with serve_in_thread(root=site_dir) as server:
        spec = {"base_url": server.base_url, "settings": CRAWL_SETTINGS, "runs": specs}
        spec_file = workdir / "spec.json"
        spec_file.write_text(json.dumps(spec))
        result = subprocess.run([sys.executable, "-m", "tests.test_families_e2e", str(spec_file)],
                                cwd=ROOT, capture_output=True, text=True, timeout=300,
                                check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    out: dict[str, dict[str, Any]] = {}
    for label, _spider, _args, db, stats_file in specs:
        store = ArticleStore.open(db)
        records = list(store.iter_articles())
        store.close()
        out[label] = {
            "records": {r["canonical_url"].removeprefix(server.base_url): r for r in records},
            "stats": json.loads(Path(stats_file).read_text()), "db": db, "log": result.stderr,
        }
    return out


@pytest.fixture(scope="session")
def family_crawl(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], dict]:
    """family name -> its crawl results (each family crawled once per session)."""
    cache: dict[str, dict] = {}

    def get(family: str) -> dict:
        if family not in cache:
            workdir = tmp_path_factory.mktemp(f"family-{family}")
            runs = {spider: (spider, {}) for spider in EXPECTED[family]["spiders"]}
            cache[family] = crawl_site(FAMILIES_DIR / family, workdir, runs)
        return cache[family]

    return get


def test_every_family_has_a_fixture_and_papers() -> None:
    assert len(FAMILIES) >= 8
    assert len(PAIRS) >= 25
    for family in FAMILIES:
        articles = EXPECTED[family]["articles"]
        assert 3 <= len(articles) <= 5, family


def test_fixture_sites_match_their_generator(tmp_path: Path) -> None:
    """The committed sites are what fixtures/families/generate.py writes (edit it, rerun it)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("family_fixtures", FAMILIES_DIR / "generate.py")
    assert spec and spec.loader
    generate = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = generate  # dataclasses look their module up there
    spec.loader.exec_module(generate)
    for name in generate.BUILDERS:
        generate.build(name, tmp_path / name)
        fresh = {p.relative_to(tmp_path / name): p.read_bytes()
                 for p in (tmp_path / name).rglob("*") if p.is_file()}
        committed = {p.relative_to(FAMILIES_DIR / name): p.read_bytes()
                     for p in (FAMILIES_DIR / name).rglob("*") if p.is_file()}
        assert fresh == committed, f"fixtures/families/{name} is out of date: run generate.py"


@pytest.mark.parametrize(("family", "spider"), PAIRS, ids=[f"{f}-{s}" for f, s in PAIRS])
def test_paper_stores_the_expected_records(family_crawl, family: str, spider: str) -> None:
    run = family_crawl(family)[spider]
    expected = EXPECTED[family]["articles"]
    assert sorted(run["records"]) == sorted(a["path"] for a in expected)
    for article in expected:
        record = run["records"][article["path"]]
        for field in FIELDS:
            assert record[field] == article[field], (article["path"], field)
        assert record["body"].split("\n\n") == article["body"], article["path"]
        assert record["site"] == spider


@pytest.mark.parametrize(("family", "spider"), PAIRS, ids=[f"{f}-{s}" for f, s in PAIRS])
def test_paper_crawl_stats(family_crawl, family: str, spider: str) -> None:
    stats = family_crawl(family)[spider]["stats"]
    expected = EXPECTED[family]["articles"]
    paid = sum(a["paywalled"] for a in expected)
    assert stats.get("newscrawl/store/articles_stored") == len(expected)
    assert stats.get("newscrawl/extract/paywalled", 0) == paid
    # Pages of an unchanged layout are never a fallback (families without body rules are read
    # by the generic extractor by design, which is not a fallback either).
    assert stats.get("newscrawl/extract/fallback_generic", 0) == 0
    # robots.txt: the linked /vorschau/ article is never fetched.
    assert stats.get("robotstxt/forbidden", 0) >= 1
    failed = {k: v for k, v in stats.items() if k.startswith("newscrawl/discovery/entry_failed/")}
    if spider == "schwarzwaelder_bote":
        # Its only feed is known from an unverified list; the fixture answers 404.
        assert failed == {"newscrawl/discovery/entry_failed/feed": 1}
    else:
        assert failed == {}


@pytest.mark.parametrize("family", FAMILIES)
def test_paywalled_articles_store_only_the_free_part(family_crawl, family: str) -> None:
    site_dir = FAMILIES_DIR / family
    for spider, run in family_crawl(family).items():
        for article in EXPECTED[family]["articles"]:
            if not article["paywalled"]:
                continue
            record = run["records"][article["path"]]
            assert record["paywalled"] is True
            page = (site_dir / article["path"].strip("/")).read_text()
            # What the page hides (scrambled or left out) never reaches the store.
            assert not any(looks_scrambled(line) for line in record["body"].split("\n\n"))
            assert all(line in page for line in article["body"])
            assert record["body"].split("\n\n") == article["body"], (spider, article["path"])
        stats = run["stats"]
        if any(a["paywalled"] for a in EXPECTED[family]["articles"]) and family in {
                "funke", "pressedruck", "rp", "noz"}:
            # These families ship the hidden text scrambled in the page; it is counted, dropped.
            assert stats.get("newscrawl/extract/paywall_blocks_dropped", 0) >= 1, spider


def test_disallowed_article_is_never_stored(family_crawl) -> None:
    for family in FAMILIES:
        disallowed = EXPECTED[family]["disallowed"]
        for run in family_crawl(family).values():
            assert disallowed not in run["records"]


def test_a_404_feed_falls_back_to_sitemaps_and_sections(family_crawl: Callable) -> None:
    """schwarzwaelder_bote declares /news.feed (known only from an unverified list); the
    fixture answers 404: counted, and every article still comes from sitemap and sections."""
    run = family_crawl("swmh")["schwarzwaelder_bote"]
    stats = run["stats"]
    assert stats["newscrawl/discovery/entry_failed/feed"] == 1
    assert "newscrawl/discovery/source/feed" not in stats
    assert sorted(run["records"]) == sorted(a["path"] for a in EXPECTED["swmh"]["articles"])
    assert "/news.feed (feed) failed: http_404" in run["log"]


def main(spec_file: str) -> int:
    """Run the crawls a spec file describes (``python -m tests.test_families_e2e SPEC``)."""
    from scrapy.crawler import Crawler, CrawlerProcess
    from scrapy.utils.project import get_project_settings

    spec = json.loads(Path(spec_file).read_text())
    settings = get_project_settings()
    settings.setdict(spec.get("settings", {}), priority="cmdline")
    process = CrawlerProcess(settings)
    crawlers: list[tuple[Crawler, str]] = []
    for _label, name, args, db, stats_file in spec["runs"]:
        own = settings.copy()
        own.set("NEWSCRAWL_DB", db, priority="cmdline")
        crawler = Crawler(process.spider_loader.load(name), own)
        process.crawl(crawler, base_url=spec["base_url"], **args)
        crawlers.append((crawler, stats_file))
    process.start()
    for crawler, stats_file in crawlers:
        Path(stats_file).write_text(json.dumps(crawler.stats.get_stats(), default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
