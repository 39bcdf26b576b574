"""The newsroom fixture server: discovery files, special routes, conditional GET, ground truth."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from html import escape, unescape
from pathlib import Path
from xml.etree import ElementTree

import pytest

from newscrawl.testing.serve import DEFAULT_ROOT, ServerHandle, check_loopback, serve_in_thread

EXPECTED = json.loads((DEFAULT_ROOT / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def server() -> Iterator[ServerHandle]:
    with serve_in_thread() as handle:
        yield handle


def fetch(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


def test_binds_loopback_and_refuses_other_hosts(server: ServerHandle) -> None:
    assert server.base_url.startswith("http://127.0.0.1:")
    with pytest.raises(ValueError):
        check_loopback("0.0.0.0")
    check_loopback("127.0.0.1")


def test_robots_points_to_absolute_news_sitemap(server: ServerHandle) -> None:
    status, headers, body = fetch(server.base_url + "/robots.txt")
    text = body.decode()
    assert status == 200 and headers["Content-Type"] == "text/plain; charset=utf-8"
    assert f"Sitemap: {server.base_url}/sitemap-news.xml" in text
    assert "Disallow: /suche/" in text
    assert "kaputt" not in text


def test_news_sitemap_lists_absolute_article_urls_with_dates(server: ServerHandle) -> None:
    status, _, body = fetch(server.base_url + "/sitemap-news.xml")
    assert status == 200
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9",
          "n": "http://www.google.com/schemas/sitemap-news/0.9"}
    root = ElementTree.fromstring(body)
    locs = [u.findtext("s:loc", namespaces=ns) for u in root.findall("s:url", ns)]
    dates = root.findall(".//n:publication_date", ns)
    assert locs and len(dates) == len(locs)
    assert all(loc.startswith(server.base_url + "/") for loc in locs)
    seed = server.base_url + EXPECTED["site"]["seed_path"]
    assert seed in locs
    # Not every article is in the sitemap: feed and section page 2 matter too.
    assert len(locs) < len(EXPECTED["articles"])


def test_rss_feed_has_items_and_a_tracking_url(server: ServerHandle) -> None:
    status, headers, body = fetch(server.base_url + "/rss")
    assert status == 200 and headers["Content-Type"].startswith("application/rss+xml")
    links = [el.text for el in ElementTree.fromstring(body).iter("link")]
    assert any("utm_source=rss" in (link or "") for link in links)
    alternates = [p for a in EXPECTED["articles"] for p in a["alternate_paths"]]
    assert alternates and all(server.base_url + p in links for p in alternates)


def test_seed_article_page(server: ServerHandle) -> None:
    status, headers, body = fetch(server.base_url + EXPECTED["site"]["seed_path"])
    html = body.decode("utf-8")
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    assert "Ukraine-Konflikt: Biden will direkt mit Putin sprechen" in html
    assert "(Lesen Sie auch: " in html
    assert html.count("US-Präsident Joe Biden und") >= 2
    assert f'rel="canonical" href="{server.base_url}/panorama/' in html
    assert "{BASE_URL}" not in html


def test_section_pagination_with_rel_next(server: ServerHandle) -> None:
    _, _, body = fetch(server.base_url + "/sport/")
    assert 'rel="next" href="/sport/seite-2/"' in body.decode()
    status, _, body = fetch(server.base_url + "/sport/seite-2/")
    assert status == 200 and 'rel="prev" href="/sport/"' in body.decode()


def test_directory_without_slash_redirects(server: ServerHandle) -> None:
    request = urllib.request.Request(server.base_url + "/sport", method="HEAD")
    opener = urllib.request.build_opener(NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as err:
        opener.open(request, timeout=10)
    assert err.value.code == 301 and err.value.headers["Location"] == "/sport/"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def test_missing_and_hidden_paths_are_404(server: ServerHandle) -> None:
    assert fetch(server.base_url + "/gibt-es-nicht.html")[0] == 404
    assert fetch(server.base_url + "/_routes.json")[0] == 404
    assert fetch(server.base_url + "/../README.md")[0] == 404


def test_conditional_get_answers_304(server: ServerHandle) -> None:
    url = server.base_url + EXPECTED["site"]["seed_path"]
    status, headers, _ = fetch(url)
    assert status == 200 and headers["ETag"] and headers["Last-Modified"]
    assert fetch(url, {"If-None-Match": headers["ETag"]})[0] == 304
    assert fetch(url, {"If-Modified-Since": headers["Last-Modified"]})[0] == 304
    assert fetch(url, {"If-None-Match": '"other"'})[0] == 200


def test_500_then_200_is_per_path_and_per_server() -> None:
    case = next(c for c in EXPECTED["broken"] if c["case"] == "500-then-200")
    with serve_in_thread() as handle:
        url = handle.base_url + case["path"]
        assert fetch(url)[0] == 500
        status, _, body = fetch(url)
        assert status == 200 and case["article"]["title"] in body.decode("utf-8")
        assert fetch(url)[0] == 200


def test_broken_cases_are_served_as_documented(server: ServerHandle) -> None:
    cases = {c["case"]: c for c in EXPECTED["broken"]}
    _, headers, body = fetch(server.base_url + cases["latin1-declared-utf8"]["path"])
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert "Göggingen".encode("latin-1") in body
    _, headers, body = fetch(server.base_url + cases["utf8-declared-latin1"]["path"])
    assert headers["Content-Type"] == "text/html; charset=iso-8859-1"
    assert "Bürgerbüro".encode() in body
    status, _, body = fetch(server.base_url + cases["empty-200"]["path"])
    assert status == 200 and body == b""
    assert fetch(server.base_url + cases["pdf-as-html"]["path"])[2].startswith(b"%PDF")
    assert fetch(server.base_url + cases["png-as-html"]["path"])[2].startswith(b"\x89PNG")
    _, _, sitemap = fetch(server.base_url + "/sitemap-kaputt.xml")
    assert all(server.base_url + c["path"] in sitemap.decode() for c in cases.values())


def test_every_expected_page_exists_and_shows_its_title(server: ServerHandle) -> None:
    for article in EXPECTED["articles"]:
        for path in [article["path"], *article["alternate_paths"]]:
            status, _, body = fetch(server.base_url + path)
            assert status == 200, path
            assert article["title"] in body.decode("utf-8"), path
    for page in EXPECTED["non_articles"]:
        status, _, body = fetch(server.base_url + page["path"])
        assert status == 200, page["path"]
        assert '"NewsArticle"' not in body.decode("utf-8")


def test_cli_help_works() -> None:
    from newscrawl.testing.serve import main

    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    assert exc.value.code == 0


def test_generated_site_is_up_to_date(tmp_path: Path) -> None:
    from newscrawl.testing.newsroom_build import build

    fresh = tmp_path / "newsroom"
    assert build(fresh) == EXPECTED
    generated = {p.relative_to(fresh) for p in fresh.rglob("*") if p.is_file()}
    committed = {p.relative_to(DEFAULT_ROOT) for p in DEFAULT_ROOT.rglob("*") if p.is_file()}
    assert generated == committed - {Path("README.md")}
    stale = [str(p) for p in generated
             if (fresh / p).read_bytes() != (DEFAULT_ROOT / p).read_bytes()]
    assert not stale, "run python fixtures/generate_newsroom.py"


def page_text(path: str, tag_gap: str = " ") -> str:
    """Visible text of a committed page: tags replaced, entities decoded, whitespace collapsed."""
    html = (DEFAULT_ROOT / path.lstrip("/")).read_text(encoding="utf-8")
    return " ".join(unescape(re.sub(r"<[^>]+>", tag_gap, html)).split())


def test_expected_body_blocks_appear_on_their_pages() -> None:
    for article in EXPECTED["articles"]:
        text = page_text(article["path"])
        for field in ("title", "teaser"):
            assert article[field] in text, (article["path"], field)
        for block in article["body"]:
            # Sentence by sentence: an inline teaser may sit between two sentences.
            for sentence in block["text"].split(". "):
                assert sentence in text, (article["path"], sentence)
        for image in article["images"]:
            assert text.count(image["caption"]) >= 2 and f"Foto: {image['credit']}" in text


def test_seed_matches_the_brief() -> None:
    seed = next(a for a in EXPECTED["articles"] if a["path"] == EXPECTED["site"]["seed_path"])
    assert seed["kicker"] == "Spannungen" and seed["section"] == "Panorama"
    assert [b["kind"] for b in seed["body"]].count("p") == 7
    assert [b["text"] for b in seed["body"] if b["kind"] == "h"] == [
        "Ukraine-Konflikt: Biden und Putin wollen telefonieren",
        "USA versichert der Ukraine „standhafte Unterstützung“",
    ]
    assert seed["published_at"] == "2021-12-29T17:05:00Z"
    assert seed["images"][0]["credit"] == "Patrick Semansky, dpa"
    inline = "(Lesen Sie auch: Für echte Verständigung muss Putin …)"
    assert inline in page_text(seed["path"], tag_gap="")
    assert not any("Lesen Sie auch" in b["text"] for b in seed["body"])


def test_plus_article_ships_only_scrambled_text() -> None:
    from newscrawl.testing.newsroom_article import caesar
    from newscrawl.testing.newsroom_articles import ARTICLES

    plus = [a for a in ARTICLES if a.plus]
    assert len(plus) == 1 and plus[0].hidden_body
    html = (DEFAULT_ROOT / plus[0].path.lstrip("/")).read_text(encoding="utf-8")
    assert 'class="aa-paywall"' in html
    for hidden in plus[0].hidden_body:
        assert hidden not in html and escape(caesar(hidden), quote=False) in html
    record = next(a for a in EXPECTED["articles"] if a["path"] == plus[0].path)
    assert record["paywalled"] and len(record["body"]) == 1


def test_discovery_needs_all_three_paths() -> None:
    via = [set(a["discovered_via"]) for a in EXPECTED["articles"]]
    assert len(via) >= 30
    assert any(v == {"feed"} for v in via)
    assert any(v == {"sitemap"} for v in via)
    assert any(v and all(s.startswith("section:") and "seite-" in s for s in v) for v in via)
    assert all(v for v in via)
