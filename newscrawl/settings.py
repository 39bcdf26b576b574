"""Scrapy settings for newscrawl, by stage in the order a page goes through them.

Every ``NEWSCRAWL_*`` default is written here and nowhere else (components read it without a
literal fallback); each is explained in README.md's settings table (tests/test_settings.py checks
both). Each component dict (DOWNLOADER_MIDDLEWARES, ITEM_PIPELINES, EXTENSIONS, ADDONS) is
written once.
"""

from __future__ import annotations

import os

from newscrawl import __version__
from newscrawl.crawl import scrapy_compat
from newscrawl.items import EXPORT_FIELDS

BOT_NAME = "newscrawl"
SPIDER_MODULES = ["newscrawl.spiders"]
NEWSPIDER_MODULE = "newscrawl.spiders"
COMMANDS_MODULE = "newscrawl.commands"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
TELNETCONSOLE_ENABLED = False
LOG_LEVEL = os.environ.get("NEWSCRAWL_LOG_LEVEL", "INFO")

# --- identity & politeness ----------------------------------------------------------------------
# An honest User-Agent with a contact (set it; read from the environment).
NEWSCRAWL_CONTACT = os.environ.get("NEWSCRAWL_CONTACT", "https://example.org/newscrawl-contact")
USER_AGENT = f"newscrawl/{__version__} (+{NEWSCRAWL_CONTACT})"
ROBOTSTXT_OBEY = True
COOKIES_ENABLED = False
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
# Keeps the per-site limit on Scrapy 2.14+, which overshoots it with DOWNLOAD_DELAY = 0.
DOWNLOADER = "newscrawl.crawl.downloader.SlotBoundDownloader"
DOWNLOAD_DELAY = 0.25
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
# Longest Retry-After (seconds) waited for; a site asking for more is not retried.
NEWSCRAWL_RETRY_AFTER_MAX = 60
# A site answering 429/503 is slowed down as a whole: its slot delay goes to the Retry-After it
# asked for (or doubles, at least 1 s), at most this many seconds, and halves back with each
# success (BackoffMiddleware).
NEWSCRAWL_BACKOFF_MAX_DELAY = 60
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024

# --- discovery & downloader middlewares ---------------------------------------------------------
# Loopback/private networks a crawl may reach (CIDR list); empty = public internet only.
NEWSCRAWL_ALLOWED_PRIVATE_NETWORKS: list[str] = []
# SafeResolver re-checks what the downloader itself resolves (docs/reliability.md). Scrapy 2.14+
# reads TWISTED_DNS_RESOLVER and deprecates the old name, which 2.13 reads.
TWISTED_DNS_RESOLVER = "newscrawl.middlewares.ssrf.SafeResolver"
if scrapy_compat.DNS_RESOLVER_SETTING == "DNS_RESOLVER":
    DNS_RESOLVER = TWISTED_DNS_RESOLVER
# Incremental crawls: stored articles are not fetched again unless younger than this many hours
# (those are re-checked with If-None-Match / If-Modified-Since).
NEWSCRAWL_INCREMENTAL = True
NEWSCRAWL_REFRESH_WINDOW_HOURS = 48
DOWNLOADER_MIDDLEWARES = {
    # First, before OffsiteMiddleware and robots.txt: every request (entry points, redirects,
    # retries, Splash targets) is checked before any connection.
    "newscrawl.middlewares.ssrf.SsrfMiddleware": 40,
    # Before robots.txt and retries: a skipped stored article costs no request at all.
    "newscrawl.middlewares.incremental.IncrementalMiddleware": 50,
    # Scrapy's retry, decompression and redirect middlewares, replaced by subclasses that honour
    # Retry-After and count bombs, corrupt encodings and redirect loops (same positions).
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "newscrawl.middlewares.retry.RetryAfterMiddleware": 550,
    # Per-site back-off after 429/503; before RetryAfterMiddleware (550) in the response path,
    # so it sees the 429/503 first.
    "newscrawl.middlewares.politeness.BackoffMiddleware": 560,
    # Counts and logs hostile or broken responses and download errors; changes nothing.
    "newscrawl.middlewares.badinput.BadInputMiddleware": 585,
    "scrapy.downloadermiddlewares.httpcompression.HttpCompressionMiddleware": None,
    # Decompression that counts gzip bombs and corrupt encodings.
    "newscrawl.middlewares.badinput.CountingHttpCompressionMiddleware": 590,
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
    # Redirects that detect loops.
    "newscrawl.middlewares.badinput.LoopAwareRedirectMiddleware": 600,
}

# --- spider & extraction ------------------------------------------------------------------------
# 0: article pages are extracted in the crawl process. N > 0: extract_article runs in a pool of
# N worker processes (spawn-started, warmed once) while the engine, the render decision and the
# item pipelines stay in the crawl process, so a crawl uses more than one core. A dead worker
# costs nothing but a log line: its page is extracted in process and the pool replaced.
# See newscrawl/crawl/extraction_workers.py and docs/performance.md. Also read from the
# environment: how many cores a crawl may take is the machine's business (1 on a 2-core machine).
NEWSCRAWL_EXTRACT_PROCESSES = int(os.environ.get("NEWSCRAWL_EXTRACT_PROCESSES") or 0)

# --- item pipelines -----------------------------------------------------------------------------
ITEM_PIPELINES = {
    # UI chrome out of the body blocks, then the body text assembled.
    "newscrawl.pipelines.chrome.ChromeRemovalPipeline": 200,
    # Date candidates to published_at / modified_at in UTC.
    "newscrawl.pipelines.dates.DateNormalizationPipeline": 300,
    # canonical_url and content_hash; a second copy of one canonical URL in a crawl dropped.
    "newscrawl.pipelines.dedup.DeduplicationPipeline": 400,
    # Into the store (NEWSCRAWL_DB); stops the spider at NEWSCRAWL_LIMIT.
    "newscrawl.pipelines.storage.StoragePipeline": 500,
}
# Items processed in parallel per response. Scrapy's default (100) sets up 100 cooperative tasks
# for every callback result; a page yields one item, so that is pure overhead (engine CPU per
# page 2.6x lower with 1; see docs/performance.md). Responses are still processed concurrently.
CONCURRENT_ITEMS = 1
FEED_EXPORT_ENCODING = "utf-8"
FEED_EXPORT_FIELDS = list(EXPORT_FIELDS)

# --- store & dedup ------------------------------------------------------------------------------
# Where articles are stored: a file path (SQLite) or a database URL (sqlite:///…, postgresql://…).
NEWSCRAWL_DB = os.environ.get("NEWSCRAWL_DB", "data/newscrawl.sqlite3")
# Stop a spider after this many stored articles (0 = no limit); `-a limit=N` sets it per crawl.
NEWSCRAWL_LIMIT = 0
# Near-duplicates (wire copies across papers): Jaccard similarity of word shingles of the cleaned
# body from which two articles are one story; MinHash permutations; shingle length in words;
# bodies shorter than MIN_WORDS are only matched exactly (content hash).
NEWSCRAWL_NEARDUP_THRESHOLD = 0.7
NEWSCRAWL_NEARDUP_NUM_PERM = 128
NEWSCRAWL_NEARDUP_SHINGLE_WORDS = 5
NEWSCRAWL_NEARDUP_MIN_WORDS = 40

# --- extensions ---------------------------------------------------------------------------------
EXTENSIONS = {
    # Checkpoints and resumes a crawl; only with JOBDIR.
    "newscrawl.extensions.resume.ResumeExtension": 0,
    # Per-site rates of generic fallbacks and empty bodies; warns when a layout probably changed.
    "newscrawl.extensions.site_health.SiteHealthExtension": 500,
    # Keeps rejected pages and failing ones for reprocessing (NEWSCRAWL_QUARANTINE_*).
    "newscrawl.extensions.quarantine.QuarantineExtension": 510,
}
# Site-health warning thresholds, as a share of article pages in one crawl.
NEWSCRAWL_HEALTH_MAX_FALLBACK_RATE = 0.2
NEWSCRAWL_HEALTH_MAX_EMPTY_RATE = 0.2
# Spider rejections whose pages are kept in the quarantine table (plus every callback/pipeline
# exception); bodies kept up to NEWSCRAWL_QUARANTINE_MAX_BYTES.
NEWSCRAWL_QUARANTINE_REASONS = ["empty_body", "not_html", "unknown_entry", "bad_gzip"]
NEWSCRAWL_QUARANTINE_MAX_BYTES = 2 * 1024 * 1024

# --- JavaScript rendering (Splash or Chromium) --------------------------------------------------
# One renderer per crawl, switched on by its setting (environment or -s); none set, no rendering
# (docs/rendering.md). Splash: the SplashAddon wires scrapy-splash in.
SPLASH_URL = os.environ.get("SPLASH_URL") or None
# Chromium through scrapy-playwright (PlaywrightAddon): a local executable (Debian's
# /usr/bin/chromium), launched headless; or a running one's DevTools URL (another machine).
NEWSCRAWL_CHROMIUM = os.environ.get("NEWSCRAWL_CHROMIUM") or None
PLAYWRIGHT_CDP_URL = os.environ.get("PLAYWRIGHT_CDP_URL") or None

# --- distributed mode ---------------------------------------------------------------------------
# With REDIS_URL (environment or -s), workers on any number of machines share one scrapy-redis
# queue and dupefilter; see docs/operations.md. Without it the RedisMode add-on changes nothing.
REDIS_URL = os.environ.get("REDIS_URL") or None
# Keys are <prefix>:<spider>:requests|dupefilter|start_urls|workers.
NEWSCRAWL_REDIS_PREFIX = "newscrawl"
# A worker with nothing to do closes after this many seconds without a response (0 = never).
NEWSCRAWL_REDIS_IDLE_CLOSE = 30
# Seconds between a worker's heartbeats in <prefix>:<spider>:workers. A worker silent for
# WORKER_TIMEOUT seconds (at least three heartbeats) counts as crashed: the last live worker to
# leave ends the run.
NEWSCRAWL_REDIS_HEARTBEAT = 10
NEWSCRAWL_REDIS_WORKER_TIMEOUT = 60
# `scrapy replay` with REDIS_URL: a machine holds the source it reads for this long, renewed
# as it reads; a source whose machine died is taken over once its lease ran out.
NEWSCRAWL_REPLAY_LEASE_SECONDS = 120

# --- scheduling & add-ons -----------------------------------------------------------------------
# Scheduled crawls run under scrapyd (docs/operations.md). The schedule file newscrawl-scheduler
# reads when no --config is given (read from the environment: it is the deployment's business).
NEWSCRAWL_SCHEDULE = os.environ.get("NEWSCRAWL_SCHEDULE") or "deploy/schedule.toml"
# The add-ons switch the stages above on from their settings.
ADDONS = {
    # Distributed mode when REDIS_URL is set; inert otherwise.
    "newscrawl.distributed.RedisMode": 0,
    # Under scrapyd, refuse a relative NEWSCRAWL_DB (it would land in scrapyd's working dir).
    "newscrawl.scheduler.runtime.ScrapydRuntime": 0,
    # Wires scrapy-splash in when SPLASH_URL is set (environment or -s); inert otherwise.
    "newscrawl.rendering.splash.SplashAddon": 0,
    # Wires scrapy-playwright in when NEWSCRAWL_CHROMIUM or PLAYWRIGHT_CDP_URL is set; inert
    # otherwise.
    "newscrawl.rendering.playwright.PlaywrightAddon": 0,
    # Request fingerprints as 8-byte hashes unless another dupefilter was chosen (flat memory).
    "newscrawl.crawl.dupefilter.CompactDupeFilterAddon": 10,
}
