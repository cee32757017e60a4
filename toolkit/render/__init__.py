"""Renderers: pure functions of a Result (no file I/O, no model calls), registered by format.

The formats and their suffixes live in :mod:`toolkit.render.registry`; this module keeps
:func:`render` as the one call that renders a result in a named format.
"""

from __future__ import annotations

from typing import Any


def render(result: Any, fmt: str, **kwargs: Any) -> str:
    """Render ``result`` in the registered format ``fmt`` (``md``, ``json``, ``html`` ...)."""
    from .registry import RENDERERS

    if fmt not in RENDERERS:
        raise ValueError(f"unknown format {fmt!r}")
    return RENDERERS.get(fmt).render(result, **kwargs)
