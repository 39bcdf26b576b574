"""Where a replay reads from: WARC files, folders, globs, listings (``warc.paths[.gz]``, as CC-NEWS
publishes them) and ``http(s)://`` URLs, these streamed through the crawl's SSRF rule
(``newscrawl.middlewares.ssrf.AddressPolicy``: public addresses, plus
``NEWSCRAWL_ALLOWED_PRIVATE_NETWORKS``), every redirect hop checked again, and the connection made
to the address that was checked.
"""

from __future__ import annotations

import glob
import gzip
import io
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urljoin, urlsplit

import certifi
import urllib3

from newscrawl.middlewares.ssrf import AddressPolicy, literal_address, system_resolve

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc.gz")
LISTING_SUFFIXES = (".paths", ".paths.gz")
MAX_REDIRECTS = 5
TIMEOUT = 60
USER_AGENT = "newscrawl-replay"


class SourceError(Exception):
    """A source that cannot be read (refused by the SSRF rule, HTTP error, missing file)."""


# What reading a source can raise once it is open: a lost connection or a failing disk.
READ_ERRORS = (SourceError, OSError, urllib3.exceptions.HTTPError)


def is_url(name: str) -> bool:
    return name.startswith(("http://", "https://"))


@dataclass(frozen=True, slots=True)
class Source:
    """One WARC file or URL; ``name`` is also its key in the replay state."""

    name: str

    def open(self, policy: AddressPolicy, offset: int = 0,
             user_agent: str = USER_AGENT) -> BinaryIO:
        """The WARC bytes from ``offset`` on (an HTTP Range request for URLs)."""
        if is_url(self.name):
            return open_url(self.name, policy, offset, user_agent)
        try:
            stream = open(self.name, "rb")  # noqa: SIM115 - the caller closes it
        except OSError as exc:
            raise SourceError(str(exc)) from exc
        stream.seek(offset)
        return stream


def check_url(url: str, policy: AddressPolicy) -> list[str]:
    """The addresses of ``url``'s host; SourceError unless every one may be contacted."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise SourceError(f"not an http(s) URL: {url}")
    literal = literal_address(parts.hostname)
    try:
        addresses = [str(literal)] if literal else system_resolve(
            parts.hostname, parts.port or (443 if parts.scheme == "https" else 80))
    except OSError as exc:
        raise SourceError(f"{parts.hostname}: {exc}") from exc
    if not addresses:
        raise SourceError(f"{parts.hostname}: no address")
    for address in addresses:
        reason = policy.refusal(address)
        if reason:
            raise SourceError(f"SSRF guard: refusing {url} ({reason}); allow it with "
                              "NEWSCRAWL_ALLOWED_PRIVATE_NETWORKS if intended")
    return addresses


def ca_bundle() -> str:
    """The certificates HTTPS sources are verified against: ``SSL_CERT_FILE`` when set (the
    variable OpenSSL, curl and Python's ``ssl`` read: a private CA, a test's own), else
    certifi's bundle."""
    return os.environ.get("SSL_CERT_FILE") or certifi.where()


def _get(url: str, address: str, headers: dict[str, str]) -> urllib3.BaseHTTPResponse:
    """GET ``url`` from the checked ``address`` itself, not from a second lookup of its name (a
    DNS answer that changed since the check cannot lead elsewhere); TLS still verifies the name."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    pool: urllib3.HTTPConnectionPool
    if parts.scheme == "https":
        pool = urllib3.HTTPSConnectionPool(address, parts.port or 443, timeout=TIMEOUT,
                                           retries=False, server_hostname=host,
                                           assert_hostname=host, cert_reqs="CERT_REQUIRED",
                                           ca_certs=ca_bundle())
    else:
        pool = urllib3.HTTPConnectionPool(address, parts.port or 80, timeout=TIMEOUT,
                                          retries=False)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    netloc = parts.netloc.rpartition("@")[2]
    return pool.urlopen("GET", target, headers={"Host": netloc, **headers}, redirect=False,
                        preload_content=False, decode_content=False)


def open_url(url: str, policy: AddressPolicy, offset: int = 0,
             user_agent: str = USER_AGENT) -> BinaryIO:
    """A streamed GET of ``url`` from byte ``offset`` (never read whole into memory)."""
    headers = {"User-Agent": user_agent}
    if offset:
        headers["Range"] = f"bytes={offset}-"
    for _hop in range(MAX_REDIRECTS + 1):
        address = check_url(url, policy)[0]
        try:
            response = _get(url, address, headers)
        except urllib3.exceptions.HTTPError as exc:
            raise SourceError(f"{url}: {exc}") from exc
        if response.status in {301, 302, 303, 307, 308} and response.headers.get("Location"):
            url = urljoin(url, response.headers["Location"])
            response.release_conn()
            continue
        if response.status not in {200, 206}:
            response.release_conn()
            raise SourceError(f"{url}: HTTP {response.status}")
        if offset and response.status == 200:  # no Range support: skip what was read
            remaining = offset
            while remaining:
                chunk = response.read(min(remaining, 1 << 20))
                if not chunk:
                    break
                remaining -= len(chunk)
        return response  # type: ignore[return-value]  # a readable, closable stream
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
