"""Glossary terms a version misses, or kept terms it changes (``glossary-miss``).

The glossary itself (reading TOML/CSV, the prompt lines) is :mod:`toolkit.qa.glossary`; it comes
to the checks as ``ctx.glossary``.
"""

from __future__ import annotations

from ...core.flags import Flag
from ..registry import CheckContext, check


@check("glossary", kinds=("glossary-miss",), applies_to=("generated", "given"),
       help="glossary terms missed, kept terms changed")
def glossary(original: str, text: str, ctx: CheckContext) -> list[Flag]:
    if ctx.glossary is None:
        return []
    return ctx.glossary.flags(text, original=original, source=ctx.source)


@check("glossary-original", kinds=("glossary-miss",), target="original",
       help="glossary terms the MT renders otherwise")
def glossary_original(original: str, _: str, ctx: CheckContext) -> list[Flag]:
    if ctx.glossary is None:
        return []
    return ctx.glossary.original_flags(original, source=ctx.source)
