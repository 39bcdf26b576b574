"""`scrapy export`: stored articles as JSON Lines, CSV or Parquet (export keys), or the raw pages as
WARC."""

from __future__ import annotations

import csv
import json
import sys
from argparse import ArgumentParser, Namespace
from typing import IO, Any

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from newscrawl.items import EXPORT_FIELDS
from newscrawl.store import open_store
from newscrawl.store.parquet import write_parquet
from newscrawl.store.warc import export_warc


def write_jsonl(records, out: IO[str]) -> int:
    count = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(records, out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=list(EXPORT_FIELDS), extrasaction="ignore")
    writer.writeheader()
    count = 0
    for record in records:
        writer.writerow({k: json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v
                         for k, v in record.items()})
        count += 1
    return count


class Command(ScrapyCommand):
    requires_project = True
    default_settings = {"LOG_ENABLED": False}

    def syntax(self) -> str:
        return "-o FILE [options]"

    def short_desc(self) -> str:
        return "Export stored articles as JSON Lines, CSV or Parquet"

    def add_options(self, parser: ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("-o", "--output", default="-",
                            help="output file (.jsonl, .csv or .parquet; '-': stdout, the default)")
        parser.add_argument("--format", choices=("jsonl", "csv", "parquet"),
                            help="output format (default: from the file name, else jsonl)")
        parser.add_argument("--site", help="only articles of this spider")
        parser.add_argument("--since", help="only articles published on/after (YYYY-MM-DD)")
        parser.add_argument("--until", help="only articles published before (YYYY-MM-DD)")
        parser.add_argument("--include-duplicates", action="store_true",
                            help="also export copies of stories stored under another URL")
        parser.add_argument("--db", help="store path or URL (default: NEWSCRAWL_DB)")
        parser.add_argument("--warc", metavar="FILE",
                            help="write the stored raw pages to FILE (.warc.gz) instead")

    def run(self, args: list[str], opts: Namespace) -> None:
        store = open_store(self.settings, opts.db)
        if opts.warc:
            count = export_warc(store, opts.warc, site=opts.site)
            store.close()
            print(f"exported {count} pages to {opts.warc}", file=sys.stderr)
            return
        fmt = opts.format or next((f for f in ("csv", "parquet") if opts.output.endswith(
            f".{f}")), "jsonl")
        records: Any = store.iter_articles(
            site=opts.site, since=opts.since, until=opts.until,
            include_duplicates=opts.include_duplicates,
        )
        if fmt == "parquet":
            if opts.output == "-":
                raise UsageError("Parquet needs a file: -o corpus.parquet")
            count = write_parquet(records, opts.output)
            store.close()
            print(f"exported {count} articles to {opts.output}", file=sys.stderr)
            return
        writer = write_csv if fmt == "csv" else write_jsonl
        if opts.output == "-":
            count = writer(records, sys.stdout)
        else:
            with open(opts.output, "w", encoding="utf-8", newline="") as out:
                count = writer(records, out)
        store.close()
        print(f"exported {count} articles to {opts.output}", file=sys.stderr)
