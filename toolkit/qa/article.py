"""The article pass: checks that need the whole article, run once every version is in.

Every registered ``article`` check (``inconsistent-term``) sees the original and every version
paragraph by paragraph (the first alternative of each strategy, and every given version's
aligned text), and its flags join the place they are about through the one flag walk
(:func:`toolkit.core.flag_walk.map_flags`).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..core.flag_walk import ORIGINAL, Place, map_flags
from ..core.flags import Flag
from ..core.results import Result
from .options import CheckOptions
from .registry import ArticleView, CheckContext, run_article_checks


def article_view(result: Result, sources: Sequence[str | None] | None = None) -> ArticleView:
    """Return what an article check sees of ``result``: originals and every version's text."""
    prs = result.paragraphs
    names = list(dict.fromkeys(a.strategy for pr in prs for a in pr.alternatives))
    versions = [(n, tuple(next((a.text for a in pr.alternatives if a.strategy == n), None)
                          for pr in prs)) for n in names]
    if result.versions is not None:
        given = [v.name for v in result.versions.versions if v.kind in ("given", "reference")]
        for name in given:
            texts = []
            for pr in prs:
                cell = result.versions.paragraph(pr.paragraph.id).cell(name)
                texts.append(cell.text or None)
            versions.append((name, tuple(texts)))
    return ArticleView(tuple(pr.paragraph.id for pr in prs),
                       tuple(pr.paragraph.text for pr in prs), tuple(versions),
                       tuple(sources) if sources is not None else ())


def check_article(result: Result, options: CheckOptions,
                  sources: Sequence[str | None] | None = None, *, original: bool = True) -> Result:
    """Return ``result`` with the flags of every article check added where they belong.

    ``original=False`` leaves the original's place alone (results that show no flags on the
    original, such as ``retranslate``).
    """
    view = article_view(result, sources)
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
