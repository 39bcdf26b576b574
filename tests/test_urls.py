"""URL canonicalisation, the trusted declared canonical, and one request per canonical URL."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scrapy.utils.test import get_crawler

import newscrawl.crawl.urls as urls_module
from newscrawl.crawl.urls import canonicalize_url, declared_canonical
from newscrawl.spiders.augsburger_allgemeine import AugsburgerAllgemeineSpider
from newscrawl.store.identity import choose_canonical

PLAIN = "https://www.example.de/politik/Biden-will-mit-Putin-sprechen-id61306042.html"


@pytest.mark.parametrize("variant", [
    PLAIN,
    "http://www.example.de/politik/Biden-will-mit-Putin-sprechen-id61306042.html",
    "https://WWW.Example.DE:443/politik/Biden-will-mit-Putin-sprechen-id61306042.html",
    PLAIN + "#kommentare",
    PLAIN + "?utm_source=rss&utm_medium=feed&utm_campaign=aa-politik",
    PLAIN + "?fbclid=IwAR0abc&gclid=xyz&wt_mc=nl.2024&ref=home&at_medium=social",
    PLAIN + "?print=1",
    PLAIN + "?view=print",
    PLAIN + "?service=amp",
    PLAIN + "?amp",
    "https://m.example.de/politik/Biden-will-mit-Putin-sprechen-id61306042.html",
    "https://amp.example.de/politik/Biden-will-mit-Putin-sprechen-id61306042.html",
    "https://www.example.de/amp/politik/Biden-will-mit-Putin-sprechen-id61306042.html",
    "https://www.example.de/politik/Biden-will-mit-Putin-sprechen-id61306042.amp.html",
    "https://www-example-de.cdn.ampproject.org/c/s/www.example.de/politik/"
    "Biden-will-mit-Putin-sprechen-id61306042.html",
    "https://www.example.de/politik/Biden-will-mit-Putin-sprechen-id61306042.html;jsessionid=A1",
    "  " + PLAIN + "  ",
])
def test_variants_of_an_article_url_have_one_canonical_form(variant: str) -> None:
    assert canonicalize_url(variant) == PLAIN


@pytest.mark.parametrize(("url", "expected"), [
    ("https://www.example.de/lokales/stadtrat-tagt/", "https://www.example.de/lokales/stadtrat-tagt"),
    ("https://www.example.de/lokales/stadtrat-tagt/print/",
     "https://www.example.de/lokales/stadtrat-tagt"),
    ("https://www.example.de/lokales/stadtrat-tagt/amp", "https://www.example.de/lokales/stadtrat-tagt"),
    ("https://www.example.de/", "https://www.example.de/"),
    ("https://www.example.de", "https://www.example.de/"),
    ("https://www.example.de//lokales//a-b-c-d", "https://www.example.de/lokales/a-b-c-d"),
])
def test_paths_are_normalised(url: str, expected: str) -> None:
    assert canonicalize_url(url) == expected


def test_content_parameters_are_kept_sorted() -> None:
    url = "https://www.example.de/artikel.php?page=2&id=77&utm_term=x"
    assert canonicalize_url(url) == "https://www.example.de/artikel.php?id=77&page=2"
    # A value-dependent switch only goes when it is a view switch.
    assert canonicalize_url("https://www.example.de/a?service=wetter") == \
        "https://www.example.de/a?service=wetter"


def test_percent_encoding_is_normalised() -> None:
    assert canonicalize_url("https://www.example.de/bayern/Schnee-im-Allgäu") == \
        canonicalize_url("https://www.example.de/bayern/Schnee-im-Allg%C3%A4u")
    assert canonicalize_url("https://www.example.de/%7Eredaktion/a") == \
        "https://www.example.de/~redaktion/a"


def test_loopback_mirrors_keep_http_and_port() -> None:
    assert canonicalize_url("http://127.0.0.1:8765/a/b-id1.html?utm_source=x#c") == \
        "http://127.0.0.1:8765/a/b-id1.html"


def test_declared_canonical_is_trusted_on_the_same_site_only() -> None:
    fetched = "https://m.example.de/politik/a-b-c-id1.html?utm_source=x"
    assert declared_canonical(fetched, "https://www.example.de/politik/a-b-c-id1.html") == \
        "https://www.example.de/politik/a-b-c-id1.html"
    assert declared_canonical(fetched, "/politik/a-b-c-id1.html") == \
        "https://m.example.de/politik/a-b-c-id1.html"
    # Another site (syndication partner), the front page (CMS template bug), junk: not trusted.
    assert declared_canonical(fetched, "https://www.other.de/politik/a-b-c-id1.html") is None
    assert declared_canonical(fetched, "https://www.example.de/") is None
    assert declared_canonical(fetched, "javascript:void(0)") is None
    assert declared_canonical(fetched, "") is None


def test_choose_canonical_uses_the_declared_path_on_the_fetched_host() -> None:
    mirror = "http://127.0.0.1:8765/bayern/Schnee-id61301457.html?utm_source=rss"
    assert choose_canonical(mirror, "http://127.0.0.1:8765/bayern/Schnee-id61301457.html") == \
        "http://127.0.0.1:8765/bayern/Schnee-id61301457.html"
    assert choose_canonical(PLAIN + "?print=1", "https://www.example.de/") == PLAIN
    assert choose_canonical("https://www.example.de/a/b-c-d-e.amp.html",
                            "https://www.example.de/a/b-c-d-e.html") == \
        "https://www.example.de/a/b-c-d-e.html"


def test_spider_requests_each_canonical_url_once() -> None:
    crawler = get_crawler(AugsburgerAllgemeineSpider)
    spider = AugsburgerAllgemeineSpider.from_crawler(crawler,
                                                     base_url="https://www.augsburger-allgemeine.de")
    path = "/bayern/Schneemangel-Skigebiete-im-Allgaeu-bangen-um-die-Ferien-id61301457.html"
    base = "https://www.augsburger-allgemeine.de"
    variants = [base + path, "http://www.augsburger-allgemeine.de" + path,
                base + path + "?utm_source=rss&utm_medium=feed", base + path + "#top",
                base + path + "?fbclid=abc", base + path + "?print=1"]
    requests = [r for v in variants for r in spider.article_request(v, "section")]
    assert [r.url for r in requests] == [base + path]
    assert crawler.stats.get_value("newscrawl/discovery/duplicate_url") == len(variants) - 1


# --- the plain-URL shortcut -----------------------------------------------------------------
_URL_PART = st.text(alphabet="abcXYZ019-._~/:?=&%# ", min_size=0, max_size=24)


def _through_w3lib(url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """canonicalize_url with the shortcut off: every URL through safe_url_string and w3lib."""
    never = re.compile(r"(?!)")
    with monkeypatch.context() as patch:
        patch.setattr(urls_module, "_PLAIN", never)
        patch.setattr(urls_module, "_PLAIN_PATH", never)
        return canonicalize_url(url)


@settings(max_examples=400, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(scheme=st.sampled_from(["http", "https"]),
       host=st.sampled_from(["www.example.de", "Example.COM", "m.example.de", "127.0.0.1:8080",
                             "example.com.", "ex-ample.org:443"]),
       rest=_URL_PART)
def test_plain_urls_skip_w3lib_with_the_same_result(scheme: str, host: str, rest: str,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"{scheme}://{host}/{rest}"
    assert canonicalize_url(url) == _through_w3lib(url, monkeypatch)


@pytest.mark.parametrize("url", [
    "https://actu.fr/./societe", "https://www.example.com/a/../b", "https://example.com/./",
    "https://example.com/a?b=1&a=2", "https://example.com/a:b/~c", "https://example.com",
])
def test_plain_url_shortcut_edge_cases(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert canonicalize_url(url) == _through_w3lib(url, monkeypatch)


@settings(max_examples=400, deadline=None)
@given(base=st.sampled_from(["https://www.example.de/a/b.html", "http://example.com/x?y=1", ""]),
       scheme=st.sampled_from(["http", "https"]),
       host=st.sampled_from(["www.example.de", "example.com:8080", "a-b.example.org"]),
       rest=_URL_PART)
def test_resolve_url_is_urljoin(
        base: str, scheme: str, host: str, rest: str) -> None:
    """``resolve_url`` (declared canonical URLs, image URLs) skips urljoin for plain absolute
    URLs: the same URL either way."""
    for declared in (f"{scheme}://{host}/{rest}", f"{scheme}://{host}{rest}", f"/{rest}", rest):
        assert urls_module.resolve_url(base, declared) == urljoin(base, declared)
    assert urls_module._resolved("https://www.example.de/politik/a-b-c-id1.html")
    assert not urls_module._resolved("https://www.example.de/a?")
