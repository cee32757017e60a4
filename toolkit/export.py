"""Assemble a clean article from a JSON report and the reader's choices (``parallax export``).

The HTML report lets a reader keep, per paragraph, the original machine translation, one of the
alternatives, another given rendering, or an edited text, and download those choices as JSON.
:func:`export_article` applies such a choices file to the JSON report of the same article and
returns the assembled article as plain text or Markdown: the paragraph order and the section
headings of the report are kept. The report's script builds the same text in the browser; both
follow the rules written here (a test compares them).

Choices file (``schema: parallax-choices/1``)::

    {"schema": "parallax-choices/1", "article": "<article key>", "title": "...",
     "choices": [{"paragraph": "s1.p2", "rendering": "alternative:1", "label": "fluent",
                  "text": "..."}],
     "done": ["s1.p1"]}

``rendering`` is ``original``, ``alternative:K`` (the K-th alternative of the paragraph, from 0),
or any other name (``edit``, ``version:NAME``) whose ``text`` is then taken as given. A choice of
``original`` or ``alternative:K`` must carry the same text as the report (or no text): choices
made on another run of the article are refused rather than silently mixed in.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .core.document import article_key
from .core.errors import InputError

CHOICES_SCHEMA = "parallax-choices/1"
REPORT_SCHEMA = "parallax/1"
EXPORT_FORMATS = ("txt", "md")


# Markdown: backslash-escape every character that could start markup (CommonMark allows a
# backslash before any ASCII punctuation), and line starts that would make a list or heading.
_MD_CHARS = re.compile(r"([\\`*_\[\]<>|~&#!])")
_MD_LINE_START = re.compile(r"^([ \t]*)([+=-]|[0-9]+[.)])")


def md_text(text: str) -> str:
    """Escape ``text`` so that Markdown shows it verbatim (the report's script does the same)."""
    out = []
    for line in _MD_CHARS.sub(r"\\\1", text).split("\n"):
        m = _MD_LINE_START.match(line)
        if m:
            lead, mark = m.groups()
            line = lead + mark[:-1] + "\\" + mark[-1] + line[m.end():]
        out.append(line)
    return "\n".join(out)


@dataclass(frozen=True)
class Choice:
    paragraph: str
    rendering: str
    text: str | None = None
    label: str = ""


def parse_choices(data: Any) -> tuple[str | None, tuple[Choice, ...]]:
    """Validate a parsed choices document; return its article key and its choices."""
    if not isinstance(data, dict) or data.get("schema") != CHOICES_SCHEMA:
        raise InputError(f"not a Parallax choices file (expected \"schema\": \"{CHOICES_SCHEMA}\")")
    items = data.get("choices", [])
    if not isinstance(items, list):
        raise InputError("choices file: \"choices\" must be a list")
    out: list[Choice] = []
    seen: set[str] = set()
    for n, item in enumerate(items, 1):
        if not isinstance(item, dict):
            raise InputError(f"choices file: choice {n} is not an object")
        pid, rendering, text = item.get("paragraph"), item.get("rendering"), item.get("text")
        if not isinstance(pid, str) or not pid:
            raise InputError(f"choices file: choice {n} has no \"paragraph\" id")
        if not isinstance(rendering, str) or not rendering:
            raise InputError(f"choices file: choice for {pid} has no \"rendering\"")
        if text is not None and not isinstance(text, str):
            raise InputError(f"choices file: the text chosen for {pid} is not a string")
        if pid in seen:
            raise InputError(f"choices file: paragraph {pid} is chosen twice")
        seen.add(pid)
        out.append(Choice(pid, rendering, text, str(item.get("label") or "")))
    key = data.get("article")
    return (key if isinstance(key, str) else None), tuple(out)


def _paragraphs(
    report: Mapping[str, Any],
) -> list[tuple[Mapping[str, Any], list[Mapping[str, Any]]]]:
    if not isinstance(report, Mapping) or report.get("schema") != REPORT_SCHEMA:
        raise InputError(f"not a Parallax JSON report (expected \"schema\": \"{REPORT_SCHEMA}\")")
    sections = report.get("sections")
    if not isinstance(sections, list) or not all(
            isinstance(s, Mapping) and isinstance(s.get("paragraphs"), list) for s in sections):
        raise InputError("JSON report: \"sections\" must be a list of sections with paragraphs")
    if not isinstance(report.get("title"), str | None) or not isinstance(
        report.get("metadata"), Mapping | None
    ):
        raise InputError("JSON report: \"title\" must be a string and \"metadata\" an object")
    for s in sections:
        if not isinstance(s.get("title"), str | None):
            raise InputError("JSON report: a section \"title\" must be a string")
        for p in s["paragraphs"]:
            if not isinstance(p, Mapping) or not isinstance(p.get("id"), str) \
                    or not isinstance(p.get("original"), str):
                raise InputError(
                    'JSON report: every paragraph needs an "id" and an "original" text'
                )
            alts = p.get("alternatives")
            if alts is not None and not (isinstance(alts, list) and all(
                    isinstance(a, Mapping) and isinstance(a.get("text"), str) for a in alts)):
                raise InputError(
                    f"JSON report: the alternatives of {p['id']} must be objects with a \"text\""
                )
    return [(s, list(s["paragraphs"])) for s in sections]


def report_key(report: Mapping[str, Any]) -> str:
    """Return the article key of a JSON report (what the HTML report stores state under)."""
    sections = _paragraphs(report)
    sha = (report.get("metadata") or {}).get("content_sha256")
    sha = sha if isinstance(sha, str) else None
    return article_key(sha, (p["original"] for _, ps in sections for p in ps))


def _resolve(p: Mapping[str, Any], choice: Choice) -> str:
    pid = choice.paragraph
    if choice.rendering == "original":
        text = p["original"]
    elif choice.rendering.startswith("alternative:"):
        alts = p.get("alternatives") or []
        k = choice.rendering.split(":", 1)[1]
        if not k.isdigit() or int(k) >= len(alts):
            raise InputError(f"choices file: {pid} has no {choice.rendering} in this report "
                             f"({len(alts)} alternatives)")
        text = alts[int(k)]["text"]
    else:  # an edit, or a rendering the report carries under another name: the text is the choice
        if choice.text is None:
            raise InputError(f"choices file: the {choice.rendering!r} choice for {pid} has no text")
        return choice.text
    if choice.text is not None and choice.text != text:
        raise InputError(
            f"choices file: the text chosen for {pid} ({choice.rendering}) differs from "
            "this report's; were the choices made on another run?"
        )
    return text


def export_article(report: Mapping[str, Any], choices: Any | None = None, fmt: str = "txt",
                   suggested: bool = False) -> str:
    """Return the article assembled from ``report`` with ``choices`` applied, as txt or md.

    A paragraph with no choice is the original machine translation, or with ``suggested`` the
    report's suggested reading (``suggested.text``; the original where the report has none).
    """
    if fmt not in EXPORT_FORMATS:
        raise InputError(f"export format {fmt!r}: choose one of {', '.join(EXPORT_FORMATS)}")
    sections = _paragraphs(report)
    chosen: dict[str, Choice] = {}
    if choices is not None:
        key, items = parse_choices(choices)
        if key is not None and key != report_key(report):
            raise InputError("the choices were made on another article (its content hash differs)")
        chosen = {c.paragraph: c for c in items}
        known = {p["id"] for _, ps in sections for p in ps}
        unknown = sorted(set(chosen) - known)
        if unknown:
            raise InputError(f"choices file: paragraph {unknown[0]} is not in this report")
    md = fmt == "md"
    blocks: list[str] = []
    title = report.get("title")
    if title:
        blocks.append(f"# {md_text(title)}" if md else title)
    for section, paragraphs in sections:
        heading = section.get("title")
        if heading:
            blocks.append(f"## {md_text(heading)}" if md else heading)
        for p in paragraphs:
            c = chosen.get(p["id"])
            text = _resolve(p, c) if c else _default(p, suggested)
            blocks.append(md_text(text) if md else text)
    return "\n\n".join(blocks) + "\n"


def _default(p: Mapping[str, Any], suggested: bool) -> str:
    """The text of a paragraph nobody chose for: the original, or the suggested reading."""
    s = p.get("suggested") if suggested else None
    if isinstance(s, Mapping) and isinstance(s.get("text"), str) and s["text"].strip():
        return s["text"]
    return p["original"]


def read_json(path: Any, what: str) -> Any:
    """Read a JSON file, or raise a one-line :class:`InputError` naming ``what`` it should be."""
    from .core.datafiles import read_json_file

    return read_json_file(path, what)
