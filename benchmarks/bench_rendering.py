"""Pages per second and renderer memory: plain fetch vs Splash vs Chromium, on fixtures/js.

Serves fixtures/js from 127.0.0.1, crawls ``--pages`` unique URLs (the fixture pages with
``?n=i`` appended) once per mode, each mode in a fresh Scrapy process, and prints one Markdown
table row per mode: pages/s, how many pages had their article text in the response, and the
renderer's memory while it rendered - the sum over its processes (Splash and its Xvfb; the
Chromium browser, renderer and helper processes and Playwright's node driver) of RSS and of PSS
(shared pages split between the processes that share them), sampled every 0.1 s from /proc:
the value before the mode and the peak during it - and CPU seconds per page (crawl process,
renderer processes).

    python benchmarks/bench_rendering.py [--pages 120] [--concurrency 16] [--modes plain,lua,...]
    python benchmarks/bench_rendering.py --detector ../shared/realpages   # the render decision

Splash modes need scrapy-splash, Chromium modes scrapy-playwright: run from an environment with
both (Scrapy 2.13.4 takes both), or give the pinned stack's interpreter for the Splash modes
with ``--splash-python``. Uses $SPLASH_URL if set, else starts Splash with
scripts/splash/start.sh and stops it after; Chromium is $CHROMIUM_BIN or ``chromium``.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "fixtures" / "js"
SCRIPTS = REPO / "scripts" / "splash"
PAGES = sorted(p.name for p in FIXTURES.glob("*.html"))

# mode -> (description, renderer or None, render_request kwargs)
MODES: dict[str, tuple[str, str | None, dict[str, Any]]] = {
    "plain": ("plain HTTP fetch (no renderer)", None, {}),
    "html0": ("Splash render.html, wait=0", "splash", {"wait": 0}),
    "html": ("Splash render.html, wait=0.5 (render_request default)", "splash", {"wait": 0.5}),
    "lua": ("Splash execute, consent+scroll Lua, wait=0.5 (3 waits; the decision's render)",
            "splash", {"lua": True, "wait": 0.5}),
    "chromium": ("Chromium (scrapy-playwright), consent+wait for text+scroll (the decision's "
                 "render)", "playwright", {}),
}


def _run_mode(mode: str, base: str, pages: int, concurrency: int, out: str) -> None:
    """Child process: crawl ``pages`` URLs in ``mode`` and write stats as JSON to ``out``."""
    import scrapy
    from scrapy.crawler import CrawlerProcess

    renderer, render_kw = MODES[mode][1], MODES[mode][2]
    if renderer == "splash":
        from newscrawl.rendering.splash import render_request, splash_settings
    elif renderer == "playwright":
        from newscrawl.rendering.playwright import playwright_settings, render_request
    result: dict[str, Any] = {"with_text": 0}

    class Bench(scrapy.Spider):
        name = "bench_rendering"

        async def start(self) -> Any:
            for i in range(pages):
                url = f"{base}/{PAGES[i % len(PAGES)]}?n={i}"
                if renderer is None:
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
    if renderer == "splash":
        settings.update(splash_settings(os.environ["SPLASH_URL"]))
    elif renderer == "playwright":
        settings.update(playwright_settings(os.environ["CHROMIUM_BIN"]))
        settings["TWISTED_REACTOR"] = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
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


def _read_kib(path: str, key: str) -> int:
    """``key:  123 kB`` from a /proc file, in KiB; 0 when the process is gone."""
    try:
        with open(path, encoding="ascii") as f:
            for line in f:
                if line.startswith(key):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _children() -> dict[int, list[int]]:
    """Parent pid -> child pids, from /proc/*/stat."""
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            tree.setdefault(ppid, []).append(int(entry))
    return tree


def _tree(root: int) -> list[int]:
    """``root`` and all its descendants."""
    tree, found, todo = _children(), [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(tree.get(pid, ()))
    return found


def _cpu_seconds(pids: list[int]) -> float:
    """utime + stime of ``pids`` (live processes only), in seconds."""
    ticks = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])
        except (OSError, ValueError, IndexError):
            continue
    return ticks / os.sysconf("SC_CLK_TCK")


def _is_browser(pid: int) -> bool:
    """A Chromium process or Playwright's node driver (its thread is named "MainThread")."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            argv0 = f.read().split(b"\0", 1)[0]
    except OSError:
        return False
    return b"chrom" in argv0 or argv0.endswith(b"playwright/driver/node")


def _listening_pid(port: int) -> int | None:
    """The process holding a listening TCP socket on ``port`` (the Splash server)."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(table, encoding="ascii") as f:
                rows = [line.split() for line in f.readlines()[1:]]
        except OSError:
            continue
        inodes |= {r[9] for r in rows if r[3] == "0A" and int(r[1].rsplit(":", 1)[1], 16) == port}
    for entry in filter(str.isdigit, os.listdir("/proc")):
        try:
            fds = os.listdir(f"/proc/{entry}/fd")
            links = {os.readlink(f"/proc/{entry}/fd/{fd}") for fd in fds}
        except OSError:
            continue
        if any(f"socket:[{inode}]" in links for inode in inodes):
            return int(entry)
    return None


class _MemorySampler(threading.Thread):
    """Sums RSS and PSS (KiB) over the processes ``pids()`` returns, every 0.1 s; keeps peaks."""

    def __init__(self, pids: Any) -> None:
        super().__init__(daemon=True)
        self.pids, self.peak_rss, self.peak_pss = pids, 0, 0
        self.stop = threading.Event()

    def sample(self) -> tuple[int, int]:
        pids = self.pids()
        rss = sum(_read_kib(f"/proc/{p}/status", "VmRSS:") for p in pids)
        pss = sum(_read_kib(f"/proc/{p}/smaps_rollup", "Pss:") for p in pids)
        return rss, pss

    def run(self) -> None:
        while not self.stop.wait(0.1):
            rss, pss = self.sample()
            self.peak_rss, self.peak_pss = max(self.peak_rss, rss), max(self.peak_pss, pss)


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
    parser.add_argument("--splash-python", default=sys.executable,
                        help="interpreter for the Splash modes (an environment with scrapy-splash)")
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
    renderers = {MODES[m][1] for m in modes}
    if "splash" in renderers and not os.environ.get("SPLASH_URL"):
        os.environ["SPLASH_URL"] = _start_splash(tmp / "splash.pid")
        started_splash = True
    if "playwright" in renderers:
        os.environ.setdefault("CHROMIUM_BIN", shutil.which("chromium") or "/usr/bin/chromium")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    splash_pid = None
    if "splash" in renderers:
        splash_pid = _listening_pid(int(os.environ["SPLASH_URL"].rsplit(":", 1)[1].strip("/")))
    try:
        print(f"{args.pages} pages, CONCURRENT_REQUESTS={args.concurrency}, load {os.getloadavg()}")
        print("| mode | pages/s | s | pages with article text | renderer RSS before → peak, MiB "
              "| PSS before → peak, MiB | CPU s per page |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        for mode in modes:
            out = tmp / f"{mode}.json"
            renderer = MODES[mode][1]
            python = args.splash_python if renderer == "splash" else sys.executable
            cmd = [python, __file__, "--pages", str(args.pages)]
            cmd += ["--concurrency", str(args.concurrency), "--_child", mode, base, str(out)]
            child = subprocess.Popen(cmd, env=env)
            if renderer == "splash" and splash_pid:
                sampler = _MemorySampler(lambda: _tree(splash_pid))
            elif renderer == "playwright":
                # Chromium's processes and Playwright's driver (node).
                sampler = _MemorySampler(lambda root=child.pid: [
                    p for p in _tree(root) if _is_browser(p)])
            else:
                sampler = None
            before = sampler.sample() if sampler else (0, 0)
            # CPU: the crawl process with what it reaped (Chromium and Playwright's driver end
            # with it), plus Splash's processes, which outlive the crawl.
            splash_cpu = _cpu_seconds(_tree(splash_pid)) if renderer == "splash" else 0.0
            if sampler:
                sampler.start()
            _, status, usage = os.wait4(child.pid, 0)
            if status != 0:
                raise SystemExit(f"mode {mode} failed")
            cpu = usage.ru_utime + usage.ru_stime
            if renderer == "splash":
                cpu += _cpu_seconds(_tree(splash_pid)) - splash_cpu
            memory = ["-", "-"]
            if sampler:
                sampler.stop.set()
                sampler.join()
                memory = [f"{before[0] / 1024:.0f} → {sampler.peak_rss / 1024:.0f}",
                          f"{before[1] / 1024:.0f} → {sampler.peak_pss / 1024:.0f}"]
            r = json.loads(out.read_text(encoding="utf-8"))
            rate = r["responses"] / r["elapsed"]
            print(
                f"| {MODES[mode][0]} | {rate:.1f} | {r['elapsed']:.2f} "
                f"| {r['with_text']}/{r['responses']} | {memory[0]} | {memory[1]} "
                f"| {cpu / r['responses']:.3f} |"
                + (f" ({r['errors']} errors)" if r["errors"] else ""),
                flush=True,
            )
            time.sleep(1)  # let the renderer settle between modes
    finally:
        server.shutdown()
        if started_splash:
            env["SPLASH_PIDFILE"] = str(tmp / "splash.pid")
            subprocess.run(["bash", str(SCRIPTS / "stop.sh")], env=env, check=False)


if __name__ == "__main__":
    main()
