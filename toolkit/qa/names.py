"""Names and their spellings: what varies between transliterations of one name.

Shared by the ``name-variant`` and ``inconsistent-term`` checks and ``glossary suggest``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from rapidfuzz import fuzz

from ..comparison.romanization import same_name, wade_giles_compounds
from ..core.text import WORD, without_possessive, words

NAME_MIN_RATIO = 70.0
"""rapidfuzz ratio (0-100) of two names' spelling keys from which they count as variants."""

NAME_MIN_LENGTH = 4  # shorter capitalized words ("The", "In", "Az") say too little
NAME_MAX_LENGTH_GAP = 2  # respellings keep the length; "Iran" and "Yerevan" are not variants

# Capitalized words that start sentences without being names.
_COMMON = frozenset(
    """
about after against also although among another because before both despite during each even
every following for from further however instead meanwhile moreover most many more nevertheless
other over overall since some still such than that their then there therefore these they this
those though through thus today under until when where whether which while with within without
yesterday according accordingly besides finally first second third last next here
""".split()
)

_SPELLING = str.maketrans({"c": "k", "q": "k", "y": "i", "w": "v"})
_ENDINGS = ("ian", "ean", "ese", "ish", "an", "n", "i", "s")  # Ukrainian, Chinese, Turkish...


def spelling_key(word: str) -> str:
    """Fold what transliterations vary: case, accents, c/k/q, y/i, w/v, doubled letters."""
    word = unicodedata.normalize("NFKD", word.lower()).encode("ascii", "ignore").decode()
    return re.sub(r"(.)\1+", r"\1", word.translate(_SPELLING))


def name_words(text: str) -> list[str]:
    """Return the words of ``text`` that start with a letter, without possessive endings
    (Baku's -> Baku).

    A hyphenated Wade-Giles given name ("Tse-tung", "Hsiao-p'ing") is one word.
    """
    found = words(text) if "-" not in text else _words_and_compounds(text)
    return [without_possessive(w) for w in found if not w[0].isdigit()]


def _words_and_compounds(text: str) -> list[str]:
    out: list[str] = []
    pos = 0
    for start, end in wade_giles_compounds(text):
        out += WORD.findall(text, pos, start)
        out.append(text[start:end])
        pos = end
    return out + WORD.findall(text, pos)


def derived(a: str, b: str) -> bool:
    """Tell whether one spelling key is the other plus an ending (russia / russian, turkish)."""
    short, long = sorted((a, b), key=len)
    if len(short) == len(long):
        return False
    stem = short.rstrip("aeiou")
    return long.startswith(short) or any(
        long.endswith(e) and long[: -len(e)].rstrip("aeiou") == stem for e in _ENDINGS
    )


def name_candidates(words: Sequence[str], lowered: set[str]) -> list[str]:
    """Return capitalized words that look like names: long enough, never written in lowercase."""
    return list(
        dict.fromkeys(
            w
            for w in words
            if w[0].isupper()
            and len(w) >= NAME_MIN_LENGTH
            and w.lower() not in _COMMON
            and w.lower() not in lowered
        )
    )


def respelling(name: str, words: Sequence[str], own: set[str], lowered: set[str]) -> str | None:
    """Return the name in ``words`` that best looks like a respelling of ``name``, if any.

    A respelling is close in spelling (see :func:`~toolkit.qa.checks.noise.name_variants`) or
    the same name in another romanization
    (:func:`~toolkit.comparison.romanization.same_name`: Tse-tung and Zedong).
    """
    key = spelling_key(name)
    if not key or name.lower() in {w.lower() for w in words}:
        return None
    best, best_ratio = None, 0.0
    for word in name_candidates(words, lowered):
        if word.lower() in own:
            continue
        other = spelling_key(word)
        ratio = 0.0
        if abs(len(other) - len(key)) <= NAME_MAX_LENGTH_GAP and not derived(key, other):
            ratio = fuzz.ratio(key, other)
        if ratio < NAME_MIN_RATIO and same_name(name, word) is not None:
            ratio = NAME_MIN_RATIO  # one name in two romanizations
        if ratio >= NAME_MIN_RATIO and ratio > best_ratio:
            best, best_ratio = word, ratio
    return best


def romanization_note(name: str, variant: str) -> str:
    """Return ", one name in two romanizations (...)" when only a romanization habit links
    them."""
    a, b = spelling_key(name), spelling_key(variant)
    if abs(len(a) - len(b)) <= NAME_MAX_LENGTH_GAP and fuzz.ratio(a, b) >= NAME_MIN_RATIO:
        return ""
    habit = same_name(name, variant)
    return f", one name in two romanizations ({habit.label})" if habit else ""
