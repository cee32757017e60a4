"""What the checks are told (a glossary, ``--only``/``--ignore``), and running them on one text.

Versions are checked paragraph by paragraph where they are made: ``tasks/retranslate.py`` and
``tasks/summarize.py`` for generated text, ``comparison/versions.py`` for given versions,
``comparison/article.py`` for the original; :mod:`toolkit.qa.article` adds what needs the
whole article.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..core.errors import ConfigError
from ..core.flags import FLAG_KINDS, Flag
from ..core.registry import guarded
from .registry import CHECKS, CheckContext, checks_for, run_checks

if TYPE_CHECKING:
    from ..core.config import Settings

NOT_A_RENDERING = ("refusal", "untranslated")
"""A version flagged with one of these is not an English rendering of its paragraph: its shape,
its facts and its sentence alignment say nothing more, so only these flags are kept."""


def resolve_kinds(names: Iterable[str] | str | None, option: str = "--only") -> tuple[str, ...]:
    """Return the flag kinds that ``names`` (kinds or check names, comma-separated) stand for."""
    if names is None:
        return ()
    if isinstance(names, str):
        names = names.split(",")
    kinds: list[str] = []
    checks = dict(CHECKS.items())
    for raw in names:
        name = raw.strip()
        if not name:
            continue
        if name in FLAG_KINDS:
            kinds.append(name)
        elif name in checks:
            kinds.extend(checks[name].kinds)
        else:
            known = sorted(FLAG_KINDS.names())
            raise ConfigError(
                f"{option} {name}: not a flag kind or check; known kinds: {', '.join(known)}"
            )
    return tuple(dict.fromkeys(kinds))


@dataclass(frozen=True)
class CheckOptions:
    """What the checks are told: a glossary, and which flag kinds to produce."""

    glossary: object | None = None  # toolkit.qa.glossary.Glossary
    only: tuple[str, ...] = ()  # flag kinds (already resolved)
    ignore: tuple[str, ...] = ()

    def keep(self, flag: Flag) -> bool:
        """Tell whether ``flag`` survives ``--only``/``--ignore``."""
        if self.only and flag.kind not in self.only:
            return False
        return flag.kind not in self.ignore

    def check_version(
        self,
        original: str,
        text: str,
        *,
        source: str | None = None,
        article: str = "",
        version: str = "",
        kind: str = "generated",
    ) -> tuple[Flag, ...]:
        """Run every registered version check of ``text`` against ``original``.

        A version flagged ``refusal`` or ``untranslated`` is not a rendering: its shape (length,
        end mark, spacing, pairs of marks) and its facts (names, numbers, times, roles) say nothing
        more, so only the flags that say it is no rendering are kept.
        """
        ctx = CheckContext(
            source=source or None,
            article=article,
            version=version,
            kind=kind,
            glossary=self.glossary,
        )
        flags = run_checks(original, text, ctx, only=self.only, ignore=self.ignore)
        if not_a_rendering(flags):
            flags = tuple(f for f in flags if f.kind in NOT_A_RENDERING)
        return flags

    def check_original(
        self, original: str, *, source: str | None = None, article: str = ""
    ) -> tuple[Flag, ...]:
        """Run the registered checks of the original itself, with the source and glossary."""
        ctx = CheckContext(
            source=source or None,
            article=article,
            version="original",
            kind="original",
            glossary=self.glossary,
        )
        flags: list[Flag] = []
        for c in checks_for("original", only=self.only, ignore=self.ignore):
            found = guarded(CHECKS, c.name, lambda c=c: c.run(original, original, ctx), ())
            flags.extend(f for f in found if self.keep(f))
        return tuple(flags)


def not_a_rendering(flags: Iterable[Flag]) -> bool:
    """Tell whether ``flags`` say the text is no English rendering (:data:`NOT_A_RENDERING`)."""
    return any(f.kind in NOT_A_RENDERING for f in flags)


def options_from_settings(settings: Settings) -> CheckOptions:
    """Return the checks' options of ``settings``: the glossary, ``--only``/``--ignore`` kinds."""
    from .glossary import load_glossary

    glossary = load_glossary(settings.glossary) if settings.glossary else None
    return CheckOptions(glossary, resolve_kinds(settings.check_only, "--only"),
                        resolve_kinds(settings.check_ignore, "--ignore"))
