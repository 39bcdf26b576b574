"""A story's identity: one canonical URL per article and a hash of its text.

Shared by the live crawl (DeduplicationPipeline), the store's linking of copies and the offline
chain (evaluate, reprocess), so all three name a story the same way.
"""

from __future__ import annotations

import hashlib
from collections.abc import MutableMapping
from typing import Any
from urllib.parse import urlsplit

from newscrawl.crawl.urls import canonicalize_url, declared_canonical


def content_hash(title: str | None, body: str | None) -> str:
    """SHA-1 of the case-folded, whitespace-normalised title and body."""
    text = f"{title or ''}\n{body or ''}"
    # A chain body is normalised blocks joined by blank lines: with its line breaks made spaces
    # it is normalised already when no other whitespace is left (every whitespace character
    # but " " is unprintable) and no space is doubled or at either end. Otherwise str.split/join
    # in C: the same as collapsing r"\s+" and stripping (both use str.isspace).
    spaced = text.replace("\n\n", " ").replace("\n", " ")
    if (spaced.isprintable() and "  " not in spaced and not spaced.startswith(" ")
            and not spaced.endswith(" ")):
        text = spaced
    else:
        text = " ".join(text.split())
    return hashlib.sha1(text.casefold().encode("utf-8")).hexdigest()


def choose_canonical(url: str, declared: str | None) -> str:
    """The page's declared canonical URL when it is trustworthy (same site, not the front page),
    else the fetched URL; canonicalised either way.

    The fetched scheme and host are kept: a mirror (``base_url``) serves the real site's paths.
    """
    trusted = declared_canonical(url, declared)
    if trusted is None:
        return canonicalize_url(url)
    base = urlsplit(url)
    return canonicalize_url(urlsplit(trusted)._replace(scheme=base.scheme,
                                                       netloc=base.netloc).geturl())


def name_story(article: MutableMapping[str, Any]) -> str:
    """Set an article's ``canonical_url`` (from its ``url`` and declared canonical) and
    ``content_hash``, as every path into the store does; returns the canonical URL."""
    article["canonical_url"] = choose_canonical(article["url"], article.get("canonical_url"))
    article["content_hash"] = content_hash(article.get("title"), article.get("body"))
    return article["canonical_url"]
