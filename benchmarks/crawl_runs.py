"""Run one benchmark process (engine, pipeline, end to end) and collect its figures and peak RSS."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
SCRAPY = str(Path(sys.executable).with_name("scrapy"))
STATS_EXT = "crawl_stats_ext.StatsDump"


@dataclass(slots=True)
class Run:
    """One measured process."""

    mode: str
    pages: int
    wall_s: float
    peak_rss_mb: float
    detail: dict[str, Any] = field(default_factory=dict)

    @property
    def pages_per_s(self) -> float:
        return self.pages / self.wall_s if self.wall_s else 0.0


def run_measured(cmd: list[str], *, log: Path, profile: Path | None = None,
                 timeout: float = 7200) -> tuple[int, float, float]:
    """Run ``cmd`` (stdout+stderr to ``log``); exit code, outside wall time, peak RSS (MB).

    With ``profile``, py-spy records the process (raw collapsed stacks) and its own RSS is not
    the crawl's: the peak is then the profiled child's as py-spy reports none, so do not
    compare memory from profiled runs.
    """
    if profile is not None:
        cmd = ["py-spy", "record", "--format", "raw", "--rate", "100", "-o", str(profile),
               "--", *cmd]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(BENCH), str(ROOT), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)}
    with open(log, "w", encoding="utf-8") as out:
        out.write("$ " + shlex.join(cmd) + "\n")
        out.flush()
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env=env)
        deadline = time.monotonic() + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                proc.kill()
                raise TimeoutError(f"{cmd[0]} ran longer than {timeout} s")
            time.sleep(0.05)
        proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, time.perf_counter() - start, usage.ru_maxrss * 1024 / 1e6  # KiB


def scrapy_settings(db: Path, stats_file: Path, concurrency: int, jobdir: Path | None,
                    extra: list[str] = ()) -> list[str]:
    """The demo's crawl settings for a loopback server, plus the stats dumper."""
    from scrapy.utils.project import get_project_settings

    extensions = dict(get_project_settings().getdict("EXTENSIONS"))
    extensions[STATS_EXT] = 900
    settings = {
        "NEWSCRAWL_DB": str(db),
        "NEWSCRAWL_ALLOWED_PRIVATE_NETWORKS": "127.0.0.0/8",
        "AUTOTHROTTLE_ENABLED": "False",
        "DOWNLOAD_DELAY": "0",
        "CONCURRENT_REQUESTS": str(concurrency),
        "CONCURRENT_REQUESTS_PER_DOMAIN": str(concurrency),
        "LOG_LEVEL": "INFO",
        "EXTENSIONS": json.dumps(extensions),
        "BENCH_STATS_FILE": str(stats_file),
    }
    if jobdir is not None:
        settings["JOBDIR"] = str(jobdir)
    settings.update(item.split("=", 1) for item in extra)
    args: list[str] = []
    for key, value in settings.items():
        args += ["-s", f"{key}={value}"]
    return args


def crawl_run(mode: str, base_url: str, pages: int, tmp: Path, *, concurrency: int,
              jobdir: bool = False, profile: Path | None = None,
              extra: list[str] = ()) -> Run:
    """``engine``: the no-op sitemap spider; ``e2e``: the paper spider with every pipeline;
    ``e2e_pool``: the same with extraction in one worker process (NEWSCRAWL_EXTRACT_PROCESSES=1).
    """
    stats_file, db = tmp / f"{mode}-stats.json", tmp / f"{mode}.sqlite3"
    sitemap = f"{base_url}/sitemap-index.xml"
    if mode == "engine":
        cmd = [SCRAPY, "runspider", str(BENCH / "crawl_noop_spider.py"), "-a", f"sitemap={sitemap}"]
    elif mode in {"e2e", "e2e_pool"}:
        cmd = [SCRAPY, "crawl", "augsburger_allgemeine", "-a", f"base_url={base_url}",
               "-a", f"start_urls={sitemap}"]
    else:
        raise ValueError(mode)
    if mode == "e2e_pool":
        extra = ["NEWSCRAWL_EXTRACT_PROCESSES=1", *extra]
    cmd += scrapy_settings(db, stats_file, concurrency, tmp / f"{mode}-job" if jobdir else None,
                           extra)
    code, outside, peak = run_measured(cmd, log=tmp / f"{mode}.log", profile=profile)
    if code != 0 or not stats_file.exists():
        raise RuntimeError(f"{mode} crawl failed (exit {code}); see {tmp / f'{mode}.log'}")
    stats = json.loads(stats_file.read_text(encoding="utf-8"))
    stats["outside_wall_s"] = outside
    # wait4's peak is one process's; with extraction workers the tree's sampled sum is larger.
    stats["peak_process_rss_mb"] = peak
    peak = max([peak, *(rss for _n, rss in stats.get("rss_samples", ()))])
    for name in (stats_file, db):
        name.unlink(missing_ok=True)
    return Run(mode, pages, stats["wall_s"], peak, stats)


def pipeline_run(site: Path, base_url: str, pages: int, tmp: Path, *, trafilatura: int = 0,
                 profile: Path | None = None, realpages: Path | None = None
                 ) -> tuple[Run, dict[str, Any]]:
    """The pipeline ceiling (and trafilatura on the first ``trafilatura`` pages; with
    ``realpages``, both on the archived pages too)."""
    cmd = [sys.executable, str(BENCH / "crawl_pipeline.py"), str(site), "--base-url", base_url,
           "--limit", str(pages), "--trafilatura", str(trafilatura)]
    if realpages is not None:
        cmd += ["--realpages", str(realpages)]
    log = tmp / "pipeline.log"
    code, _outside, peak = run_measured(cmd, log=log, profile=profile)
    text = log.read_text(encoding="utf-8")
    if code != 0:
        raise RuntimeError(f"pipeline run failed (exit {code}); see {log}")
    # The JSON document, whatever a profiler printed after it.
    data, _end = json.JSONDecoder().raw_decode(text[text.index("\n{") + 1:])
    return Run("pipeline", pages, data["pipeline"]["wall_s"], peak, data["pipeline"]), data
