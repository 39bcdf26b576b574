"""WARC records out of a byte stream, surviving broken ones.

A web archive is read as a sequence of *units*: gzip members in a ``.warc.gz`` (one record each
in CC-NEWS and in ``scrapy export --warc``), records in a plain ``.warc``. A unit that cannot be
read (a corrupt gzip member, a record cut short, a Content-Length that does not frame the record,
a payload whose Content-Encoding does not decode) comes out as a ``Broken`` with its reason, and
reading resumes at the next unit boundary, so one bad record never hides the ones around it.
Every unit carries its byte offset: a replay resumes from it (``--state``).

Framing is done here with zlib rather than by warcio or fastwarc: both stop at the first corrupt
member of a stream (docs/archives.md has the comparison), and zlib inflates at the same C speed.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from newscrawl.archive.http import HttpError, parse_http

GZIP_MAGIC = b"\x1f\x8b\x08"
WARC_MAGIC = b"WARC/1."
CHUNK = 1 << 16
# A record header larger than this is no WARC header (the stream is out of step).
MAX_HEADER = 1 << 16
# One record's block held in memory at most (CC-NEWS truncates payloads at 1 MiB).
MAX_BLOCK = 64 << 20


@dataclass(slots=True)
class Record:
    """One WARC record: its headers and, for HTTP responses, the parsed HTTP message."""

    offset: int
    end: int
    warc_type: str
    target_uri: str | None
    date: str | None
    http_status: int | None = None
    http_headers: dict[str, str] = field(default_factory=dict)
    payload: bytes = b""


@dataclass(slots=True)
class Broken:
    """A unit that could not be read, and why (``bad_gzip``, ``truncated``, ``content_length``,
    ``undecodable``)."""

    offset: int
    end: int
    reason: str


class _Reader:
    """A stream read in chunks, with the absolute offset of what is buffered."""

    def __init__(self, stream: BinaryIO, offset: int) -> None:
        self.stream = stream
        self.buf = bytearray()
        self.offset = offset  # absolute offset of buf[0]
        self.eof = False

    def fill(self, size: int = CHUNK) -> bool:
        """Read one more chunk; False at the end of the stream."""
        if self.eof:
            return False
        data = self.stream.read(size)
        if not data:
            self.eof = True
            return False
        self.buf += data
        return True

    def ensure(self, size: int) -> bool:
        """At least ``size`` bytes buffered (False when the stream ends first)."""
        while len(self.buf) < size:
            if not self.fill(max(CHUNK, size - len(self.buf))):
                return False
        return True

    def drop(self, size: int) -> None:
        del self.buf[:size]
        self.offset += size

    def find(self, needle: bytes, start: int, limit: int | None = None) -> int:
        """Position of ``needle`` in the buffer from ``start``, reading on as needed (-1 if the
        stream, or ``limit`` buffered bytes, ends first)."""
        while True:
            pos = self.buf.find(needle, start)
            if pos >= 0:
                return pos
            start = max(start, len(self.buf) - len(needle) + 1)
            if (limit is not None and len(self.buf) >= limit) or not self.fill():
                return -1


def iter_units(stream: BinaryIO, offset: int = 0) -> Iterator[Record | Broken]:
    """Every record (or broken unit) of a WARC stream positioned at ``offset``; gzip is
    recognised by its magic number."""
    reader = _Reader(stream, offset)
    if not reader.ensure(len(GZIP_MAGIC)) and not reader.buf:
        return
    if bytes(reader.buf[:3]) == GZIP_MAGIC:
        yield from _gzip_units(reader)
    else:
        yield from _plain_units(reader)


def _gzip_units(reader: _Reader) -> Iterator[Record | Broken]:
    while reader.ensure(1):
        start = reader.offset
        if bytes(reader.buf[:3]) != GZIP_MAGIC:
            yield from _resync(reader, GZIP_MAGIC, "bad_gzip")
            continue
        inflater = zlib.decompressobj(31)
        parts: list[bytes] = []
        fed = size = 0
        try:
            while not inflater.eof:
                if fed == len(reader.buf) and not reader.fill():
                    break
                parts.append(inflater.decompress(reader.buf[fed:]))
                size += len(parts[-1])
                fed = len(reader.buf)
                if size > MAX_BLOCK:
                    raise zlib.error("member too large")
        except zlib.error:
            yield from _resync(reader, GZIP_MAGIC, "bad_gzip")
            continue
        if not inflater.eof:
            end = reader.offset + len(reader.buf)
            reader.drop(len(reader.buf))
            yield Broken(start, end, "truncated")
            return
        length = fed - len(inflater.unused_data)
        reader.drop(length)
        yield from _records_in(b"".join(parts), start, start + length)


def _resync(reader: _Reader, magic: bytes, reason: str) -> Iterator[Broken]:
    """Skip to the next occurrence of ``magic`` after the current position: one Broken unit."""
    start = reader.offset
    pos = reader.find(magic, 1)
    skip = pos if pos > 0 else len(reader.buf)
    reader.drop(skip)
    yield Broken(start, start + skip, reason)


def _records_in(data: bytes, start: int, end: int) -> Iterator[Record | Broken]:
    """The records in one inflated gzip member (one, normally), all at the member's offset."""
    pos = 0
    while pos < len(data):
        if not data[pos:].strip():
            return
        header_end = data.find(b"\r\n\r\n", pos)
        if header_end < 0 or not data.startswith(WARC_MAGIC, pos):
            yield Broken(start, end, "truncated" if header_end < 0 else "content_length")
            return
        headers = _header_fields(data[pos:header_end])
        length = _content_length(headers)
        block_start = header_end + 4
        block_end = block_start + (length if length is not None else -1)
        if length is None or block_end > len(data) or data[block_end:block_end + 4] != \
                b"\r\n\r\n":
            yield Broken(start, end, "content_length")
            return
        yield _record(headers, data[block_start:block_end], start, end)
        pos = block_end + 4


def _plain_units(reader: _Reader) -> Iterator[Record | Broken]:
    while True:
        _skip_blank_lines(reader)
        if not reader.ensure(len(WARC_MAGIC)):
            if reader.buf:
                start, end = reader.offset, reader.offset + len(reader.buf)
                reader.drop(len(reader.buf))
                yield Broken(start, end, "truncated")
            return
        start = reader.offset
        if not reader.buf.startswith(WARC_MAGIC):
            yield from _resync(reader, WARC_MAGIC, "content_length")
            continue
        header_end = reader.find(b"\r\n\r\n", 0, MAX_HEADER)
        if header_end < 0:
            end = reader.offset + len(reader.buf)
            if reader.eof:
                reader.drop(len(reader.buf))
                yield Broken(start, end, "truncated")
                return
            yield from _resync(reader, WARC_MAGIC, "content_length")
            continue
        headers = _header_fields(bytes(reader.buf[:header_end]))
        length = _content_length(headers)
        if length is None or length > MAX_BLOCK:
            yield from _resync(reader, WARC_MAGIC, "content_length")
            continue
        block_start = header_end + 4
        block_end = block_start + length
        if not reader.ensure(block_end + 4) and len(reader.buf) < block_end:
            if reader.buf.find(WARC_MAGIC, 1) > 0:  # a too large length swallowed the next one
                yield from _resync(reader, WARC_MAGIC, "content_length")
                continue
            end = reader.offset + len(reader.buf)
            reader.drop(len(reader.buf))
            yield Broken(start, end, "truncated")
            return
        if bytes(reader.buf[block_end:block_end + 4]) not in (b"\r\n\r\n", b"\r\n", b""):
            # The record does not end where its Content-Length says: the next record is found
            # by its magic and this one is given up.
            yield from _resync(reader, WARC_MAGIC, "content_length")
            continue
        block = bytes(reader.buf[block_start:block_end])
        unit = min(block_end + 4, len(reader.buf))
        reader.drop(unit)
        yield _record(headers, block, start, start + unit)


def _skip_blank_lines(reader: _Reader) -> None:
    """Drop line breaks between records (writers pad with more than the two the format asks)."""
    while True:
        blank = len(reader.buf) - len(reader.buf.lstrip(b"\r\n"))
        reader.drop(blank)
        if reader.buf or not reader.fill():
            return


def _header_fields(raw: bytes) -> dict[str, str]:
    """WARC header fields (names lower-cased) of a header block without its version line."""
    lines = raw.decode("utf-8", "replace").split("\r\n")
    fields: dict[str, str] = {}
    for line in lines[1:]:
        name, sep, value = line.partition(":")
        if sep:
            fields[name.strip().lower()] = value.strip()
    return fields


def _content_length(headers: dict[str, str]) -> int | None:
    try:
        length = int(headers.get("content-length", ""))
    except ValueError:
        return None
    return length if length >= 0 else None


def _record(headers: dict[str, str], block: bytes, start: int, end: int) -> Record | Broken:
    """A Record from WARC headers and block; the HTTP message parsed for responses."""
    warc_type = headers.get("warc-type", "").lower()
    record = Record(start, end, warc_type, headers.get("warc-target-uri"),
                    headers.get("warc-date"))
    if warc_type != "response" or not block.startswith(b"HTTP/"):
        return record
    try:
        record.http_status, record.http_headers, record.payload = parse_http(block)
    except HttpError:
        return Broken(start, end, "undecodable")
    return record
