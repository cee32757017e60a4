"""The same word twice in a row (``doubled-word``)."""

from __future__ import annotations

import re
from collections import Counter

from ...core.flags import Flag
from ..registry import CheckContext, check

_DOUBLED = re.compile(r"\b([^\W\d_]+)\s+(\1)\b", re.I)
_DOUBLE_OK = {
    "had",
    "that",
    "bye",
    "tut",
    "no",
    "very",
    "so",
    "knock",
    "chop",
    "yada",
    "bla",
    "blah",
    "ha",
    "cha",
    "la",
    "boo",
    "pom",
    "tsk",
    "hush",
    "mau",
    "aye",
    "dum",
    "dik",
}


def doubled_words(text: str) -> list[tuple[int, int, str]]:
    """Return (start, end, words) of every word written twice in a row ("the the").

    "had had" and "that that" are grammatical; two capitalized copies are a name (Duran Duran).
    """
    out = []
    for m in _DOUBLED.finditer(text):
        a, b = m.group(1), m.group(2)
        if a.casefold() in _DOUBLE_OK or (
            a[0].isupper() and b[0].isupper() and a.casefold() != "the"
        ):
            continue
        out.append((m.start(), m.end(), m.group()))
    return out


def doubled_word_flags(original: str, text: str | None = None) -> list[Flag]:
    """Flag doubled words of ``text`` that ``original`` does not have (``text=None``: all of it)."""
    if text is None:
        return [
            Flag("doubled-word", w, "the same word twice") for _, _, w in doubled_words(original)
        ]
    theirs = Counter(w.casefold() for _, _, w in doubled_words(original))
    flags = []
    for _, _, w in doubled_words(text):
        if theirs[w.casefold()] > 0:
            theirs[w.casefold()] -= 1
            continue
        flags.append(Flag("doubled-word", w, "the same word twice"))
    return flags



@check("doubled-word", kinds=("doubled-word",), applies_to=("generated", "given"),
       help="the same word twice in a row")
def doubled_word(original: str, text: str, ctx: CheckContext) -> list[Flag]:
    return doubled_word_flags(original, text)


@check("doubled-word-original", kinds=("doubled-word",), target="original",
       help="the same word twice in a row")
def doubled_word_original(original: str, _: str, ctx: CheckContext) -> list[Flag]:
    return doubled_word_flags(original)
