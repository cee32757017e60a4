"""Text left in the source language (``untranslated``)."""

from __future__ import annotations

from ...core.document import normalize_text
from ...core.flags import Flag
from ...core.text import words
from ..registry import CheckContext, check
from ..text import latin_share

_ENGLISH_FUNCTION = frozenset(
    """
a an the of in on at to for from by with as and or but is are was were be been being has have had
that this these those which who whom it its their his her they he she we not no than also into
over after about would will can could should may said says
""".split()
)


def untranslated_flag(text: str, source: str | None = None) -> Flag | None:
    """Return an ``untranslated`` flag when ``text`` is still in the source language.

    Identical to the source paragraph; mostly in a non-Latin script; or (for Latin-script
    sources) twelve lowercase words or more of which hardly any is an English function word.
    """
    if (
        source
        and normalize_text(text).casefold().split() == normalize_text(source).casefold().split()
    ):
        return Flag("untranslated", text[:60], "identical to the source paragraph")
    letters = sum(c.isalpha() for c in text)
    if letters >= 12 and latin_share(text) < 0.5:
        return Flag("untranslated", text[:60], "mostly in a non-Latin script")
    lower = [w for w in words(text) if w.islower()]  # a list of names is not a language
    if len(lower) >= 12 and latin_share(text) >= 0.9:
        share = sum(w in _ENGLISH_FUNCTION for w in lower) / len(lower)
        if share < 0.08:
            return Flag(
                "untranslated",
                text[:60],
                f"hardly any English words ({share:.0%} function words; English has ~35%)",
            )
    return None



@check("untranslated", kinds=("untranslated",), applies_to=("generated", "given"),
       help="left in the source language")
def untranslated(original: str, text: str, ctx: CheckContext) -> Flag | None:
    return untranslated_flag(text, ctx.source)


@check("untranslated-original", kinds=("untranslated",), target="original",
       help="the MT left the paragraph in the source language")
def untranslated_original(original: str, _: str, ctx: CheckContext) -> Flag | None:
    return untranslated_flag(original, ctx.source)
