"""A check with a flag kind of its own: the version lost much of the original's length."""

from toolkit.core.flags import Flag, flag_kind
from toolkit.qa.registry import Check, CheckContext, register_check

RATIO = 0.8

flag_kind("much-shorter", "qa", "minor",
          "the version has under 80% of the original's words: something may be missing",
          quote=False)


def much_shorter(original: str, text: str, ctx: CheckContext) -> tuple[Flag, ...]:
    """Flag a version with fewer than ``RATIO`` times the original's words (not summaries)."""
    if ctx.kind == "summary":
        return ()
    have, want = len(text.split()), len(original.split())
    if want and have < RATIO * want:
        return (Flag("much-shorter", "", f"{have} words for {want}"),)
    return ()


register_check(Check("much-shorter", ("much-shorter",), much_shorter,
                     help="versions much shorter than the original"))
