"""Markdown rendering. Article text is escaped so it cannot inject markup or links."""

from __future__ import annotations

import re

from ..comparison.metric_registry import metrics_at
from ..core.flags import Flag
from ..core.results import ParagraphResult, Result, Summary

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+!|~])")


def md_escape(text: str) -> str:
    """Escape Markdown and HTML metacharacters in untrusted text."""
    text = text.replace("&", "&amp;")
    return _MD_SPECIAL.sub(
        lambda m: (
            "&lt;" if m.group(1) == "<" else "&gt;" if m.group(1) == ">" else "\\" + m.group(1)
        ),
        text,
    )


def _flags(flags: tuple[Flag, ...]) -> str:
    if not flags:
        return ""
    return " — " + ", ".join(
        ("~~" if f.reviewed else "") + f"`{f.kind}`"
        + (f" «{md_escape(f.text)}»" if f.text and f.kind not in ("copy", "trimmed") else "")
        + ("~~ (reviewed)" if f.reviewed else "")
        for f in flags
    )


def _summary(s: Summary | None) -> list[str]:
    if s is None:
        return []
    text = md_escape(s.text) if s.text else "_(no summary)_"
    return [f"> **Summary:** {text}{_flags(s.flags)}", ""]


def _diff(pr: ParagraphResult, k: int) -> str:
    """The alternative with ~~deleted~~ and **inserted** words (against the original)."""
    if pr.comparison is None:
        return md_escape(pr.alternatives[k].text)
    out = []
    for d in pr.comparison.alternatives[k].diff:
        body = md_escape(d.text.strip())
        if not body:
            out.append(d.text)
        elif d.op == "equal":
            out.append(md_escape(d.text))
        else:
            mark = "~~" if d.op == "delete" else "**"
            lead, trail = (
                d.text[: len(d.text) - len(d.text.lstrip())],
                d.text[len(d.text.rstrip()) :],
            )
            out.append(f"{lead}{mark}{body}{mark}{trail}")
    return "".join(out)


def _suggested(pr: ParagraphResult) -> str:
    """``- **suggested** (from edited): text`` (words marked against the original)."""
    s = pr.suggestion
    if s.source == "original":
        return "- **suggested:** the original machine translation"
    from ..comparison.diff import word_diff

    body = []
    for d in word_diff(pr.paragraph.text, s.text):
        text = md_escape(d.text.strip())
        if d.op == "equal" or not text:
            body.append(md_escape(d.text))
            continue
        mark = "~~" if d.op == "delete" else "**"
        lead, trail = d.text[: len(d.text) - len(d.text.lstrip())], d.text[len(d.text.rstrip()):]
        body.append(f"{lead}{mark}{text}{mark}{trail}")
    return f"- **suggested** (from {md_escape(s.source)}): {''.join(body)}{_flags(s.flags)}"


def _scores(values) -> list[str]:
    """``chrF 41.2``, ``TER 55.0``, ``sim 0.81`` ...: every registered metric that has a value."""
    return [m.show(v, short=True) for m in metrics_at("alternative")
            if (v := values.value(m.name)) is not None]


def render_markdown(result: Result) -> str:
    """Render ``result`` as Markdown (article text escaped)."""
    art = result.article
    out = [f"# {md_escape(art.title or '(untitled)')}", ""]
    if art.metadata.described():  # page metadata (ingest)
        out += [" · ".join(f"{k}: {md_escape(v)}" for k, v in art.metadata.described()), ""]
    if result.article_summary is not None:
        out += [
            f"**In short:** {md_escape(result.article_summary.text)}"
            f"{_flags(result.article_summary.flags)}",
            "",
        ]
    if result.task == "compare":
        least = result.least_certain(5)
        if least:
            out += [
                "**Least certain paragraphs:** "
                + ", ".join(f"{p.paragraph.id} ({p.uncertainty:.0%})" for p in least),
                "",
            ]
    if result.versions is not None:
        from .versions_markdown import versions_table

        out += versions_table(result.versions, md_escape)
    for sr in result.sections:
        out += [f"## {md_escape(sr.section.title or 'Introduction')}", ""]
        out += _summary(sr.summary)
        if sr.evidence:
            out += [
                "> Evidence: "
                + "; ".join(
                    f"{'✓' if e.supported else '✗ unsupported'} "
                    + ", ".join(f"{sid} ({score:.2f})" for sid, score in e.support[:2])
                    for e in sr.evidence
                ),
                "",
            ]
        if result.task == "summarize":
            continue
        for pr in sr.paragraphs:
            head = f"**{pr.paragraph.id}**"
            if pr.comparison is not None:
                head += (f" _(uncertainty {pr.uncertainty:.0%}, agreement chrF "
                         f"{pr.comparison.metrics.agreement:.1f})_")
            head += _flags(pr.noise)
            out += [head, "", md_escape(pr.paragraph.text), ""]
            for k, a in enumerate(pr.alternatives):
                scores = ""
                if pr.comparison is not None:
                    scores = " [" + ", ".join(_scores(pr.comparison.alternatives[k].metrics)) + "]"
                out += [
                    f"- _{a.strategy}_ ({md_escape(a.model)}){scores}: "
                    f"{_diff(pr, k)}{_flags(a.flags)}"
                ]
            if pr.suggestion is not None:
                out += [_suggested(pr)]
            out.append("")
            if result.versions is not None:
                from .versions_markdown import paragraph_versions

                out += paragraph_versions(result.versions, pr.paragraph.id, md_escape)
    if art.metadata.removed:  # nothing leaves the input silently (ingest)
        out += [f"**Removed from the input ({len(art.metadata.removed)}):**", ""]
        out += [
            f"- {r.kind}: {md_escape(r.text)}" + (f" _({md_escape(r.reason)})_" if r.reason else "")
            for r in art.metadata.removed
        ]
        out.append("")
    out += ["---", f"`{result.signature.short()}`", ""]
    return "\n".join(out)
