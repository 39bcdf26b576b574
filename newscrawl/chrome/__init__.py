"""UI-chrome removal: phrases as data (``phrases.py``), agency notes (``agencies.py``), line
shapes that are chrome in any language (``datelines.py``, ``counters.py``) and the block filter
(``filter.py``)."""

from newscrawl.chrome.filter import (
    CleanResult,
    clean_blocks,
    looks_like_chrome,
    strip_inline_chrome,
)

__all__ = ["CleanResult", "clean_blocks", "looks_like_chrome", "strip_inline_chrome"]
