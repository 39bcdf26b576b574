"""Replay throughput and memory: `scrapy replay --sites all` over a CC-NEWS-like WARC of real
pages (benchmarks/warc_corpus.py: ../shared/realpages + benchpages repeated, 80% noise) into a
fresh SQLite store, with 1 and with N worker processes; then `scrapy export -o x.parquet` of
what was stored. CPU seconds are those of every process of a run, and apart those of the
reading process and of the workers: with perfect scaling two processes use as many as one, and
the ratio does not depend on what else the machine runs, which wall time does. Peak RSS of the
reading process and of the largest worker come from the replay's ``memusage/max`` and
``memusage/workers_max`` stats.

    python benchmarks/bench_replay.py --records 10000 --processes 1 2 --repeat 3
    python benchmarks/bench_replay.py --records 100000 --processes 2 --no-export
"""

from __future__ import annotations

import argparse
import ast
import subprocess
import sys
from pathlib import Path

from warc_corpus import build

ROOT = Path(__file__).resolve().parents[1]
SCRAPY = str(Path(sys.executable).with_name("scrapy"))


def timed(cmd: list[str]) -> tuple[float, int, float, str]:
    """Seconds, peak RSS (MB) of the command's largest process, CPU seconds of all its processes,
    and its stderr. Each command runs under its own python so RUSAGE_CHILDREN covers that
    command alone. CPU seconds do not depend on what else the machine runs; wall time does."""
    wrapper = ("import resource,subprocess,sys,time;t=time.perf_counter();"
               "r=subprocess.run(sys.argv[1:],capture_output=True,text=True);"
               "sys.stderr.write(r.stderr);u=resource.getrusage(resource.RUSAGE_CHILDREN);"
               "print(time.perf_counter()-t,u.ru_maxrss,u.ru_utime+u.ru_stime);"
               "sys.exit(r.returncode)")
    result = subprocess.run([sys.executable, "-c", wrapper, *cmd], cwd=ROOT,
                            capture_output=True, text=True, check=False)
    if result.returncode:
        raise SystemExit(result.stderr[-3000:])
    seconds, rss, cpu = result.stdout.split()
    return float(seconds), int(rss) // 1024, float(cpu), result.stderr


# `scrapy ARGS` run in this interpreter, then its own CPU seconds (the reading process: reading,
# triage, handing pages over; with one process also extraction) and those of its reaped children
# (the worker processes), as the last line of stderr.
CPU_SPLIT = """
import resource, sys
from scrapy.cmdline import execute
code = 0
try:
    execute(["scrapy", *sys.argv[1:]])
except SystemExit as exc:
    code = exc.code or 0
own, children = (resource.getrusage(who) for who in (resource.RUSAGE_SELF,
                                                     resource.RUSAGE_CHILDREN))
print("cpu seconds:", own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime,
      file=sys.stderr)
sys.exit(code)
"""


def replay_stats(stderr: str) -> dict[str, int]:
    text = stderr.split("Replay stats:\n", 1)[1]
    return ast.literal_eval(text[:text.index("}") + 1])


def run_replay(warc: Path, processes: int, db: Path) -> dict[str, float]:
    """One replay into a fresh store: wall and CPU seconds (all processes, the reading process,
    the workers), pages, and peak RSS (MB) of the reading process and of the largest worker."""
    db.unlink(missing_ok=True)
    seconds, rss, cpu, stderr = timed([sys.executable, "-c", CPU_SPLIT, "replay", str(warc),
                                       "--sites", "all", "--processes", str(processes),
                                       "--db", str(db), "--no-progress"])
    reader_cpu, workers_cpu = map(float, stderr.rsplit("cpu seconds:", 1)[1].split()[:2])
    stats = replay_stats(stderr)
    return {"seconds": seconds, "cpu": cpu, "rss": rss,
            "reader_cpu": reader_cpu, "workers_cpu": workers_cpu,
            "records": stats["newscrawl/replay/records"],
            "pages": stats["newscrawl/replay/pages"],
            "stored": stats["newscrawl/store/articles_stored"],
            "reader_rss": stats["memusage/max"] >> 20,
            "worker_rss": stats.get("memusage/workers_max", 0) >> 20}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=1,
                        help="rounds; each round runs every --processes value once, side by "
                             "side in time, so the ratios of one round share the machine's load")
    parser.add_argument("--no-export", action="store_true", help="skip the Parquet export")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/newscrawl-bench"))
    args = parser.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    warc = args.cache / f"ccnews-{args.records}.warc.gz"
    if not warc.exists():
        build(warc, args.records)
    print(f"{warc}: {warc.stat().st_size / 1e6:.0f} MB, {args.records} records")
    db = args.cache / "replay.sqlite3"
    for round_ in range(1, args.repeat + 1):
        base: dict[str, float] = {}
        for processes in args.processes:
            db = args.cache / f"replay-{processes}.sqlite3"
            run = run_replay(warc, processes, db)
            base = base or run
            pages = run["pages"]
            print(f"round {round_} replay --processes {processes}: {run['seconds']:.1f} s, "
                  f"{run['records'] / run['seconds']:,.0f} records/s, "
                  f"{pages / run['seconds']:.1f} pages/s "
                  f"({base['seconds'] / run['seconds']:.2f}x wall), "
                  f"{run['stored']} articles stored, {run['cpu']:.1f} CPU s "
                  f"(reader {run['reader_cpu']:.1f} + workers {run['workers_cpu']:.1f}; "
                  f"{pages / run['cpu']:.1f} pages per CPU s, "
                  f"{run['cpu'] / base['cpu']:.2f}x CPU), peak RSS reader "
                  f"{run['reader_rss']} MB, largest worker {run['worker_rss']} MB", flush=True)
    if args.no_export:
        return
    out = args.cache / "corpus.parquet"
    seconds, rss, _cpu, _ = timed([SCRAPY, "export", "--db", str(db), "-o", str(out)])
    print(f"export -o corpus.parquet: {seconds:.1f} s, peak RSS {rss} MB, "
          f"{out.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
