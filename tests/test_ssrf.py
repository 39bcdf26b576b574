"""The SSRF guard: address classes, allowed networks, names, Splash targets — without a packet
leaving the process (IP literals need no lookup; names go through an in-process fake resolver)."""

from __future__ import annotations

import asyncio
import ipaddress

import pytest
from scrapy import Request
from scrapy.utils.project import get_project_settings
from scrapy.utils.test import get_crawler
from twisted.internet.error import DNSLookupError

from newscrawl.crawl.scrapy_compat import DNS_RESOLVER_SETTING
from newscrawl.middlewares.ssrf import AddressPolicy, SsrfMiddleware, SsrfRefused, classify

CLASSES = {
    "169.254.169.254": "metadata",
    "169.254.170.2": "metadata",
    "fd00:ec2::254": "metadata",
    "100.100.100.200": "metadata",
    "127.0.0.1": "loopback",
    "127.8.9.10": "loopback",
    "::1": "loopback",
    "0.0.0.0": "unspecified",
    "::": "unspecified",
    "10.0.0.1": "private",
    "172.16.5.4": "private",
    "192.168.1.1": "private",
    "fc00::1": "private",
    "169.254.1.1": "link_local",
    "fe80::1": "link_local",
    "100.64.0.1": "cgnat",
    "224.0.0.1": "multicast",
    "ff02::1": "multicast",
    "240.0.0.1": "reserved",
    "255.255.255.255": "reserved",
    "::ffff:10.0.0.1": "private",
    "::ffff:127.0.0.1": "loopback",
    "::ffff:169.254.169.254": "metadata",
    "2002:a00:1::": "private",  # 6to4 of 10.0.0.1
    "64:ff9b::a9fe:a9fe": "metadata",  # NAT64 of 169.254.169.254
    "8.8.8.8": None,
    "2606:4700:4700::1111": None,
    "::ffff:8.8.8.8": None,
}


@pytest.mark.parametrize(("address", "reason"), CLASSES.items())
def test_address_classes(address: str, reason: str | None) -> None:
    assert classify(ipaddress.ip_address(address)) == reason


def test_allowed_networks_let_only_themselves_through() -> None:
    policy = AddressPolicy(["127.0.0.2/32", "10.1.0.0/16"])
    assert policy.refusal("127.0.0.2") is None
    assert policy.refusal("::ffff:127.0.0.2") is None
    assert policy.refusal("127.0.0.1") == "loopback"
    assert policy.refusal("10.1.2.3") is None
    assert policy.refusal("10.2.0.1") == "private"
    assert policy.refusal("169.254.169.254") == "metadata"


FAKE_DNS = {
    "news.example": ["93.184.216.34"],
    "rebind.example": ["93.184.216.34", "10.0.0.1"],  # one bad answer is enough to refuse
    "metadata.google.internal": ["169.254.169.254"],
    "v6only.example": ["fd12:3456::1"],
    "splash.local": ["127.0.0.1"],
}


def fake_resolver(calls: list[str]):
    def resolve(host: str, port: int) -> list[str]:
        calls.append(host)
        if host not in FAKE_DNS:
            raise OSError(f"no such host {host}")
        return FAKE_DNS[host]
    return resolve


def middleware(allowed: list[str] | None = None, splash_url: str | None = None,
               calls: list[str] | None = None) -> SsrfMiddleware:
    crawler = get_crawler(settings_dict={"NEWSCRAWL_ALLOWED_PRIVATE_NETWORKS": allowed or []})
    return SsrfMiddleware(crawler, AddressPolicy(allowed or []), splash_url,
                          fake_resolver(calls if calls is not None else []), threaded=False)


def outcome(mw: SsrfMiddleware, request: Request) -> str | None:
    try:
        asyncio.run(mw.process_request(request))
    except SsrfRefused as exc:
        return str(exc).split(":", 1)[0]
    return None


@pytest.mark.parametrize(("url", "reason"), [
    ("http://169.254.169.254/latest/meta-data/", "metadata"),
    ("http://10.0.0.1/", "private"),
    ("http://[::1]:8080/", "loopback"),
    ("http://[::ffff:10.0.0.1]/", "private"),
    ("http://2130706433/", "loopback"),  # 127.0.0.1 in decimal, as getaddrinfo reads it
    ("http://0x7f.1/", "loopback"),
    ("http://0/", "unspecified"),
    ("http://metadata.google.internal/computeMetadata/v1/", "metadata"),
    ("http://rebind.example/", "private"),
    ("http://v6only.example/", "private"),
    ("file:///etc/passwd", "scheme"),
    ("ftp://news.example/x", "scheme"),
    ("http://news.example/artikel-1.html", None),
    ("https://[2606:4700:4700::1111]/", None),
])
def test_request_targets(url: str, reason: str | None) -> None:
    mw = middleware()
    mw.resolver = _numeric_aware(mw.resolver)
    assert outcome(mw, Request(url)) == reason
    if reason:
        assert mw.stats.get_value(f"newscrawl/ssrf/refused/{reason}") == 1


def _numeric_aware(resolve):
    """Numeric host forms (decimal, hex) resolve as the C library reads them; no lookup."""
    import socket

    def wrapped(host: str, port: int) -> list[str]:
        try:
            return [socket.inet_ntoa(socket.inet_aton(host))]
        except OSError:
            return resolve(host, port)
    return wrapped


def test_unknown_host_is_a_dns_error_not_a_refusal() -> None:
    mw = middleware()
    with pytest.raises(DNSLookupError):
        asyncio.run(mw.process_request(Request("http://unknown.example/")))
    assert mw.stats.get_value("newscrawl/ssrf/dns_error") == 1


def test_loopback_base_url_is_not_auto_allowed_but_can_be_allowed() -> None:
    assert outcome(middleware(), Request("http://127.0.0.1:8765/")) == "loopback"
    assert outcome(middleware(["127.0.0.0/8"]), Request("http://127.0.0.1:8765/")) is None


def test_resolutions_are_cached_and_refusals_logged_once(caplog) -> None:
    calls: list[str] = []
    mw = middleware(calls=calls)
    for _ in range(3):
        assert outcome(mw, Request("http://metadata.google.internal/a")) == "metadata"
    assert calls == ["metadata.google.internal"]
    assert mw.stats.get_value("newscrawl/ssrf/refused/metadata") == 3
    assert caplog.text.count("SSRF guard: refusing metadata.google.internal") == 1


def test_splash_endpoint_passes_but_its_target_is_checked() -> None:
    splash = "http://127.0.0.1:8050"
    mw = middleware(splash_url=splash)

    def render(target: str) -> Request:
        return Request(f"{splash}/render.html", meta={"splash": {"args": {"url": target}}})

    assert outcome(mw, render("http://news.example/artikel-1.html")) is None
    assert outcome(mw, render("http://169.254.169.254/latest/")) == "metadata"
    assert outcome(mw, render("http://10.0.0.1/")) == "private"
    # Before scrapy-splash rewrites it, the request URL is the target itself.
    assert outcome(mw, Request("http://10.0.0.1/", meta={"splash": {"args": {
        "url": "http://10.0.0.1/"}}})) == "private"
    # Another port on the Splash host is not the Splash endpoint.
    assert outcome(mw, Request("http://127.0.0.1:6800/schedule.json")) == "loopback"


def test_enabled_first_in_the_project_settings() -> None:
    settings = get_project_settings()
    middlewares = settings.getwithbase("DOWNLOADER_MIDDLEWARES")
    ours = middlewares["newscrawl.middlewares.ssrf.SsrfMiddleware"]
    enabled = {k: v for k, v in middlewares.items() if v is not None}
    assert ours == min(enabled.values())
    # The name the installed Scrapy reads (TWISTED_DNS_RESOLVER from 2.14, DNS_RESOLVER before).
    assert settings.get(DNS_RESOLVER_SETTING) == "newscrawl.middlewares.ssrf.SafeResolver"
    assert settings.getlist("NEWSCRAWL_ALLOWED_PRIVATE_NETWORKS") == []


@pytest.mark.splash  # scrapy-splash builds the request
def test_render_requests_checked_before_and_after_splash_rewrites_them() -> None:
    from newscrawl.rendering.splash import render_request

    splash = "http://127.0.0.1:8050"
    mw = middleware(splash_url=splash)
    for target, reason in [("http://169.254.169.254/latest/", "metadata"),
                           ("http://news.example/artikel-1.html", None)]:
        for lua, endpoint in ((False, "render.html"), (True, "execute")):
            request = render_request(target, lambda r: None, lua=lua)
            assert request.meta["splash"]["args"]["url"] == target
            assert outcome(mw, request) == reason  # as the spider yields it
            # As scrapy-splash rewrites it (and as a retry of the Splash call comes back).
            rewritten = request.replace(url=f"{splash}/{endpoint}")
            assert outcome(mw, rewritten) == reason
