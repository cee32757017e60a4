"""Brackets and quotation marks left unpaired (``unpaired-bracket``, ``unpaired-quote``)."""

from __future__ import annotations

import re
from collections import Counter

from ...core.flags import Flag
from ..registry import CheckContext, check
from ..text import snippet

_OPEN = {"(": ")", "[": "]", "{": "}"}
_CLOSE = {v: k for k, v in _OPEN.items()}
_ENUMERATOR = re.compile(r"(?:^|(?<=\s))(?:\d{1,2}|[a-zA-Z]|[ivxIVX]{2,4})\)")
_EMOTICON = re.compile(r"[:;]-?[()\[\]]")


def bracket_problems(text: str) -> list[tuple[int, str, str]]:
    """Return (position, mark, what is wrong) for every unpaired ( [ {.

    List enumerators ("1)", "a)") and emoticons are not brackets.
    """
    skip = {m.end() - 1 for m in _ENUMERATOR.finditer(text)}
    skip |= {m.end() - 1 for m in _EMOTICON.finditer(text)}
    stack: list[tuple[int, str]] = []
    out: list[tuple[int, str, str]] = []
    for i, ch in enumerate(text):
        if i in skip:
            continue
        if ch in _OPEN:
            stack.append((i, ch))
        elif ch in _CLOSE:
            if stack and stack[-1][1] == _CLOSE[ch]:
                stack.pop()
            elif any(o == _CLOSE[ch] for _, o in stack):  # closes an outer one: the inner is open
                while stack[-1][1] != _CLOSE[ch]:
                    j, o = stack.pop()
                    out.append((j, o, "never closed"))
                stack.pop()
            else:
                out.append((i, ch, "closes nothing"))
    out += [(j, o, "never closed") for j, o in stack]
    return sorted(out)


_DOUBLE_OPEN = "“„"
_DOUBLE_CLOSE = "”"
_GUILLEMETS = {"«": "»"}


def quote_problems(
    text: str, *, guillemets: bool = True, continued: bool = True
) -> list[tuple[int, str, str]]:
    """Return (position, mark, what is wrong) for every unpaired double quotation mark.

    Straight ``"`` opens or closes by position; ``“``/``„`` open and ``”`` closes (a ``”`` with
    nothing open and a word after it opens, as some engines write). A quotation left open at the
    end of a paragraph that *starts* with it is a quote continued in the next paragraph (the
    newspaper convention), not an error (``continued=False`` counts it). Single quotes are
    apostrophes too often to check.
    """
    stack: list[tuple[int, str]] = []
    out: list[tuple[int, str, str]] = []
    doubles = _DOUBLE_OPEN + '"”'
    for i, ch in enumerate(text):
        after = text[i + 1 : i + 2]
        before = text[i - 1 : i] if i else ""
        open_double = bool(stack) and stack[-1][1] in doubles
        if ch in _DOUBLE_OPEN or (ch == "”" and not open_double and after[:1].isalnum()):
            stack.append((i, ch))
        elif ch == '"':
            closes = open_double and (
                not (before.isspace() or before == "") or not after[:1].isalnum()
            )
            if closes:
                stack.pop()
            else:
                stack.append((i, ch))
        elif ch == "”":
            if open_double:
                stack.pop()
            else:
                out.append((i, ch, "closes nothing"))
        elif guillemets and ch == "«":
            stack.append((i, ch))
        elif guillemets and ch == "»":
            if stack and stack[-1][1] == "«":
                stack.pop()
            else:
                out.append((i, ch, "closes nothing"))
    lead = len(text) - len(text.lstrip())
    for j, o in stack:
        if continued and j == lead and len(stack) == 1:
            continue  # a quotation continued in the next paragraph
        out.append((j, o, "never closed"))
    return sorted(out)


def _pair_flags(kind: str, noun: str, original: str, text: str, problems) -> list[Flag]:
    """Flag the version's unpaired marks beyond those the original has (by mark and problem)."""
    theirs = Counter((m, why) for _, m, why in problems(original))
    flags: list[Flag] = []
    for i, mark, why in problems(text):
        if theirs[(mark, why)] > 0:
            theirs[(mark, why)] -= 1
            continue
        flags.append(Flag(kind, snippet(text, i, i + 1), f"{noun} {mark} {why}"))
    return flags


def bracket_flags(original: str, text: str) -> list[Flag]:
    """Flag brackets the version leaves unpaired where the original pairs them."""
    return _pair_flags("unpaired-bracket", "bracket", original, text, bracket_problems)


def quote_flags(original: str, text: str) -> list[Flag]:
    """Flag quotation marks the version leaves unpaired where the original pairs them."""
    return _pair_flags(
        "unpaired-quote",
        "quotation mark",
        original,
        text,
        lambda t: quote_problems(t, continued=False),
    )


def own_pair_flags(text: str) -> list[Flag]:
    """Flag the original's own unpaired brackets and quotes (stray « » are leftover-script's)."""
    flags = [
        Flag("unpaired-bracket", snippet(text, i, i + 1), f"bracket {m} {why}")
        for i, m, why in bracket_problems(text)
    ]
    flags += [
        Flag("unpaired-quote", snippet(text, i, i + 1), f"quotation mark {m} {why}")
        for i, m, why in quote_problems(text, guillemets=False)
    ]
    return flags


_MARKS = ("unpaired-bracket", "unpaired-quote")


@check(
    "marks",
    kinds=_MARKS,
    applies_to=("generated", "given"),
    help="brackets and quotation marks left unpaired",
)
def marks(original: str, text: str, ctx: CheckContext) -> list[Flag]:
    return bracket_flags(original, text) + quote_flags(original, text)


@check("marks-original", kinds=_MARKS, target="original",
       help="brackets and quotation marks left unpaired")
def marks_original(original: str, _: str, ctx: CheckContext) -> list[Flag]:
    return own_pair_flags(original)
