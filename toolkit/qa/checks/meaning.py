"""Meaning changes of a version against the original: relative times, roles, explanations the
original never gave, quotations turned into reported speech, and names or dates lost.

The detectors live in :mod:`toolkit.comparison.meaning` (and its word lists in
:mod:`toolkit.comparison.lexicon`), imported when a check first runs. Summaries drop names,
dates and quotations and restructure by design, so only the relative-time and role checks run
on them.
"""

from __future__ import annotations

from ...core.flags import Flag
from ..registry import CheckContext, check

_RENDERINGS = ("generated", "given")  # not summaries


@check(
    "relative-time",
    kinds=("changed-time",),
    help="a relative time (yesterday, on Monday, last week) changed or added",
)
def relative_time(original: str, text: str, ctx: CheckContext) -> tuple[Flag, ...]:
    from ...comparison.meaning import time_flags

    return tuple(time_flags(original, text))


@check(
    "roles",
    kinds=("changed-role",),
    help="a person's role or title changed (deputy, former, acting, president/premier) or added",
)
def roles(original: str, text: str, ctx: CheckContext) -> tuple[Flag, ...]:
    from ...comparison.meaning import role_flags

    return tuple(role_flags(original, text, ctx.article))


@check(
    "explanations",
    kinds=("added-explanation",),
    applies_to=_RENDERINGS,
    help="an apposition or clause explaining who or what something is, new to the original",
)
def explanations(original: str, text: str, ctx: CheckContext) -> list[Flag]:
    from ...comparison.meaning import explanation_flags

    return explanation_flags(original, text, ctx.article)


@check(
    "quotations",
    kinds=("lost-quote",),
    applies_to=_RENDERINGS,
    help="a quotation turned into reported speech, or its quotation marks lost",
)
def quotations(original: str, text: str, ctx: CheckContext) -> list[Flag]:
    from ...comparison.meaning import quote_flags

    return quote_flags(original, text)


@check(
    "lost-details",
    kinds=("dropped-name", "dropped-date"),
    applies_to=_RENDERINGS,
    help="a name, place, date or relative time of the original that the version lost",
)
def lost_details(original: str, text: str, ctx: CheckContext) -> list[Flag]:
    from ...comparison.meaning import dropped_date_flags, dropped_name_flags

    return dropped_name_flags(original, text, ctx.article) + dropped_date_flags(original, text)
