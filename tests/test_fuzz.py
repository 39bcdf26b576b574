"""Property tests: random and mutated HTML, text, bytes and date strings through the decoder,
the sitemap/feed readers, extraction, the offline processing chain and parse_date. Nothing may
raise; the invariants hold: no body line is UI chrome, dates are aware UTC or None, every output
string is valid UTF-8. Example counts are modest (CI time) and the seed corpus is real pages."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newscrawl.article import ExtractedArticle
from newscrawl.chrome import looks_like_chrome
from newscrawl.crawl.decoding import decode_html
from newscrawl.crawl.discovery import parse_feed, parse_sitemap, sniff
from newscrawl.dates import parse_date
from newscrawl.extract import extract_article
from newscrawl.middlewares.badinput import response_reasons
from newscrawl.offline.chain import process_page
from tests.conftest import ROOT

# CI: a fixed, modest set of examples. NEWSCRAWL_FUZZ_EXAMPLES=N runs a longer random campaign.
CAMPAIGN = int(os.environ.get("NEWSCRAWL_FUZZ_EXAMPLES", "0"))
FUZZ = settings(max_examples=CAMPAIGN or 60, deadline=None, derandomize=not CAMPAIGN,
                database=None, suppress_health_check=[HealthCheck.too_slow,
                                                      HealthCheck.data_too_large])
FAST = settings(FUZZ, max_examples=(CAMPAIGN or 60) * 5)
URL = "https://www.augsburger-allgemeine.de/augsburg/Fuzz-Artikel-id61234567.html"
FETCHED = datetime(2022, 1, 15, 12, 0, tzinfo=UTC)

SEED_PAGES = [p.read_text(encoding="utf-8").replace("{BASE_URL}", "http://127.0.0.1:8765")
              for p in sorted((ROOT / "fixtures" / "newsroom").rglob("*-id*.html"))[:12]]
SEED_BYTES = [p.read_bytes() for p in sorted((ROOT / "fixtures" / "bad").glob("*.bin"))]
CHROME = ["Startseite", "Zur Startseite", "Anzeige", "Teilen", "Impressum", "Datenschutz",
          "Meistgelesen", "Mehr zum Thema:", "Foto: dpa", "Newsletter abonnieren", "Menü",
          "Suche", "•", "(Lesen Sie auch: Neue Tram für Augsburg)", "Lesen Sie auch",
          "Artikel teilen", "Kommentare", "Zurück", "Icon Pfeil nach unten", "Weitere Artikel"]
WORDS = ["Augsburg", "Stadtrat", "Brücke", "Müller", "Straße", "Öffnungszeiten", "am", "der",
         "Polizei", "Uhr", "14:30", "Januar", "2022", "Ã¼", "€", "—", "„Zitat“", "&amp;", "&#x0;",
         "<", ">", "\u00a0", "\u200b", "\ufeff", "🙂", "ß", "\t", "\r\n"]
TAGS = ["p", "div", "article", "main", "section", "span", "h1", "h2", "li", "ul", "figure",
        "figcaption", "aside", "nav", "header", "footer", "time", "a", "b", "br", "script"]

DATES = st.one_of(
    st.text(max_size=60),
    st.builds(lambda d, m, y, h, mi: f"{d}.{m}.{y}, {h}:{mi} Uhr",
              st.integers(-5, 40), st.integers(-2, 14), st.integers(0, 100000),
              st.integers(-1, 30), st.integers(-1, 99)),
    st.builds(lambda y, m, d, tz: f"{y}-{m:02d}-{d:02d}T10:00:00{tz}",
              st.integers(0, 99999), st.integers(0, 13), st.integers(0, 32),
              st.sampled_from(["", "Z", "+01:00", "+25:00", "-14:00", "+0530", "GMT"])),
    st.builds(lambda n, unit: f"vor {n} {unit}", st.integers(-5, 10**12),
              st.sampled_from(["Minuten", "Stunden", "Tagen", "Wochen", "Jahren", "Sek."])),
    st.builds(" ".join, st.lists(st.sampled_from(
        ["gestern", "heute", "am", "Montag", "3.", "März", "Dez.", "2021", "18:30", "Uhr",
         "Aktualisiert:", "Erstellt", "um", "MEZ", "MESZ", "12.12.", "24:00", "0:00"]),
        max_size=8)),
)


@st.composite
def random_html(draw) -> str:
    """A random, often badly nested document of news-page tags, text and chrome lines."""
    parts = ["<!DOCTYPE html><html lang='de'><head><title>",
             " ".join(draw(st.lists(st.sampled_from(WORDS), max_size=6))), "</title>"]
    if draw(st.booleans()):
        ld = draw(st.one_of(
            st.builds(json.dumps, st.fixed_dictionaries({
                "@type": st.sampled_from(["NewsArticle", "Article", "WebPage"]),
                "headline": st.text(max_size=40), "datePublished": DATES})),
            st.text(max_size=80)))
        parts.append(f"<script type='application/ld+json'>{ld}</script>")
    parts.append("</head><body>")
    for _ in range(draw(st.integers(0, 25))):
        tag = draw(st.sampled_from(TAGS))
        text = draw(st.one_of(st.sampled_from(CHROME),
                              st.builds(" ".join, st.lists(st.sampled_from(WORDS), max_size=30)),
                              st.text(max_size=40)))
        close = draw(st.booleans())
        parts.append(f"<{tag}>{text}" + (f"</{tag}>" if close else ""))
    if draw(st.booleans()):
        parts.append("</body></html>")
    return "".join(parts)


@st.composite
def mutated_page(draw) -> str:
    """A real newsroom page, cut, spliced, duplicated or sprinkled with junk."""
    page = draw(st.sampled_from(SEED_PAGES))
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(page)))
        j = draw(st.integers(i, min(len(page), i + 400)))
        op = draw(st.sampled_from(["cut", "delete", "dup", "insert", "chrome"]))
        if op == "cut":
            page = page[:i]
        elif op == "delete":
            page = page[:i] + page[j:]
        elif op == "dup":
            page = page[:j] + page[i:j] + page[j:]
        elif op == "insert":
            page = page[:i] + draw(st.text(max_size=30)) + page[i:]
        else:
            page = page[:i] + f"<p>{draw(st.sampled_from(CHROME))}</p>" + page[i:]
    return page


PAGES = st.one_of(random_html(), mutated_page(), st.text(max_size=300))


def assert_utf8(value: object) -> None:
    """Every string inside ``value`` encodes as strict UTF-8 (no lone surrogates)."""
    if isinstance(value, str):
        value.encode("utf-8")
    elif isinstance(value, dict):
        for k, v in value.items():
            assert_utf8(k)
            assert_utf8(v)
    elif isinstance(value, list | tuple):
        for v in value:
            assert_utf8(v)


@FUZZ
@given(PAGES)
def test_extraction_never_raises(html: str) -> None:
    article = extract_article(html, URL)
    assert isinstance(article, ExtractedArticle)
    assert_utf8([article.title, article.teaser, article.kicker, article.section,
                 [b.text for b in article.blocks], list(article.authors), list(article.tags)])


@FUZZ
@given(PAGES)
def test_processing_chain_invariants(html: str) -> None:
    record = process_page(html, URL, fetched_at=FETCHED)
    if record is None:
        return
    assert_utf8(record)
    for line in (record.get("body") or "").split("\n\n"):
        assert not looks_like_chrome(line), line
    for field in ("published_at", "modified_at"):
        value = record.get(field)
        if value is not None:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
            assert value.endswith("Z") and parsed.utcoffset() == timedelta(0)


@FAST
@given(DATES, st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2040, 1, 1),
                           timezones=st.just(UTC)))
def test_parse_date_is_utc_or_none(text: str, fetched_at: datetime) -> None:
    result = parse_date(text, fetched_at=fetched_at)
    assert result is None or (result.tzinfo is not None and result.utcoffset() == timedelta(0))


@FAST
@given(st.one_of(st.binary(max_size=2000), st.sampled_from(SEED_BYTES),
                 st.builds(lambda b, i: b[:i], st.sampled_from(SEED_BYTES),
                           st.integers(0, 3000))),
       st.sampled_from([None, b"text/html", b"text/html; charset=utf-8",
                        b"text/html; charset=iso-8859-1", b"text/html; charset=bogus-42",
                        b"text/html; charset=utf-16"]))
def test_decoding_and_bad_input_checks_never_raise(body: bytes, content_type: bytes) -> None:
    text, how = decode_html(body, content_type)
    text.encode("utf-8")
    assert how
    for reason, detail in response_reasons(body, content_type):
        assert reason and isinstance(detail, str)


SITEMAP_BITS = ["<?xml version='1.0'?>", "<urlset xmlns='http://www.sitemaps.org/schemas/"
                "sitemap/0.9'>", "<url>", "<loc>http://127.0.0.1/a-id1234567.html</loc>",
                "</url>", "<lastmod>2021-13-45</lastmod>", "<sitemap>", "<!DOCTYPE x [",
                "<!ENTITY e 'lol'>", "]>", "&e;", "<rss><channel><item>", "<link>x</link>",
                "</item>", "<news:publication_date>gestern</news:publication_date>",
                "<![CDATA[", "]]>", "\x00", "</urlset>"]


@FAST
@given(st.one_of(st.binary(max_size=500),
                 st.builds("".join, st.lists(st.sampled_from(SITEMAP_BITS), max_size=30))
                 .map(str.encode)))
def test_sitemap_and_feed_readers_never_raise(body: bytes) -> None:
    assert sniff(body) in {"sitemap", "feed", "html", "unknown"}
    for entry in [*parse_sitemap(body), *parse_feed(body)]:
        assert entry.url
        assert_utf8([entry.url, entry.published, entry.lastmod, entry.title])


def test_seed_corpus_loaded() -> None:
    assert len(SEED_PAGES) >= 10 and len(SEED_BYTES) >= 10
    assert Path(ROOT / "fixtures" / "bad" / "cases.json").exists()
