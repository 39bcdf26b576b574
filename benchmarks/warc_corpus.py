"""A CC-NEWS-like WARC for the replay benchmarks: the real pages of ../shared/realpages and
../shared/benchpages as 200 responses at their original URLs and capture dates, repeated (each
copy under its own URL) to the wanted size, and 80% noise around them as CC-NEWS has it: request
and metadata records, images, redirects and 404s, and HTML pages of other sites.

    python benchmarks/warc_corpus.py /tmp/bench.warc.gz --records 10000
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

SHARED = Path(__file__).resolve().parents[2] / "shared"
PAGE_SETS = (SHARED / "realpages", SHARED / "benchpages")
NOISE_SHARE = 0.8


def real_pages() -> list[tuple[str, str, bytes]]:
    """(url, capture date, html bytes) of every shared real page."""
    found = []
    for folder in PAGE_SETS:
        for meta_path in sorted(folder.glob("*.json")):
            meta = json.loads(meta_path.read_text())
            html = gzip.decompress(meta_path.with_suffix(".html.gz").read_bytes())
            url = meta.get("url") or f"https://{meta_path.stem.replace('_', '.')}.example/"
            date = (meta.get("crawl_date") or "2024-05-01T08:00:00")[:19] + "Z"
            found.append((url, date, html))
    return found


def _response(writer: WARCWriter, url: str, date: str, status: str, ctype: str,
              payload: bytes) -> None:
    http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(
        url, "response", payload=BytesIO(payload), http_headers=http,
        warc_headers_dict={"WARC-Date": date}))


def _noise(writer: WARCWriter, rng: random.Random, n: int, filler: bytes) -> None:
    """One noise record of the CC-NEWS kinds."""
    url = f"https://www.other-site-{rng.randrange(500)}.example/page/{n}"
    kind = rng.random()
    date = "2024-05-01T08:00:00Z"
    if kind < 0.45:
        record = writer.create_warc_record(url, "request", payload=BytesIO(
            f"GET /page/{n} HTTP/1.1\r\nHost: x\r\n\r\n".encode()),
            warc_headers_dict={"WARC-Date": date})
        writer.write_record(record)
    elif kind < 0.6:
        writer.write_record(writer.create_warc_record(url, "metadata", payload=BytesIO(
            b"fetchTimeMs: 120\r\n"), warc_headers_dict={"WARC-Date": date,
                                                        "Content-Type": "application/warc-fields"}))
    elif kind < 0.75:
        _response(writer, url + ".jpg", date, "200 OK", "image/jpeg",
                  b"\xff\xd8\xff\xe0" + bytes(rng.randrange(256) for _ in range(2000)))
    elif kind < 0.85:
        _response(writer, url, date, rng.choice(["301 Moved Permanently", "404 Not Found"]),
                  "text/html", b"<html><body>moved</body></html>")
    else:
        _response(writer, url, date, "200 OK", "text/html; charset=utf-8", filler)


def build(path: Path, records: int, *, seed: int = 7) -> dict[str, int]:
    """Write the corpus; returns how many article and noise records it holds."""
    rng = random.Random(seed)
    pages = real_pages()
    filler = pages[0][2]  # an HTML page of an unknown site: a real-sized page, no news host
    counts = {"article": 0, "noise": 0}
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for n in range(records):
            if rng.random() < NOISE_SHARE:
                _noise(writer, rng, n, filler)
                counts["noise"] += 1
                continue
            url, date, html = pages[counts["article"] % len(pages)]
            copy = counts["article"] // len(pages)
            sep = "&" if "?" in url else "?"
            _response(writer, url if copy == 0 else f"{url}{sep}copy={copy}", date, "200 OK",
                      "text/html; charset=utf-8", html)
            counts["article"] += 1
    return counts



def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--records", type=int, default=10_000)
    args = parser.parse_args()
    counts = build(args.path, args.records)
    print(f"{args.path}: {counts['article']} article and {counts['noise']} noise records, "
          f"{args.path.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
