"""Signs that a page renders its article client-side, so a JavaScript render is needed."""

from __future__ import annotations

import re

from lxml import etree

from newscrawl.extract.tree import text_of

_APP_ROOT_IDS = frozenset({"app", "root", "__next", "__nuxt", "___gatsby", "main-app", "svelte"})
_JS_NOTICE = re.compile(r"javascript\s+(?:aktivieren|einschalten|ist deaktiviert)|enable javascript"
                        r"|javascript (?:is )?(?:required|disabled)", re.IGNORECASE)


def needs_rendering(root: etree._Element) -> bool:
    """Whether the page shows client-side-rendering signs (empty app root, JS notice)."""
    for el in root.iter("div", "main", "section"):
        if (el.get("id") or "").lower() in _APP_ROOT_IDS and len(text_of(el)) < 200:
            return True
    for el in root.iter("noscript"):
        if _JS_NOTICE.search("".join(el.itertext())):
            return True
    return any(el.get("id") == "__NEXT_DATA__" for el in root.iter("script"))
