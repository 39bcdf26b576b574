"""Decoding pages whose servers lie about the charset."""

from __future__ import annotations

from newscrawl.crawl.decoding import decode_html

TEXT = "<html><head><title>Bürgerbüro</title></head><body><p>Größere Öffnungszeiten für Bürger: " \
       "Straße, Maß, Fußgängerzone.</p></body></html>"


def test_header_charset_is_used_when_true() -> None:
    assert decode_html(TEXT.encode("utf-8"), b"text/html; charset=utf-8") == (TEXT, "header")


def test_latin1_bytes_declared_utf8() -> None:
    text, how = decode_html(TEXT.encode("latin-1"), "text/html; charset=utf-8")
    assert text == TEXT
    assert how == "cp1252"


def test_utf8_bytes_declared_latin1_are_repaired() -> None:
    text, how = decode_html(TEXT.encode("utf-8"), "text/html; charset=iso-8859-1")
    assert text == TEXT
    assert how.endswith("+ftfy")


def test_meta_charset_without_header() -> None:
    page = '<html><head><meta charset="windows-1252"></head><body>Grüße €</body></html>'
    assert decode_html(page.encode("cp1252"), None) == (page, "meta")


def test_bom_is_dropped() -> None:
    text, _how = decode_html(b"\xef\xbb\xbf" + TEXT.encode(), None)
    assert text == TEXT


def test_mixed_encodings_in_one_page_are_repaired() -> None:
    mixed = "<p>Übersicht</p>".encode() + "<p>Lörrach</p>".encode().decode("latin-1").encode()
    text, _how = decode_html(mixed, "text/html; charset=utf-8")
    assert "Lörrach" in text and "Übersicht" in text


def test_same_body_decoded_once_and_content_type_still_counts():
    body = "<html><head></head><body>Grüße aus Köln</body></html>".encode("cp1252")
    first = decode_html(body, b"text/html; charset=windows-1252")
    again = decode_html(body, b"text/html; charset=windows-1252")
    assert again is first  # the middleware's and the spider's call share one decoding
    assert first[0].endswith("Grüße aus Köln</body></html>") and first[1] == "header"
    # The same bytes under another declared charset decode by that header, not from the cache.
    other = decode_html(body, b"text/html; charset=utf-8")
    assert other[1] != "header" and other[0] == first[0]


def test_mojibake_check_still_repairs_after_the_fast_precheck():
    text, how = decode_html("Grüße – schön".encode().decode("cp1252").encode(), b"text/html")
    assert how.endswith("+ftfy") and text == "Grüße – schön"
