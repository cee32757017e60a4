"""Doubled or missing spaces around punctuation (``spacing``)."""

from __future__ import annotations

import re
from collections import Counter

from ...core.flags import Flag
from ..registry import CheckContext, check
from ..text import snippet
from .links import mask_addresses

_SPACING = (
    ("doubled space", re.compile(r"(?<=[^\s.!?:])[ \u00a0]{2,}(?=\S)")),
    ("space before punctuation", re.compile(r"(?<=[^\W_])[ \u00a0]+[,;:!?.](?=\s|$)(?!\.)")),
    (
        "no space after punctuation",
        re.compile(
            r"(?<=[a-z]{2})[,;](?=[A-Za-z])"
            r"|(?<=[a-z]{2})[.!?](?=[A-Z][a-z])"
        ),
    ),
    (
        "space inside a hyphenated word",
        re.compile(
            r"(?<=[A-Za-z]) -(?=[A-Za-z])"
            r"|(?<=[A-Za-z])- (?!and\b|or\b|to\b)(?=[a-z])"
        ),
    ),
    ("space inside brackets", re.compile(r"[(\[] (?=\w)|(?<=\w) [)\]]")),
)


def spacing_problems(text: str) -> list[tuple[int, int, str]]:
    """Return (start, end, what) for spacing faults, URLs and e-mail addresses aside."""
    masked = mask_addresses(text, "x")
    masked = re.sub(r"\b(?:[A-Za-z]\.){2,}", lambda m: "x" * len(m.group()), masked)  # U.S., e.g.
    out = []
    for what, pattern in _SPACING:
        out.extend((m.start(), m.end(), what) for m in pattern.finditer(masked))
    return sorted(out)


def spacing_flags(original: str, text: str | None = None) -> list[Flag]:
    """Flag spacing faults of ``text`` the original does not have (``text=None``: the original's).

    One flag per kind of fault and paragraph; its detail counts the others.
    """
    own = text is None
    text = original if own else text
    # a fault is the version's own unless the original has it with the same words around it
    theirs = (
        Counter()
        if own
        else Counter(
            (what, snippet(original, a, b, 0)) for a, b, what in spacing_problems(original)
        )
    )
    found: dict[str, list[str]] = {}
    for a, b, what in spacing_problems(text):
        key = (what, snippet(text, a, b, 0))
        if theirs[key] > 0:
            theirs[key] -= 1
            continue
        found.setdefault(what, []).append(snippet(text, a, b, 6))
    flags = []
    for what, snips in found.items():
        more = f" (and {len(snips) - 1} more)" if len(snips) > 1 else ""
        flags.append(Flag("spacing", snips[0], what + more))
    return flags



@check("spacing", kinds=("spacing",), applies_to=("generated", "given"),
       help="doubled or missing spaces around punctuation")
def spacing(original: str, text: str, ctx: CheckContext) -> list[Flag]:
    return spacing_flags(original, text)


@check("spacing-original", kinds=("spacing",), target="original", help="doubled or missing spaces")
def spacing_original(original: str, _: str, ctx: CheckContext) -> list[Flag]:
    return spacing_flags(original)
