"""Our title beside the page's own headline sources, for page sets without title gold.

Prints one line per page where our title matches neither og:title nor any printed h1 (after
site and section affixes stripped), so disagreements can be eyeballed:

    PYTHONPATH=. python benchmarks/title_sources.py /work/shared/benchpages
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
from pathlib import Path

from newscrawl.extract import extract_article
from newscrawl.extract.sectionnames import SectionNames
from newscrawl.extract.siteaffix import strip_site_affixes
from newscrawl.extract.structured import read_structured
from newscrawl.extract.tree import parse_html, text_of


def _key(text: str | None) -> str:
    return re.sub(r"\W", "", (text or "").lower())


def compare(path: Path) -> dict[str, object] | None:
    """Our title and the page's sources when they disagree, else None."""
    with gzip.open(path) as fh:
        html = fh.read().decode("utf-8", "replace")
    url = json.loads(path.with_name(path.name.replace(".html.gz", ".json")).read_text()).get(
        "url") or "https://example.org/"
    root = parse_html(html)
    if root is None:
        return None
    data = read_structured(root)
    site = data.first_meta("og:site_name")
    sections = SectionNames(root, data.section or data.first_meta("article:section"), url)
    og = strip_site_affixes(data.first_meta("og:title", "twitter:title"), site, url, sections)
    h1s = [text_of(h) for h in root.iter("h1") if text_of(h)]
    ours = extract_article(html, url).title
    if _key(ours) and (_key(ours) == _key(og) or _key(ours) in {_key(h) for h in h1s}):
        return None
    return {"page": path.name, "ours": ours, "og": og, "jsonld": data.headline, "h1": h1s[:3],
            "h2": [text_of(h) for h in root.iter("h2")][:2]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    args = parser.parse_args()
    pages = sorted(args.folder.glob("*.html.gz"))
    odd = [c for c in (compare(p) for p in pages) if c]
    for c in odd:
        print(json.dumps(c, ensure_ascii=False))
    print(f"{len(odd)} of {len(pages)} pages: title matches neither og:title nor an h1")


if __name__ == "__main__":
    main()
