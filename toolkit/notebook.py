"""Notebook helpers: a Result as rich HTML, as a pandas DataFrame, as a matplotlib chart.

``Result._repr_html_``, ``Result.to_pandas`` and ``Result.plot`` call these functions. pandas,
matplotlib and tqdm are imported only when a function that needs them runs (the ``notebook``
extra installs them).
"""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Self

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

    from .core.results import Result

_HEAD = ("section", "section_title", "paragraph", "strategy", "model", "original", "alternative",
         "suggested", "suggested_from")
_FLAG_COLUMNS = ("flags", "flag_text", "n_flags")
SUMMARY_COLUMNS = (
    "section",
    "section_title",
    "summary",
    "n_sentences",
    "flags",
    "flag_text",
    "n_flags",
)


def _metric_columns() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The metric columns, from the metric registry: per alternative, then per paragraph."""
    from .comparison.metric_registry import metrics_at

    return (tuple(m.name for m in metrics_at("alternative")),
            tuple(m.name for m in metrics_at("paragraph") if m.in_table))


def paragraph_columns() -> tuple[str, ...]:
    """Return the columns of a paragraph DataFrame (metrics as the registry lists them)."""
    alt, para = _metric_columns()
    return (*_HEAD, *alt, *para, *_FLAG_COLUMNS)


def __getattr__(name: str) -> tuple[str, ...]:
    if name == "PARAGRAPH_COLUMNS":  # kept for callers of the fixed tuple it used to be
        return paragraph_columns()
    raise AttributeError(name)


def result_html(result: Result) -> str:
    """Return the HTML report of ``result`` as a fragment with its CSS scoped to it (Jupyter)."""
    return result.render("html", fragment=True)


def result_rows(result: Result) -> list[dict[str, Any]]:
    """Return the rows of :func:`to_pandas` as plain dicts.

    ``summarize`` results give one row per section; the others one row per paragraph and
    alternative. A row's ``flags`` are the alternative's own flags followed by the noise flags
    of the original paragraph (leftover script, name variants), so filtering on ``n_flags``
    finds every paragraph a reader should look at.
    """
    from .frames import flag_columns, flags_at

    rows: list[dict[str, Any]] = []
    at = flags_at(result)
    if result.task == "summarize":
        for sr in result.sections:
            flags = at.get((sr.section.id, "summary"), ())
            rows.append({
                "section": sr.section.id,
                "section_title": sr.section.title,
                "summary": sr.summary.text if sr.summary else "",
                "n_sentences": len(sr.summary.sentences) if sr.summary else 0,
                **flag_columns(flags),
            })
        return rows
    alt_metrics, para_metrics = _metric_columns()
    for sr in result.sections:
        for pr in sr.paragraphs:
            comp = pr.comparison
            pid = pr.paragraph.id
            noise = at.get((pid, "original"), ())
            for k, alt in enumerate(pr.alternatives):
                scores = comp.alternatives[k].metrics if comp else None
                rows.append({
                    "section": sr.section.id,
                    "section_title": sr.section.title,
                    "paragraph": pr.paragraph.id,
                    "strategy": alt.strategy,
                    "model": alt.model,
                    "original": pr.paragraph.text,
                    "alternative": alt.text,
                    "suggested": pr.suggestion.text if pr.suggestion else None,
                    "suggested_from": pr.suggestion.source if pr.suggestion else None,
                    **{name: scores.value(name) if scores else None for name in alt_metrics},
                    **{name: comp.metrics.value(name) if comp else None for name in para_metrics},
                    **flag_columns(at.get((pid, "alternative", k), ()) + noise),
                })
    return rows


def to_pandas(result: Result) -> pd.DataFrame:
    """Return ``result`` as a DataFrame: one row per paragraph and alternative.

    Columns: section, section_title, paragraph, strategy, model, original, alternative, chrf,
    ter (0-100), similarity (cosine to the original), any plugin metrics, agreement (chrF
    between the alternatives, 0-100), uncertainty (0-1) (the metric registry's order), flags
    (list of kinds; read it as ``df["flags"]``, since ``df.flags`` is pandas' own attribute),
    flag_text, n_flags. Scores are NaN when the
    result has no comparison (``retranslate``). A ``summarize`` result gives one row per section:
    section, section_title, summary, n_sentences, flags, flag_text, n_flags.
    """
    import pandas as pd

    if getattr(result, "versions", None) is not None:  # one row per paragraph x version
        from .versions_notebook import versions_frame

        return versions_frame(result)
    summarize = result.task == "summarize"
    columns = SUMMARY_COLUMNS if summarize else paragraph_columns()
    df = pd.DataFrame(result_rows(result), columns=list(columns))
    if not summarize:
        df = df.astype({c: "float64" for group in _metric_columns() for c in group})
    return df.astype({"n_flags": "int64"})


def section_scores(result: Result) -> list[tuple[str, float | None, float | None]]:
    """Return, per section, its label and the mean agreement (chrF / 100) and mean similarity."""
    out = []
    for sr in result.sections:
        metrics = [pr.comparison.metrics for pr in sr.paragraphs if pr.comparison]
        agreement = [m.agreement / 100 for m in metrics]
        similarity = [m.mean_similarity for m in metrics if m.mean_similarity is not None]
        title = textwrap.shorten(sr.section.title or "(introduction)", 26, placeholder="…")
        label = f"{sr.section.id}\n{title}"
        out.append((label, _mean(agreement), _mean(similarity)))
    return out


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def plot(result: Result) -> Figure:
    """Return a figure: per-section agreement and similarity, and the flag counts by kind.

    The figure is closed in pyplot before it is returned, so Jupyter shows it once (as the
    cell's value) and scripts open no window; save it with ``fig.savefig(path)``.
    """
    import matplotlib.pyplot as plt

    from .core.flags import GROUPS, kind_info

    if getattr(result, "versions", None) is not None:  # system scores with interval bars
        from .versions_notebook import plot_versions

        return plot_versions(result)

    fig, (scores_ax, flags_ax) = plt.subplots(
        1, 2, figsize=(13, 4.8), width_ratios=(3, 2), layout="constrained")
    plt.close(fig)
    title = result.article.title or "Untitled article"
    fig.suptitle(f"{textwrap.shorten(title, 90, placeholder='…')} ({result.task})")

    scores = section_scores(result)
    scores_ax.set_title("Per section: mean agreement and similarity")
    if any(a is not None or s is not None for _, a, s in scores):
        xs = range(len(scores))
        width = 0.38
        agreement = [a if a is not None else 0.0 for _, a, _ in scores]
        similarity = [s if s is not None else 0.0 for _, _, s in scores]
        scores_ax.bar([x - width / 2 for x in xs], agreement, width, color="#4a6fa5",
                      label="agreement between alternatives (chrF / 100)")
        scores_ax.bar([x + width / 2 for x in xs], similarity, width, color="#8fb47a",
                      label="similarity to the original (cosine)")
        scores_ax.set_xticks(list(xs), [label for label, _, _ in scores], fontsize=8)
        scores_ax.set_ylim(0, 1.15)
        scores_ax.set_ylabel("score (0-1, higher = more certain)")
        scores_ax.legend(loc="upper right", fontsize=8)
    else:
        _empty(scores_ax, f"no comparison scores in a {result.task} result")

    counts = result.flag_counts()
    flags_ax.set_title("Flags by kind")
    if counts:
        kinds = list(counts)[::-1]  # alphabetical from the top
        colours = [GROUPS[kind_info(k).group].colour for k in kinds]
        flags_ax.barh(kinds, [counts[k] for k in kinds], color=colours)
        flags_ax.set_xlabel("count")
        flags_ax.xaxis.get_major_locator().set_params(integer=True)
        flags_ax.tick_params(axis="y", labelsize=8)
    else:
        _empty(flags_ax, "no flags")
    return fig


def _empty(ax, message: str) -> None:
    from .core.flags import GROUPS

    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes,
            color=GROUPS["info"].colour)
    ax.set_xticks([])
    ax.set_yticks([])


class TqdmProgress:
    """A ``progress=`` callable for the API: one ``tqdm.auto`` bar per stage.

    The API reports ``(stage, n)`` as batches finish ("summaries", "post-edit", "comparing" ...)
    without knowing totals in advance, so each bar counts items and shows their rate. Stages of
    ``compare`` run concurrently (their events interleave), so every stage keeps its one bar
    until :meth:`close` (or leaving a ``with`` block) closes them all.
    """

    def __init__(self, **tqdm_kwargs: Any) -> None:
        import threading

        self._kwargs = {"unit": "item", **tqdm_kwargs}
        self._bars: dict[str, Any] = {}
        self._lock = threading.Lock()

    @property
    def _bar(self) -> Any:
        """The bar of the stage that started last (None when all are closed)."""
        return next(reversed(self._bars.values()), None)

    def __call__(self, stage: str, n: int) -> None:
        with self._lock:
            if stage not in self._bars:
                from tqdm.auto import tqdm

                self._bars[stage] = tqdm(desc=stage, **self._kwargs)
            self._bars[stage].update(n)

    def close(self) -> None:
        with self._lock:
            for bar in self._bars.values():
                bar.close()
            self._bars = {}

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        if getattr(self, "_bars", None):
            self.close()


def tqdm_progress(**tqdm_kwargs: Any) -> TqdmProgress:
    """Return a ``progress=`` callable that shows one ``tqdm.auto`` bar per stage."""
    return TqdmProgress(**tqdm_kwargs)


def in_notebook() -> bool:
    """Return whether this code runs inside a Jupyter kernel (without importing IPython)."""
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    return type(shell).__name__ == "ZMQInteractiveShell"


def default_progress() -> Callable[[str, int], None] | None:
    """Return :func:`tqdm_progress` bars inside a Jupyter kernel, else ``None`` (no progress)."""
    return tqdm_progress() if in_notebook() else None


class ParagraphStream:
    """An ``on_paragraph=`` callable for Jupyter: one growing output, a row per paragraph done.

    Each row shows the paragraph id, every alternative with its chrF and flag kinds (article
    text escaped). The full report is still the result's ``_repr_html_``.
    """

    def __init__(self) -> None:
        self.rows: list[str] = []
        self._handle = None

    def html(self) -> str:
        return (
            "<table class='parallax-stream'><tr><th>paragraph</th><th>alternatives as they are done"
            "</th></tr>" + "".join(self.rows) + "</table>"
        )

    def __call__(self, pr: Any) -> None:
        from html import escape

        comps = pr.comparison.alternatives if pr.comparison is not None else ()
        cells = []
        for i, alt in enumerate(pr.alternatives):
            score = f" (chrF {comps[i].metrics.chrf:.0f})" if i < len(comps) else ""
            kinds = ", ".join(sorted({f.kind for f in alt.flags}))
            cells.append(f"<b>{escape(alt.strategy)}</b>{score}"
                         + (f" <i>[{escape(kinds)}]</i>" if kinds else "")
                         + f": {escape(alt.text[:300])}")
        self.rows.append(f"<tr><td>{escape(pr.paragraph.id)}</td><td>{'<br>'.join(cells)}</td></tr>")
        self._show()

    def _show(self) -> None:
        from IPython.display import HTML, display

        if self._handle is None:
            self._handle = display(HTML(self.html()), display_id=True)
        else:
            self._handle.update(HTML(self.html()))


def default_on_paragraph() -> Callable[[Any], None] | None:
    """Return a :class:`ParagraphStream` inside a Jupyter kernel, else ``None``."""
    return ParagraphStream() if in_notebook() else None
