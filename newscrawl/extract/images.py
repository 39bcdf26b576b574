"""Article images: URL, caption and credit, with the credit split off the caption text."""

from __future__ import annotations

import re

from lxml import etree

from newscrawl.article import Image
from newscrawl.extract.hints import tokens
from newscrawl.extract.tree import norm, text_of, word_set

CREDIT_TOKENS = word_set(
    "credit credits copyright source quelle photographer author bildquelle fotograf"
)
# "Foto: Patrick Semansky, dpa", "© dpa", "Bild: picture alliance", "(Foto: X/dpa)" at the end.
_CREDIT_TAIL = re.compile(
    r"(?:^|(?<=[\s.!?)\]]))\(?(?:(?:Fotos?|Bild(?:er)?|Quelle|Foto/Quelle|Grafik|Illustration)"
    r"\s*:\s*|©\s*|\(c\)\s*|Copyright\s*:?\s*)(?P<credit>[^©]{1,120}?)\)?\s*$",
    re.IGNORECASE,
)
_CREDIT_PREFIX = re.compile(
    r"^\s*(?:Fotos?|Bild(?:er)?|Quelle|Foto/Quelle|Grafik|Copyright)\s*:\s*|^\s*©\s*|^\s*\(c\)\s*",
    re.IGNORECASE,
)


def split_credit(caption: str) -> tuple[str | None, str | None]:
    """Split "Caption text. Foto: Name, dpa" into ("Caption text.", "Name, dpa")."""
    caption = norm(caption)
    match = _CREDIT_TAIL.search(caption)
    if not match:
        return caption or None, None
    credit = norm(match.group("credit")).rstrip(").")
    rest = norm(caption[: match.start()])
    return rest or None, credit or None


def clean_credit(text: str) -> str | None:
    """Credit text without its "Foto:"/"©" label."""
    return norm(_CREDIT_PREFIX.sub("", norm(text))).rstrip(")") or None


def _image_url(figure: etree._Element) -> str | None:
    for img in figure.iter("img", "source"):
        for attr in ("data-src", "src", "data-lazy-src", "srcset", "data-srcset"):
            value = img.get(attr)
            if value and not value.startswith("data:"):
                return value.split(",")[0].split()[0]
    return None


def read_figure(figure: etree._Element, caption_els: list[etree._Element],
                credit_els: list[etree._Element]) -> Image | None:
    """One ``Image`` from a figure, its caption elements and its credit elements."""
    credit = None
    credit_texts: list[str] = []
    for el in credit_els:
        text = text_of(el)
        if text:
            credit_texts.append(text)
            credit = credit or clean_credit(text)
    caption = None
    for el in caption_els:
        text = text_of(el)
        for ct in credit_texts:
            text = norm(text.replace(ct, " "))
        if not text:
            continue
        cap, tail_credit = split_credit(text)
        credit = credit or tail_credit
        caption = caption or cap
    url = _image_url(figure)
    if not (caption or credit):
        return Image(url) if url else None
    return Image(url, _dedupe_doubled(caption), credit)


def _dedupe_doubled(caption: str | None) -> str | None:
    """Sites print some captions twice ("X. X."); keep one copy."""
    if not caption:
        return caption
    half = len(caption) // 2
    first, second = caption[:half].strip(), caption[half:].strip()
    if first and first == second:
        return first
    return caption


def credit_elements(figure: etree._Element) -> list[etree._Element]:
    """Elements inside ``figure`` whose class/id marks them as a credit."""
    return [el for el in figure.iter() if isinstance(el.tag, str) and tokens(el) & CREDIT_TOKENS]
