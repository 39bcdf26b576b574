"""The operator's view end to end: the family fixtures crawled five times by their paper spiders
(and one of them by `generic` as a host of its own), then a sixth crawl in which Funke's bodies
are cut to a third under one repeated trailing line (every field still present), and `generic`
meets a site answering 403 with a bot challenge and one behind a consent wall. `scrapy health`
names each as broken or blocked with the right reason; the unchanged sites stay green in every
crawl; the HTML report is read by headless Chromium (screenshot kept in the pytest tmp dir).

All crawls of a round run in one Scrapy process (``python -m tests.test_site_health SPEC``).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, SCRAPY
from tests.test_evaluate_report import chromium, rendered_dom
from tests.test_families_e2e import FAMILIES_DIR

HEALTH_FIXTURES = ROOT / "fixtures" / "health"
# One paper spider per family fixture (a paper is a site).
PAPERS = {"funke": "waz", "dumont": "ksta", "freiepresse": "freie_presse", "ippen": "merkur",
          "madsack": "haz", "mz": "volksstimme", "noz": "noz",
          "pressedruck": "augsburger_allgemeine", "rp": "rheinische_post",
          "swmh": "stuttgarter_zeitung"}
REPEATS = 5
HOSTS = {"funke_generic": "127.0.0.4", "refusing": "127.0.0.2", "consent": "127.0.0.3"}
TRAILER = "Dieser Beitrag wurde aus dem Archiv übernommen."
METRICS = ("articles", "articles_per_day", "fallback", "short_bodies", "no_date", "paywalled",
           "body_length", "failures", "duration")
CRAWL_SETTINGS = {
    "NEWSCRAWL_ALLOWED_PRIVATE_NETWORKS": ["127.0.0.0/8"],
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_DELAY": 0,
    "LOG_LEVEL": "INFO",
    # Each crawl reads every article again, as if the day brought the same number of new ones.
    "NEWSCRAWL_INCREMENTAL": False,
}


def cut_bodies(site: Path) -> int:
    """A layout break only content shows: each Funke article keeps the first third of its body
    text in one paragraph, followed by the same trailing line; markup and fields unchanged."""
    expected = json.loads((site / "expected.json").read_text())
    cut = 0
    for article in expected["articles"]:
        page = site / article["path"].lstrip("/")
        html = page.read_text(encoding="utf-8")
        paragraphs = re.findall(r'<p class="expressive-copy-lg-body">(.*?)</p>', html, re.S)
        if not paragraphs:
            continue
        text = " ".join(paragraphs)
        third = text[: len(text) // 3].rsplit(" ", 1)[0] + " …"
        body = (f'<p class="expressive-copy-lg-body">{third}</p>\n'
                f'<p class="expressive-copy-lg-body">{TRAILER}</p>')
        # The first body paragraph becomes the cut body, the others go.
        html = re.sub(r'<p class="expressive-copy-lg-body">.*?</p>', "\x00", html, flags=re.S)
        html = html.replace("\x00", body, 1).replace("\x00", "")
        page.write_text(html, encoding="utf-8")
        cut += 1
    return cut


def crawl_round(runs: list[tuple[str, dict[str, str]]], db: Path, workdir: Path) -> str:
    """Run the crawls (spider, spider arguments) in one Scrapy process into the store ``db``;
    returns the log."""
    spec_file = workdir / "spec.json"
    spec_file.write_text(json.dumps({"settings": CRAWL_SETTINGS, "db": str(db), "runs": runs}))
    result = subprocess.run([sys.executable, "-m", "tests.test_site_health", str(spec_file)],
                            cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stderr


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Five rounds of unchanged sites, then the broken round; the store and the logs."""
    from newscrawl.store import ArticleStore
    from newscrawl.testing.serve import serve_in_thread

    tmp = tmp_path_factory.mktemp("site-health")
    db = tmp / "store.sqlite3"
    broken_funke = shutil.copytree(FAMILIES_DIR / "funke", tmp / "funke_cut")
    assert cut_bodies(broken_funke) >= 3
    with ExitStack() as stack:
        def serve(root: Path, host: str = "127.0.0.1") -> str:
            return stack.enter_context(serve_in_thread(root=root, host=host)).base_url

        bases = {family: serve(FAMILIES_DIR / family) for family in PAPERS}
        generic_funke = serve(FAMILIES_DIR / "funke", HOSTS["funke_generic"])
        refusing = serve(HEALTH_FIXTURES / "refusing", HOSTS["refusing"])
        consent = serve(HEALTH_FIXTURES / "consent_wall", HOSTS["consent"])
        cut_base = serve(broken_funke)
        papers = [(spider, {"base_url": bases[family]}) for family, spider in PAPERS.items()]
        generic = f"{generic_funke}/sitemaps/news.xml"
        logs = [crawl_round([*papers, ("generic", {"start_urls": generic})], db, tmp)
                for _ in range(REPEATS)]
        broken = [(spider, {"base_url": cut_base if family == "funke" else bases[family]})
                  for family, spider in PAPERS.items()]
        starts = ",".join([generic, f"{refusing}/sitemap.xml", f"{refusing}/rss.xml",
                           f"{refusing}/nachrichten/", f"{consent}/sitemap.xml"])
        logs.append(crawl_round([*broken, ("generic", {"start_urls": starts})], db, tmp))
    store = ArticleStore.open(str(db))
    history = store.crawl_history(limit_per_site=REPEATS + 1)
    urls = [a["url"] for a in store.iter_articles()]
    store.close()
    return {"db": db, "logs": logs, "history": history, "urls": urls, "tmp": tmp,
            "consent": consent, "refusing": refusing}


def _states(history: list[dict[str, Any]], site: str) -> list[str]:
    from newscrawl.health.history import figures_of

    return [figures_of(r)["state"] for r in reversed(history) if r["site"] == site]


def _health_table(db: Path) -> dict[str, dict[str, str]]:
    result = subprocess.run([SCRAPY, "health", "--db", str(db)], cwd=ROOT, capture_output=True,
                            text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    header, *rows = result.stdout.strip().splitlines()
    columns = header.split()
    return {cells["site"]: cells for cells in
            (dict(zip(columns, row.split(maxsplit=len(columns) - 1), strict=True))
             for row in rows)}


def test_unchanged_sites_stay_green_over_repeated_crawls(crawled: dict[str, Any]) -> None:
    sites = [*PAPERS.values(), HOSTS["funke_generic"]]
    for site in sites:
        states = _states(crawled["history"], site)
        assert len(states) == REPEATS + 1, site
        expected_last = "red" if site == "waz" else "green"
        assert states == ["green"] * REPEATS + [expected_last], site


def test_a_generic_crawl_has_a_row_per_host(crawled: dict[str, Any]) -> None:
    table = _health_table(crawled["db"])
    assert "generic" not in table
    assert set(HOSTS.values()) <= set(table)
    assert set(PAPERS.values()) <= set(table)


def test_report_names_the_broken_and_the_blocked(crawled: dict[str, Any]) -> None:
    table = _health_table(crawled["db"])
    waz = table["waz"]
    assert waz["state"] == "red"
    # Every field is still there: the break shows in content only.
    assert waz["generic_fallbacks"] == "0" and waz["no_date"] == "0"
    assert "median body length" in waz["reason"]
    assert f'end with the same line "{TRAILER}"' in waz["reason"]
    refusing = table[HOSTS["refusing"]]
    assert refusing["state"] == "blocked"
    assert "refused 3 of 3 requests (403×3)" in refusing["reason"]
    assert 'page title "Einen Moment bitte …"' in refusing["reason"]
    consent = table[HOSTS["consent"]]
    assert consent["state"] == "blocked"
    assert "consent wall in place of 4 of 4 article pages" in consent["reason"]
    assert 'page title "Ihre Zustimmung | Stadtanzeiger"' in consent["reason"]
    for site in [s for s in PAPERS.values() if s != "waz"] + [HOSTS["funke_generic"]]:
        assert table[site]["state"] == "green", (site, table[site]["reason"])
    # Worst first: the blocked sites, then the broken one.
    assert [table[site]["state"] for site in list(table)[:3]] == ["blocked", "blocked", "red"]


def test_blocked_sites_are_in_the_last_log_lines_and_stats_and_store_nothing(
        crawled: dict[str, Any]) -> None:
    log = crawled["logs"][-1]
    assert re.search(rf"site health: {re.escape(HOSTS['refusing'])} BLOCKED: refused 3 of 3", log)
    assert re.search(rf"site health: {re.escape(HOSTS['consent'])} BLOCKED: consent wall", log)
    assert re.search(r"site health: waz RED: median body length", log)
    assert "'newscrawl/health/state/blocked': 2" in log
    assert "'newscrawl/health/wall/consent': 4" in log
    assert not [u for u in crawled["urls"] if u.startswith((crawled["consent"],
                                                            crawled["refusing"]))]


def test_html_report_in_chromium(crawled: dict[str, Any]) -> None:
    report = crawled["tmp"] / "report.html"
    result = subprocess.run([SCRAPY, "health", "--db", str(crawled["db"]), "--html",
                             str(report)], cwd=ROOT, capture_output=True, text=True,
                            timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    html = report.read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", html)  # nothing to fetch
    dom = rendered_dom(report, crawled["tmp"] / "profile")
    rows = dom.xpath('//table[@id="sites"]/tbody/tr')
    states = {row.get("data-site"): row.get("data-state") for row in rows}
    assert states["waz"] == "red"
    assert states[HOSTS["refusing"]] == states[HOSTS["consent"]] == "blocked"
    assert sum(s == "green" for s in states.values()) == len(PAPERS)  # 9 papers + generic host
    assert [row.get("data-state") for row in rows[:3]].count("blocked") == 2
    reasons = {row.get("data-site"): row.xpath("string(td[@class='reason'])") for row in rows}
    assert "median body length" in reasons["waz"]
    for site in states:
        section = dom.xpath(f'//section[@id="site-{site}"]')[0]
        metrics = [svg.get("data-metric") for svg in section.xpath(".//*[local-name()='svg']")]
        assert metrics == sorted(METRICS, key=metrics.index) and set(metrics) == set(METRICS)
    waz_bars = dom.xpath('//section[@id="site-waz"]//*[local-name()="svg"]'
                         '[@data-metric="body_length"]/*[local-name()="rect"]')
    assert len(waz_bars) == REPEATS + 1
    screenshot = crawled["tmp"] / "report.png"
    proc = subprocess.run(
        [chromium(), "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run", f"--user-data-dir={crawled['tmp'] / 'profile2'}",
         "--window-size=1280,1600", f"--screenshot={screenshot}", report.as_uri()],
        capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert screenshot.stat().st_size > 20_000
    print(f"report: {report}\nscreenshot: {screenshot}")


def main(spec_file: str) -> int:
    """Run the crawls a spec file describes, all in one Scrapy process, into one store."""
    from scrapy.crawler import Crawler, CrawlerProcess
    from scrapy.utils.project import get_project_settings

    spec = json.loads(Path(spec_file).read_text())
    settings = get_project_settings()
    settings.setdict(spec["settings"], priority="cmdline")
    settings.set("NEWSCRAWL_DB", spec["db"], priority="cmdline")
    process = CrawlerProcess(settings)
    for name, args in spec["runs"]:
        process.crawl(Crawler(process.spider_loader.load(name), settings.copy()), **args)
    process.start()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
