"""The check registry: every producer of flags on a rendering is a registered :class:`Check`.

A check looks at one *version* of a paragraph (a generated alternative, a given translation, a
summary) against the *original* machine translation (and, where it applies, the source-language
paragraph), or at the original alone. Built-in checks register here exactly as a plugin would
(entry-point group ``parallax.checks``); every flag kind a check produces must be in the flag
table (:mod:`toolkit.core.flags`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..core.flags import Flag
from ..core.registry import Registry

TARGETS = ("version", "original", "summary")


@dataclass(frozen=True)
class CheckContext:
    """What a check may know besides the two texts."""

    source: str | None = None  # the source-language paragraph (``--source``), if aligned
    article: str = ""  # the whole original article text (a name used elsewhere is not invented)
    version: str = ""  # the version's name: a strategy ("post-edit"), or a given version's name
    kind: str = "generated"  # "generated" | "given" | "summary"
    glossary: Any = None  # a loaded glossary, when one was given
    options: dict[str, Any] = field(default_factory=dict)


CheckFn = Callable[[str, str, CheckContext], tuple[Flag, ...]]


@dataclass(frozen=True)
class Check:
    """A named flag producer: ``run(original, version_text, context) -> flags``.

    ``target`` says what it looks at: ``version`` (a rendering against the original MT),
    ``original`` (the MT alone; ``version_text`` is then the original too) or ``summary``.
    """

    name: str
    kinds: tuple[str, ...]  # flag kinds it may produce
    run: CheckFn
    target: str = "version"
    help: str = ""
    version: str = "1"  # bump when the check's behaviour changes (part of the run signature)

    def __post_init__(self) -> None:
        if self.target not in TARGETS:
            raise ValueError(f"check {self.name!r}: target must be one of {TARGETS}")


CHECKS: Registry[Check] = Registry("check", builtins=("toolkit.qa.checks.builtin",))


def register_check(check: Check) -> Check:
    """Add a check to the registry (built-ins and plugins alike)."""
    return CHECKS.register(check.name, check)


def checks_for(target: str, *, only: tuple[str, ...] = (), ignore: tuple[str, ...] = ()) -> tuple[Check, ...]:
    """Return the registered checks of ``target``; ``only``/``ignore`` filter by flag kind or name."""
    out = []
    for check in CHECKS.values():
        if check.target != target:
            continue
        names = {check.name, *check.kinds}
        if only and not names & set(only):
            continue
        if ignore and names & set(ignore) == names:
            continue
        out.append(check)
    return tuple(out)


def run_checks(original: str, text: str, context: CheckContext, *, target: str = "version",
               only: tuple[str, ...] = (), ignore: tuple[str, ...] = ()) -> tuple[Flag, ...]:
    """Run every registered check of ``target`` and return their flags (filtered by kind)."""
    flags: list[Flag] = []
    for check in checks_for(target, only=only, ignore=ignore):
        flags.extend(check.run(original, text, context))
    if only:
        flags = [f for f in flags if f.kind in only or any(c.name in only for c in CHECKS.values()
                                                             if f.kind in c.kinds)]
    if ignore:
        flags = [f for f in flags if f.kind not in ignore]
    return tuple(flags)
