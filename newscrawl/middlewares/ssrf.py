"""No SSRF: refuse requests whose host resolves to a non-public address, before connecting.

Every request passes this downloader middleware (entry points, articles, robots.txt, redirect
targets, retries) and so do Splash render targets (``meta['splash']['args']['url']``). The host
is resolved (IP literals directly, names through ``getaddrinfo`` in a thread, results cached);
if *any* address is loopback, private, link-local, CGNAT, multicast, reserved, unspecified or a
cloud metadata address — IPv4 or IPv6, IPv4-mapped/6to4/NAT64 included — the request is refused
with :class:`SsrfRefused` unless ``NEWSCRAWL_ALLOWED_PRIVATE_NETWORKS`` (CIDR list) allows it.
Refusals are counted under ``newscrawl/ssrf/refused/<reason>`` and logged once per host.

The configured ``SPLASH_URL`` endpoint (host and port) is the one private target always let
through; its render target is checked like any other URL. :class:`SafeResolver` (``DNS_RESOLVER``)
applies the same rule when the downloader itself resolves a name, so a DNS answer that changes
between the check and the connection (rebinding) cannot reach a private address either.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import time
from collections.abc import Callable, Iterable
from typing import Any, NoReturn
from urllib.parse import urlsplit

from scrapy import Request, Spider
from scrapy.exceptions import IgnoreRequest
from scrapy.resolver import CachingThreadedResolver
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.error import DNSLookupError
from twisted.internet.threads import deferToThread

logger = logging.getLogger(__name__)

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
Resolver = Callable[[str, int], list[str]]

ALLOWED_SCHEMES = frozenset({"http", "https"})
# Cloud instance-metadata endpoints (AWS/GCP/Azure/OpenStack, AWS ECS and IPv6, Alibaba).
METADATA_ADDRESSES = frozenset(ipaddress.ip_address(a) for a in (
    "169.254.169.254", "169.254.170.2", "fd00:ec2::254", "100.100.100.200",
))
CGNAT = ipaddress.ip_network("100.64.0.0/10")
NAT64 = ipaddress.ip_network("64:ff9b::/96")
CACHE_TTL = 300.0
CACHE_SIZE = 10_000


class SsrfRefused(IgnoreRequest):
    """A request refused because its target is not on the public internet."""


def embedded_ipv4(address: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries (mapped, 6to4, NAT64), if any."""
    if not isinstance(address, ipaddress.IPv6Address):
        return None
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address in NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def classify(address: IPAddress) -> str | None:
    """Why ``address`` is not a public internet address (a stats reason), or None if it is."""
    inner = embedded_ipv4(address)
    if inner is not None:
        return classify(inner)
    if address in METADATA_ADDRESSES:
        return "metadata"
    if address.is_loopback:
        return "loopback"
    if address.is_unspecified:
        return "unspecified"
    if address.is_link_local:
        return "link_local"
    if isinstance(address, ipaddress.IPv4Address) and address in CGNAT:
        return "cgnat"
    if address.is_multicast:
        return "multicast"
    if address.is_reserved:
        return "reserved"
    if address.is_private:
        return "private"
    return None if address.is_global else "reserved"


class AddressPolicy:
    """Which addresses a crawl may reach: public ones plus the allowed private networks."""

    def __init__(self, allowed: Iterable[str] = ()) -> None:
        self.allowed: list[IPNetwork] = [
            ipaddress.ip_network(cidr.strip(), strict=False) for cidr in allowed if cidr.strip()
        ]

    def refusal(self, address: str | IPAddress) -> str | None:
        """The reason to refuse ``address``, or None when it may be contacted."""
        ip = ipaddress.ip_address(address) if isinstance(address, str) else address
        if any(self._in(ip, net) for net in self.allowed):
            return None
        return classify(ip)

    @staticmethod
    def _in(ip: IPAddress, net: IPNetwork) -> bool:
        if ip.version == net.version:
            return ip in net
        inner = embedded_ipv4(ip)
        return inner is not None and inner in net


def literal_address(host: str) -> IPAddress | None:
    """``host`` as an IP address if it is one (brackets stripped), else None."""
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


def system_resolve(host: str, port: int) -> list[str]:
    """All addresses ``host`` resolves to (IPv4 and IPv6), via the system resolver."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return sorted({str(info[4][0]).split("%", 1)[0] for info in infos})


class SsrfMiddleware:
    """Refuse requests to non-public addresses before any connection is made."""

    def __init__(self, crawler: Any, policy: AddressPolicy, splash_url: str | None,
                 resolver: Resolver = system_resolve, *, threaded: bool = True) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.policy = policy
        self.splash_endpoint = _endpoint(splash_url) if splash_url else None
        # Tests pass a resolver that never leaves the process (and threaded=False).
        self.resolver = resolver
        self.threaded = threaded
        self._cache: dict[tuple[str, int], tuple[float, list[str]]] = {}
        self._logged: set[tuple[str, str]] = set()

    @classmethod
    def from_crawler(cls, crawler: Any) -> SsrfMiddleware:
        settings = crawler.settings
        policy = AddressPolicy(settings.getlist("NEWSCRAWL_ALLOWED_PRIVATE_NETWORKS"))
        return cls(crawler, policy, settings.get("SPLASH_URL"))

    async def process_request(self, request: Request, spider: Spider | None = None) -> None:
        for url in self.targets(request):
            reason = await self.check(url)
            if reason is not None:
                self.refuse(request, url, reason)

    def targets(self, request: Request) -> list[str]:
        """The URLs a request makes the crawler (or Splash) contact, excluding the Splash
        endpoint itself."""
        urls = []
        splash_args = (request.meta.get("splash") or {}).get("args") or {}
        if not (self.splash_endpoint and _endpoint(request.url) == self.splash_endpoint):
            urls.append(request.url)
        if splash_args.get("url"):
            urls.append(str(splash_args["url"]))
        return urls

    async def check(self, url: str) -> str | None:
        """Why ``url`` must not be fetched, or None; DNSLookupError when the host has no
        address."""
        try:
            parts = urlsplit(url)
            host, port = parts.hostname, parts.port
        except ValueError:
            return "invalid_url"
        if parts.scheme.lower() not in ALLOWED_SCHEMES:
            return "scheme"
        if not host:
            return "invalid_url"
        port = port or (443 if parts.scheme.lower() == "https" else 80)
        literal = literal_address(host)
        if literal is not None:
            return self.policy.refusal(literal)
        try:
            addresses = await self.resolve(host, port)
        except (OSError, UnicodeError) as exc:
            self.lookup_failed(host, str(exc))
        if not addresses:
            self.lookup_failed(host, "no address")
        reasons = [r for r in (self.policy.refusal(a) for a in addresses) if r]
        return reasons[0] if reasons else None

    async def resolve(self, host: str, port: int) -> list[str]:
        """Addresses of ``host``, cached for CACHE_TTL seconds (at most CACHE_SIZE hosts)."""
        key = (host.lower(), port)
        cached = self._cache.get(key)
        now = time.monotonic()
        if cached and now - cached[0] < CACHE_TTL:
            self.stats.inc_value("newscrawl/ssrf/dns_cache_hit")
            return cached[1]
        if self.threaded:
            addresses = await maybe_deferred_to_future(deferToThread(self.resolver, host, port))
        else:
            addresses = self.resolver(host, port)
        self._cache.pop(key, None)
        self._cache[key] = (now, list(addresses))
        if len(self._cache) > CACHE_SIZE:
            del self._cache[next(iter(self._cache))]  # the oldest lookup
        return list(addresses)

    def lookup_failed(self, host: str, detail: str) -> NoReturn:
        """Not a refusal: nothing can be contacted. Raised as the downloader raises it, so
        RetryMiddleware retries it and the spider's errback sees a DNSLookupError as before."""
        self.stats.inc_value("newscrawl/ssrf/dns_error")
        raise DNSLookupError(f"{host}: {detail}")

    def refuse(self, request: Request, url: str, reason: str) -> None:
        self.stats.inc_value(f"newscrawl/ssrf/refused/{reason}")
        host = urlsplit(url).netloc
        if (host, reason) not in self._logged:
            self._logged.add((host, reason))
            logger.warning("SSRF guard: refusing %s (%s): %s; allow it with "
                           "NEWSCRAWL_ALLOWED_PRIVATE_NETWORKS if intended", host, reason, url)
        raise SsrfRefused(f"{reason}: {url}")


def _endpoint(url: str) -> tuple[str, int] | None:
    try:
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        return None
    return ((parts.hostname or "").lower(), port)


class SafeResolver(CachingThreadedResolver):
    """Scrapy's caching resolver that refuses to hand the downloader a non-public address.

    Use as ``DNS_RESOLVER``; the allowed networks and the Splash host come from the settings.
    """

    policy = AddressPolicy()
    splash_host: str | None = None

    @classmethod
    def from_crawler(cls, crawler: Any, reactor: Any) -> SafeResolver:
        resolver = super().from_crawler(crawler, reactor)
        resolver.policy = AddressPolicy(
            crawler.settings.getlist("NEWSCRAWL_ALLOWED_PRIVATE_NETWORKS"))
        splash = crawler.settings.get("SPLASH_URL")
        resolver.splash_host = (urlsplit(splash).hostname or "").lower() if splash else None
        return resolver

    def getHostByName(self, name: str, timeout: Any = ()) -> Any:  # Twisted API name
        result = super().getHostByName(name, timeout)
        if self.splash_host and name.lower() == self.splash_host:
            return result

        def _check(address: str) -> str:
            reason = self.policy.refusal(address)
            if reason is not None:
                raise DNSLookupError(f"{name} resolves to a refused address ({reason})")
            return address

        return result.addCallback(_check)
