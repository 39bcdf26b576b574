"""`scrapy replay SOURCE...`: web archives (WARC files, folders, globs, URLs, CC-NEWS listings)
through the crawl's own extraction, pipelines and store (docs/archives.md)."""

from __future__ import annotations

import os
import pprint
import sys
from argparse import ArgumentParser, Namespace

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from newscrawl.archive.replay import ReplayOptions, replay
from newscrawl.archive.sources import SourceError, expand
from newscrawl.middlewares.ssrf import AddressPolicy


def _mirrors(values: list[str]) -> dict[str, str]:
    mirrors = {}
    for value in values:
        spider, sep, url = value.partition("=")
        if not sep or not url.startswith(("http://", "https://")):
            raise UsageError(f"--mirror wants SPIDER=URL, got {value!r}")
        mirrors[spider] = url
    return mirrors


class Command(ScrapyCommand):
    requires_project = True
    default_settings = {"LOG_ENABLED": False}

    def syntax(self) -> str:
        return "SOURCE... [options]"

    def short_desc(self) -> str:
        return "Replay WARC archives through extraction and all pipelines into the store"

    def add_options(self, parser: ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--sites", default="known",
                            help="'known' (the paper spiders' domains, default), 'all', or a "
                                 "comma list of domains")
        parser.add_argument("--lang", help="keep only articles whose text is in this language "
                                           "(ISO 639-1, e.g. de), identified by py3langid")
        parser.add_argument("--base-url", help="resolves the relative entries of a listing "
                                               "(warc.paths[.gz])")
        parser.add_argument("--mirror", action="append", default=[], metavar="SPIDER=URL",
                            help="pages under URL are SPIDER's (a mirror, as the crawl's "
                                 "-a base_url)")
        parser.add_argument("--processes", type=int, default=os.cpu_count() or 1,
                            help="worker processes for extraction and storage, "
                                 "the machine's cores by default")
        parser.add_argument("--state", metavar="DIR",
                            help="keep progress here: the same command resumes after a kill")
        parser.add_argument("--db", help="store path or URL (default: NEWSCRAWL_DB)")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def run(self, args: list[str], opts: Namespace) -> None:
        if not args:
            raise UsageError("give at least one SOURCE (file, folder, glob, URL or listing)")
        policy = AddressPolicy(self.settings.getlist("NEWSCRAWL_ALLOWED_PRIVATE_NETWORKS"))
        try:
            sources = expand(args, base_url=opts.base_url, policy=policy)
        except SourceError as exc:
            raise UsageError(str(exc)) from exc
        options = ReplayOptions(
            sites=opts.sites, mirrors=_mirrors(opts.mirror), language=opts.lang, db=opts.db,
            processes=max(1, opts.processes), state_dir=opts.state,
            progress=not opts.no_progress)
        stats = replay(sources, self.settings, options)
        print("Replay stats:\n" + pprint.pformat(stats), file=sys.stderr)
        print(f"replayed {stats.get('newscrawl/replay/records', 0)} records from "
              f"{len(sources)} sources: {stats.get('newscrawl/replay/pages', 0)} pages kept, "
              f"{stats['newscrawl/store/articles_stored']} articles stored", file=sys.stderr)
        if stats.get("newscrawl/replay/sources/failed"):
            self.exitcode = 1
