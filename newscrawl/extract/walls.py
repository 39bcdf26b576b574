"""Is this page a wall in place of the article: a bot challenge or a consent interstitial?

Asked only about pages that gave no article text (a short or missing body, or an HTTP error
page), so a real article that embeds a consent banner is never taken for a wall. Structure, not
one vendor's markup:

- little visible text: under ``MAX_WALL_CHARS`` characters outside scripts, forms and page
  furniture (a wall explains itself in a paragraph or two; an article has more);
- something to act on: a ``<form>``, a ``<button>``, a submit input or a ``role="button"``;
- and the kind, from the names the page's own markup uses (``id``, ``class``, ``name``,
  ``action``, script ``src``; never its text):
  * challenge: ``CHALLENGE_TOKENS`` (captcha, challenge, bot check…, the words every bot-wall
    vendor uses in its own markup: reCAPTCHA, hCaptcha, Turnstile, DataDome, PerimeterX) or a
    challenge script that reloads the page;
  * consent: ``CONSENT_TOKENS`` (consent, cookie, gdpr, cmp, privacy-manager…) or the IAB TCF
    API every consent-management platform implements (``__tcfapi``, ``__cmp``).

A page with the action but neither kind is no wall; its ``<title>`` is kept as evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from newscrawl.extract.tree import norm, parse_html

# Two short paragraphs of explanation (consent walls run ~300-600 characters); the shortest
# fixture and benchpage article bodies run well over a thousand.
MAX_WALL_CHARS = 900
CHALLENGE_TOKENS = re.compile(
    r"captcha|challenge|bot[-_ ]?(?:check|detect|protect|wall)|are[-_ ]you[-_ ]human"
    r"|human[-_ ]verif|ddos[-_ ]?protect|turnstile|interstitial[-_ ]block",
    re.IGNORECASE,
)
CONSENT_TOKENS = re.compile(
    r"consent|cookie[-_ ]?(?:wall|banner|layer|notice|dialog|overlay)|gdpr|\bcmp\b|cmp[-_]"
    r"|privacy[-_ ]?(?:manager|center|wall)|tcf",
    re.IGNORECASE,
)
# The IAB Transparency & Consent Framework API (v2 and v1): a standard, not a vendor.
TCF_API = re.compile(r"__tcfapi|__cmp\b")
_ATTRS = ("id", "class", "name", "action", "src", "data-testid")
# Text a reader does not see as the page's words.
_HIDDEN = frozenset({"script", "style", "noscript", "template", "svg", "head", "title",
                     "form", "button", "select", "textarea", "nav", "header", "footer"})


@dataclass(frozen=True, slots=True)
class Wall:
    """A wall page: its kind (``challenge`` or ``consent``), its ``<title>`` and the signs."""

    kind: str
    title: str
    signs: tuple[str, ...]


def _visible_chars(root: etree._Element) -> int:
    """Visible characters outside ``_HIDDEN``; stops counting at ``MAX_WALL_CHARS``."""
    total = 0
    stack = [root]
    while stack and total < MAX_WALL_CHARS:
        node = stack.pop()
        if node.tail and node is not root:
            total += len(node.tail.strip())
        if not isinstance(node.tag, str) or node.tag in _HIDDEN:
            continue
        if node.text:
            total += len(node.text.strip())
        stack.extend(reversed(node))
    return total


def page_title(root: etree._Element) -> str:
    """The page's ``<title>`` (whitespace collapsed, at most 120 characters)."""
    title = root.find(".//title")
    return norm("".join(title.itertext()))[:120] if title is not None else ""


def wall_signs(root: etree._Element) -> list[str]:
    """The wall signs of a page with little text (empty for a page with text)."""
    if _visible_chars(root) >= MAX_WALL_CHARS:
        return []
    signs: set[str] = set()
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag in {"form", "button"} or el.get("role") == "button" or (
                el.tag == "input" and (el.get("type") or "").lower() in {"submit", "button"}):
            signs.add("action")
        # Markup names only: text (a headline about the "Challenge League") says nothing.
        names = " ".join(el.get(attr) or "" for attr in _ATTRS)
        if el.tag == "script" and el.text and TCF_API.search(el.text):
            signs.add("consent")
        if CHALLENGE_TOKENS.search(names):
            signs.add("challenge")
        if CONSENT_TOKENS.search(names):
            signs.add("consent")
    return sorted(signs)


def detect_wall(page: str | etree._Element | None) -> Wall | None:
    """The wall this page is, or None (see the module docstring)."""
    root = parse_html(page) if isinstance(page, str) else page
    if root is None:
        return None
    signs = wall_signs(root)
    if "action" not in signs:
        return None
    # A challenge wins over consent: bot walls often carry the site's consent script too.
    kind = "challenge" if "challenge" in signs else "consent" if "consent" in signs else None
    if kind is None:
        return None
    return Wall(kind, page_title(root), tuple(signs))
