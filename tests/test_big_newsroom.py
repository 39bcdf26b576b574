"""The benchmark newsroom: real-page weight, determinism, and extraction unchanged by furniture."""

from __future__ import annotations

import statistics

import lxml.html
import pytest

from newscrawl.offline.chain import process_page
from newscrawl.testing.big_newsroom import article_spec, build
from newscrawl.testing.newsroom_article import render_article
from newscrawl.testing.page_weight import weigh

KEYS = ("title", "kicker", "teaser", "body", "authors", "section", "tags", "images",
        "published_at", "modified_at", "canonical_url", "content_hash")


def test_real_weight_matches_archived_pages_shape(tmp_path):
    site = build(tmp_path / "site", 12, base_url="http://127.0.0.1:1")
    paths = (tmp_path / "site" / "urls.txt").read_text(encoding="utf-8").split()
    pages = [(tmp_path / "site" / p.lstrip("/")).read_bytes() for p in paths]
    sizes = [len(p) for p in pages]
    elements = [sum(1 for _ in lxml.html.fromstring(p).iter()) for p in pages]
    # shared/realpages medians: 300 KB, 1,144 elements.
    assert 200_000 < statistics.median(sizes) < 400_000
    assert 900 < statistics.median(elements) < 1_600
    assert site.articles == 12 and b"{BASE_URL}" not in pages[0]


def test_light_weight_is_the_bare_template(tmp_path):
    build(tmp_path / "site", 3, base_url="http://127.0.0.1:1", weight="light")
    path = (tmp_path / "site" / "urls.txt").read_text(encoding="utf-8").split()[0]
    assert len((tmp_path / "site" / path.lstrip("/")).read_bytes()) < 30_000
    with pytest.raises(ValueError):
        build(tmp_path / "other", 1, weight="heavy")


def test_weigh_is_deterministic_and_varies_per_page():
    page = render_article(article_spec(5), [])
    assert weigh(page, 1, 5) == weigh(page, 1, 5)
    assert weigh(page, 1, 5) != weigh(page, 1, 6)
    assert weigh(page, 1, 5) != weigh(page, 2, 5)


@pytest.mark.parametrize("index", range(0, 40, 7))
def test_furniture_does_not_change_the_extracted_article(index):
    spec = article_spec(index)
    url = "http://127.0.0.1:1" + spec.path
    light = render_article(spec, [])
    bare = process_page(light, url, family="pressedruck")
    heavy = process_page(weigh(light, 1, index), url, family="pressedruck")
    assert bare is not None and heavy is not None
    assert {k: heavy[k] for k in KEYS} == {k: bare[k] for k in KEYS}
    assert "Mehr aus der Region" not in heavy["body"] and "Newsticker" not in heavy["body"]
