"""Hostile and broken responses: each one logged with its URL and counted under a named reason
(``newscrawl/bad_input/<reason>``), and the crawl goes on.

- :class:`BadInputMiddleware` looks at every response after decompression (BOMs, lying or missing
  charsets, repaired mojibake, truncated HTML, malformed JSON-LD, DTDs/entities and broken XML in
  sitemaps and feeds) and at every download error (timeouts, resets, garbage instead of HTTP,
  bodies over DOWNLOAD_MAXSIZE). It changes nothing; the spider decides what to keep.
- :class:`CountingHttpCompressionMiddleware` replaces Scrapy's: the same decompression (with its
  DOWNLOAD_MAXSIZE bound on the *decompressed* size), but a bomb or a corrupt stream is counted
  and refused as :class:`DecompressionBomb` / :class:`BadContentEncoding`.
- :class:`LoopAwareRedirectMiddleware` replaces Scrapy's redirect middleware: a redirect back to a
  URL already in the chain is refused at once as :class:`RedirectLoop` (instead of silently
  dropped by the dupefilter), and a chain over REDIRECT_MAX_TIMES is counted.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any

from lxml import etree
from scrapy import Request, Spider
from scrapy.downloadermiddlewares.httpcompression import HttpCompressionMiddleware
from scrapy.downloadermiddlewares.redirect import RedirectMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from twisted.internet import defer
from twisted.internet import error as net
from twisted.web._newclient import ParseError, ResponseFailed, ResponseNeverReceived

from newscrawl.crawl.decoding import WIDE_BOMS, decode_html, looks_binary
from newscrawl.crawl.discovery import sniff
from newscrawl.crawl.scrapy_compat import spider_args

logger = logging.getLogger(__name__)

UTF8_BOM = b"\xef\xbb\xbf"
MAX_XML_CHECK = 5 * 1024 * 1024  # well-formedness is checked on sitemaps/feeds up to this size
_CHARSET = re.compile(rb"charset=", re.IGNORECASE)
_JSONLD = re.compile(r"<script[^>]+application/ld\+json[^>]*>(.*?)</script>",
                     re.IGNORECASE | re.DOTALL)
_XML_PARSER_ARGS = dict(resolve_entities=False, no_network=True, load_dtd=False,
                        huge_tree=False, recover=False)


class BadResponse(Exception):
    """A response refused because of what the server sent. Not an IgnoreRequest: the spider
    counts it as a failed fetch (``newscrawl/fetch/failed/<class>``), not as a decision."""


class DecompressionBomb(BadResponse):
    """A compressed body that expands beyond DOWNLOAD_MAXSIZE."""


class BadContentEncoding(BadResponse):
    """A body that does not decompress with its declared Content-Encoding."""


class RedirectLoop(BadResponse):
    """A redirect back to a URL already in the chain."""


class TooManyRedirects(BadResponse):
    """A redirect chain longer than REDIRECT_MAX_TIMES."""


def count_bad_input(crawler: Any, url: str, reason: str, detail: str = "") -> None:
    """Count ``newscrawl/bad_input/<reason>`` and log it with the URL."""
    crawler.stats.inc_value(f"newscrawl/bad_input/{reason}")
    logger.warning("bad input at %s: %s%s", url, reason, f" ({detail})" if detail else "")


def response_reasons(body: bytes, content_type: bytes | None) -> list[tuple[str, str]]:
    """The named problems of one response body: ``[(reason, detail), ...]`` (pure function)."""
    if not body:
        return []
    kind = sniff(body)
    ctype = (content_type or b"").lower()
    if kind in {"sitemap", "feed"} or (kind == "unknown" and b"xml" in ctype):
        return _xml_reasons(body)
    if kind != "html" and b"html" not in ctype:
        return []
    reasons: list[tuple[str, str]] = []
    wide = body.startswith(tuple(bom for bom, _codec in WIDE_BOMS))
    if looks_binary(body):
        return []  # binary: the spider counts it as not_html
    if body.startswith(UTF8_BOM) or wide:
        reasons.append(("bom", "UTF-16/32" if wide else "UTF-8"))
    text, how = decode_html(body, content_type)
    if not body.isascii() and how != "bom":
        declared_in_header = bool(content_type and _CHARSET.search(content_type))
        if declared_in_header and not how.startswith("header"):
            reasons.append(("charset_header_wrong", f"decoded as {how}"))
        elif not declared_in_header and how.split("+")[0] in {"utf-8", "cp1252"}:
            reasons.append(("charset_undeclared", f"decoded as {how}"))
        if how.endswith("+ftfy"):
            reasons.append(("mojibake_repaired", how))
    if "</html" not in text[-2048:].lower():
        reasons.append(("truncated_html", f"{len(body)} bytes, no </html>"))
    for block in _JSONLD.findall(text):
        try:
            json.loads(block)
        except ValueError as exc:
            reasons.append(("jsonld_malformed", str(exc)[:80]))
            break
    return reasons


def _xml_reasons(body: bytes) -> list[tuple[str, str]]:
    reasons = []
    head = body[:65536]
    if b"<!ENTITY" in head or b"<!DOCTYPE" in head:
        reasons.append(("xml_entities", "DTD/entities ignored, never resolved or fetched"))
    if len(body) <= MAX_XML_CHECK:
        try:
            etree.fromstring(body, etree.XMLParser(**_XML_PARSER_ARGS))
        except etree.XMLSyntaxError as exc:
            if not reasons or "entity" not in str(exc).lower():
                reasons.append(("xml_malformed", str(exc)[:80]))
    return reasons


# Scrapy 2.14+ raises download errors of its own; those that wrap a Twisted error keep it as
# ``__cause__`` (classified like on 2.13), the others are raised directly.
_SCRAPY_DOWNLOAD_ERRORS = {
    "DownloadTimeoutError": "timeout",
    "DownloadCancelledError": "too_large",  # the HTTP handler cancels bodies over DOWNLOAD_MAXSIZE
    "ResponseDataLossError": "connection_lost",
    "DownloadConnectionRefusedError": "connection_refused",
    "CannotResolveHostError": "dns_error",
}


def exception_reason(exception: BaseException) -> str | None:
    """The bad-input reason of a download error, or None for errors that are not about input."""
    if isinstance(exception, IgnoreRequest):
        return None
    if type(exception).__module__ == "scrapy.exceptions":
        cause = exception.__cause__
        reason = exception_reason(cause) if cause is not None else None
        return reason or _SCRAPY_DOWNLOAD_ERRORS.get(type(exception).__name__)
    if isinstance(exception, net.TimeoutError | defer.TimeoutError):
        return "timeout"
    if isinstance(exception, defer.CancelledError):
        return "too_large"  # the HTTP handler cancels bodies over DOWNLOAD_MAXSIZE
    if isinstance(exception, ResponseNeverReceived | ResponseFailed):
        inner = [getattr(r, "value", r) for r in exception.reasons]
        if any(isinstance(r, ParseError) for r in inner):
            return "bad_http"
        return "connection_lost"
    if isinstance(exception, net.ConnectionRefusedError):
        return "connection_refused"
    if isinstance(exception, net.ConnectionLost | net.ConnectionDone | ConnectionError):
        return "connection_lost"
    if isinstance(exception, net.DNSLookupError):
        return "dns_error"
    return None


class BadInputMiddleware:
    """Count and log hostile or broken responses and download errors; change nothing."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> BadInputMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Response,
                         spider: Spider | None = None) -> Response:
        if response.status == 200:
            for reason, detail in response_reasons(response.body,
                                                   response.headers.get(b"Content-Type")):
                count_bad_input(self.crawler, response.url, reason, detail)
        return response

    def process_exception(self, request: Request, exception: BaseException,
                          spider: Spider | None = None) -> None:
        reason = exception_reason(exception)
        if reason is not None:
            count_bad_input(self.crawler, request.url, reason, type(exception).__name__)


class CountingHttpCompressionMiddleware(HttpCompressionMiddleware):
    """Scrapy's decompression, with bombs and corrupt streams counted and refused."""

    @classmethod
    def from_crawler(cls, crawler: Any) -> CountingHttpCompressionMiddleware:
        middleware = super().from_crawler(crawler)
        middleware.crawler = crawler
        return middleware

    def process_response(self, request: Request, response: Response,
                         spider: Spider | None = None) -> Request | Response:
        try:
            return super().process_response(request, response, *spider_args(spider))
        except IgnoreRequest as exc:
            count_bad_input(self.crawler, response.url, "decompression_bomb", str(exc)[:120])
            raise DecompressionBomb(str(exc)) from exc
        except Exception as exc:  # zlib.error, OSError, EOFError, brotli errors...
            count_bad_input(self.crawler, response.url, "bad_content_encoding",
                            f"{type(exc).__name__}: {exc}"[:120])
            raise BadContentEncoding(str(exc)) from exc


class LoopAwareRedirectMiddleware(RedirectMiddleware):
    """Scrapy's redirects, with loops refused at the first repeat and long chains counted."""

    @classmethod
    def from_crawler(cls, crawler: Any) -> LoopAwareRedirectMiddleware:
        middleware = super().from_crawler(crawler)
        middleware.crawler = crawler
        return middleware

    def _redirect(self, redirected: Request, request: Request, *args: Any) -> Request:
        # args: (spider, reason) on Scrapy 2.13, (reason,) later; handed on as received.
        chain = [*request.meta.get("redirect_urls", []), request.url]
        if redirected.url in chain:
            count_bad_input(self.crawler, chain[0], "redirect_loop",
                            " -> ".join([*chain, redirected.url])[:300])
            raise RedirectLoop(f"redirect loop back to {redirected.url}")
        try:
            return super()._redirect(redirected, request, *args)
        except IgnoreRequest as exc:
            count_bad_input(self.crawler, chain[0], "too_many_redirects",
                            f"{len(chain)} redirects, last {request.url}")
            raise TooManyRedirects(str(exc)) from exc
