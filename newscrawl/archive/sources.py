"""Where a replay reads from: WARC files, folders, globs, listings (``warc.paths[.gz]``, as CC-NEWS
publishes them) and ``http(s)://`` URLs, these streamed through the crawl's SSRF rule
(``newscrawl.middlewares.ssrf.AddressPolicy``: public addresses, plus
``NEWSCRAWL_ALLOWED_PRIVATE_NETWORKS``), every redirect hop checked again.
"""

from __future__ import annotations

import glob
import gzip
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urljoin, urlsplit

import requests

from newscrawl.middlewares.ssrf import AddressPolicy, literal_address, system_resolve

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc.gz")
LISTING_SUFFIXES = (".paths", ".paths.gz")
MAX_REDIRECTS = 5
TIMEOUT = 60


class SourceError(Exception):
    """A source that cannot be read (refused by the SSRF rule, HTTP error, missing file)."""


def is_url(name: str) -> bool:
    return name.startswith(("http://", "https://"))


@dataclass(frozen=True, slots=True)
class Source:
    """One WARC file or URL; ``name`` is also its key in the replay state."""

    name: str

    def open(self, policy: AddressPolicy, offset: int = 0) -> BinaryIO:
        """The WARC bytes from ``offset`` on (an HTTP Range request for URLs)."""
        if is_url(self.name):
            return open_url(self.name, policy, offset)
        try:
            stream = open(self.name, "rb")  # noqa: SIM115 - the caller closes it
        except OSError as exc:
            raise SourceError(str(exc)) from exc
        stream.seek(offset)
        return stream


def check_url(url: str, policy: AddressPolicy) -> None:
    """Raise SourceError unless every address of ``url``'s host may be contacted."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise SourceError(f"not an http(s) URL: {url}")
    literal = literal_address(parts.hostname)
    try:
        addresses = [str(literal)] if literal else system_resolve(
            parts.hostname, parts.port or (443 if parts.scheme == "https" else 80))
    except OSError as exc:
        raise SourceError(f"{parts.hostname}: {exc}") from exc
    for address in addresses:
        reason = policy.refusal(address)
        if reason:
            raise SourceError(f"SSRF guard: refusing {url} ({reason}); allow it with "
                              "NEWSCRAWL_ALLOWED_PRIVATE_NETWORKS if intended")


def open_url(url: str, policy: AddressPolicy, offset: int = 0) -> BinaryIO:
    """A streamed GET of ``url`` from byte ``offset`` (never read whole into memory)."""
    headers = {"Range": f"bytes={offset}-"} if offset else {}
    for _hop in range(MAX_REDIRECTS + 1):
        check_url(url, policy)
        try:
            response = requests.get(url, headers=headers, stream=True, timeout=TIMEOUT,
                                    allow_redirects=False)
        except requests.RequestException as exc:
            raise SourceError(f"{url}: {exc}") from exc
        if response.is_redirect:
            url = urljoin(url, response.headers["Location"])
            response.close()
            continue
        if response.status_code not in {200, 206}:
            response.close()
            raise SourceError(f"{url}: HTTP {response.status_code}")
        raw = response.raw
        raw.decode_content = False  # a .warc.gz is read as the gzip members it is
        if offset and response.status_code == 200:  # no Range support: skip what was read
            remaining = offset
            while remaining:
                chunk = raw.read(min(remaining, 1 << 20))
                if not chunk:
                    break
                remaining -= len(chunk)
        return raw
    raise SourceError(f"{url}: more than {MAX_REDIRECTS} redirects")


def _listing(name: str, base_url: str | None, policy: AddressPolicy) -> list[str]:
    """The entries of a ``warc.paths[.gz]`` listing, resolved against ``base_url``."""
    if is_url(name):
        stream = open_url(name, policy)
        data = stream.read()
        stream.close()
    else:
        data = Path(name).read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    entries = []
    for line in io.StringIO(data.decode("utf-8")):
        entry = line.strip()
        if not entry or entry.startswith("#"):
            continue
        if is_url(entry) or Path(entry).is_absolute():
            entries.append(entry)
        elif base_url:
            entries.append(urljoin(base_url.rstrip("/") + "/", entry))
        else:
            raise SourceError(f"{name}: relative entry {entry!r} needs --base-url")
    return entries


def expand(args: Iterable[str], *, base_url: str | None = None,
           policy: AddressPolicy | None = None) -> list[Source]:
    """The WARC sources named by the command line, in order, each once."""
    policy = policy or AddressPolicy()
    names: list[str] = []
    for arg in args:
        if arg.endswith(LISTING_SUFFIXES):
            names += _listing(arg, base_url, policy)
        elif is_url(arg):
            names.append(arg)
        elif Path(arg).is_dir():
            names += sorted(str(p) for p in Path(arg).rglob("*")
                            if p.is_file() and p.name.endswith(WARC_SUFFIXES))
        elif any(ch in arg for ch in "*?["):
            names += sorted(glob.glob(arg, recursive=True))
        elif Path(arg).exists():
            names.append(arg)
        else:
            raise SourceError(f"no such file: {arg}")
    return [Source(name) for name in dict.fromkeys(names)]
