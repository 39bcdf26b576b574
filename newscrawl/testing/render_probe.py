"""Crawl a loopback site with a generic spider that renders ``/plus/`` pages, as a real
``scrapy runspider`` run with the project settings.

The Splash and the Playwright tests both check the spider's render decision end to end; they
share this runner so both read the item feed and the final stats dump the same way, and so a
renderer switch left in the caller's environment can never leak into the other's crawl.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

RENDER_PROBE = """
from newscrawl.spiders.generic import GenericSpider


class RenderProbe(GenericSpider):
    name = "render_probe"
    render_url_patterns = (r"^/plus/",)
"""
# Environment variables that switch a renderer on; the caller's own are removed first.
RENDER_SWITCHES = ("SPLASH_URL", "NEWSCRAWL_CHROMIUM", "PLAYWRIGHT_CDP_URL")
_STAT = re.compile(r"'((?:newscrawl|playwright)/[^']+)': (\d+)")


@dataclass(frozen=True)
class ProbeCrawl:
    """What one probe crawl stored and counted."""

    bodies: dict[str, str]  # body by URL path below the site's base URL
    stats: dict[str, int]  # the final newscrawl/* and playwright/* counters
    log: str


def crawl_with_render_probe(base: str, tmp: Path, **switch: str) -> ProbeCrawl:
    """Crawl ``base``/feed.xml with the probe spider; ``switch`` (e.g. ``SPLASH_URL=...``) goes
    into the crawl's environment. Fails (AssertionError) when the crawl exits non-zero."""
    (tmp / "probe.py").write_text(RENDER_PROBE, encoding="utf-8")
    out = tmp / "items.jsonl"
    env = {k: v for k, v in os.environ.items() if k not in RENDER_SWITCHES}
    env.update(switch)
    env["PYTHONPATH"] = str(REPO)
    cmd = [sys.executable, "-m", "scrapy", "runspider", str(tmp / "probe.py")]
    cmd += ["-a", f"start_urls={base}/feed.xml", "-o", f"{out}:jsonlines"]
    for key, value in {
        "NEWSCRAWL_DB": str(tmp / "store.sqlite3"),
        "NEWSCRAWL_ALLOWED_PRIVATE_NETWORKS": "127.0.0.0/8",
        "AUTOTHROTTLE_ENABLED": "False",
        "DOWNLOAD_DELAY": "0",
        "LOG_LEVEL": "INFO",
    }.items():
        cmd += ["-s", f"{key}={value}"]
    proc = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr[-4000:]
    dump = proc.stderr.split("Dumping Scrapy stats:", 1)
    assert len(dump) == 2, proc.stderr[-4000:]
    stats = {key: int(value) for key, value in _STAT.findall(dump[1])}
    bodies = {}
    for line in out.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        bodies[item["url"].removeprefix(base + "/")] = item.get("body") or ""
    return ProbeCrawl(bodies, stats, proc.stderr)
