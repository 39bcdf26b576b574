"""Page -> ``ExtractedArticle``: pure functions over one parsed tree (see ``article.py``)."""

from newscrawl.extract.extractor import extract_article

__all__ = ["extract_article"]
