"""What a CMS family (a publishing group's platform) shares: URL rules, entry points, selectors.

A family is a class with class attributes only; a paper spider names its family and adds its own
domain and sections. Extraction reads the selector attributes; spiders read the URL and entry-point
attributes. Layout changes become a new family version (a subclass with ``valid_from`` that
overrides only the selectors that changed) instead of overwriting the old rules, so archived pages
still parse. Spiders, ``FAMILIES`` and stored rows name the first version; the extractor picks the
version per page (``newscrawl.extract.family_version``). Versions are for the selectors: spiders
still read the URL and entry-point rules of the first version.
"""

from __future__ import annotations

import re
from datetime import date
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
    # Set in a subclass's own body, it makes the subclass a version of the parent's family.
    valid_from: ClassVar[str | None] = None
    # Set at class creation: the family's first version (the one spiders and ``FAMILIES``
    # name), this class's 1-based number among its family's versions, and all of them.
    first_version: ClassVar[type[Family]]
    version: ClassVar[int] = 1
    _versions: ClassVar[tuple[type[Family], ...]] = ()

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

    def __init_subclass__(cls, **kwargs: object) -> None:
        """Register a subclass that sets ``valid_from`` as its parent family's next version;
        any other subclass starts a family of its own."""
        super().__init_subclass__(**kwargs)
        parent = cls.__mro__[1]
        if cls.__dict__.get("valid_from") is None or parent is Family:
            cls.first_version, cls.version, cls._versions = cls, 1, (cls,)
            return
        first = parent.first_version
        last = first._versions[-1]
        if cls.name != first.name:
            raise TypeError(f"{cls.__qualname__}: a version keeps its family's name {first.name!r}")
        day = _day(cls.valid_from)  # a malformed date fails at import, not on the first page
        if last.valid_from is not None and day <= _day(last.valid_from):
            raise TypeError(f"{cls.__qualname__}: versions of {first.name!r} are declared in date "
                            f"order; valid_from {cls.valid_from} is not after {last.valid_from}")
        cls.first_version, cls.version = first, len(first._versions) + 1
        first._versions = (*first._versions, cls)

    @classmethod
    def versions(cls) -> tuple[type[Family], ...]:
        """Every version of this family, oldest first."""
        return cls.first_version._versions

    @classmethod
    def version_for(cls, day: date | None) -> type[Family]:
        """The newest version whose ``valid_from`` is not after ``day`` (the newest without a
        day: an undated page is taken as fetched now)."""
        chosen = cls.first_version
        for version in cls.versions()[1:]:
            if day is None or _day(version.valid_from) <= day:
                chosen = version
        return chosen

    @classmethod
    def versions_to_try(cls, day: date | None) -> tuple[type[Family], ...]:
        """``version_for(day)`` first, then the others newest first: the live site serves its
        old articles in the current layout, so a page predating the newest version may still
        be printed by it."""
        chosen = cls.version_for(day)
        return (chosen, *(v for v in reversed(cls.versions()) if v is not chosen))

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


def _day(value: str | None) -> date:
    """A ``valid_from`` value as a date."""
    return date.fromisoformat(value or "")


Family.first_version, Family._versions = Family, (Family,)
