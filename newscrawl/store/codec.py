"""The codec of stored blobs (raw pages in ``pages.html_zlib``, quarantined bodies in
``quarantine.body_zlib``): zstandard for new rows, zlib still read.

New blobs are zstd frames at level 1: on the real pages (median 300 KB of HTML) that is about
ten times less CPU than zlib level 6 for the same size (ratio 0.186 against 0.187), and it
decompresses faster too. Stores written before hold zlib streams; ``decompress`` tells the two
apart by the first bytes (a zstd frame starts with the magic number ``28 B5 2F FD``, a zlib
stream with the CMF byte ``0x78``, deflate with a 32 KB window, the only one zlib writes), so old
and new rows can sit side by side in one table and nothing has to be migrated. The column names
say ``zlib`` for that history.
"""

from __future__ import annotations

import threading
import zlib

import zstandard

ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
ZSTD_LEVEL = 1

_local = threading.local()


class CorruptBlobError(ValueError):
    """A stored blob that is neither a readable zstd frame nor a readable zlib stream."""


def _compressor() -> zstandard.ZstdCompressor:
    # zstandard's (de)compressor objects must not be shared between threads; one per thread,
    # reused (building one costs more than compressing a small page).
    compressor = getattr(_local, "compressor", None)
    if compressor is None:
        compressor = _local.compressor = zstandard.ZstdCompressor(level=ZSTD_LEVEL)
    return compressor


def _decompressor() -> zstandard.ZstdDecompressor:
    decompressor = getattr(_local, "decompressor", None)
    if decompressor is None:
        decompressor = _local.decompressor = zstandard.ZstdDecompressor()
    return decompressor


def compress(data: bytes) -> bytes:
    """``data`` as one zstd frame (content size recorded in the frame header)."""
    return _compressor().compress(data)


def decompress(blob: bytes) -> bytes:
    """The bytes of a stored blob, zstd or zlib; ``CorruptBlobError`` if neither or damaged."""
    blob = bytes(blob)  # PostgreSQL drivers may hand out memoryview
    if blob[:4] == ZSTD_MAGIC:
        return _zstd_decompress(blob)
    if len(blob) >= 2 and blob[0] == 0x78 and (blob[0] << 8 | blob[1]) % 31 == 0:
        try:
            return zlib.decompress(blob)
        except zlib.error as exc:
            raise CorruptBlobError(f"corrupt zlib blob ({len(blob)} bytes): {exc}") from None
    raise CorruptBlobError(
        f"not a zstd or zlib blob ({len(blob)} bytes, starts with {blob[:4].hex(' ') or 'nothing'})"
    )


def _zstd_decompress(blob: bytes) -> bytes:
    try:
        if zstandard.frame_content_size(blob) >= 0:
            return _decompressor().decompress(blob)
        # A frame without its size (not one we write, but valid zstd): stream it out.
        stream = _decompressor().decompressobj()
        data = stream.decompress(blob)
        if not stream.eof:
            raise zstandard.ZstdError("truncated frame")
        return data
    except zstandard.ZstdError as exc:
        raise CorruptBlobError(f"corrupt zstd blob ({len(blob)} bytes): {exc}") from None
