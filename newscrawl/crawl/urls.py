"""URL canonicalisation: one form per article, whatever link, feed or tracker led to it."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from w3lib.url import canonicalize_url as w3lib_canonicalize_url
from w3lib.url import safe_url_string

# Query parameters that only track where a click came from; they never select content.
TRACKING_PARAMS: frozenset[str] = frozenset(
    {
        "fbclid", "gclid", "gclsrc", "dclid", "msclkid", "yclid", "igshid", "twclid", "ttclid",
        "mc_cid", "mc_eid", "wt_mc", "wt.mc_id", "wtmc", "wt_zmc", "wt_ref", "ref", "ref_src",
        "referrer", "cmp", "cmpid", "ito", "xtor", "ns_mchannel", "ns_source", "ns_campaign",
        "ns_linkname", "ns_fee", "_ga", "_gl", "icid", "ocid", "sara_ecid", "share", "s_kwcid",
        "trk", "trkid", "spm", "__twitter_impression", "smid", "ftag",
    }
)
TRACKING_PREFIXES: tuple[str, ...] = ("utm_", "at_", "pk_", "mtm_", "wt_", "hsa_", "ga_",
                                      "piwik_", "matomo_", "itm_")
# Print/AMP/mobile switches that show the same article as the plain URL: dropped whatever their
# value ("?print=1", "?amp", "?view=print", "?mobile=true").
VIEW_PARAMS: frozenset[str] = frozenset({"print", "bprint", "amp", "view", "output", "mobile",
                                         "druck", "druckansicht", "printview", "outputtype"})
# Parameters that are a view switch only with these values (Funke: "?service=amp").
VIEW_VALUES: dict[str, frozenset[str]] = {"service": frozenset({"amp", "print", "mobile"})}
# AMP variants of the path: /amp/… prefix, …/amp suffix, ….amp.html, …/amp.html.
_AMP_PREFIX = re.compile(r"^/amp(?=/)", re.IGNORECASE)
_AMP_SUFFIX = re.compile(r"(/amp(?=/?$)|\.amp(?=\.html?$|$)|/amp\.html$)", re.IGNORECASE)
# Print views in the path: …/print, …/drucken, ….print.html.
_PRINT_SUFFIX = re.compile(r"(/(?:print|drucken|druckansicht)(?=/?$)|\.print(?=\.html?$))",
                           re.IGNORECASE)
_SESSION_PARAM = re.compile(r";(?:jsessionid|sid|phpsessid)=[^/?#]*", re.IGNORECASE)
_MOBILE_HOST = re.compile(r"^(m|mobil|mobile|amp)\.", re.IGNORECASE)
# Google's AMP cache: https://www-example-de.cdn.ampproject.org/c/s/www.example.de/path
_AMP_CACHE = re.compile(r"^https?://[^/]+\.cdn\.ampproject\.org/[a-z]/(s/)?(.+)$", re.IGNORECASE)
# Most article URLs: an http(s) URL of ASCII letters, digits and "-._~/:?=&" (no percent signs,
# spaces, non-ASCII or fragment). w3lib's encoding steps leave such text unchanged (a path
# without query and dot segments comes back as it is), and they
# cost ~70 us a URL, paid for every page (tests/test_urls.py compares both ways).
_PLAIN = re.compile(r"https?://[A-Za-z0-9.-]+(?::[0-9]+)?(?:/[A-Za-z0-9._~/:=&?-]*)?\Z")
_PLAIN_PATH = re.compile(r"/[A-Za-z0-9._~/:-]*\Z")


def _keep_param(name: str, value: str) -> bool:
    """Override point: whether a query parameter selects content (kept) or only tracks/views."""
    lowered = name.lower()
    if lowered in TRACKING_PARAMS or lowered in VIEW_PARAMS:
        return False
    if value.lower() in VIEW_VALUES.get(lowered, ()):
        return False
    return not lowered.startswith(TRACKING_PREFIXES)


def _is_loopback(host: str) -> bool:
    return host == "localhost" or host.startswith("127.") or host == "::1"


def canonicalize_url(url: str) -> str:
    """Return the canonical form of an article URL.

    https (except on loopback mirrors), lower-case host without mobile/AMP prefixes, no default
    port, no fragment, no session ids, no tracking or view parameters (the rest sorted), no AMP
    or print path variant, no trailing slash (except the root), percent-encoding normalised.
    AMP-cache URLs are unwrapped to the publisher's URL.
    """
    url = url.strip()
    cached = _AMP_CACHE.match(url)
    if cached:
        url = ("https://" if cached.group(1) else "http://") + cached.group(2)
    # A URL of unreserved characters only is already what safe_url_string would make of it.
    parts = urlsplit(url if _PLAIN.match(url) else safe_url_string(url))
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    port = parts.port
    loopback = _is_loopback(host)
    if scheme == "http" and not loopback:
        # Sites serve the same article on http and https; https is the canonical one.
        scheme = "https"
    if not loopback:
        host = _MOBILE_HOST.sub("www.", host)
    netloc = f"[{host}]" if ":" in host else host  # IPv6 literals keep their brackets
    if port and not (scheme == "https" and port == 443) and not (scheme == "http" and port == 80):
        netloc = f"{netloc}:{port}"
    path = _SESSION_PARAM.sub("", parts.path)
    path = _AMP_PREFIX.sub("", path)
    path = _PRINT_SUFFIX.sub("", _AMP_SUFFIX.sub("", path)) or "/"
    path = re.sub(r"/{2,}", "/", path)
    if path != "/" and path.endswith("/"):
        path = path.rstrip("/") or "/"
    query = urlencode(
        [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if _keep_param(k, v)]
    )
    joined = urlunsplit((scheme, netloc, path, query, ""))
    if not query and "/." not in path and _PLAIN_PATH.match(path):
        return joined  # nothing to encode, sort or resolve ("/./"): w3lib returns it as it is
    # w3lib: one percent-encoding for the same characters, sorted query arguments.
    return w3lib_canonicalize_url(joined)


def declared_canonical(fetched_url: str, declared: str | None) -> str | None:
    """The page's declared canonical URL (``rel=canonical``/``og:url``) when it can be trusted:
    on the fetched URL's site and not the site's front page (a common CMS template bug that
    would fold every article into one). Relative declarations are resolved."""
    if not declared or not declared.strip():
        return None
    absolute = resolve_url(fetched_url, declared.strip())
    parts = urlsplit(absolute)
    if parts.scheme not in {"http", "https"} or parts.path.strip("/") == "":
        return None
    fetched_host = _MOBILE_HOST.sub("", (urlsplit(fetched_url).hostname or "").lower())
    declared_host = _MOBILE_HOST.sub("", (parts.hostname or "").lower())
    if fetched_host.removeprefix("www.") != declared_host.removeprefix("www."):
        return None
    return absolute


def resolve_url(base: str, url: str) -> str:
    """``urljoin(base, url)``, without urljoin for a plain absolute URL (what most pages declare
    and link images with): urljoin splits and joins it again to the same string (~13 us)."""
    return url if _resolved(url) else urljoin(base, url)


def _resolved(url: str) -> bool:
    """Whether ``urljoin(anything, url)`` is ``url``: a plain absolute URL, unless a "?" ends it
    (urljoin drops the empty query)."""
    return _PLAIN.match(url) is not None and not url.endswith("?")


def same_site(url: str, host: str) -> bool:
    """Whether ``url`` is on ``host`` (``www.`` and port ignored)."""
    other = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    return other == host.lower().removeprefix("www.").split(":")[0]
