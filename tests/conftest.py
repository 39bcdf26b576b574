"""Shared test fixtures: the served offline newsroom, temporary stores, `scrapy crawl` runs."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from scrapy.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SCRAPY = str(Path(sys.executable).with_name("scrapy"))


def _load_service_env() -> None:
    """Export what `scripts/services.sh start` wrote (SPLASH_TEST_URL, NEWSCRAWL_TEST_PG_URL,
    REDIS_TEST_URL): test-only names, so no test crawl is switched to a service by accident."""
    env_file = ROOT / ".services" / "env"
    if not env_file.exists():
        return
    for line in env_file.read_text().splitlines():
        key, sep, value = line.partition("=")
        if sep and key and key not in os.environ:
            os.environ[key] = value


_load_service_env()


def _install_reactor() -> None:
    """In-process crawler tests need the reactor the settings name, installed before any import
    of twisted.internet.reactor."""
    from scrapy.utils.reactor import install_reactor, is_reactor_installed

    if not is_reactor_installed():
        install_reactor("twisted.internet.asyncioreactor.AsyncioSelectorReactor")


_install_reactor()


def project_settings(**overrides: Any) -> Settings:
    """newscrawl/settings.py as a Scrapy ``Settings``, with ``overrides`` on top: for components
    built outside a project crawl, since NEWSCRAWL_* defaults live in settings.py alone."""
    settings = Settings()
    settings.setmodule("newscrawl.settings", priority="project")
    settings.setdict(overrides, priority="cmdline")
    return settings


def newscrawl_settings(**overrides: Any) -> dict[str, Any]:
    """The project's NEWSCRAWL_* settings with ``overrides``, as a dict for ``get_crawler``."""
    return {key: value for key, value in project_settings(**overrides).items()
            if key.startswith("NEWSCRAWL_") or key in overrides}


@pytest.fixture(scope="session")
def newsroom() -> Iterator[str]:
    """The offline newsroom served on 127.0.0.1; yields its base URL."""
    from newscrawl.testing.serve import serve_in_thread

    with serve_in_thread() as server:
        yield server.base_url


def run_crawl(spider: str, *args: str, db: Path | str, settings: dict[str, str] | None = None,
              timeout: int = 300, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """Run `scrapy crawl SPIDER` in a subprocess against loopback mirrors; returns the result.

    ``args`` are spider arguments (``base_url=…``); the crawl log is in ``result.stderr``.
    """
    cmd = [SCRAPY, "crawl", spider]
    for arg in args:
        cmd += ["-a", arg]
    merged = {
        "NEWSCRAWL_DB": str(db),
        "NEWSCRAWL_ALLOWED_PRIVATE_NETWORKS": "127.0.0.0/8",
        "AUTOTHROTTLE_ENABLED": "False",
        "DOWNLOAD_DELAY": "0",
        "LOG_LEVEL": "INFO",
        **(settings or {}),
    }
    for key, value in merged.items():
        cmd += ["-s", f"{key}={value}"]
    result = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout,
                            check=False)
    assert_no_deprecations(result.stderr)
    return result


_WARNED_AT = re.compile(r"(\S+\.py):\d+: ScrapyDeprecationWarning")


def assert_no_deprecations(log: str) -> None:
    """A crawl in a subprocess logs Python warnings instead of raising them (pytest's -W does not
    reach it): none may be a ScrapyDeprecationWarning, on either stack, except those another
    Scrapy plugin raises from its own code (scrapy-redis 0.9.1's scheduler passes ``spider`` to
    the stats collector on every request): newscrawl's and Scrapy's own count."""
    found = []
    for line in log.splitlines():
        if "ScrapyDeprecationWarning" not in line:
            continue
        where = _WARNED_AT.search(line)
        package = where.group(1).partition("/site-packages/")[2] if where else ""
        if package and not package.startswith("scrapy/"):
            continue  # a plugin's own call
        found.append(line)
    assert not found, "\n".join(found[:10])


@pytest.fixture
def crawl():
    """The run_crawl function, as a fixture."""
    return run_crawl
