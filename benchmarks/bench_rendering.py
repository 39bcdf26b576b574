"""Pages per second: plain fetch vs Splash render.html vs Splash Lua, on fixtures/js.

Serves fixtures/js from 127.0.0.1, crawls ``--pages`` unique URLs (the six fixture pages with
``?n=i`` appended) once per mode, each mode in a fresh Scrapy process, and prints one Markdown
table row per mode: pages/s, and how many pages had their article text in the response.

    python benchmarks/bench_rendering.py [--pages 120] [--concurrency 16] [--modes plain,html0,...]
    python benchmarks/bench_rendering.py --detector ../shared/realpages   # the render decision

Uses $SPLASH_URL if set, else starts Splash with scripts/splash/start.sh and stops it after.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import subprocess
import sys
import tempfile
import threading
from datetime import datetime
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "fixtures" / "js"
SCRIPTS = REPO / "scripts" / "splash"
PAGES = sorted(p.name for p in FIXTURES.glob("*.html"))

# mode -> (description, render_request kwargs or None for a plain scrapy.Request)
MODES: dict[str, tuple[str, dict[str, Any] | None]] = {
    "plain": ("plain HTTP fetch (no Splash)", None),
    "html0": ("Splash render.html, wait=0", {"wait": 0}),
    "html": ("Splash render.html, wait=0.5 (render_request default)", {"wait": 0.5}),
    "lua": ("Splash execute, consent+scroll Lua, wait=0.5 (3 waits)", {"lua": True, "wait": 0.5}),
}


def _run_mode(mode: str, base: str, pages: int, concurrency: int, out: str) -> None:
    """Child process: crawl ``pages`` URLs in ``mode`` and write stats as JSON to ``out``."""
    import scrapy
    from scrapy.crawler import CrawlerProcess

    from newscrawl.rendering.splash import render_request, splash_settings

    render_kw = MODES[mode][1]
    result: dict[str, Any] = {"with_text": 0}

    class Bench(scrapy.Spider):
        name = "bench_rendering"

        async def start(self) -> Any:
            for i in range(pages):
                url = f"{base}/{PAGES[i % len(PAGES)]}?n={i}"
                if render_kw is None:
                    yield scrapy.Request(url, self.parse)
                else:
                    yield render_request(url, self.parse, **render_kw)

        def parse(self, response: Any) -> None:
            # "Has its article": more than one paragraph of visible text in the DOM.
            paragraphs = [p for p in response.css("p:not(script) ::text").getall() if len(p) > 40]
            result["with_text"] += len(paragraphs) >= 2

        def closed(self, reason: str) -> None:
            stats = self.crawler.stats
            result["responses"] = stats.get_value("response_received_count", 0)
            # elapsed_time_seconds is only set after this handler; same clock, same start.
            started = stats.get_value("start_time")
            result["elapsed"] = (datetime.now(tz=started.tzinfo) - started).total_seconds()
            result["errors"] = stats.get_value("log_count/ERROR", 0)

    settings: dict[str, Any] = {
        "ROBOTSTXT_OBEY": False,
        "TELNETCONSOLE_ENABLED": False,
        "LOG_LEVEL": "WARNING",
        "CONCURRENT_REQUESTS": concurrency,
        "CONCURRENT_REQUESTS_PER_DOMAIN": concurrency,
        "HTTPCACHE_ENABLED": False,
    }
    if render_kw is not None:
        settings.update(splash_settings(os.environ["SPLASH_URL"]))
    process = CrawlerProcess(settings)
    process.crawl(Bench)
    process.start()
    Path(out).write_text(json.dumps(result), encoding="utf-8")


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def _serve_fixtures() -> tuple[ThreadingHTTPServer, str]:
    handler = functools.partial(_QuietHandler, directory=str(FIXTURES))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def _start_splash(pidfile: Path) -> str:
    env = {**os.environ, "SPLASH_PIDFILE": str(pidfile)}
    out = subprocess.run(
        ["bash", str(SCRIPTS / "start.sh")], env=env, capture_output=True, text=True, check=True
    )
    return out.stdout.strip().splitlines()[-1].removeprefix("SPLASH_URL=")


def _bench_detector(folder: Path) -> None:
    """``looks_client_rendered`` over saved pages (``*.html`` / ``*.html.gz``): hits and time."""
    import gzip
    import time

    from newscrawl.extract.client_rendering import looks_client_rendered

    files = sorted([*folder.glob("*.html"), *folder.glob("*.html.gz")])
    hits, seconds = [], 0.0
    for path in files:
        raw = path.read_bytes()
        html = (gzip.decompress(raw) if path.suffix == ".gz" else raw).decode("utf-8", "replace")
        started = time.perf_counter()
        if looks_client_rendered(html):
            hits.append(path.name)
        seconds += time.perf_counter() - started
    per_page = seconds / max(len(files), 1) * 1000
    print(f"{len(files)} pages, {len(hits)} look client-rendered, {per_page:.1f} ms/page: {hits}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=120)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--modes", default=",".join(MODES))
    child_args = ("MODE", "BASE", "OUT")
    parser.add_argument("--_child", nargs=3, metavar=child_args, help=argparse.SUPPRESS)
    parser.add_argument("--detector", type=Path, help="only time looks_client_rendered on DIR")
    args = parser.parse_args()
    if args.detector:
        _bench_detector(args.detector)
        return
    if args._child:
        mode, base, out = args._child
        _run_mode(mode, base, args.pages, args.concurrency, out)
        return

    modes = args.modes.split(",")
    server, base = _serve_fixtures()
    tmp = Path(tempfile.mkdtemp(prefix="bench_rendering_"))
    started_splash = False
    if any(MODES[m][1] is not None for m in modes) and not os.environ.get("SPLASH_URL"):
        os.environ["SPLASH_URL"] = _start_splash(tmp / "splash.pid")
        started_splash = True
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    try:
        print(f"{args.pages} pages, CONCURRENT_REQUESTS={args.concurrency}, load {os.getloadavg()}")
        print("| mode | pages/s | s | pages with article text |")
        print("| --- | ---: | ---: | ---: |")
        for mode in modes:
            out = tmp / f"{mode}.json"
            cmd = [sys.executable, __file__, "--pages", str(args.pages)]
            cmd += ["--concurrency", str(args.concurrency), "--_child", mode, base, str(out)]
            subprocess.run(cmd, env=env, check=True)
            r = json.loads(out.read_text(encoding="utf-8"))
            rate = r["responses"] / r["elapsed"]
            print(
                f"| {MODES[mode][0]} | {rate:.1f} | {r['elapsed']:.2f} "
                f"| {r['with_text']}/{r['responses']} |"
                + (f" ({r['errors']} errors)" if r["errors"] else "")
            )
    finally:
        server.shutdown()
        if started_splash:
            env["SPLASH_PIDFILE"] = str(tmp / "splash.pid")
            subprocess.run(["bash", str(SCRIPTS / "stop.sh")], env=env, check=False)


if __name__ == "__main__":
    main()
