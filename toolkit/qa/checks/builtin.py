"""The built-in checks, registered the way a plugin registers its own.

Their modules (regular expressions, rapidfuzz, script tables) load when a check first runs, so
listing the checks (``parallax --help``, ``parallax plugins``) stays cheap.
"""

from __future__ import annotations

from ...core.flags import Flag
from ..registry import Check, CheckContext, register_check


def _numbers(original: str, text: str, ctx: CheckContext) -> tuple[Flag, ...]:
    from .facts import number_flags

    return tuple(number_flags(original, text, report_dropped=ctx.kind != "summary"))


def _dates(original: str, text: str, ctx: CheckContext) -> tuple[Flag, ...]:
    from .facts import date_flags

    return tuple(date_flags(original, text))


def _names(original: str, text: str, ctx: CheckContext) -> tuple[Flag, ...]:
    from .facts import name_flags

    return tuple(name_flags(original, text, ctx.article))


def _leftover(original: str, text: str, ctx: CheckContext) -> tuple[Flag, ...]:
    from .noise import leftover_script

    return leftover_script(original)


register_check(Check("numbers", ("added-number", "changed-number", "dropped-number"), _numbers,
                     help="numbers added, changed or dropped (by value; Persian digits count)"))
register_check(Check("dates", ("added-date",), _dates, help="dates absent from the original"))
register_check(Check("names", ("added-name",), _names, help="names that appear nowhere in the article"))
register_check(Check("leftover-script", ("leftover-script",), _leftover, target="original",
                     help="non-Latin script and stray guillemets left in the machine translation"))
from . import translator as _translator  # noqa: F401,E402  (translator QA checks register on import)
