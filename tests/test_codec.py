"""Stored blobs: new rows zstd, old zlib rows still read everywhere (reprocess, WARC export), a
damaged blob a clear error; the fast MinHash signature equals datasketch's; the page row paths
of ``save`` (new page, same page again, orphaned page row)."""

from __future__ import annotations

import gzip
import subprocess
import sys
import zlib
from pathlib import Path

import numpy as np
import pytest
from datasketch import MinHash, MinHashLSH
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select, update
from warcio.archiveiterator import ArchiveIterator

from newscrawl.store import ArticleStore, codec
from newscrawl.store.minhash import _WORD, Fingerprinter, affine32_permutations
from newscrawl.store.schema import articles, neardup_bands, neardup_signatures, pages
from newscrawl.store.warc import export_warc
from tests import test_store
from tests.test_store import article, story

# The store fixtures of tests/test_store.py: every store test here runs on SQLite and PostgreSQL.
pg_database, store_url, store = test_store.pg_database, test_store.store_url, test_store.store

HTML = "<html><body><p>Grüße aus Göggingen – „Zitat“ 🙂</p>" + "<p>Absatz</p>" * 200 + "</html>"


# --- the codec ---------------------------------------------------------------------------------
def test_new_blobs_are_zstd_and_round_trip() -> None:
    data = HTML.encode("utf-8")
    blob = codec.compress(data)
    assert blob[:4] == bytes.fromhex("28b52ffd")
    assert len(blob) < len(data) // 4
    assert codec.decompress(blob) == data
    assert codec.decompress(memoryview(blob)) == data
    assert codec.decompress(codec.compress(b"")) == b""


@pytest.mark.parametrize("level", [1, 6, 9])
def test_old_zlib_blobs_still_read(level: int) -> None:
    data = HTML.encode("utf-8")
    assert codec.decompress(zlib.compress(data, level)) == data


@pytest.mark.parametrize("blob, message", [
    (b"", "not a zstd or zlib blob"),
    (b"<html>not compressed</html>", "not a zstd or zlib blob"),
    (gzip.compress(b"gzip is not ours"), "not a zstd or zlib blob"),
    (codec.compress(HTML.encode())[:-6], "corrupt zstd blob"),
    (codec.compress(HTML.encode())[:4], "corrupt zstd blob"),
    (zlib.compress(HTML.encode(), 6)[:-6], "corrupt zlib blob"),
    (b"\x78\x9c" + b"\xff" * 20, "corrupt zlib blob"),
])
def test_a_damaged_blob_is_a_clear_error(blob: bytes, message: str) -> None:
    with pytest.raises(codec.CorruptBlobError, match=message):
        codec.decompress(blob)
    assert issubclass(codec.CorruptBlobError, ValueError)


# --- the store ---------------------------------------------------------------------------------
def _page_blobs(store: ArticleStore) -> list[bytes]:
    with store.engine.connect() as conn:
        return [bytes(b) for b in conn.execute(select(pages.c.html_zlib).order_by(pages.c.id))
                .scalars()]


def _make_old(store: ArticleStore, url: str, html: str) -> None:
    """Turn a stored page into what a store written before zstd holds: a zlib level 6 blob."""
    with store.engine.begin() as conn:
        conn.execute(update(pages).where(pages.c.canonical_url == url)
                     .values(html_zlib=zlib.compress(html.encode("utf-8"), 6)))


def test_store_writes_zstd_and_reads_old_zlib_rows(store: ArticleStore, tmp_path: Path) -> None:
    old_html, new_html = HTML.replace("Absatz", "Alt"), HTML
    store.save(article("https://a.example/alt", story(1)), old_html, status=200,
               headers={"ETag": '"a1"'})
    _make_old(store, "https://a.example/alt", old_html)
    store.save(article("https://a.example/neu", story(2)), new_html, status=200)
    old_blob, new_blob = _page_blobs(store)
    assert old_blob[0] == 0x78 and new_blob[:4] == codec.ZSTD_MAGIC
    # scrapy reprocess reads iter_pages
    assert [(p.url, p.html) for p in store.iter_pages()] == [
        ("https://a.example/alt", old_html), ("https://a.example/neu", new_html)]
    # scrapy export --warc reads every page
    warc = tmp_path / "pages.warc.gz"
    assert export_warc(store, warc) == 2
    with open(warc, "rb") as stream:
        payloads = [r.content_stream().read().decode("utf-8") for r in ArchiveIterator(stream)
                    if r.rec_type == "response"]
    assert payloads == [old_html, new_html]
    # the incremental check still finds the old row's validators
    assert store.stored_state("https://a.example/alt").etag == '"a1"'


def test_a_damaged_stored_page_names_the_problem(store: ArticleStore) -> None:
    store.save(article("https://a.example/kaputt", story(3)), HTML)
    with store.engine.begin() as conn:
        conn.execute(update(pages).values(html_zlib=b"\x28\xb5\x2f\xfd\x00garbage"))
    with pytest.raises(codec.CorruptBlobError, match="corrupt zstd blob"):
        list(store.iter_pages())


def test_page_rows_new_same_again_and_another_variant(store: ArticleStore) -> None:
    url = "https://a.example/seite"
    record = article(url, story(4))
    store.save(record, HTML, status=200, headers={"ETag": '"1"'})
    # Same page again: the row is refreshed (fetch time, validators), not duplicated.
    again = store.save({**record, "fetched_at": "2024-05-03T09:00:00Z"}, HTML, status=200,
                       headers={"ETag": '"2"'})
    assert again.outcome == "unchanged"
    # Another variant of the page with the same text: a second page row.
    store.save({**record, "fetched_at": "2024-05-04T09:00:00Z"}, HTML + "<!-- x -->",
               status=200)
    with store.engine.connect() as conn:
        rows = conn.execute(select(pages.c.fetched_at, pages.c.headers).order_by(pages.c.id)).all()
    assert [r.fetched_at for r in rows] == ["2024-05-03T09:00:00Z", "2024-05-04T09:00:00Z"]
    assert rows[0].headers == {"ETag": '"2"'}
    assert [p.html for p in store.iter_pages(every_page=True)] == [HTML, HTML + "<!-- x -->"]


def test_a_page_row_left_without_its_article_is_refreshed_not_an_error(
        store: ArticleStore) -> None:
    url = "https://a.example/verwaist"
    store.save(article(url, story(5)), HTML, status=200)
    with store.engine.begin() as conn:  # e.g. an article deleted by hand
        conn.execute(neardup_bands.delete())
        conn.execute(neardup_signatures.delete())
        conn.execute(articles.delete().where(articles.c.canonical_url == url))
    result = store.save(article(url, story(5), fetched_at="2024-05-05T09:00:00Z"), HTML,
                        status=203)
    assert result.outcome == "inserted"
    with store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(pages)).scalar_one() == 1
        row = conn.execute(select(pages.c.fetched_at, pages.c.status)).one()
    assert tuple(row) == ("2024-05-05T09:00:00Z", 203)
    assert [p.html for p in store.iter_pages()] == [HTML]


# --- the MinHash signature ---------------------------------------------------------------------
def _datasketch_signature(fp: Fingerprinter, text: str | None) -> np.ndarray | None:
    """The reference: what Fingerprinter.signature computed with datasketch before."""
    if not text or len(_WORD.findall(text)) < fp.min_words:
        return None
    minhash = MinHash(num_perm=fp.num_perm, seed=fp.seed)
    minhash.update_batch(fp.shingles(text))
    return np.asarray(minhash.hashvalues, dtype="<u4")


def _same(a: np.ndarray | None, b: np.ndarray | None) -> bool:
    return (a is None and b is None) or (a is not None and b is not None
                                         and a.dtype == b.dtype and np.array_equal(a, b))


@pytest.mark.parametrize("fp", [Fingerprinter(), Fingerprinter(min_words=2, shingle_size=3),
                                Fingerprinter(num_perm=64, seed=7, min_words=0)])
def test_signature_equals_datasketch_on_stories(fp: Fingerprinter) -> None:
    texts = [story(i, words) for i in range(5) for words in (3, 39, 40, 41, 160, 900)]
    texts += [None, "", "İstanbul ist groß. ŉ Straße ﬁnal", "Der Stadtrat tagt am Montag. " * 20,
              "a\u0307b " * 50]
    for text in texts:
        assert _same(fp.signature(text), _datasketch_signature(fp, text)), text


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abcäöüßİı ﬁ\u0307 .,\n1")), max_size=400),
       st.integers(min_value=0, max_value=12), st.integers(min_value=1, max_value=6))
def test_signature_equals_datasketch_on_any_text(text: str, min_words: int, k: int) -> None:
    fp = Fingerprinter(min_words=min_words, shingle_size=k, num_perm=32)
    assert _same(fp.signature(text), _datasketch_signature(fp, text))


@pytest.mark.parametrize("num_perm", [16, 64, 128, 256])
@pytest.mark.parametrize("threshold", [0.3, 0.5, 0.7, 0.85, 0.95])
@pytest.mark.parametrize("recall_weight", [0.5, 0.8])
def test_bands_and_rows_are_datasketchs(num_perm: int, threshold: float,
                                        recall_weight: float) -> None:
    try:
        lsh = MinHashLSH(threshold=threshold, num_perm=num_perm,
                         weights=(1.0 - recall_weight, recall_weight))
    except ValueError:  # datasketch refuses a single band; so does the store
        with pytest.raises(ValueError, match="b < 2"):
            Fingerprinter(threshold=threshold, num_perm=num_perm, recall_weight=recall_weight)
        return
    fp = Fingerprinter(threshold=threshold, num_perm=num_perm, recall_weight=recall_weight)
    assert (fp.bands, fp.rows) == (lsh.b, lsh.r)


@pytest.mark.parametrize("num_perm, seed", [(128, 1), (32, 7), (256, 12345)])
def test_permutations_are_datasketchs(num_perm: int, seed: int) -> None:
    a, b = MinHash(num_perm=num_perm, seed=seed).permutations
    ours_a, ours_b = affine32_permutations(num_perm, seed)
    assert ours_a.dtype == ours_b.dtype == np.uint32
    assert np.array_equal(ours_a, np.asarray(a, dtype=np.uint32))
    assert np.array_equal(ours_b, np.asarray(b, dtype=np.uint32))


def test_the_store_starts_without_datasketch_or_scipy() -> None:
    code = ("import sys; from newscrawl.store.minhash import Fingerprinter; Fingerprinter(); "
            "import newscrawl.commands.replay, newscrawl.pipelines.dedup; "
            "print(sorted(m for m in ('datasketch', 'scipy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=Path(__file__).resolve().parents[1])
    assert out.stdout.strip() == "[]"
