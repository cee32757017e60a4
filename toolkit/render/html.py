"""HTML report: one self-contained file (inline CSS, one inline script, no external assets).

Rendered through Jinja2 with autoescaping; article text is untrusted and only ever reaches the
page as escaped text (element text or attribute values). A Content-Security-Policy forbids every
script but the report's own (allowed by the sha256 of its exact text), frames and remote loads, as
a second line of defence. The script (``templates/report.js``) only adds filters, triage and export
on top of a page that reads the same without it; it finds what it works on through data attributes
(``data-paragraph``, ``data-flags``, ``data-rendering`` ..., see the README's "Interactive report").
``fragment=True`` gives the body alone (for Jupyter): no script, every CSS rule scoped under
``.parallax-report`` so nothing leaks into the notebook.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from ..comparison.metric_registry import metrics_at
from ..core.document import article_key
from ..core.flag_walk import PlacedFlag, by_paragraph
from ..core.flags import GROUPS, Flag, kind_info, severity_rank
from ..core.results import ParagraphResult, Result


def flag_group(kind: str) -> str:
    """Return the legend group of a flag kind (from the flag table)."""
    return kind_info(kind).group


def flag_help(kind: str) -> str:
    """Return the help text of a flag kind (from the flag table)."""
    return kind_info(kind).help


def flag_css(scope: str) -> str:
    """Return the CSS of flag chips from the flag style table: a ``--GROUP`` colour variable on
    ``scope`` (``:root`` for a whole page) and a ``.flag.GROUP`` rule per group."""
    inner = "" if scope == ":root" else f"{scope} "
    colours = ";".join(f"--{name}:{g.colour}" for name, g in GROUPS.items())
    rules = [f"{scope}{{{colours}}}"]
    for name, g in GROUPS.items():
        background = f";background:{g.background}" if g.background else ""
        rules.append(f"{inner}.flag.{name}{{color:var(--{name}){background}}}")
    return "\n".join(rules)


def data_flags(flags: tuple[Flag | PlacedFlag, ...]) -> str:
    """Return the ``data-flags`` value: the distinct kinds, space-separated, sorted."""
    return " ".join(sorted({f.kind for f in flags}))


def max_severity(flags: tuple[Flag | PlacedFlag, ...]) -> str:
    """Return the highest severity among unreviewed ``flags`` ("" when there are none)."""
    return max((f.severity for f in flags if not f.reviewed), key=severity_rank, default="")


@cache
def script(*names: str) -> str:
    """Return the text of the named script files of ``templates/``, joined (one inline script)."""
    text = "\n".join(
        files("toolkit.render").joinpath("templates", n).read_text("utf-8") for n in names
    )
    if "</" in text.lower() or "<!--" in text:  # the text must not be able to end its element
        raise ValueError(f"{names}: an inline script must not contain '</' or '<!--'")
    return text


def csp_hash(text: str) -> str:
    """Return the CSP source that allows exactly the inline script ``text``."""
    return (
        "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"
    )


def content_security_policy(script_text: str | None) -> str:
    """Return the page's CSP: nothing from outside; scripts only if their hash is listed."""
    scripts = f"script-src {csp_hash(script_text)}; " if script_text else ""
    return (f"default-src 'none'; {scripts}style-src 'unsafe-inline'; img-src data:; "
            "base-uri 'none'; form-action 'none'")


@dataclass(frozen=True)
class Segment:
    text: str
    cls: str = ""  # "" | "ins" | "del" | "noise" | "variant"
    title: str = ""


def _marked(text: str, flags: tuple[Flag, ...]) -> list[Segment]:
    """Split ``text`` into segments, marking the spans that noise flags quote."""
    spans: list[tuple[int, int, str, str]] = []
    for f in flags:
        if f.kind not in ("leftover-script", "name-variant"):
            continue  # other flags quote context, not a span to mark
        needle = f.text.split(" -> ")[0] if f.kind == "name-variant" else f.text
        if not needle:
            continue
        start = text.find(needle)
        while start != -1:
            spans.append(
                (
                    start,
                    start + len(needle),
                    "noise" if f.kind == "leftover-script" else "variant",
                    f"{f.kind}: {f.text} ({f.detail})" if f.detail else f"{f.kind}: {f.text}",
                )
            )
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


def _suggestion_segments(pr: ParagraphResult) -> list[Segment]:
    """The suggested reading with its words inserted and deleted against the original."""
    from ..comparison.diff import word_diff

    cls = {"equal": "", "insert": "ins", "delete": "del"}
    return [Segment(d.text, cls[d.op]) for d in word_diff(pr.paragraph.text, pr.suggestion.text)]


@cache
def environment():
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(loader=PackageLoader("toolkit.render", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["pct"] = lambda x: "–" if x is None else f"{x:.0%}"
    env.filters["num"] = lambda x, d=1: "–" if x is None else f"{x:.{d}f}"
    env.filters["raw"] = lambda x: "" if x is None else f"{x:.4f}"  # for data attributes
    return env


def render_html(result: Result, *, fragment: bool = False) -> str:
    """Render a Result as a standalone page, or (``fragment``) as a scoped ``<div>``."""
    from markupsafe import Markup

    sentence_text = {s.id: s.text for p in result.article.paragraphs for s in p.sentences}
    js = None if fragment else script("table-sort.js", "report.js")
    placed = result.flags()
    on_paragraphs = [f for f in placed if f.place.where != "summary"]
    flags_of = by_paragraph(on_paragraphs)  # the original, alternatives and given versions
    kinds = sorted({f.kind for f in on_paragraphs},
                   key=lambda k: (-severity_rank(kind_info(k).severity), k))
    return environment().get_template("report.html.j2").render(
        r=result,
        art=result.article,
        fragment=fragment,
        marked=_marked,
        diff_segments=_diff_segments,
        suggestion_segments=_suggestion_segments,
        sentence_text=sentence_text,
        group=flag_group,
        help=flag_help,
        quote=lambda kind: kind_info(kind).quote,
        least=result.least_certain(5) if result.task == "compare" else (),
        counts=result.flag_counts(),
        alt_metrics=metrics_at("alternative"),
        paragraph_flags=lambda pr: flags_of.get(pr.paragraph.id, ()),
        flag_css=Markup(flag_css(".parallax-report")),
        data_flags=data_flags,
        max_severity=max_severity,
        severity=lambda kind: kind_info(kind).severity,
        filter_kinds=kinds,
        article_key=article_key(result.article.metadata.content_sha256,
                                (p.text for p in result.article.paragraphs)),
        script=Markup(js) if js else None,
        csp=content_security_policy(js),
        reviewed=sum(1 for f in placed if f.reviewed),
        metrics=("BLEU", "chrF", "TER"),
    )
