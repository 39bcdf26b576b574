"""Summarize a py-spy raw (collapsed stacks) profile: top functions by own and total time.

    python benchmarks/profile_summary.py PROFILE.txt [--top 25] [--filter newscrawl]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

_FRAME = re.compile(r"^(?P<func>.*?) \((?P<file>[^)]*?)(?::\d+)?\)$")


def frame_name(frame: str) -> str:
    """"f (pkg/mod.py:42)" -> "pkg/mod.py:f" (site-packages and repo prefixes dropped)."""
    match = _FRAME.match(frame.strip())
    if not match:
        return frame.strip()
    path = match["file"]
    for marker in ("site-packages/", "/work/main/", "lib/python3.11/"):
        if marker in path:
            path = path.split(marker, 1)[1]
    return f"{path}:{match['func']}"


def summarize(lines: list[str], within: str = "") -> tuple[int, Counter[str], Counter[str]]:
    """Samples, own and inclusive counts per function; only stacks through ``within`` count."""
    own: Counter[str] = Counter()
    total: Counter[str] = Counter()
    samples = 0
    for line in lines:
        stack, _, count = line.rstrip().rpartition(" ")
        if not stack or not count.isdigit() or within not in stack:
            continue
        n = int(count)
        samples += n
        frames = [frame_name(f) for f in stack.split(";")]
        own[frames[-1]] += n
        for name in set(frames):
            total[name] += n
    return samples, own, total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("profile", type=Path)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--filter", default="", help="only functions whose name contains this")
    parser.add_argument("--within", default="",
                        help="only samples whose stack contains this (e.g. run_forever, "
                             "run_pipeline: the steady state without start-up imports)")
    args = parser.parse_args(argv)
    lines = args.profile.read_text(encoding="utf-8").splitlines()
    samples, own, total = summarize(lines, args.within)
    print(f"{samples} samples")
    for title, counter in (("total (inclusive)", total), ("own (self)", own)):
        print(f"\n{title}:")
        shown = 0
        for name, n in counter.most_common():
            if args.filter in name:
                print(f"  {100 * n / samples:5.1f}%  {name}")
                shown += 1
                if shown >= args.top:
                    break
    return 0


if __name__ == "__main__":
    sys.exit(main())
