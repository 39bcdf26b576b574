"""SiteHealthExtension: per site of a crawl (a paper spider is one site, a multi-site crawl one
per host), what the crawl saw, its state (blocked / red / amber / green, newscrawl.health.verdict)
against the site's previous crawls, the verdict in the crawl's last log lines and in the stats
(``newscrawl/health/...``), and one record per site in the store for `scrapy health`.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.http import TextResponse

from newscrawl.crawl.signals import fetch_failed, page_walled
from newscrawl.dates import to_iso_z
from newscrawl.extract.walls import detect_wall
from newscrawl.health.history import figures_of
from newscrawl.health.sites import site_of
from newscrawl.health.tally import BLOCKING_STATUSES, SiteTally, failure_kind
from newscrawl.health.verdict import BASELINE_CRAWLS, judge
from newscrawl.store import store_for

logger = logging.getLogger(__name__)

# Refusal pages per site whose <title> is read for the evidence (one parse each).
TITLED_REFUSALS = 3
LOG_LEVELS = {"blocked": logging.ERROR, "red": logging.WARNING, "amber": logging.WARNING,
              "green": logging.INFO}


def health_figures(stats: dict[str, Any]) -> dict[str, Any]:
    """The crawl-wide health figures from its stats (the columns of a crawl record)."""
    articles_seen = sum(v for k, v in stats.items() if k.startswith("newscrawl/extract/extractor/"))
    fallbacks = stats.get("newscrawl/extract/fallback_generic", 0)
    empty = stats.get("newscrawl/chrome/empty_body", 0)
    return {
        "pages_fetched": stats.get("response_received_count", 0),
        "articles_stored": stats.get("newscrawl/store/articles_stored", 0),
        "generic_fallbacks": fallbacks,
        "empty_bodies": empty,
        "paywalled": stats.get("newscrawl/extract/paywalled", 0),
        "chrome_lines_dropped": stats.get("newscrawl/chrome/lines_dropped", 0),
        "fallback_rate": (fallbacks / articles_seen) if articles_seen else 0.0,
        "empty_rate": (empty / articles_seen) if articles_seen else 0.0,
        "article_pages": articles_seen,
    }


class SiteHealthExtension:
    """Tally every site of the crawl from signals; at the end judge, log, count and record it.

    Also keeps the crawl-wide warnings when the generic-fallback or empty-body rate crosses its
    threshold (NEWSCRAWL_HEALTH_MAX_FALLBACK_RATE, NEWSCRAWL_HEALTH_MAX_EMPTY_RATE).
    """

    def __init__(self, crawler) -> None:
        self.crawler = crawler
        self.max_fallback = crawler.settings.getfloat("NEWSCRAWL_HEALTH_MAX_FALLBACK_RATE")
        self.max_empty = crawler.settings.getfloat("NEWSCRAWL_HEALTH_MAX_EMPTY_RATE")
        self.started = datetime.now(UTC)
        self.tallies: dict[str, SiteTally] = {}

    @classmethod
    def from_crawler(cls, crawler) -> SiteHealthExtension:
        ext = cls(crawler)
        connect = crawler.signals.connect
        connect(ext.spider_opened, signal=signals.spider_opened)
        connect(ext.response_received, signal=signals.response_received)
        connect(ext.item_scraped, signal=signals.item_scraped)
        connect(ext.fetch_failed, signal=fetch_failed)
        connect(ext.page_walled, signal=page_walled)
        # Runs before the storage pipeline's close_spider (signals fire before pipelines close).
        connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    # --- tallying ----------------------------------------------------------------------------
    def tally(self, spider, url: str) -> SiteTally:
        """The tally of the site ``url`` belongs to (a paper spider declares ``site_url``)."""
        site = site_of(spider.name, bool(getattr(spider, "site_url", "")), url)
        if site not in self.tallies:
            self.tallies[site] = SiteTally(site)
        return self.tallies[site]

    def spider_opened(self, spider) -> None:
        if getattr(spider, "site_url", ""):
            self.tally(spider, "")  # a paper is a row even when nothing answered

    def response_received(self, response, request, spider) -> None:
        if urlsplit(response.url).path == "/robots.txt":
            return
        tally = self.tally(spider, request.url)
        tally.response(response.status)
        if (response.status in BLOCKING_STATUSES and isinstance(response, TextResponse)
                and sum(tally.wall_titles.values()) < TITLED_REFUSALS):
            wall = detect_wall(response.text)
            if wall is not None:
                tally.wall_titles[wall.title] += 1

    def fetch_failed(self, request, status: int | None, error: str, spider) -> None:
        self.tally(spider, request.url).failure(failure_kind(status, error))

    def page_walled(self, response, wall, spider) -> None:
        self.tally(spider, response.url).wall(wall.kind, wall.title)

    def item_scraped(self, item, response, spider) -> None:
        family = getattr(spider, "family", None)
        fallback = item.get("extractor") == "generic" and bool(
            getattr(family, "container_selector", None))
        self.tally(spider, item.get("url") or response.url).article(item, fallback=fallback)

    # --- the end of the crawl ----------------------------------------------------------------
    def spider_closed(self, spider, reason: str) -> None:
        stats = self.crawler.stats.get_stats()
        self.crawl_warnings(spider.name, health_figures(stats))
        finished = datetime.now(UTC)
        own_stats = {k: v for k, v in stats.items() if k.startswith("newscrawl/")}
        paper = bool(getattr(spider, "site_url", ""))
        for site, tally in sorted(self.tallies.items()):
            figures = tally.figures()
            figures["duration_s"] = round((finished - self.started).total_seconds(), 1)
            try:
                store = store_for(self.crawler)
                previous = [figures_of(row) for row in
                            store.crawl_history(BASELINE_CRAWLS + 5, site=site)]
            except Exception:
                logger.exception("could not read the crawl history of %s", site)
                store, previous = None, []
            verdict = judge(figures, previous, max_fallback=self.max_fallback,
                            max_empty=self.max_empty)
            figures.update(state=verdict.state, reasons=verdict.reasons,
                           change=round(verdict.change, 3))
            self.crawler.stats.inc_value(f"newscrawl/health/state/{verdict.state}")
            logger.log(LOG_LEVELS[verdict.state], "site health: %s %s%s", site,
                       verdict.state.upper(),
                       (": " + "; ".join(verdict.reasons)) if verdict.reasons else "")
            crawl_wide = health_figures(stats) if paper else {}
            record = {
                "site": site, "started_at": to_iso_z(self.started),
                "finished_at": to_iso_z(finished), "finish_reason": reason,
                "pages_fetched": figures["pages_fetched"],
                "articles_stored": crawl_wide.get("articles_stored", figures["articles"]),
                "generic_fallbacks": figures["generic_fallbacks"],
                "empty_bodies": figures["empty_bodies"], "paywalled": figures["paywalled"],
                "chrome_lines_dropped": figures["chrome_lines_dropped"],
                "fallback_rate": figures["fallback_rate"],
                "stats": {**own_stats, "health": figures},
            }
            if store is None:
                continue
            try:
                store.record_crawl(record)
            except Exception:
                logger.exception("could not record crawl health for %s", site)

    def crawl_warnings(self, name: str, figures: dict[str, Any]) -> None:
        """The crawl-wide fallback and empty-body warnings (a layout that probably changed)."""
        if figures["article_pages"] >= 5 and figures["fallback_rate"] > self.max_fallback:
            logger.warning(
                "layout of %s probably changed: %.0f%% of article pages needed the generic "
                "extractor (%d of %d)", name, 100 * figures["fallback_rate"],
                figures["generic_fallbacks"], figures["article_pages"],
            )
            self.crawler.stats.set_value("newscrawl/health/layout_warning", 1)
        if figures["article_pages"] >= 5 and figures["empty_rate"] > self.max_empty:
            logger.warning("%s: %.0f%% of article pages gave an empty body", name,
                           100 * figures["empty_rate"])
            self.crawler.stats.set_value("newscrawl/health/empty_warning", 1)
