"""``--fail-on``: does a result (or a folder of JSON reports) hold a flag of a given severity?

Reviewed flags (a review file marks them) never count.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..core.errors import ConfigError
from ..core.flags import SEVERITIES, Flag, kind_info, severity_rank


def check_severity(value: str | None) -> str | None:
    """Validate a ``--fail-on`` value (info, minor or major)."""
    if value is None:
        return None
    if value not in SEVERITIES:
        raise ConfigError(f"--fail-on {value}: choose one of {', '.join(SEVERITIES)}")
    return value


def result_flags(result) -> Iterator[Flag]:
    """Yield every flag of a :class:`~toolkit.core.results.Result`."""
    for sr in result.sections:
        if sr.summary is not None:
            yield from sr.summary.flags
        for pr in sr.paragraphs:
            for a in pr.alternatives:
                yield from a.flags
            if pr.comparison is not None:
                yield from pr.comparison.noise
    if result.article_summary is not None:
        yield from result.article_summary.flags


def json_flags(data: Any) -> Iterator[Flag]:
    """Yield every flag of a JSON report: the lists under ``flags`` and ``noise`` at any depth."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in ("flags", "noise") and isinstance(value, list):
                for f in value:
                    if isinstance(f, dict) and "kind" in f:
                        yield Flag(
                            str(f["kind"]),
                            str(f.get("text", "")),
                            str(f.get("detail", "")),
                            bool(f.get("reviewed", False)),
                        )
            else:
                yield from json_flags(value)
    elif isinstance(data, list):
        for item in data:
            yield from json_flags(item)


def failing(flags: Iterable[Flag], threshold: str) -> list[Flag]:
    """Return the unreviewed flags of severity ``threshold`` or worse."""
    bar = severity_rank(threshold)
    return [f for f in flags if not f.reviewed and severity_rank(kind_info(f.kind).severity) >= bar]


def failing_reports(folder: Path, threshold: str) -> dict[str, int]:
    """Return, for every parallax/1 JSON report under ``folder``, how many flags fail."""
    import json

    out = {}
    for path in sorted(folder.rglob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if not (isinstance(data, dict) and str(data.get("schema", "")).startswith("parallax/")):
            continue
        n = len(failing(json_flags(data), threshold))
        if n:
            out[path.relative_to(folder).as_posix()] = n
    return out
