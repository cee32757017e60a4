"""A version far shorter or longer than the original (``length-ratio``).

The limits of a generated alternative are its strategy's (:attr:`Strategy.length_limits`);
given versions, and strategies that set none, get :data:`DEFAULT_LIMITS`.
"""

from __future__ import annotations

from ...core.flags import Flag
from ...core.text import words
from ...strategies import STRATEGIES
from ..registry import CheckContext, check

DEFAULT_LIMITS = (0.5, 2.0)  # given versions and unknown strategies
GROSS_LIMITS = (0.25, 3.0)  # a reply this far off is asked again (tasks/retranslate.py)
SHORT_LINE = 8  # below this many words a ratio says little; only invention around it counts


def length_flag(
    original: str, text: str, limits: tuple[float, float] = DEFAULT_LIMITS
) -> Flag | None:
    """Return a ``length-ratio`` flag when ``text`` is far shorter or longer than ``original``.

    ``limits`` are the (shortest, longest) word-count ratios allowed. A short original (a title,
    "Original Article")
    is flagged only when the version invents a paragraph around it: at least three times as
    many words and 15 more.
    """
    n_orig, n = len(words(original)), len(words(text))
    if not n or not n_orig:
        return None  # empty replies are flagged "empty"
    if n_orig < SHORT_LINE:
        if n >= max(3 * n_orig, n_orig + 15):
            return Flag(
                "length-ratio",
                f"{n} words for {n_orig}",
                "text invented around a short line: not a rendering of it",
            )
        return None
    lo, hi = limits
    ratio = n / n_orig
    if ratio < lo:
        return Flag(
            "length-ratio",
            f"{n} words for {n_orig}",
            f"{ratio:.2f} of the original's length (below {lo}): something is left out",
        )
    if ratio > hi:
        return Flag(
            "length-ratio",
            f"{n} words for {n_orig}",
            f"{ratio:.2f} times the original's length (above {hi}): something is added",
        )
    return None


def limits_for(ctx: CheckContext) -> tuple[float, float]:
    """Return the (shortest, longest) ratio allowed to the version ``ctx`` describes."""
    if ctx.kind == "generated" and ctx.version in STRATEGIES:
        return STRATEGIES.get(ctx.version).length_limits
    return DEFAULT_LIMITS


@check("length-ratio", kinds=("length-ratio",), applies_to=("generated", "given"),
       help="far shorter or longer than the original (limits per strategy)")
def length_ratio(original: str, text: str, ctx: CheckContext) -> Flag | None:
    return length_flag(original, text, limits_for(ctx))
