"""HTML report: one self-contained file (inline CSS, no script, no external assets).

Rendered through Jinja2 with autoescaping; article text is untrusted and only ever reaches the
page as escaped text. A Content-Security-Policy forbids scripts, frames and remote loads, as a
second line of defence. ``fragment=True`` gives the body alone (for Jupyter), with every CSS rule
scoped under ``.parallax-report`` so nothing leaks into the notebook.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..comparison.metric_registry import metrics_at
from ..flags import Flag, kind_info
from ..results import ParagraphResult, Result

def flag_group(kind: str) -> str:
    """Return the legend group of a flag kind (from the flag table)."""
    return kind_info(kind).group


def flag_help(kind: str) -> str:
    """Return the help text of a flag kind (from the flag table)."""
    return kind_info(kind).help


@dataclass(frozen=True)
class Segment:
    text: str
    cls: str = ""  # "" | "ins" | "del" | "noise" | "variant"
    title: str = ""


def _marked(text: str, flags: tuple[Flag, ...]) -> list[Segment]:
    """Split ``text`` into segments, marking the spans that noise flags quote."""
    spans: list[tuple[int, int, str, str]] = []
    for f in flags:
        needle = f.text.split(" -> ")[0] if f.kind == "name-variant" else f.text
        if not needle:
            continue
        start = text.find(needle)
        while start != -1:
            spans.append((start, start + len(needle), "noise" if f.kind == "leftover-script" else "variant",
                          f"{f.kind}: {f.text} ({f.detail})" if f.detail else f"{f.kind}: {f.text}"))
            start = text.find(needle, start + len(needle))
    spans.sort()
    out, pos = [], 0
    for a, b, cls, title in spans:
        if a < pos:
            continue
        if a > pos:
            out.append(Segment(text[pos:a]))
        out.append(Segment(text[a:b], cls, title))
        pos = b
    if pos < len(text):
        out.append(Segment(text[pos:]))
    return out


def _diff_segments(pr: ParagraphResult, k: int) -> list[Segment]:
    if pr.comparison is None:
        return [Segment(pr.alternatives[k].text)]
    cls = {"equal": "", "insert": "ins", "delete": "del"}
    return [Segment(d.text, cls[d.op]) for d in pr.comparison.alternatives[k].diff]


@cache
def _environment():
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(loader=PackageLoader("toolkit.render", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["pct"] = lambda x: "–" if x is None else f"{x:.0%}"
    env.filters["num"] = lambda x, d=1: "–" if x is None else f"{x:.{d}f}"
    return env


def render_html(result: Result, *, fragment: bool = False) -> str:
    """Render a Result as a standalone page, or (``fragment``) as a scoped ``<div>``."""
    sentence_text = {s.id: s.text for p in result.article.paragraphs for s in p.sentences}
    return _environment().get_template("report.html.j2").render(
        r=result,
        art=result.article,
        fragment=fragment,
        marked=_marked,
        diff_segments=_diff_segments,
        sentence_text=sentence_text,
        group=flag_group,
        help=flag_help,
        quote=lambda kind: kind_info(kind).quote,
        least=result.least_certain(5) if result.task == "compare" else (),
        counts=result.flag_counts(),
        alt_metrics=metrics_at("alternative"),
    )
