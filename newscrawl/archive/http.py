"""The HTTP message in a WARC response record: status, headers and the payload as the server
meant it (chunked transfer and gzip/deflate/brotli content encoding undone)."""

from __future__ import annotations

import zlib

HTTP_END = b"\r\n\r\n"
# Inflated payloads larger than this are no news page (a decompression bomb, or a video).
MAX_PAYLOAD = 32 << 20


class HttpError(ValueError):
    """The HTTP message cannot be read: no status line, bad chunking, bad content encoding."""


def parse_http(block: bytes) -> tuple[int, dict[str, str], bytes]:
    """(status, headers with lower-cased names, decoded payload) of an HTTP response block."""
    end = block.find(HTTP_END)
    head, body = (block, b"") if end < 0 else (block[:end], block[end + 4:])
    lines = head.decode("latin-1").split("\r\n")
    parts = lines[0].split(None, 2)
    try:
        status = int(parts[1])
    except (IndexError, ValueError) as exc:
        raise HttpError(f"bad status line {lines[0][:80]!r}") from exc
    headers: dict[str, str] = {}
    for line in lines[1:]:
        name, sep, value = line.partition(":")
        if sep:
            name = name.strip().lower()
            headers[name] = f"{headers[name]}, {value.strip()}" if name in headers \
                else value.strip()
    if "chunked" in headers.get("transfer-encoding", "").lower():
        body = dechunk(body)
    return status, headers, decode_content(body, headers.get("content-encoding", ""))


def dechunk(body: bytes) -> bytes:
    """The payload of a chunked transfer encoding."""
    out: list[bytes] = []
    pos = 0
    while True:
        line_end = body.find(b"\r\n", pos)
        if line_end < 0:
            raise HttpError("chunk size line missing")
        try:
            size = int(body[pos:line_end].split(b";", 1)[0].strip() or b"x", 16)
        except ValueError as exc:
            raise HttpError("bad chunk size") from exc
        if size == 0:
            return b"".join(out)
        start = line_end + 2
        if start + size > len(body):
            raise HttpError("chunk longer than the record")
        out.append(body[start:start + size])
        pos = start + size + 2


def decode_content(body: bytes, encoding: str) -> bytes:
    """``body`` with its Content-Encoding undone (innermost last, as the header lists them)."""
    for coding in reversed([c.strip().lower() for c in encoding.split(",") if c.strip()]):
        if coding in {"identity", "none"}:
            continue
        try:
            if coding in {"gzip", "x-gzip"}:
                body = _inflate(body, 31)
            elif coding == "deflate":
                try:
                    body = _inflate(body, 15)
                except zlib.error:
                    body = _inflate(body, -15)  # raw deflate, as some servers send it
            elif coding == "br":
                import brotli  # optional: only brotli-encoded archives need it

                body = brotli.decompress(body)
            else:
                raise HttpError(f"unknown content encoding {coding!r}")
        except HttpError:
            raise
        except Exception as exc:  # zlib.error, brotli.error, ImportError: all "undecodable"
            raise HttpError(f"{coding} payload does not decode: {exc}") from exc
    return body


def _inflate(data: bytes, wbits: int) -> bytes:
    inflater = zlib.decompressobj(wbits)
    out = inflater.decompress(data, MAX_PAYLOAD)
    if inflater.unconsumed_tail:
        raise HttpError("payload too large when inflated")
    if not inflater.eof:
        raise zlib.error("payload ends inside the compressed stream")
    return out
