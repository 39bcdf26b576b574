"""ScrapydRuntime: a Scrapy add-on that stops a scrapyd-started crawl that would go wrong quietly.

- NEWSCRAWL_DB relative: scrapyd starts crawls in its own working directory, so a relative SQLite
  path would create a new, empty store there.
- scrapyd started inside a Scrapy project tree: the crawl would import the working copy (the
  runner puts the working directory first on sys.path) instead of the deployed egg.

Outside scrapyd it does nothing.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from scrapy.settings import BaseSettings
from scrapy.utils.conf import closest_scrapy_cfg

import newscrawl

logger = logging.getLogger(__name__)


class ScrapydRuntimeError(ValueError):
    """A crawl started by scrapyd is set up so that it would go wrong quietly."""


class RelativeStoreError(ScrapydRuntimeError):
    """NEWSCRAWL_DB is a relative path in a crawl started by scrapyd."""


def running_under_scrapyd() -> bool:
    """True in a crawl process started by scrapyd (its runner, or newscrawl loaded from an egg)."""
    main = sys.modules.get("__main__")
    spec = getattr(main, "__spec__", None)
    if spec is not None and spec.name == "scrapyd.runner":
        return True
    return any(part.endswith(".egg") for part in Path(newscrawl.__file__).parts)


def is_relative_store(value: str | None) -> bool:
    """A NEWSCRAWL_DB value that depends on the working directory (a relative file path)."""
    value = (value or "").strip()
    if not value:
        return True
    if "://" in value:
        # sqlite:////abs/path has four slashes; sqlite:///rel/path is relative to the cwd.
        return value.startswith("sqlite:///") and not value.startswith("sqlite:////")
    return not Path(value).expanduser().is_absolute()


class ScrapydRuntime:
    """Fail a scrapyd-started crawl at once, with a clear message, when NEWSCRAWL_DB is relative
    or scrapyd runs inside a project tree."""

    def update_settings(self, settings: BaseSettings) -> None:
        if not running_under_scrapyd():
            return
        project_cfg = closest_scrapy_cfg()
        if project_cfg:
            message = (
                f"scrapyd runs inside a Scrapy project ({project_cfg}): this crawl would use the "
                "working copy instead of the deployed egg. Start scrapyd from its own directory "
                "(deploy/scrapyd.service: WorkingDirectory=/var/lib/scrapyd)."
            )
            logger.error(message)
            raise ScrapydRuntimeError(message)
        value = settings.get("NEWSCRAWL_DB")
        if is_relative_store(value):
            message = (
                f"NEWSCRAWL_DB={value!r} is a relative path, but this crawl was started by scrapyd "
                "(working directory: scrapyd's). Set an absolute path or a database URL: "
                "Environment=NEWSCRAWL_DB=… in the scrapyd unit, or NEWSCRAWL_DB in the job's "
                "settings in deploy/schedule.toml."
            )
            logger.error(message)
            raise RelativeStoreError(message)
