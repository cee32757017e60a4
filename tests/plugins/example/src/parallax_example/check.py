"""A check with a flag kind of its own: the version lost much of the original's length.

One file: the flag kind, and the check as one decorated function (it runs on generated and
given versions, not on summaries).
"""

from toolkit.core.flags import Flag, flag_kind
from toolkit.qa.registry import CheckContext, check

RATIO = 0.8

flag_kind("much-shorter", "qa", "minor",
          "the version has under 80% of the original's words: something may be missing",
          quote=False)


@check("much-shorter", kinds=("much-shorter",), applies_to=("generated", "given"),
       help="versions much shorter than the original")
def much_shorter(original: str, text: str, ctx: CheckContext) -> Flag | None:
    """Flag a version with fewer than ``RATIO`` times the original's words."""
    have, want = len(text.split()), len(original.split())
    if want and have < RATIO * want:
        return Flag("much-shorter", "", f"{have} words for {want}")
    return None
