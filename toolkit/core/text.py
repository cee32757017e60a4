"""The one word tokenizer every check and task counts and compares words with."""

from __future__ import annotations

import re

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
"""A word: a run of letters and digits (any script), joined across inner apostrophes
(``don't``, ``Baku's``, ``rock’n’roll``); punctuation and underscores separate words."""


def words(text: str) -> list[str]:
    """Return the words of ``text`` in order, as written (see :data:`WORD`)."""
    return WORD.findall(text)


def without_possessive(word: str) -> str:
    """Return ``word`` without a possessive ending (``Baku's`` -> ``Baku``)."""
    return re.sub(r"['’]s$", "", word)
