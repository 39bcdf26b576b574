"""URL canonicalisation: one form per article, whatever link, feed or tracker led to it."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from w3lib.url import safe_url_string

# Query parameters that only track where a click came from; they never select content.
TRACKING_PARAMS: frozenset[str] = frozenset(
    {
        "fbclid", "gclid", "dclid", "msclkid", "yclid", "igshid", "mc_cid", "mc_eid",
        "wt_mc", "wt.mc_id", "wtmc", "ref", "ref_src", "referrer", "cmp", "ito",
        "xtor", "at_medium", "at_campaign", "ns_mchannel", "ns_source", "ns_campaign",
        "ns_linkname", "ns_fee", "_ga", "icid", "ocid", "sara_ecid", "share",
        "wt_zmc",
    }
)
TRACKING_PREFIXES: tuple[str, ...] = ("utm_", "at_", "pk_", "mtm_", "wt_", "hsa_", "ga_")
# Print/AMP/mobile variants that show the same article as the plain URL.
VIEW_PARAMS: frozenset[str] = frozenset({"print", "bprint", "amp", "view", "output", "mobile"})
_AMP_PATH = re.compile(r"(/amp(?=/|$)|\.amp(?=\.html$|$)|/amp\.html$)", re.IGNORECASE)
_MOBILE_HOST = re.compile(r"^(m|mobil|mobile|amp)\.", re.IGNORECASE)


def _keep_param(name: str) -> bool:
    lowered = name.lower()
    if lowered in TRACKING_PARAMS or lowered in VIEW_PARAMS:
        return False
    return not lowered.startswith(TRACKING_PREFIXES)


def canonicalize_url(url: str) -> str:
    """Return the canonical form of an article URL.

    https, lower-case host without mobile/AMP prefixes, no default port, no fragment, no tracking
    or view parameters (the rest sorted), no AMP path suffix, no trailing slash on paths that have
    a file-like last segment or more than one segment.
    """
    parts = urlsplit(safe_url_string(url.strip()))
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port
    is_loopback = host in {"localhost"} or host.startswith("127.")
    if scheme == "http" and not is_loopback:
        # Sites serve the same article on http and https; https is the canonical one.
        scheme = "https"
    host = _MOBILE_HOST.sub("www.", host) if not is_loopback else host
    netloc = host
    if port and not (scheme == "https" and port == 443) and not (scheme == "http" and port == 80):
        netloc = f"{host}:{port}"
    path = _AMP_PATH.sub("", parts.path) or "/"
    if path != "/" and path.endswith("/"):
        path = path.rstrip("/") or "/"
    query = urlencode(
        sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if _keep_param(k))
    )
    return urlunsplit((scheme, netloc, path, query, ""))


def same_site(url: str, host: str) -> bool:
    """Whether ``url`` is on ``host`` (``www.`` and port ignored)."""
    other = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    return other == host.lower().removeprefix("www.").split(":")[0]
