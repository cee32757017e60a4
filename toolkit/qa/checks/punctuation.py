"""A paragraph that ends differently from its reference (``end-punctuation``)."""

from __future__ import annotations

from ...core.flags import Flag
from ..registry import CheckContext, check

_CLOSERS = "\"'”’»)]}*_ "
_END = {".": ".", "…": ".", "?": "?", "؟": "?", "!": "!", ":": ":", ";": ";", "۔": "."}


def end_mark(text: str) -> str:
    """Return how ``text`` ends: ``.``, ``?``, ``!``, ``:``, ``;`` or ``""`` (no end mark)."""
    stripped = text.rstrip().rstrip(_CLOSERS)
    return _END.get(stripped[-1:], "") if stripped else ""


def end_punctuation_flags(reference: str, text: str, ref_name: str = "original") -> list[Flag]:
    """Flag a version that ends differently from ``reference`` (a question made a statement...).

    A version may add a full stop to a reference that has no end mark, and ``;`` counts as
    ``.`` (engines write either at a sentence's end).
    """
    ref, ours = end_mark(reference), end_mark(text)
    ref, ours = (".", ours) if ref == ";" else (ref, ours)
    ours = "." if ours == ";" else ours
    if ref == ours or (ref == "" and ours == "."):
        return []
    if ref == "" and ours not in "?!":
        return []
    shown = {
        "": "no end mark",
        ".": "a full stop",
        "?": "a question mark",
        "!": "an exclamation mark",
        ":": "a colon",
    }
    tail = text.rstrip()[-30:]
    return [
        Flag(
            "end-punctuation",
            " ".join(tail.split()),
            f"ends with {shown[ours]}; the {ref_name} with {shown[ref]}",
        )
    ]



@check(
    "end-punctuation",
    kinds=("end-punctuation",),
    applies_to=("generated", "given"),
    help="a different end mark",
)
def end_punctuation(original: str, text: str, ctx: CheckContext) -> list[Flag]:
    return end_punctuation_flags(original, text)


@check("end-punctuation-source", kinds=("end-punctuation",), target="original",
       help="an end mark different from --source's")
def end_punctuation_source(original: str, _: str, ctx: CheckContext) -> list[Flag]:
    return end_punctuation_flags(ctx.source, original, "source") if ctx.source else []
