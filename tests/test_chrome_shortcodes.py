"""Unrendered shortcodes and HTML tags shown as text are chrome; bracketed story text is not
(chrome/shortcodes.py)."""

from __future__ import annotations

import pytest

from newscrawl.article import Block
from newscrawl.chrome import clean_blocks
from newscrawl.chrome.shortcodes import is_html_tag, is_shortcode


@pytest.mark.parametrize("line", [
    "[button link=”https://www.kreisblatt.example/leserreporter/” type=”big” newwindow=”yes”] "
    "Schicken Sie uns Ihr Foto[/button]",
    '[caption id="attachment_4711" align="alignnone" width="300"] Foto: Anna Schmidt [/caption]',
    '[gallery ids="4,5,6" columns="3"]',
    "[embed]https://video.example/watch/123[/embed]",
    "[contact-form-7 id='12' title='Leserbrief']",
])
def test_shortcodes(line: str) -> None:
    assert is_shortcode(line)


@pytest.mark.parametrize("line", [
    "[Update: Die Polizei hat den Mann am Abend gefasst.]",  # an editor's note
    "[Anm. d. Red.: Name von der Redaktion geändert]",
    "[1] Quelle: Statistisches Landesamt",  # a footnote
    "[b]Achtung:[/b] Die Straße bleibt bis Freitag gesperrt.",  # BBCode in a quoted post
    "[b]Die Straße bleibt bis Freitag gesperrt.[/b]",
    "Der Verein [Name der Redaktion bekannt] hat Anzeige erstattet.",
])
def test_bracketed_text_that_is_read(line: str) -> None:
    assert not is_shortcode(line)


def test_a_shortcode_line_leaves_the_body_anywhere() -> None:
    prose = [Block("p", f"Der Stadtrat hat am Dienstag über den Haushalt beraten, Punkt {i} "
                        "der Tagesordnung wurde lange diskutiert.") for i in range(4)]
    code = Block("p", '[gallery ids="4,5,6" columns="3"]')
    result = clean_blocks([prose[0], prose[1], code, prose[2], prose[3]])
    assert result.blocks == prose
    assert result.dropped == [(code.text, "shortcode")]


@pytest.mark.parametrize("line", [
    '<img height="1" width="1" style="display:none" src="https://pixel.example/p?c1=2&amp;c2=1">',
    '<iframe src="https://video.example/embed/123" width="560"></iframe>',
    '<a href="https://www.kreisblatt.example/abo">Jetzt abonnieren</a>',
])
def test_html_tags_shown_as_text(line: str) -> None:
    assert is_html_tag(line)


@pytest.mark.parametrize("line", [
    "<Name der Redaktion bekannt>",  # text in angle brackets
    "<The Palace: Jang Noksu>",  # a title in angle brackets
    "<br>",  # a bare tag name without attributes could be anything
    "Für alle x gilt a<b und c>d.",
])
def test_angle_brackets_that_are_text(line: str) -> None:
    assert not is_html_tag(line)


def test_an_escaped_tracking_pixel_leaves_the_body() -> None:
    pixel = Block("p", '<img height="1" width="1" src="https://pixel.example/p?c1=2">')
    prose = [Block("p", f"Der Kreistag hat den Haushalt {i} mit großer Mehrheit beschlossen, "
                        "nach einer Debatte von mehr als drei Stunden.") for i in (2024, 2025)]
    result = clean_blocks([pixel, *prose])
    assert result.blocks == prose
    assert result.dropped == [(pixel.text, "markup")]
