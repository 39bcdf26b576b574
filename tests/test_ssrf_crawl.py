"""The SSRF guard in real crawls, with no packet leaving loopback: the site is served on 127.0.0.2
and only 127.0.0.2/32 is allowed. Its sitemap index and sitemap are fetched; child sitemaps,
listed URLs and redirect targets at the metadata address, private/CGNAT/link-local addresses and
names or number forms resolving to 127.0.0.1 are refused before connecting and counted. With the
ordinary generic spider, OffsiteMiddleware already drops them (offsite links are never
followed); a spider without allowed_domains shows the guard standing on its own. Every request
the downloader sent was answered by our own server."""

from __future__ import annotations

import subprocess
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

from newscrawl.testing.hostile import serve_hostile_in_thread
from tests.conftest import ROOT, SCRAPY, run_crawl
from tests.test_bad_input import stats_of

SITE_HOST = "127.0.0.2"
CHILDREN = {"http://10.0.0.1/sitemap.xml": "private",
            "http://169.254.169.254/sitemap.xml": "metadata"}
# A spider that follows every listed URL and has no allowed_domains: only the guard stands.
OPEN_SPIDER = '''
from newscrawl.spiders.generic import GenericSpider


class OpenSpider(GenericSpider):
    name = "open_generic"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.allowed_domains = []

    def on_site(self, url):
        return True
'''


def targets(port: int) -> dict[str, str]:
    """Listed and redirect target -> the reason it must be refused for."""
    return {
        "http://169.254.169.254/latest/meta-data/iam/": "metadata",
        "http://10.0.0.1/admin": "private",
        f"http://localhost:{port}/ssrf/ok-id9180001.html": "loopback",  # a name -> 127.0.0.1
        f"http://127.0.0.1:{port}/ssrf/ok-id9180001.html": "loopback",
        f"http://[::1]:{port}/": "loopback",
        f"http://2130706433:{port}/": "loopback",  # 127.0.0.1 as one decimal number
        "http://[::ffff:10.0.0.1]/": "private",
        f"http://0.0.0.0:{port}/": "unspecified",
        "http://100.64.0.1/": "cgnat",
        "http://[fe80::1]/": "link_local",
    }


def crawl(tmp_path: Path, allowed: str, *, open_spider: bool = False) -> dict:
    with serve_hostile_in_thread(host=SITE_HOST) as server:
        base = server.base_url
        aims = targets(server.server.server_address[1])
        sitemap = f"{base}/ssrf/sitemap.xml?" + "&".join(
            f"target={quote(t, safe='')}" for t in aims)
        index = f"{base}/ssrf/sitemap-index.xml?" + "&".join(
            f"child={quote(c, safe='')}" for c in [*CHILDREN, sitemap])
        db = tmp_path / "s.sqlite3"
        if open_spider:
            spider_file = tmp_path / "open_spider.py"
            spider_file.write_text(OPEN_SPIDER)
            result = subprocess.run(
                [SCRAPY, "runspider", str(spider_file), "-a", f"start_urls={index}",
                 "-s", f"NEWSCRAWL_DB={db}", "-s", f"NEWSCRAWL_ALLOWED_PRIVATE_NETWORKS={allowed}",
                 "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0"],
                cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
        else:
            result = run_crawl("generic", f"start_urls={index}", db=db,
                               settings={"NEWSCRAWL_ALLOWED_PRIVATE_NETWORKS": allowed})
        hits = sum(server.server.requests.values())
    return {"result": result, "log": result.stderr, "stats": stats_of(result.stderr),
            "hits": hits, "aims": aims}


@pytest.fixture(scope="module")
def generic(tmp_path_factory: pytest.TempPathFactory) -> dict:
    return crawl(tmp_path_factory.mktemp("ssrf"), f"{SITE_HOST}/32")


@pytest.fixture(scope="module")
def unrestricted(tmp_path_factory: pytest.TempPathFactory) -> dict:
    return crawl(tmp_path_factory.mktemp("ssrf_open"), f"{SITE_HOST}/32", open_spider=True)


def test_crawls_finish_and_store_the_allowed_site(generic: dict, unrestricted: dict) -> None:
    for run in (generic, unrestricted):
        assert run["result"].returncode == 0, run["log"][-3000:]
        assert run["stats"]["newscrawl/store/inserted"] == 1  # /ssrf/ok-… on 127.0.0.2


def test_guard_refuses_every_private_target(unrestricted: dict) -> None:
    aims = unrestricted["aims"]
    for url in aims:  # each target host refused (logged once per host), each child sitemap
        host = urlsplit(url).netloc
        assert f"SSRF guard: refusing {host} (" in unrestricted["log"], url
    for url in CHILDREN:
        assert f"entry point {url} (sitemap) failed: SsrfRefused" in unrestricted["log"], url
    # Every listed URL (IPv6 literals included) is requested and refused too, unless it is the
    # same request as a redirect target (then the dupefilter drops the second one).
    assert "newscrawl/discovery/bad_url" not in unrestricted["stats"]
    expected: dict[str, int] = {}
    for reason in [*aims.values(), *CHILDREN.values()]:
        expected[reason] = expected.get(reason, 0) + 1
    for reason, least in expected.items():
        assert unrestricted["stats"][f"newscrawl/ssrf/refused/{reason}"] >= least, reason
    refused = sum(v for k, v in unrestricted["stats"].items()
                  if k.startswith("newscrawl/ssrf/refused/"))
    # Every refused article request reached the spider's errback as a refusal, not a failure.
    ignored = sum(v for k, v in unrestricted["stats"].items()
                  if k.startswith("newscrawl/fetch/ignored/"))
    assert refused == ignored + len(CHILDREN)
    assert not any(k.startswith("newscrawl/fetch/failed/") for k in unrestricted["stats"])
    assert unrestricted["log"].count("SSRF guard: refusing 169.254.169.254 ") == 1  # once/host


def test_offsite_links_never_followed(generic: dict) -> None:
    stats = generic["stats"]
    # Listed URLs on other hosts are not requested; redirects and child sitemaps to other hosts
    # are dropped by OffsiteMiddleware when they are scheduled.
    assert stats["newscrawl/discovery/skipped_not_article_url"] == len(generic["aims"])
    assert stats["offsite/filtered"] == len(generic["aims"]) + len(CHILDREN)


def test_no_request_left_for_anywhere_but_our_server(generic: dict, unrestricted: dict) -> None:
    for run in (generic, unrestricted):
        # Every request the downloader sent was answered by the server on 127.0.0.2 ...
        assert run["stats"]["downloader/request_count"] == run["hits"]
        # ... and no connection to any other address was even attempted.
        assert "newscrawl/bad_input/connection_refused" not in run["stats"]
        assert "newscrawl/bad_input/timeout" not in run["stats"]


def test_loopback_site_not_allowed_by_default(tmp_path: Path) -> None:
    run = crawl(tmp_path, "")
    assert run["hits"] == 0
    assert run["stats"]["newscrawl/ssrf/refused/loopback"] >= 1
    assert "downloader/request_count" not in run["stats"]
