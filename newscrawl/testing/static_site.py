"""A folder served on 127.0.0.1 by a background thread, optionally with an RSS feed of its pages.

The rendering tests (Splash and Chromium) crawl the JS fixture pages from such a site; one helper
keeps their servers alike.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve_folder(root: Path, feed_paths: Iterable[str] = ()) -> Iterator[str]:
    """Serve ``root`` (unknown paths answer 404) and yield its base URL; with ``feed_paths``,
    ``/feed.xml`` lists those paths as RSS items first, so a crawl can start from it."""
    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 functools.partial(_QuietHandler, directory=str(root)))
    base = f"http://127.0.0.1:{server.server_address[1]}"
    items = "".join(f"<item><title>{i}</title><link>{base}/{path}</link></item>"
                    for i, path in enumerate(feed_paths))
    if items:
        (root / "feed.xml").write_text(
            f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{items}'
            "</channel></rss>", encoding="utf-8")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield base
    finally:
        server.shutdown()
        server.server_close()
