"""Near-duplicate fingerprints (MinHash over word shingles, LSH band keys), the SQL band index,
and the DeduplicationPipeline's canonical URL, content hash and same-URL-in-crawl drop."""

from __future__ import annotations

import hashlib
import itertools
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler
from test_store import story

from newscrawl.items import ArticleItem
from newscrawl.pipelines.dedup import DeduplicationPipeline
from newscrawl.store.database import open_engine, write_transaction
from newscrawl.store.identity import content_hash
from newscrawl.store.minhash import Fingerprinter, from_bytes, to_bytes
from newscrawl.store.neardup_index import NearDupIndex

FP = Fingerprinter()


def test_lsh_parameters_follow_the_threshold() -> None:
    assert FP.bands * FP.rows <= FP.num_perm
    strict = Fingerprinter(threshold=0.9)
    assert strict.rows > FP.rows  # longer bands: fewer candidates
    # Tuned for recall: copies well above the threshold are nearly always looked at, unrelated
    # texts almost never.
    assert FP.candidate_probability(0.8) > 0.98
    assert FP.candidate_probability(0.3) < 0.01


def test_copies_are_similar_and_other_stories_are_not() -> None:
    original = story(1, 200)
    copy = "Washington (dpa) - " + original + " Das Weiße Haus bestätigte den Termin."
    assert FP.similarity(FP.signature(original), FP.signature(copy)) >= 0.85
    assert FP.similarity(FP.signature(original), FP.signature(story(2, 200))) < 0.1
    # Case and punctuation are not content.
    assert FP.similarity(FP.signature(original), FP.signature(original.upper() + "!")) == 1.0


def test_short_texts_have_no_signature() -> None:
    assert FP.signature(None) is None
    assert FP.signature("Der Stadtrat tagt am Montag.") is None
    assert FP.signature(story(3, FP.min_words)) is not None


def test_band_keys_are_stable_and_survive_storage() -> None:
    signature = FP.signature(story(4))
    restored = from_bytes(to_bytes(signature))
    assert FP.band_keys(restored) == FP.band_keys(signature)
    assert len(FP.band_keys(signature)) == FP.bands
    assert all(-(2**63) <= key < 2**63 for key in FP.band_keys(signature))
    # A fresh Fingerprinter (another process, after a restart) computes the same keys.
    assert Fingerprinter().band_keys(signature) == FP.band_keys(signature)


def test_sql_index_finds_the_oldest_matching_story(tmp_path: Path) -> None:
    engine = open_engine(str(tmp_path / "index.sqlite3"))
    index = NearDupIndex(FP)
    text = story(5, 180)
    with write_transaction(engine) as conn:
        index.add_many(conn, [(7, FP.signature(text)), (3, FP.signature(text + " Nachtrag.")),
                              (9, FP.signature(story(6, 180)))])
    with write_transaction(engine) as conn:
        assert index.find(conn, FP.signature(text + " Noch ein Satz.")) == 3
        assert index.find(conn, FP.signature(story(7, 180))) is None
        index.remove(conn, 3)
        assert index.find(conn, FP.signature(text)) == 7
    engine.dispose()


def _item(url: str, canonical: str | None = None) -> ArticleItem:
    return ArticleItem(url=url, canonical_url=canonical, title="Titel", body="Text des Artikels.")


def test_pipeline_sets_canonical_url_and_hash_and_drops_repeats() -> None:
    pipeline = DeduplicationPipeline.from_crawler(get_crawler())
    item = pipeline.process_item(_item("https://www.example.de/a/b-c-d.html?utm_source=x",
                                       "https://www.example.de/a/b-c-d.html"))
    assert item["canonical_url"] == "https://www.example.de/a/b-c-d.html"
    assert item["content_hash"] == content_hash("Titel", "Text des Artikels.")
    with pytest.raises(DropItem):
        pipeline.process_item(_item("https://www.example.de/a/b-c-d.html#top"))
    assert pipeline.stats.get_value("newscrawl/dedup/same_url_in_crawl") == 1


def test_content_hash_ignores_case_and_spacing() -> None:
    assert content_hash("Titel", "Ein  Text\n\nmit Absatz") == content_hash("titel",
                                                                            "Ein Text mit Absatz")
    assert content_hash("Titel", "Ein Text") != content_hash("Titel", "Ein anderer Text")


_SPACING = st.text(alphabet=st.sampled_from("aÄß \n\t\u00a0\u2028\x1c.")
                   | st.characters(blacklist_categories=("Cs",)),
                   max_size=30)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.none(), _SPACING), st.one_of(st.none(), _SPACING))
def test_content_hash_is_the_definition(title: str | None, body: str | None) -> None:
    """A body that is normalised blocks joined by blank lines skips the split (same hash)."""
    blocks = body and "\n\n".join(" ".join(body.split()).split(" "))
    for head, text in itertools.product((title, "Ein Titel"), (body, blocks, "a\n\nb c")):
        normalised = " ".join(f"{head or ''}\n{text or ''}".split()).casefold()
        assert content_hash(head, text) == hashlib.sha1(normalised.encode()).hexdigest()


def test_no_whitespace_but_the_space_is_printable() -> None:
    """What content_hash's shortcut relies on."""
    assert all(not c.isprintable() for c in map(chr, range(sys.maxunicode + 1))
               if c.isspace() and c != " ")
