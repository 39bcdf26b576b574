"""The offline newsroom site (fixtures/newsroom, Augsburger Allgemeine markup) through the offline
chain: every article record must equal the hand-written expectations in expected.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newscrawl.extract import extract_article
from newscrawl.offline.chain import process_page

SITE = Path(__file__).resolve().parent.parent / "fixtures" / "newsroom"
EXPECTED = json.loads((SITE / "expected.json").read_text(encoding="utf-8"))
BASE = "http://127.0.0.1:8765"
FETCHED = "2023-06-01T00:00:00Z"


def load(path: str) -> str:
    file = SITE / path.lstrip("/")
    if file.is_dir():
        file = file / "index.html"
    return file.read_text(encoding="utf-8").replace("{BASE_URL}", BASE)


def record_for(article: dict) -> dict:
    record = process_page(load(article["path"]), BASE + article["path"], fetched_at=FETCHED)
    assert record is not None, article["path"]
    return record


@pytest.mark.parametrize("article", EXPECTED["articles"], ids=lambda a: a["path"][:60])
def test_article_record_matches_expectation(article: dict) -> None:
    record = record_for(article)
    assert record["title"] == article["title"]
    assert record["kicker"] == article["kicker"]
    assert record["teaser"] == article["teaser"]
    assert record["body"].split("\n\n") == [b["text"] for b in article["body"]]
    assert record["authors"] == article["authors"]
    assert record["section"] == article["section"]
    assert record["tags"] == article["tags"]
    assert record["paywalled"] == article["paywalled"]
    assert record["published_at"] == article["published_at"]
    assert record["modified_at"] == article.get("modified_at")
    images = [dict(i, url=(i["url"] or "").replace(BASE, "")) for i in record["images"]]
    assert images == article["images"]
    assert record["extractor"] == "family:pressedruck"


def test_seed_article_details() -> None:
    seed = next(a for a in EXPECTED["articles"] if "Biden-will-direkt" in a["path"])
    extracted = extract_article(load(seed["path"]), BASE + seed["path"])
    assert extracted.title == "Ukraine-Konflikt: Biden will direkt mit Putin sprechen"
    assert extracted.kicker == "Spannungen"
    assert [b.kind for b in extracted.blocks].count("h") == 2
    assert len(extracted.images) == 1  # the hidden lightbox repeats the caption
    assert extracted.images[0].credit == "Patrick Semansky, dpa"
    body = record_for(seed)["body"]
    assert "Lesen Sie auch" not in body and "Die USA und die Nato lehnen" in body
    assert "Patrick Semansky" not in body and "Spannungen" not in body.split("\n\n")


@pytest.mark.parametrize("item", EXPECTED["non_articles"], ids=lambda a: a["path"])
def test_non_articles_are_not_articles(item: dict) -> None:
    assert not extract_article(load(item["path"]), BASE + item["path"]).is_article


def test_truncated_page_keeps_partial_paragraph() -> None:
    case = next(b for b in EXPECTED["broken"] if b["case"] == "truncated")
    record = record_for(case["article"])
    assert record["body"].split("\n\n") == [b["text"] for b in case["article"]["body"]]
    assert record["published_at"] == case["article"]["published_at"]
