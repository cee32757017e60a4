"""The built-in checks, registered the way a plugin registers its own."""

from __future__ import annotations

from ..flags import Flag
from .checks import date_flags, name_flags, number_flags
from .noise import leftover_script
from .registry import Check, CheckContext, register_check


def _numbers(original: str, text: str, ctx: CheckContext) -> tuple[Flag, ...]:
    return tuple(number_flags(original, text, report_dropped=ctx.kind != "summary"))


def _dates(original: str, text: str, ctx: CheckContext) -> tuple[Flag, ...]:
    return tuple(date_flags(original, text))


def _names(original: str, text: str, ctx: CheckContext) -> tuple[Flag, ...]:
    return tuple(name_flags(original, text, ctx.article))


def _leftover(original: str, text: str, ctx: CheckContext) -> tuple[Flag, ...]:
    return leftover_script(original)


register_check(Check("numbers", ("added-number", "changed-number", "dropped-number"), _numbers,
                     help="numbers added, changed or dropped (by value; Persian digits count)"))
register_check(Check("dates", ("added-date",), _dates, help="dates absent from the original"))
register_check(Check("names", ("added-name",), _names, help="names that appear nowhere in the article"))
register_check(Check("leftover-script", ("leftover-script",), _leftover, target="original",
                     help="non-Latin script and stray guillemets left in the machine translation"))
