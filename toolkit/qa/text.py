"""Small text helpers the checks share: quoting a span, quoted passages, the share of Latin."""

from __future__ import annotations

import re
import unicodedata

QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”|«[^»]*»")
"""A passage in double quotation marks or guillemets."""


def snippet(text: str, start: int, end: int, width: int = 18) -> str:
    """Return ``text[start:end]`` with about ``width`` characters either side, in whole words."""
    a, b = max(0, start - width), min(len(text), end + width)
    while a > 0 and not text[a - 1].isspace():
        a -= 1
    while b < len(text) and not text[b].isspace():
        b += 1
    return " ".join(text[a:b].split())


def latin_share(text: str) -> float:
    """Return the share of letters that are Latin (1.0 for a text without letters)."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 1.0
    latin = sum(1 for c in letters if c.isascii() or "LATIN" in unicodedata.name(c, ""))
    return latin / len(letters)
