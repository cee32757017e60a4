"""The QA pass over a whole result: what is checked (``--only``/``--ignore``, a glossary), the
original's own checks, and the article-level check ``inconsistent-term``.

Versions are checked paragraph by paragraph where they are made (``tasks/retranslate.py`` calls
:meth:`CheckOptions.check_version`); this pass adds what needs the whole article.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from ..core.errors import ConfigError
from ..core.flags import FLAG_KINDS, Flag
from ..core.results import ParagraphResult, SectionResult
from .checks.terms import original_inconsistencies, version_inconsistencies
from .registry import CHECKS, CheckContext, checks_for, run_checks

SHAPE_KINDS = ("length-ratio", "end-punctuation", "spacing", "unpaired-bracket", "unpaired-quote",
               "doubled-word")


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

        A reply flagged ``refusal`` is not a rendering: its shape (length, end mark, spacing,
        pairs of marks) says nothing more, so those flags are left out.
        """
        ctx = CheckContext(
            source=source or None,
            article=article,
            version=version,
            kind=kind,
            glossary=self.glossary,
        )
        flags = run_checks(original, text, ctx, only=self.only, ignore=self.ignore)
        if any(f.kind == "refusal" for f in flags):
            flags = tuple(f for f in flags if f.kind not in SHAPE_KINDS)
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
        for check in checks_for("original", only=self.only, ignore=self.ignore):
            flags.extend(f for f in check.run(original, original, ctx) if self.keep(f))
        return tuple(flags)



def check_article(
    sections: tuple[SectionResult, ...],
    options: CheckOptions,
    sources: Sequence[str | None] | None = None,
) -> tuple[SectionResult, ...]:
    """Add the original's own flags and ``inconsistent-term`` flags; apply ``--only``/``--ignore``.

    ``sources`` are the source-language paragraphs aligned to the article's (``--source``).
    Original flags join the paragraph's noise (compared results only); version flags join the
    alternative they are about.
    """
    prs = [pr for sr in sections for pr in sr.paragraphs]
    ids = [pr.paragraph.id for pr in prs]
    originals = [pr.paragraph.text for pr in prs]
    article = "\n".join(originals)
    sources = list(sources) if sources is not None else [None] * len(prs)
    want = options.keep(Flag("inconsistent-term"))
    by_version: dict[tuple[int, str], list[Flag]] = {}
    by_original: dict[int, list[Flag]] = {}
    if want:
        names = list(dict.fromkeys(a.strategy for pr in prs for a in pr.alternatives))
        versions = {
            n: [next((a.text for a in pr.alternatives if a.strategy == n), None) for pr in prs]
            for n in names
        }
        by_version = version_inconsistencies(ids, originals, versions)
        by_original = original_inconsistencies(ids, originals)
    out_sections = []
    i = 0
    for sr in sections:
        paragraphs = []
        for pr in sr.paragraphs:
            paragraphs.append(
                _paragraph(pr, i, options, sources[i], article, by_version, by_original)
            )
            i += 1
        out_sections.append(replace(sr, paragraphs=tuple(paragraphs)))
    return tuple(out_sections)


def _paragraph(
    pr: ParagraphResult,
    i: int,
    options: CheckOptions,
    source: str | None,
    article: str,
    by_version: dict[tuple[int, str], list[Flag]],
    by_original: dict[int, list[Flag]],
) -> ParagraphResult:
    alts = []
    for a in pr.alternatives:
        extra = tuple(by_version.get((i, a.strategy), ()))
        alts.append(replace(a, flags=a.flags + extra) if extra else a)
    pr = replace(pr, alternatives=tuple(alts))
    if pr.comparison is None:
        return pr
    # comparison/article.py ran the original's checks without a glossary, source or filters:
    # their flags are replaced by a run that has them (name variants and the like stay)
    rerun = {k for c in CHECKS.values() if c.target == "original" for k in c.kinds}
    kept = tuple(f for f in pr.comparison.noise if f.kind not in rerun and options.keep(f))
    own = options.check_original(pr.paragraph.text, source=source, article=article)
    noise = own + kept + tuple(by_original.get(i, ()))
    return replace(pr, comparison=replace(pr.comparison, noise=noise))
