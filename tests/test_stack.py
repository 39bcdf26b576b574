"""The two stacks (README "Which stack"): each environment runs the versions its requirements file
pins, the two files differ only in the stack's own packages, and the Splash add-on stays inert
(scrapy-splash never imported) without SPLASH_URL, which the current stack depends on."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pytest
import scrapy

from newscrawl.rendering.splash import splash_settings

ROOT = Path(__file__).resolve().parent.parent
FILES = {"pinned": ROOT / "requirements.txt", "current": ROOT / "requirements-current.txt"}
# What each stack has that the other has not; every other pin is shared.
OWN = {"pinned": {"scrapy", "scrapy-splash"},
       "current": {"scrapy"}}
PIN = re.compile(r"^([A-Za-z0-9_.-]+)(?:\[[^\]]*\])?==(\S+)")


def pins(stack: str) -> dict[str, str]:
    """name (normalised) -> version of every ``name==version`` line in the stack's file."""
    found = {}
    for line in FILES[stack].read_text(encoding="utf-8").splitlines():
        match = PIN.match(line.strip())
        if match:
            found[re.sub(r"[-_.]+", "-", match.group(1)).lower()] = match.group(2)
    return found


def installed(package: str) -> str | None:
    try:
        return version(package)
    except PackageNotFoundError:
        return None


def test_the_two_files_share_every_pin_but_the_stacks_own() -> None:
    pinned, current = pins("pinned"), pins("current")
    assert OWN["pinned"] <= pinned.keys() and OWN["current"] <= current.keys()
    shared_pinned = {k: v for k, v in pinned.items() if k not in OWN["pinned"]}
    shared_current = {k: v for k, v in current.items() if k not in OWN["current"]}
    assert shared_pinned == shared_current
    assert pinned["scrapy"] != current["scrapy"]


def test_this_environment_runs_its_stack() -> None:
    """`make test` sets NEWSCRAWL_STACK=pinned, `make test-current` NEWSCRAWL_STACK=current:
    every pin of that stack's file is what is installed (Scrapy included, so the current stack
    really runs the newest release it pins). Run by hand, the environment must match one file."""
    stack = os.environ.get("NEWSCRAWL_STACK")
    stacks = [stack] if stack else list(FILES)
    assert set(stacks) <= set(FILES), f"NEWSCRAWL_STACK={stack!r}: pinned or current"
    mismatches = {}
    for name in stacks:
        wrong = {pkg: (want, installed(pkg)) for pkg, want in pins(name).items()
                 if installed(pkg) != want}
        if not wrong:
            break
        mismatches[name] = wrong
    else:
        raise AssertionError(f"installed versions differ from the pins: {mismatches}")
    assert scrapy.__version__ == pins(name)["scrapy"]


def test_scrapy_version_command_prints_the_stack_s_scrapy() -> None:
    scrapy_bin = Path(sys.executable).with_name("scrapy")
    out = subprocess.run([str(scrapy_bin), "version"], cwd=ROOT, capture_output=True, text=True,
                         timeout=120, check=True).stdout
    assert out.strip() == f"Scrapy {scrapy.__version__}"


PROBE = """
import sys
from scrapy.utils.reactor import install_reactor

install_reactor("twisted.internet.asyncioreactor.AsyncioSelectorReactor")
from scrapy.crawler import Crawler
from scrapy.spiderloader import SpiderLoader
from scrapy.utils.misc import load_object
from scrapy.utils.project import get_project_settings

settings = get_project_settings()
loader = SpiderLoader.from_settings(settings)
for name in loader.list():
    loader.load(name)
crawler = Crawler(loader.load("augsburger_allgemeine"), settings)
crawler._apply_settings()
for key in ("DOWNLOADER_MIDDLEWARES", "SPIDER_MIDDLEWARES", "ITEM_PIPELINES", "EXTENSIONS"):
    for path, order in crawler.settings.getwithbase(key).items():
        if order is not None:
            load_object(path)
print("scrapy_splash" in sys.modules, crawler.settings.get("SPLASH_URL"))
"""


def test_without_splash_url_scrapy_splash_is_never_imported() -> None:
    """Every spider, command-free crawler setup and enabled component of a project crawl loads
    without scrapy-splash; with SPLASH_URL the add-on names scrapy-splash's middlewares, or, where
    scrapy-splash is not installed (the current stack), fails with an ImportError naming it."""
    env = {k: v for k, v in os.environ.items() if k != "SPLASH_URL"}
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.split() == ["False", "None"]
    if importlib.util.find_spec("scrapy_splash") is None:  # the current stack: Splash is not there
        with pytest.raises(ImportError, match="scrapy_splash"):
            splash_settings("http://127.0.0.1:8050")
        return
    wired = splash_settings("http://127.0.0.1:8050")
    assert "scrapy_splash.SplashMiddleware" in wired["DOWNLOADER_MIDDLEWARES"]
