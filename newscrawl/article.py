"""Plain data types passed between the extraction, chrome, date and storage stages.

These are the contract between stages: extraction fills an ``ExtractedArticle`` from one parsed
page; chrome removal filters its ``blocks``; the date stage turns its ``date_candidates`` into
UTC timestamps. Nothing here touches Scrapy, so every stage can be tested on a saved page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["p", "h", "li", "quote", "pre", "ticker"]
DateField = Literal["published", "modified"]
DateSource = Literal["jsonld", "meta", "time", "text", "url", "feed", "footer", "script"]


@dataclass(slots=True)
class Block:
    """One text block of the article body, in page order.

    ``kind`` is ``p`` (paragraph), ``h`` (sub-heading), ``li`` (list item that belongs to the
    story), ``quote``, ``pre`` or ``ticker`` (a live-ticker entry); ``text`` is normalised.
    """

    kind: BlockKind
    text: str


@dataclass(slots=True)
class Image:
    """An article image: its URL, caption (printed once) and credit (``Patrick Semansky, dpa``)."""

    url: str | None
    caption: str | None = None
    credit: str | None = None

    def as_dict(self) -> dict[str, str | None]:
        return {"url": self.url, "caption": self.caption, "credit": self.credit}


@dataclass(slots=True)
class DateCandidate:
    """A date string found on the page, before parsing: which field, where found, the raw text."""

    field: DateField
    source: DateSource
    raw: str


@dataclass(slots=True)
class ExtractedArticle:
    """Everything extraction found on one page. ``is_article`` is False for index/gallery pages."""

    is_article: bool
    title: str | None = None
    kicker: str | None = None
    teaser: str | None = None
    blocks: list[Block] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    paywalled: bool = False
    language: str | None = None
    canonical_url: str | None = None
    date_candidates: list[DateCandidate] = field(default_factory=list)
    # "family:<name>" when a CMS-family profile found the body ("family:<name>@<n>" when its
    # version n > 1 did), "generic" when the generic extractor did (on its own or as
    # fallback), so site health can count fallbacks.
    extractor: str = "generic"
    needs_rendering: bool = False
    # Blocks dropped by paywall detection (scrambled text), counted by the pipeline.
    paywall_blocks_dropped: int = 0
    # Boilerplate regions (related boxes, widgets, teaser cards) skipped inside the container.
    chrome_regions_skipped: int = 0
    # Why the page came out as it did, for `scrapy evaluate --html`: the body container as a
    # CSS-path-like string (None when no container was found) and the inputs of ``is_article``.
    container: str | None = None
    signals: dict[str, object] = field(default_factory=dict)
