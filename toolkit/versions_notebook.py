"""Notebook views of a comparison across versions: a DataFrame and a chart of system scores.

Called by :func:`toolkit.notebook.to_pandas` and :func:`toolkit.notebook.plot` when a result
has versions (``toolkit.compare(article, versions={...}, reference=...)``).
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Any

from .core.version_results import METRICS

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

    from .core.results import Result

VERSION_COLUMNS = (
    "section", "section_title", "paragraph", "version", "kind", "original", "text", "aligned_from",
    "unaligned", "consensus", "chrf", "similarity", "bleu", "ref_chrf", "ref_ter", "flags",
    "flag_text", "n_flags",
)
_NUMERIC = ("chrf", "similarity", "bleu", "ref_chrf", "ref_ter")


def version_rows(result: Result) -> list[dict[str, Any]]:
    """Return one row per paragraph and version (the article, given, generated, the reference).

    ``chrf`` and ``similarity`` compare the version with the article's paragraph; ``bleu``,
    ``ref_chrf`` and ``ref_ter`` score it against the reference (NaN without one).
    """
    vc = result.versions
    if vc is None:
        raise ValueError("this result has no versions (compare with versions=...)")
    from .frames import flag_columns, flags_at

    kinds = {v.name: v.kind for v in vc.versions}
    at = flags_at(result)
    rows = []
    for sr in result.sections:
        for pr in sr.paragraphs:
            pid = pr.paragraph.id
            pv = vc.paragraph(pid)
            first = {}
            for k, a in enumerate(pr.alternatives):
                first.setdefault(a.strategy, k)
            for c in pv.cells:
                if kinds[c.name] == "article":  # the original machine translation's own flags
                    flags = at.get((pid, "original"), ())
                elif kinds[c.name] == "generated":  # the alternative itself
                    flags = at.get((pid, "alternative", first.get(c.name, -1)), ())
                else:
                    flags = at.get((pid, "version", c.name), ())
                scores = dict(c.scores)
                rows.append(
                    {
                        "section": sr.section.id,
                        "section_title": sr.section.title,
                        "paragraph": pr.paragraph.id,
                        "version": c.name,
                        "kind": kinds[c.name],
                        "original": pr.paragraph.text,
                        "text": c.text,
                        "aligned_from": list(c.aligned_from),
                        "unaligned": list(c.unaligned),
                        "consensus": c.name == pv.consensus,
                        "chrf": c.chrf,
                        "similarity": c.similarity,
                        "bleu": scores.get("BLEU"),
                        "ref_chrf": scores.get("chrF"),
                        "ref_ter": scores.get("TER"),
                        **flag_columns(flags),
                    }
                )
    return rows


def versions_frame(result: Result) -> pd.DataFrame:
    """Return :func:`version_rows` as a DataFrame (numeric score columns as float)."""
    import pandas as pd

    df = pd.DataFrame(version_rows(result), columns=list(VERSION_COLUMNS))
    return df.astype({**{c: "float64" for c in _NUMERIC}, "n_flags": "int64", "consensus": "bool"})


def plot_versions(result: Result) -> Figure:
    """Return a figure: each version's BLEU, chrF and TER with 95% interval bars.

    Significant differences from the article (both paired tests, p < 0.05) are drawn solid,
    the others hatched. Without a reference: the agreement matrix between the versions.
    """
    import matplotlib.pyplot as plt

    vc = result.versions
    if vc is None:
        raise ValueError("this result has no versions (compare with versions=...)")
    title = textwrap.shorten(result.article.title or "Untitled article", 80, placeholder="…")
    if not vc.scores:
        fig, ax = plt.subplots(figsize=(1.2 * len(vc.candidates) + 3, 1.0 * len(vc.candidates) + 2),
                               layout="constrained")
        plt.close(fig)
        image = ax.imshow(vc.agreement, vmin=0, vmax=100, cmap="Blues")
        ax.set_xticks(range(len(vc.candidates)), vc.candidates, rotation=30, ha="right")
        ax.set_yticks(range(len(vc.candidates)), vc.candidates)
        for i, row in enumerate(vc.agreement):
            for j, x in enumerate(row):
                ax.text(j, i, f"{x:.0f}", ha="center", va="center", fontsize=8)
        fig.colorbar(image, ax=ax, label="chrF")
        ax.set_title(f"{title}\nagreement between versions; consensus: {vc.consensus}")
        return fig
    ranked = vc.ranking()
    fig, axes = plt.subplots(1, len(METRICS), figsize=(4.2 * len(METRICS), 0.5 * len(ranked) + 2.4),
                             layout="constrained", sharey=True)
    plt.close(fig)
    fig.suptitle(f"{title}: scores against the reference (95% bootstrap intervals)")
    names = [s.name for s in ranked]
    for ax, metric in zip(axes, METRICS):
        values = [s.score(metric) for s in ranked]
        lows = [v - s.interval(metric)[0] for v, s in zip(values, ranked)]
        highs = [s.interval(metric)[1] - v for v, s in zip(values, ranked)]
        bars = ax.barh(names, values, xerr=[lows, highs], capsize=3, color="#4a6fa5",
                       ecolor="#1d2330")
        for bar, name in zip(bars, names):
            if name == vc.baseline:
                bar.set_color("#8a93a3")
            elif not vc.significant(name, metric):
                bar.set_hatch("//")
                bar.set_alpha(0.6)
        ax.set_title(f"{metric} ({'lower' if metric == 'TER' else 'higher'} is better)")
        ax.invert_yaxis()
    axes[0].set_xlabel("grey: the article (baseline); hatched: not significant", fontsize=8)
    return fig
