"""`scrapy evaluate` on fixtures/evalset: recall, pages without record or body, the --html report.

The report is opened in real headless Chromium (Debian's ``chromium``, installed by
``scripts/services.sh start``) and the assertions run on the DOM it rendered. A missing
Chromium fails the test: the report is only tested when a browser has read it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import html as lxml_html

from newscrawl.offline.textdiff import align

ROOT = Path(__file__).resolve().parent.parent
SCRAPY = str(Path(sys.executable).with_name("scrapy"))
EVALSET = ROOT / "fixtures" / "evalset"
NO_RECORD, EMPTY_BODY = "Stadtbote_2024_03_03", "Stadtbote_2024_03_04"
PARTIAL, RIGHT = "Stadtbote_2024_03_02", "Stadtbote_2024_03_01"


def run_evaluate(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([SCRAPY, "evaluate", str(EVALSET), "--no-progress", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, check=False)


def chromium() -> str:
    found = os.environ.get("CHROMIUM_BIN") or shutil.which("chromium")
    if not found:
        pytest.fail("chromium not found: install Debian's chromium (bash scripts/services.sh "
                    "start does) or set CHROMIUM_BIN")
    return found


def rendered_dom(page: Path, profile: Path) -> lxml_html.HtmlElement:
    """The DOM Chromium built from ``page`` (after parsing, styles and layout)."""
    proc = subprocess.run(
        [chromium(), "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run", f"--user-data-dir={profile}", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0 and "<html" in proc.stdout, proc.stderr[-2000:]
    return lxml_html.fromstring(proc.stdout)


def test_evaluate_prints_recall_and_names_pages_without_record_or_body() -> None:
    proc = run_evaluate()
    assert proc.returncode == 0, proc.stderr
    body_line = next(line for line in proc.stdout.splitlines() if line.startswith("body:"))
    assert "F1" in body_line and "precision" in body_line and "recall" in body_line
    assert f"no record (1): {NO_RECORD}" in proc.stdout
    assert f"empty body (1): {EMPTY_BODY}" in proc.stdout


def test_evaluate_thresholds_on_recall_and_missing_pages() -> None:
    assert run_evaluate("--max-no-record", "1", "--max-empty-body", "1",
                        "--min-body-recall", "0.4").returncode == 0
    failed = run_evaluate("--max-no-record", "0", "--max-empty-body", "0",
                          "--min-body-recall", "0.9")
    assert failed.returncode == 1
    for key in ("no_record", "empty_body", "body_recall"):
        assert f"THRESHOLD MISSED: {key}" in failed.stderr


def test_align_marks_missed_and_extra_words_across_split_lines() -> None:
    rows = align(["Der Rat hat beschlossen.", "Nur erwartet."],
                 ["Der Rat", "hat beschlossen, sagt er.", "Nur extrahiert."])
    # A line split in two on our side stays one row; "sagt er" is extra there.
    assert len(rows[0].left) == 1 and len(rows[0].right) == 2
    marks = [(seg.mark, seg.text.strip()) for row in rows for side in (row.left, row.right)
             for line in side for seg in line if seg.mark != "same"]
    assert ("extra", "sagt er.") in marks
    # One shared word ("Nur") is chance: the lines stay unaligned, wholly missed and extra.
    assert ("miss", "Nur erwartet.") in marks and ("extra", "Nur extrahiert.") in marks
    assert rows[1].right == [] and rows[2].left == []


def test_html_report_rendered_in_chromium(tmp_path: Path) -> None:
    report = tmp_path / "report.html"
    proc = run_evaluate("--html", str(report))
    assert proc.returncode == 0, proc.stderr
    source = report.read_text(encoding="utf-8")
    # Self-contained: no scripts, stylesheets, images or frames to load.
    for needle in ("<script", "<link", "src=", "@import", "url("):
        assert needle not in source
    dom = rendered_dom(report, tmp_path / "profile")

    sections = dom.xpath("//section[@class='page']")
    order = [s.get("id") for s in sections]
    assert order[0] == f"page-{NO_RECORD}" and order[-1] == f"page-{RIGHT}"
    assert [s.get("data-rank") for s in sections] == ["1", "2", "3", "4"]
    assert dom.xpath("//table[@class='summary']") and dom.xpath("//table[@id='index']")
    assert dom.xpath("string(//td[@id='no-record'])").strip() == NO_RECORD
    assert dom.xpath("string(//td[@id='empty-body'])").strip() == EMPTY_BODY

    partial = dom.xpath(f"//section[@id='page-{PARTIAL}']")[0]
    missed = " ".join(partial.xpath(".//table[@class='align']//span[@class='miss']/text()"))
    extra = " ".join(partial.xpath(".//table[@class='align']//span[@class='extra']/text()"))
    assert "Denkmalschutz verlangt Ziegel" in missed and "Tauben" not in missed
    assert "Ein Leser fragt, ob die Tauben" in extra and "Denkmalschutz" not in extra
    # Page text is text: the gold's literal "<b>" is not markup in the report.
    assert not partial.xpath(".//table[@class='align']//b")
    assert "<b>vorläufig</b>" in partial.xpath("string(.//table[@class='align'])")
    assert "3 < 5 Millionen Euro & mehr" in partial.xpath("string(.//table[@class='align'])")

    rejected = dom.xpath(f"//section[@id='page-{NO_RECORD}']")[0]
    decision = dict(zip(rejected.xpath(".//dl[@class='decision']/dt/text()"),
                        rejected.xpath(".//dl[@class='decision']/dd/text()"), strict=True))
    assert decision["is_article"] == "False" and decision["signal og_type"] == "None"
    assert int(decision["signal body_chars"]) < int(decision["signal min_article_chars"])
    right = dom.xpath(f"//section[@id='page-{RIGHT}']")[0]
    container = right.xpath("string(.//dl[@class='decision']/dt[.='container']"
                            "/following-sibling::dd[1])")
    assert container.endswith("article.story > div.story-text")
    assert not right.xpath(".//span[@class='miss' or @class='extra']")
