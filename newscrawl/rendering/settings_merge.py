"""How a rendering add-on merges its settings into a crawl's, shared by Splash and Playwright."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from scrapy.settings import SETTINGS_PRIORITIES, BaseSettings

__all__ = ["merge_settings"]


def merge_settings(
    settings: BaseSettings,
    values: Mapping[str, Any],
    adjust: Callable[[str, dict[str, Any]], dict[str, Any]] | None = None,
) -> None:
    """Set ``values`` at least at add-on priority; component dicts are merged by key into the
    project's (its own middlewares and handlers stay), then passed through ``adjust(key, dict)``
    if given."""
    for key, value in values.items():
        priority = max(settings.getpriority(key) or 0, SETTINGS_PRIORITIES["addon"])
        if isinstance(value, dict):
            value = {**settings.getdict(key), **value}
            if adjust is not None:
                value = adjust(key, value)
        settings.set(key, value, priority=priority)
