"""Family detection for pages from hosts no family lists: fingerprints behind a long <head>."""

from __future__ import annotations

from newscrawl.families import FINGERPRINT_WINDOW, family_for

SCRIPTS = "<script>" + "var a=1;" * 8_000 + "</script>"  # 64 KB, as real heads carry


def page(head: str, body: str) -> str:
    return f"<html><head><title>t</title>{head}</head><body>{body}</body></html>"


def test_fingerprint_after_a_long_head_is_found():
    html = page(SCRIPTS, '<div class="id-StoryElement-leadText">Vorspann</div>')
    assert html.index("id-StoryElement") > 60_000
    family = family_for("https://www.unbekannte-zeitung.example/lokales/x-123.html", html)
    assert family is not None and family.name == "ippen"


def test_host_wins_over_fingerprints_and_no_fingerprint_means_generic():
    html = page(SCRIPTS, '<div class="id-StoryElement-leadText">Vorspann</div>')
    assert family_for("https://www.waz.de/staedte/essen/x-id1.html", html).name == "funke"
    assert family_for("https://www.unbekannte-zeitung.example/a.html",
                      page(SCRIPTS, "<p>Text</p>")) is None


def test_fingerprint_beyond_the_window_is_not_looked_for():
    filler = "<p>" + "x" * FINGERPRINT_WINDOW + "</p>"
    html = page("", filler + '<div class="id-StoryElement-leadText">Vorspann</div>')
    assert family_for("https://www.unbekannte-zeitung.example/a.html", html) is None
