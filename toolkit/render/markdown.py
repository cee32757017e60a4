"""Markdown rendering. Article text is escaped so it cannot inject markup or links."""

from __future__ import annotations

import re

from ..results import Flag, Result, Summary

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+!|~])")


def md_escape(text: str) -> str:
    """Escape Markdown and HTML metacharacters in untrusted text."""
    text = text.replace("&", "&amp;")
    return _MD_SPECIAL.sub(lambda m: "&lt;" if m.group(1) == "<" else "&gt;" if m.group(1) == ">" else "\\" + m.group(1), text)


def _flags(flags: tuple[Flag, ...]) -> str:
    if not flags:
        return ""
    return " — " + ", ".join(
        f"`{f.kind}`" + (f" «{md_escape(f.text)}»" if f.text and f.kind not in ("copy", "trimmed") else "")
        for f in flags
    )


def _summary(s: Summary | None) -> list[str]:
    if s is None:
        return []
    text = md_escape(s.text) if s.text else "_(no summary)_"
    return [f"> **Summary:** {text}{_flags(s.flags)}", ""]


def render_markdown(result: Result) -> str:
    art = result.article
    out = [f"# {md_escape(art.title or '(untitled)')}", ""]
    if result.article_summary is not None:
        out += [f"**In short:** {md_escape(result.article_summary.text)}{_flags(result.article_summary.flags)}", ""]
    for sr in result.sections:
        out += [f"## {md_escape(sr.section.title or 'Introduction')}", ""]
        out += _summary(sr.summary)
        if result.task == "summarize":
            continue
        for pr in sr.paragraphs:
            out += [f"**{pr.paragraph.id}** {md_escape(pr.paragraph.text)}", ""]
            for a in pr.alternatives:
                out += [f"- _{a.strategy}_ ({md_escape(a.model)}): {md_escape(a.text)}{_flags(a.flags)}"]
            out.append("")
    out += ["---", f"`{result.signature.short()}`", ""]
    return "\n".join(out)
