"""Renderers: pure functions of a Result (no file I/O, no model calls)."""

from __future__ import annotations

FORMATS = ("text", "md", "json", "html")


def render(result, fmt: str, **kwargs) -> str:
    """Render ``result`` as ``md``, ``json`` or ``html`` text."""
    if fmt == "json":
        from .json import render_json

        return render_json(result)
    if fmt == "md":
        from .markdown import render_markdown

        return render_markdown(result)
    if fmt == "html":
        from .html import render_html

        return render_html(result, **kwargs)
    raise ValueError(f"unknown format {fmt!r}")
