"""Each offline pipeline on its own inputs, and the offline chain that evaluate/reprocess use."""

from __future__ import annotations

import pytest
from scrapy.utils.test import get_crawler

from newscrawl.article import Block, DateCandidate
from newscrawl.crawl.article_page import article_item, count_extraction
from newscrawl.extract import extract_article
from newscrawl.items import ArticleItem
from newscrawl.offline.chain import process_page
from newscrawl.pipelines.chrome import ChromeRemovalPipeline
from newscrawl.pipelines.dates import DateNormalizationPipeline

ARTICLE = """<!DOCTYPE html><html lang="de"><head>
<title>Stadtrat beschließt Haushalt | Zeitung</title>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
"headline":"Stadtrat beschließt Haushalt","datePublished":"2022-03-27T01:30:00+01:00",
"dateModified":"2022-03-27T10:00:00+02:00","author":{"@type":"Person","name":"Eva Muster"},
"articleSection":"Lokales","keywords":"Stadtrat, Haushalt"}</script></head><body>
<nav class="breadcrumb"><a href="/">Startseite</a> <a href="/lokales/">Lokales</a></nav>
<article class="article"><h1>Stadtrat beschließt Haushalt</h1>
<p class="intro">Nach langer Debatte steht der Haushalt für das kommende Jahr fest.</p>
<div class="article-body">
<p>Der Stadtrat hat am Donnerstagabend den Haushalt für das Jahr 2022 mit großer Mehrheit
beschlossen. Die Stadt investiert vor allem in Schulen und den Nahverkehr.</p>
<h2>Mehr Geld für Schulen</h2>
<p>Rund 40 Millionen Euro fließen in die Sanierung von Grundschulen. In einem Kommentar zur
Sitzung lobte die Opposition den Kompromiss ausdrücklich.</p>
<p>Die Verwaltung rechnet trotz der Investitionen mit einem leichten Überschuss im Ergebnishaushalt,
weil die Gewerbesteuer kräftiger sprudelt als erwartet.</p>
</div></article>
<div class="comments">Diskutieren Sie mit <span>0 Kommentare</span></div></body></html>"""

INDEX = """<!DOCTYPE html><html><head><title>Lokales</title>
<meta property="og:type" content="website">
</head><body><h1>Lokales</h1><ul><li><a href="/a-id1.html">Erster Artikel mit Überschrift</a></li>
<li><a href="/b-id2.html">Zweiter Artikel mit Überschrift</a></li></ul></body></html>"""


@pytest.fixture
def stats():
    crawler = get_crawler()
    return crawler


def test_extraction_fills_the_item_and_counts_non_articles(stats) -> None:
    url = "https://z.de/lokales/haushalt-id1.html"
    extracted = extract_article(ARTICLE, url)
    count_extraction(stats.stats, extracted, None)
    item = article_item(extracted, url=url, html=ARTICLE, fetched_at="2022-03-28T00:00:00Z")
    assert item["title"] == "Stadtrat beschließt Haushalt"
    assert item["authors"] == ["Eva Muster"]
    assert item["blocks"] and item["blocks"][0].kind == "p"
    assert ("published", "jsonld") in {(c.field, c.source) for c in item["date_candidates"]}
    assert stats.stats.get_value("newscrawl/extract/extractor/generic") == 1
    index = extract_article(INDEX, "https://z.de/lokales/")
    assert not index.is_article
    count_extraction(stats.stats, index, None)
    assert stats.stats.get_value("newscrawl/extract/not_article") == 1


def test_chrome_pipeline_joins_clean_blocks(stats) -> None:
    pipeline = ChromeRemovalPipeline.from_crawler(stats)
    blocks = [
        Block("p", "Startseite"),
        Block("p", "Der Rat tagte lange. (Lesen Sie auch: Warum der Rat so lange tagt)"),
        Block("h", "Neue Regeln"),
        Block("p", "Dieser Artikel kann nicht mehr kommentiert werden"),
        Block("p", "Ein Foto der Sitzung zeigt, dass in einem Kommentar Kritik geäußert wurde."),
    ]
    item = pipeline.process_item(ArticleItem(blocks=blocks, title="T", images=[]), None)
    assert item["body"] == ("Der Rat tagte lange.\n\nNeue Regeln\n\n"
                            "Ein Foto der Sitzung zeigt, dass in einem Kommentar Kritik geäußert "
                            "wurde.")
    assert stats.stats.get_value("newscrawl/chrome/lines_dropped") == 2
    assert item["word_count"] == len(item["body"].split())



def test_a_story_that_is_only_its_lead_keeps_it_as_body(stats) -> None:
    # A one-paragraph police report: the page's description repeats the paragraph, so it was
    # found as the teaser and dropped from the body as its repeat, leaving the body empty.
    lead = ("Ein 34-Jähriger ist in der Nacht zum Sonntag beim Versuch festgenommen worden, "
            "zwei Autos auf dem Parkplatz am Bahnhof aufzubrechen.")
    pipeline = ChromeRemovalPipeline.from_crawler(stats)
    item = pipeline.process_item(
        ArticleItem(blocks=[Block("p", lead), Block("p", "Teilen")], title="Festnahme",
                    teaser=lead, images=[]), None)
    assert item["body"] == lead and item["teaser"] is None
    assert stats.stats.get_value("newscrawl/chrome/lead_as_body") == 1
    # With a body of its own the lead stays the teaser.
    more = pipeline.process_item(
        ArticleItem(blocks=[Block("p", lead), Block("p", "Die Polizei sucht nun Zeugen.")],
                    title="Festnahme", teaser=lead, images=[]), None)
    assert more["body"] == "Die Polizei sucht nun Zeugen." and more["teaser"] == lead
    assert stats.stats.get_value("newscrawl/chrome/lead_as_body") == 1

def test_dates_pipeline_normalises_to_utc_and_keeps_raw(stats) -> None:
    pipeline = DateNormalizationPipeline.from_crawler(stats)
    candidates = [DateCandidate("published", "jsonld", "2022-03-27T01:30:00+01:00"),
                  DateCandidate("published", "text", "27.03.2022, 01:30 Uhr"),
                  DateCandidate("modified", "meta", "2022-03-27T10:00:00+02:00")]
    item = pipeline.process_item(ArticleItem(date_candidates=candidates,
                                             fetched_at="2022-03-28T00:00:00Z"), None)
    assert item["published_at"] == "2022-03-27T00:30:00Z"
    assert item["modified_at"] == "2022-03-27T08:00:00Z"
    assert item["published_raw"] == "2022-03-27T01:30:00+01:00"
    assert item["published_source"] == "jsonld"
    assert stats.stats.get_value("newscrawl/dates/source/jsonld") == 1


def test_offline_chain_gives_the_crawler_record() -> None:
    record = process_page(ARTICLE, "https://z.de/lokales/haushalt-id1.html?utm_source=x",
                          fetched_at="2022-03-28T00:00:00Z", site="test")
    assert record is not None
    assert record["canonical_url"] == "https://z.de/lokales/haushalt-id1.html"
    assert record["published_at"] == "2022-03-27T00:30:00Z"
    assert record["body"].startswith("Der Stadtrat hat am Donnerstagabend")
    assert "Mehr Geld für Schulen" in record["body"].split("\n\n")
    assert "Diskutieren Sie mit" not in record["body"]
    assert "html" not in record and "blocks" not in record
    assert process_page(INDEX, "https://z.de/lokales/", fetched_at="2022-03-28T00:00:00Z") is None
