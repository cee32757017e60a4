"""The article pass: checks that need the whole article, run once every version is in.

Every registered ``article`` check (``inconsistent-term``) sees the original and the versions
paragraph by paragraph (the first alternative of each strategy, every given version's aligned
text), and its flags join the place they are about through the one flag walk
(:func:`toolkit.core.flag_walk.map_flags`). An article check treats each version on its own,
so versions may be checked in turns, as they come in.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..core.flag_walk import ORIGINAL, Place, map_flags
from ..core.flags import Flag
from ..core.results import Result
from .options import CheckOptions
from .registry import ArticleView, CheckContext, run_article_checks


def article_view(result: Result, sources: Sequence[str | None] | None = None,
                 versions: Iterable[str] | None = None) -> ArticleView:
    """Return what an article check sees of ``result``: the originals and every version's text
    (only the versions named in ``versions``, when given)."""
    wanted = set(versions) if versions is not None else None
    prs = result.paragraphs
    names = [n for n in dict.fromkeys(a.strategy for pr in prs for a in pr.alternatives)
             if wanted is None or n in wanted]
    found = [(n, tuple(next((a.text for a in pr.alternatives if a.strategy == n), None)
                       for pr in prs)) for n in names]
    if result.versions is not None:
        given = [v.name for v in result.versions.versions if v.kind in ("given", "reference")
                 and (wanted is None or v.name in wanted)]
        for name in given:
            texts = []
            for pr in prs:
                cell = result.versions.paragraph(pr.paragraph.id).cell(name)
                texts.append(cell.text or None)
            found.append((name, tuple(texts)))
    return ArticleView(tuple(pr.paragraph.id for pr in prs),
                       tuple(pr.paragraph.text for pr in prs), tuple(found),
                       tuple(sources) if sources is not None else ())


def check_article(result: Result, options: CheckOptions,
                  sources: Sequence[str | None] | None = None, *, original: bool = True,
                  versions: Iterable[str] | None = None) -> Result:
    """Return ``result`` with the flags of every article check added where they belong.

    ``versions`` names the versions to look at (default: every one): ``compare`` checks the
    alternatives before choosing a suggestion (it reads their flags) and given versions once
    they are aligned. ``original=False`` leaves the original's place alone (a second pass, or
    results that show no flags on the original, such as ``retranslate``).
    """
    view = article_view(result, sources, versions)
    ctx = CheckContext(article="\n".join(view.originals), kind="original",
                       glossary=options.glossary)
    found = run_article_checks(view, ctx, only=options.only, ignore=options.ignore)
    extra: dict[tuple[str, str], list[Flag]] = {}
    for a in found:
        if a.version == ORIGINAL and not original:
            continue
        extra.setdefault((view.ids[a.paragraph], a.version), []).append(a.flag)
    if not extra:
        return result

    def add(place: Place, flags: tuple[Flag, ...]) -> tuple[Flag, ...]:
        if place.where == "summary":
            return flags
        quoted = {f.text for f in flags}  # a finding already flagged here is said once
        more = [f for f in extra.get((place.paragraph, place.version), ()) if f.text not in quoted]
        return flags + tuple(more) if more else flags

    return map_flags(result, add)
