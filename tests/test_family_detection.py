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


def test_fingerprints_are_looked_for_only_on_pages_that_may_be_german():
    html = page(SCRIPTS, '<div class="id-StoryElement-leadText">Vorspann</div>')
    url = "https://www.unbekannte-zeitung.example/lokales/x-123.html"
    for declared in (None, "", "de", "de-DE", "de_AT", "DE-ch", "gsw", "und"):
        assert family_for(url, html, declared).name == "ippen", declared
    for declared in ("en", "en-US", "fr", "ru", "ja"):
        assert family_for(url, html, declared) is None, declared


def test_a_host_of_a_family_is_its_family_whatever_the_page_declares():
    assert family_for("https://www.waz.de/staedte/essen/x-id1.html", "<p>x</p>", "en").name \
        == "funke"


def test_the_extractor_passes_the_declared_language(monkeypatch):
    import newscrawl.extract.extractor as extractor

    seen = []

    def recording(url, html=None, language=None):
        seen.append(language)
        return family_for(url, html, language)

    monkeypatch.setattr(extractor, "family_for", recording)
    url = "https://www.unbekannte-zeitung.example/lokales/x-123.html"
    for declared in ("de-AT", "en"):
        extractor.extract_article(f'<html lang="{declared}"><body><p>Text</p></body></html>', url)
    extractor.extract_article("<html><body><p>Text</p></body></html>", url)
    assert seen == ["de-AT", "en", None]
