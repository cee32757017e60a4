"""A summary against its evidence: sentences that swap who did what to whom, or change an
actor, place or number (:mod:`toolkit.comparison.contradiction`, imported when the check runs).
"""

from __future__ import annotations

from ...core.flags import Flag
from ..registry import CheckContext, check


@check(
    "summary-roles",
    kinds=("swapped-role", "contradicts-evidence"),
    applies_to=("summary",),
    help="a summary sentence whose actors, places or numbers are swapped or changed against "
    "its evidence sentences",
)
def summary_roles(original: str, text: str, ctx: CheckContext) -> list[Flag]:
    from ...comparison.contradiction import contradiction_flags

    return contradiction_flags(original, text)
