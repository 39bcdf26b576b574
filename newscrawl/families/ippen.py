"""IPPEN.MEDIA network (Merkur, tz, HNA, FR, OVB, Kreiszeitung …): one CMS, ``id-StoryElement-*``.

Evidence: realpages Merkur page (``id-StoryElement-*`` classes, JSON-LD NewsArticle);
reference/regional-papers.md §2 (Fundus MerkurParser: title from og:title, body
``p.id-StoryElement-paragraph``, lead ``p.id-StoryElement-leadText``, crossheads
``h2.id-StoryElement-crosshead``, images ``figure.id-StoryElement-image``, credit after "©").
"""

from __future__ import annotations

from typing import ClassVar

from newscrawl.families.base import Family


class IppenFamily(Family):
    """Ippen Digital story pages."""

    name = "ippen"
    domains = (
        "merkur.de", "tz.de", "hna.de", "fr.de", "fnp.de", "op-online.de", "ovb-online.de",
        "rosenheim24.de", "kreiszeitung.de", "wa.de", "rga.de", "msl24.de",
        "giessener-allgemeine.de", "idowa.de", "24vest.de", "24hamburg.de", "chiemgau24.de",
    )
    fingerprints = ("id-StoryElement", "idjs-Story")

    # --- crawling (reference §2: Fundus config for merkur.de, CHK feed list) ---------------
    # <ressort>/<slug>-<id>.html, older <slug>-zr-<id>.html; galleries share the pattern.
    article_url_pattern = r"-(?:zr-)?\d{7,9}\.html$"
    news_sitemap_paths = ("/news.xml",)
    # Index of dated child sitemaps (their lastmod lets archive mode skip old ones).
    sitemap_paths = ("/sitemap-index.xml",)
    feed_paths = ("/rssfeed.rdf",)
    pagination_selector = "a[rel=next]::attr(href)"

    # --- extraction -----------------------------------------------------------------------
    title_source: ClassVar[str | None] = "og"
    container_selector = ".idjs-Story, .id-Story"
    teaser_selector = "p.id-StoryElement-leadText"
    paragraph_selector = "p.id-StoryElement-paragraph, ul.id-StoryElement-list > li"
    subheading_selector = "h2.id-StoryElement-crosshead"
    figure_selector = "figure.id-StoryElement-image, figure"
    caption_selector = "figcaption"
    credit_selector = ".id-StoryElement-image-caption-credit, .id-StoryElement-credit"
    drop_selectors = (".id-StoryElement-embed", ".id-StoryElement-interactionBar",
                      ".id-StoryElement-authors")
