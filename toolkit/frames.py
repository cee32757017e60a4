"""The flag columns of the notebook's DataFrames, read through the one flag walk."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .core.flags import Flag
    from .core.results import Result


def flags_at(result: Result) -> dict[tuple, tuple[Flag, ...]]:
    """Return every flag of ``result`` (the one flag walk) by place: ``(paragraph, where)``,
    and ``(paragraph, "alternative", index)`` or ``(paragraph, "version", name)`` for versions."""
    out: dict[tuple, list[Flag]] = {}
    for f in result.flags():
        p = f.place
        if p.where == "alternative":
            key: tuple = (p.paragraph, p.where, p.index)
        elif p.where == "version":
            key = (p.paragraph, p.where, p.version)
        else:
            key = (p.paragraph, p.where)
        out.setdefault(key, []).append(f.flag)
    return {k: tuple(v) for k, v in out.items()}


def flag_columns(flags) -> dict[str, Any]:
    """Return the flag columns; reviewed flags are in ``flag_text`` only (marked), not counted."""
    live = [f for f in flags if not f.reviewed]
    return {
        "flags": [f.kind for f in live],
        "flag_text": "; ".join((f"{f.kind}: {f.text}" if f.text else f.kind)
                               + (" (reviewed)" if f.reviewed else "") for f in flags),
        "n_flags": len(live),
    }
