"""JSON-LD ``articleBody`` as a second opinion on the blocks read from the page.

When a page ships the story text in its structured data, a block whose text does not occur in it
is page furniture (a caption, a promo, a teaser of another story). The check only runs when the
structured text is complete — our matched blocks reach its end — so a paywall-truncated
``articleBody`` never removes real paragraphs. When the page's DOM holds a different text
altogether (client-rendered article, DOM shows another story), the ``articleBody`` paragraphs
replace the blocks.
"""

from __future__ import annotations

import html
import re

from newscrawl.article import Block
from newscrawl.extract.textkey import comparison_key
from newscrawl.extract.tree import norm

# Blocks shorter than this (as key characters) are not judged; headings never are.
MIN_JUDGED_CHARS = 25
# articleBody counts as complete when matched blocks reach this far into it.
COMPLETE_SHARE = 0.85
# Below this share of articleBody covered by our blocks, the DOM holds another text.
REPLACE_BELOW = 0.3
MIN_ARTICLE_BODY_CHARS = 400


def reconcile(blocks: list[Block], article_body: str | None, keep: str | None = None
              ) -> tuple[list[Block], int]:
    """Blocks checked against ``article_body``; returns (blocks, how many were dropped).

    A block equal to ``keep`` (the teaser) is never dropped: many sites leave the lead out of
    ``articleBody``.
    """
    if not article_body or len(article_body) < MIN_ARTICLE_BODY_CHARS:
        return blocks, 0
    body_key = comparison_key(_plain(article_body))
    if not body_key:
        return blocks, 0
    positions: list[int | None] = []
    covered = 0
    keys = [comparison_key(block.text) for block in blocks]
    for key in keys:
        pos = body_key.find(key) if len(key) >= MIN_JUDGED_CHARS else -1
        positions.append(pos if pos >= 0 else None)
        if pos >= 0:
            covered += len(key)
    if covered < REPLACE_BELOW * len(body_key):
        return paragraphs_of(article_body), 0
    reach = max((p + len(k) for p, k in zip(positions, keys, strict=True) if p is not None),
                default=0)
    if reach < COMPLETE_SHARE * len(body_key):
        return blocks, 0
    keep_key = comparison_key(keep or "")
    kept: list[Block] = []
    for block, pos, key in zip(blocks, positions, keys, strict=True):
        judged = block.kind != "h" and len(key) >= MIN_JUDGED_CHARS
        if judged and pos is None and not (keep_key and (key in keep_key or keep_key in key)):
            continue
        kept.append(block)
    return kept, len(blocks) - len(kept)


# Block-level tags some CMSs leave in articleBody ("<p>…</p><p>…</p>"): paragraph boundaries.
_BLOCK_BREAK = re.compile(r"\n+|<(?:/?p|br|/div|/h[1-6]|/li|/blockquote)\b[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]{0,300}>")


def _plain(article_body: str) -> str:
    """articleBody as text. Tags some CMSs leave in it (<a href="…">MacBook Pro</a>) and
    entities escaped twice (&amp;quot;) are not text: keyed with them, every paragraph holding a
    link or a quote was "not in articleBody" and dropped."""
    text = html.unescape(article_body) if "&" in article_body else article_body
    return _TAG.sub(" ", text) if "<" in text else text


def paragraphs_of(article_body: str) -> list[Block]:
    """articleBody split into paragraph blocks at line breaks and block-level tags."""
    parts = [norm(html.unescape(_TAG.sub("", p))) for p in _BLOCK_BREAK.split(article_body)]
    return [Block("p", p) for p in parts if p]
