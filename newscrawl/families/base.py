"""What a CMS family (a publishing group's platform) shares: URL rules, entry points, selectors.

A family is a class with class attributes only; a paper spider names its family and adds its own
domain and sections. Extraction reads the selector attributes; spiders read the URL and entry-point
attributes. Layout changes become a new family version (a subclass with ``valid_from``) instead of
overwriting the old rules, so archived pages still parse.
"""

from __future__ import annotations

import re
from typing import ClassVar
from urllib.parse import urlsplit


class Family:
    """Base CMS family. Selectors are CSS (parsel); empty means "the generic extractor decides"."""

    name: ClassVar[str] = "generic"
    # Hostnames (without "www.") of papers on this platform; used to pick the profile for a URL.
    domains: ClassVar[tuple[str, ...]] = ()
    # Substrings of the raw HTML that identify the platform when the domain is unknown.
    fingerprints: ClassVar[tuple[str, ...]] = ()
    # First date (YYYY-MM-DD) this version of the rules applies to; older pages use the parent.
    valid_from: ClassVar[str | None] = None

    # --- crawling -------------------------------------------------------------------------
    # Regex searched in the URL's path (not its query) that only article pages match.
    article_url_pattern: ClassVar[str] = r""
    # Entry points relative to the site root, in order of preference.
    news_sitemap_paths: ClassVar[tuple[str, ...]] = ()
    sitemap_paths: ClassVar[tuple[str, ...]] = ()
    feed_paths: ClassVar[tuple[str, ...]] = ()
    # Regex matched against a section page's links that lead to its next page.
    pagination_selector: ClassVar[str] = "a[rel=next]::attr(href)"
    # URL regexes whose pages need a JavaScript render (Splash).
    render_url_patterns: ClassVar[tuple[str, ...]] = ()

    # --- extraction -----------------------------------------------------------------------
    # Where the platform keeps the headline as printed: "h1", "og", "jsonld", "meta" or None
    # (let the extractor decide).
    title_source: ClassVar[str | None] = None
    # Whether the meta/og description is the article's teaser on this platform.
    teaser_from_description: ClassVar[bool] = False
    container_selector: ClassVar[str] = ""
    title_selector: ClassVar[str] = ""
    kicker_selector: ClassVar[str] = ""
    teaser_selector: ClassVar[str] = ""
    paragraph_selector: ClassVar[str] = ""
    subheading_selector: ClassVar[str] = ""
    author_selector: ClassVar[str] = ""
    section_selector: ClassVar[str] = ""
    figure_selector: ClassVar[str] = "figure"
    caption_selector: ClassVar[str] = "figcaption"
    credit_selector: ClassVar[str] = ""
    # Elements removed from the container before text is read (related boxes, widgets, ads).
    drop_selectors: ClassVar[tuple[str, ...]] = ()
    # Elements whose presence marks a paywalled (Plus) article.
    paywall_selectors: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def is_article_url(cls, url: str) -> bool:
        """Whether ``url``'s path looks like an article of this family (True without a pattern)."""
        if not cls.article_url_pattern:
            return True
        return re.search(cls.article_url_pattern, urlsplit(url).path) is not None

    @classmethod
    def matches_host(cls, host: str) -> bool:
        """Whether ``host`` (e.g. ``www.waz.de``) belongs to one of this family's domains."""
        host = host.lower().removeprefix("www.")
        return any(host == d or host.endswith("." + d) for d in cls.domains)
