"""WARC export of the stored raw pages (warcio): the format web archives and their tools read."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newscrawl.store import ArticleStore

_REASONS = {200: "OK", 203: "Non-Authoritative Information"}


def export_warc(store: ArticleStore, path: str | Path, *, site: str | None = None) -> int:
    """Write every stored page (each fetched variant) as a gzipped WARC ``response`` record.

    The HTTP headers are the ones the crawler kept (content type, ETag, Last-Modified, language);
    ``WARC-Date`` is the fetch time. Returns the number of records written.
    """
    count = 0
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for page in store.iter_pages(site=site, every_page=True):
            payload = page.html.encode("utf-8", "surrogatepass")
            status = page.status or 200
            headers = [(str(k), str(v)) for k, v in (page.headers or {}).items()
                       if str(k).lower() != "content-type"]
            headers.insert(0, ("Content-Type", "text/html; charset=utf-8"))
            http_headers = StatusAndHeaders(f"{status} {_REASONS.get(status, 'OK')}", headers,
                                            protocol="HTTP/1.1")
            record = writer.create_warc_record(
                page.url, "response", payload=BytesIO(payload), http_headers=http_headers,
                warc_headers_dict={"WARC-Date": page.fetched_at.replace("+00:00", "Z")},
            )
            writer.write_record(record)
            count += 1
    return count
