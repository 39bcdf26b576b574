"""Scoring maths and the `scrapy evaluate` command."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newscrawl.chrome import looks_like_chrome
from newscrawl.offline.scoring import (
    authors_f1,
    expected_lines,
    rouge_lsum,
    score_page,
    summarize,
    to_utc_minute,
    tokenize,
)

ROOT = Path(__file__).resolve().parent.parent
SCRAPY = str(Path(sys.executable).with_name("scrapy"))


def test_tokenize_is_unicode_and_casefolded() -> None:
    # ß casefolds to ss, so Swiss spelling matches German spelling.
    assert tokenize("Größe STRASSE, Öl-Preis 2024!") == ["grösse", "strasse", "öl", "preis", "2024"]


def test_unspaced_scripts_are_scored_per_character() -> None:
    # A Japanese clause is not one token: one changed character costs one character.
    assert tokenize("先日、iPhoneを販売") == ["先", "日", "iphone", "を", "販", "売"]
    ref = ["先日、不正に改造したiPhoneを販売したとして逮捕されました。"]
    near = rouge_lsum(ref, ["先日、不正に改造したiPhoneを販売したとして逮捕された。"])
    assert near.recall > 0.9
    # Spaced scripts (Hangul, Cyrillic) stay one token per word.
    assert tokenize("한국어 문장 Привет") == ["한국어", "문장", "привет"]


def test_rouge_identical_disjoint_and_partial() -> None:
    ref = ["Der Rat hat beschlossen.", "Die Gebühren steigen."]
    assert rouge_lsum(ref, ref).f1 == 1.0
    assert rouge_lsum(ref, ["Ganz andere Wörter hier."]).f1 == 0.0
    half = rouge_lsum(ref, ["Der Rat hat beschlossen."])
    assert half.precision == 1.0 and half.recall == pytest.approx(4 / 7)
    noisy = rouge_lsum(ref, [*ref, "Anzeige", "Teilen Drucken"])
    assert noisy.recall == 1.0 and noisy.precision == pytest.approx(7 / 10)


def test_rouge_lsum_joins_lines_by_union_lcs() -> None:
    # One reference line split over two of our lines still counts fully.
    ref = ["eins zwei drei vier fünf sechs"]
    assert rouge_lsum(ref, ["eins zwei drei", "vier fünf sechs"]).recall == 1.0
    # Word order matters within a line: a reversed line shares only one LCS token.
    assert rouge_lsum(["a b c d"], ["d c b a"]).recall == pytest.approx(1 / 4)


def test_authors_f1_case_insensitive() -> None:
    assert authors_f1(["Anna Muster", "dpa"], ["anna muster", "DPA"]) == 1.0
    assert authors_f1(["Anna Muster", "Ben Beispiel"], ["Anna Muster"]) == pytest.approx(2 / 3)
    assert authors_f1(["Anna Muster"], []) == 0.0


def test_published_without_offset_is_berlin_time() -> None:
    assert to_utc_minute("2021-12-29T18:05:42") == datetime(2021, 12, 29, 17, 5, tzinfo=UTC)
    assert to_utc_minute("2021-07-18T09:45:00+02:00") == datetime(2021, 7, 18, 7, 45, tzinfo=UTC)
    assert to_utc_minute("2021-12-29T17:05:00Z") == datetime(2021, 12, 29, 17, 5, tzinfo=UTC)
    assert to_utc_minute("kein Datum") is None


def test_score_page_skips_unannotated_fields_and_counts_leaks() -> None:
    expected = {"publisher": "X", "title": None, "authors": [], "published": None,
                "summary": ["Der Rat hat beschlossen."], "sections": []}
    record = {"title": "egal", "teaser": None, "body": "Der Rat hat beschlossen.\n\nAnzeige",
              "authors": ["Wer"], "published_at": None}
    score = score_page("X_1", expected, record, looks_like_chrome)
    assert score.title_ok is None and score.authors_f1 is None and score.published_ok is None
    assert score.chrome_leaks == ["Anzeige"]
    assert summarize([score])["chrome_leaks"] == 1


def test_expected_lines_order() -> None:
    expected = {"summary": ["S"], "sections": [{"headline": "H1\nH2", "paragraphs": ["P"]},
                                               {"headline": None, "paragraphs": ["Q"]}]}
    assert expected_lines(expected) == ["S", "H1", "H2", "P", "Q"]


def _write_pair(directory: Path, name: str, html: str, expected: dict) -> None:
    (directory / f"{name}.html.gz").write_bytes(gzip.compress(html.encode("utf-8")))
    (directory / f"{name}.json").write_text(json.dumps(expected, ensure_ascii=False),
                                            encoding="utf-8")


@pytest.fixture()
def pages_dir(tmp_path: Path) -> Path:
    html = (ROOT / "fixtures" / "pages" / "generic_blog.html").read_text(encoding="utf-8")
    expected = {
        "publisher": "Stadtanzeiger", "country": "de",
        "url": "https://stadtanzeiger.example/2021/12/29/neue-bruecke/",
        "crawl_date": "2022-01-02T10:00:00",
        "title": "Neue Brücke über die Wertach freigegeben", "authors": ["Petra Probe"],
        "published": "2021-12-29T18:30:00", "topics": [], "summary": [],
        "sections": [{"headline": None, "paragraphs": [
            "Nach zwei Jahren Bauzeit ist die neue Fußgängerbrücke über die Wertach am Mittwoch "
            "für den Verkehr freigegeben worden. Zur Eröffnung kamen mehrere hundert Menschen."]}],
    }
    _write_pair(tmp_path, "Stadtanzeiger_2021_12_29", html, expected)
    return tmp_path


def run_evaluate(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([SCRAPY, "evaluate", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, check=False)


def test_evaluate_command_scores_and_dumps(pages_dir: Path, tmp_path: Path) -> None:
    report, dump = tmp_path / "report.json", tmp_path / "dump"
    proc = run_evaluate(str(pages_dir), "--json", str(report), "--dump", str(dump),
                        "--no-progress")
    assert proc.returncode == 0, proc.stderr
    assert "MACRO" in proc.stdout and "Stadtanzeiger" in proc.stdout
    data = json.loads(report.read_text(encoding="utf-8"))
    for key in ("pages", "body_f1", "body_precision", "body_recall", "title_accuracy",
                "authors_f1", "published_accuracy", "chrome_leaks", "per_page"):
        assert key in data
    assert data["pages"] == 1 and data["title_accuracy"] == 1.0 and data["authors_f1"] == 1.0
    assert data["published_accuracy"] == 1.0 and data["chrome_leaks"] == 0
    # The expectation holds one of four paragraphs: full recall, lower precision.
    assert data["body_recall"] == 1.0 and 0.2 < data["body_precision"] < 0.6
    record = json.loads((dump / "Stadtanzeiger_2021_12_29.json").read_text(encoding="utf-8"))
    assert record["title"] == "Neue Brücke über die Wertach freigegeben"


def test_evaluate_thresholds_fail_the_run(pages_dir: Path) -> None:
    assert run_evaluate(str(pages_dir), "--no-progress", "--min-title-accuracy", "1.0",
                        "--max-chrome-leaks", "0").returncode == 0
    failed = run_evaluate(str(pages_dir), "--no-progress", "--min-body-precision", "0.99")
    assert failed.returncode == 1 and "body_precision" in failed.stderr
    below = run_evaluate(str(pages_dir), "--no-progress", "--max-pages-below", "0.9:0")
    assert below.returncode == 1 and "Stadtanzeiger_2021_12_29" in below.stderr


def test_day_gold_is_scored_by_day() -> None:
    from newscrawl.offline.datescore import day_verdict

    expected = {"publisher": "x", "published": "2020-04-16", "precision": "day"}
    # 23:30 UTC is the 16th in UTC and the 17th in Berlin: the 16th counts.
    score = score_page("p", expected, {"published_at": "2020-04-16T23:30:00Z"}, looks_like_chrome)
    assert score.published_ok and score.published_day == "right"
    # 01:00 in India is the 15th in UTC and Berlin: scored there, as the README asks.
    india = {"published_at": "2020-04-15T19:30:03Z",
             "published_raw": "2020-04-16T01:00:03+05:30"}
    assert score_page("p", expected, india, looks_like_chrome).published_day == "wrong"
    assert score_page("p", expected, {"published_at": None}, looks_like_chrome
                      ).published_day == "none"
    assert day_verdict("2020-04-16", "2020-04-18T10:00:00Z") == "wrong"
    summary = summarize([score_page("p", expected, {}, looks_like_chrome)])
    assert (summary["without_date"], summary["wrong_day"], summary["day_accuracy"]) == (1, 0, 0.0)
