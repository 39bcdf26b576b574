"""ChromeRemovalPipeline: UI chrome out of the body blocks, then the body text is assembled."""

from __future__ import annotations

from typing import Any

from itemadapter import ItemAdapter

from newscrawl.article import Block
from newscrawl.chrome import clean_blocks, strip_inline_chrome
from newscrawl.extract.textkey import comparison_key

BLOCK_SEPARATOR = "\n\n"


class ChromeRemovalPipeline:
    """Drop chrome lines (navigation, widgets, promos, captions) and inline teasers from the
    body; join what is left into ``body`` with a blank line between blocks.

    Every dropped line is counted under ``newscrawl/chrome/dropped/<reason>`` and in total under
    ``newscrawl/chrome/lines_dropped``. A story whose only text is its lead gets the lead as its
    body (``newscrawl/chrome/lead_as_body``).
    """

    def __init__(self, stats) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler) -> ChromeRemovalPipeline:
        return cls(crawler.stats)

    def process_item(self, item: Any, spider=None) -> Any:
        adapter = ItemAdapter(item)
        blocks: list[Block] = adapter.get("blocks") or []
        captions = [img.get("caption") for img in adapter.get("images") or [] if img.get("caption")]
        result = clean_blocks(
            blocks, title=adapter.get("title"), teaser=adapter.get("teaser"), captions=captions,
            authors=adapter.get("authors") or (),
        )
        for _text, reason in result.dropped:
            self.stats.inc_value("newscrawl/chrome/lines_dropped")
            self.stats.inc_value(f"newscrawl/chrome/dropped/{reason}")
        kept: list[Block] = []
        for block in result.blocks:
            # Only a text that inline chrome was cut out of can hold more of it.
            if result.stripped and block.text in result.stripped:
                text = strip_inline_chrome(block.text)
                if text != block.text:
                    self.stats.inc_value("newscrawl/chrome/inline_stripped")
            else:
                text = block.text
            if text:
                kept.append(Block(block.kind, text))
        teaser = adapter.get("teaser")
        if teaser:
            teaser = adapter["teaser"] = strip_inline_chrome(teaser) or None
        if teaser and comparison_key(teaser) == comparison_key(adapter.get("title")):
            # The headline printed again under itself (or a description that only repeats it)
            # is no lead.
            teaser = adapter["teaser"] = None
            self.stats.inc_value("newscrawl/chrome/teaser_is_title")
        if not kept and teaser:
            # A story whose only text is its lead (a short news item, a police report): the
            # lead is the body, not a teaser over an empty one.
            kept = [Block("p", teaser)]
            adapter["teaser"] = None
            self.stats.inc_value("newscrawl/chrome/lead_as_body")
        adapter["blocks"] = kept
        adapter["chrome_dropped"] = len(result.dropped)
        adapter["body"] = BLOCK_SEPARATOR.join(block.text for block in kept)
        # Block texts are normalised (one space between words, none at either end).
        adapter["word_count"] = adapter["body"].count(" ") + len(kept)
        if not kept:
            self.stats.inc_value("newscrawl/chrome/empty_body")
        return item
