"""Detect paywall text that sites ship scrambled (Caesar-shifted, random letters, shuffled words).

Real German (or English) prose is full of short function words and has a sane vowel share;
scrambled text has almost none and shows capitals inside words. A block is judged only when it
has enough words for the statistics to mean something.
"""

from __future__ import annotations

import re

from newscrawl.extract.tree import word_set

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_NON_LATIN = re.compile("[^\u0000-\u024f]")
COMMON_WORDS = word_set(
    """der die das und in zu den von mit ist im nicht sich des auf für ein eine einer einen
    eines es dem als auch an er sie wir ich ihr hat haben wird werden wurde war sind sei bei
    nach aus um am so wie noch aber oder nur vor über bis mehr durch man kann dass daß zum zur
    schon wenn was wo hier dann doch sein seine ihre unter zwischen gegen seit beim vom ohne
    diese dieser dieses jetzt heute sagt sagte laut rund etwa immer the and of to a is that for
    on with as was are it be by this at from have not"""
)
# The ~220 most frequent letter bigrams of German news prose; real paragraphs have >= 80 %
# of their bigrams in this set, scrambled text (random letters, Caesar shift) well under 60 %.
COMMON_BIGRAMS = word_set(
    """ab ac ad af ag ah ak al am an ar as at au ba be bi bl br ch ck da de di do dr du ea eb ec
    ed ef eg eh ei ek el em en er es et eu ew ex ez fa fe ff fi fo fr ft fü ga ge gi gl gr gs
    gt gu ha he hi hl hm hn ho hr ht hu hw hä ia ic id ie if ig ih ik il im in io ir is it iv
    ja je ka ke kl ko kr kt ku kö la ld le li ll lo ls lt lu lä ma me mi mm mo mp mu na nd ne
    nf ng ni nk nn no ns nt nu nz ob oc od of ol om on op or os ot pa pe pf pi po pr ra rb rc
    rd re rf rg rh ri rk rl rm rn ro rr rs rt ru rw rz rä rü sa sc se si so sp ss st su ta te
    ti tl to tr ts tt tu tw tz tä uc ue uf um un ur us ut ve vi vo wa we wi wo wu za ze zi zt
    zu zw äh än är ät ön üb ün ür"""
)
MIN_WORDS = 8


def bigram_share(words: list[str]) -> float:
    """Share of in-word letter bigrams that are common in German."""
    total = hits = 0
    for word in words:
        for i in range(len(word) - 1):
            total += 1
            hits += word[i : i + 2] in COMMON_BIGRAMS
    return hits / total if total else 1.0


def _latin(words: list[str]) -> bool:
    """Whether most letters are Latin: the word and bigram statistics below are Latin-script
    statistics, so Cyrillic or Hangul prose would look like "no language" to them."""
    letters = "".join(words[:40])
    if letters.isascii():
        return True
    return len(_NON_LATIN.findall(letters)) <= 0.5 * len(letters)


def looks_scrambled(text: str) -> bool:
    """Whether ``text`` is obfuscated paywall text rather than prose."""
    # Cheap exit for ordinary prose: plenty of function words even with punctuation attached.
    rough = text.lower().split()
    if len(rough) < MIN_WORDS or sum(w in COMMON_WORDS for w in rough) >= 0.3 * len(rough):
        return False
    words = _WORD.findall(text)
    if len(words) < MIN_WORDS or not _latin(words):
        return False
    lower = [w.lower() for w in words]
    common = sum(1 for w in lower if w in COMMON_WORDS) / len(words)
    if common >= 0.25:
        return False
    # Shuffled words carry capitals inside them ("twürosG"); prose almost never does, and
    # prose has far more function words (30-50 %) than a shuffle leaves by chance.
    inner_caps = sum(1 for w in words if not w.isupper() and any(c.isupper() for c in w[1:]))
    if inner_caps / len(words) > 0.1 and common < 0.25:
        return True
    if common >= 0.12:
        return False
    bigrams = bigram_share(lower)
    # Name lists and headlines lack function words but have normal bigrams.
    return bigrams < 0.6 or (common < 0.04 and bigrams < 0.8)


# Bigrams seen this often in the page's other text make its language profile.
PROFILE_MIN_COUNT = 1
# Letters of other text a page needs before its own profile can overrule the German tables.
PROFILE_MIN_LETTERS = 400
# The profile is complete long before this many letters (bounds the cost on long pages).
PROFILE_MAX_LETTERS = 6000
# A block whose bigrams are this familiar from the page's other text is in the page's language.
PROFILE_SHARE = 0.75


def page_profile(texts: list[str]) -> frozenset[str] | None:
    """Letter bigrams frequent in ``texts`` (the page's unsuspected text), or None when there is
    too little text to tell the page's language."""
    counts: dict[str, int] = {}
    letters = 0
    for text in texts:
        if letters >= PROFILE_MAX_LETTERS:
            break
        for word in _WORD.findall(text.lower()):
            letters += len(word)
            for i in range(len(word) - 1):
                counts[word[i : i + 2]] = counts.get(word[i : i + 2], 0) + 1
    if letters < PROFILE_MIN_LETTERS:
        return None
    return frozenset(b for b, n in counts.items() if n >= PROFILE_MIN_COUNT)


def in_page_language(text: str, profile: frozenset[str] | None) -> bool:
    """Whether ``text`` reads like the rest of the page: a Portuguese paragraph the German
    tables call scrambled shares the page's bigrams; Caesar-shifted text shares few."""
    if profile is None:
        return False
    total = hits = 0
    for word in _WORD.findall(text.lower()):
        for i in range(len(word) - 1):
            total += 1
            hits += word[i : i + 2] in profile
    return bool(total) and hits >= PROFILE_SHARE * total
