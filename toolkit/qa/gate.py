"""``--fail-on``: does a result (or a folder of JSON reports) hold a flag of a given severity?

Both read the one flag walk (:mod:`toolkit.core.flag_walk`): a single result through
``Result.flags()``, a folder of reports through the ``flag_counts`` each report records (the same
walk's counts, by kind), so a file and a batch of it always agree. Reviewed flags (a review file
marks them) never count.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..core.errors import ConfigError
from ..core.flag_walk import PlacedFlag, failing
from ..core.flags import SEVERITIES, kind_info, severity_rank
from ..core.results import Result

__all__ = ["check_severity", "failing", "failing_flags", "failing_reports", "report_failures"]


def check_severity(value: str | None) -> str | None:
    """Validate a ``--fail-on`` value (info, minor or major)."""
    if value is None:
        return None
    if value not in SEVERITIES:
        raise ConfigError(f"--fail-on {value}: choose one of {', '.join(SEVERITIES)}")
    return value


def failing_flags(result: Result, threshold: str) -> list[PlacedFlag]:
    """Return the unreviewed flags of ``result`` of severity ``threshold`` or worse."""
    return failing(result.flags(), threshold)  # type: ignore[return-value]


def report_failures(data: Any, threshold: str) -> int:
    """Return how many flags of a JSON report (its ``flag_counts``) fail ``threshold``."""
    counts = data.get("flag_counts") if isinstance(data, dict) else None
    if not isinstance(counts, dict):
        return 0
    bar = severity_rank(threshold)
    return sum(int(n) for kind, n in counts.items()
               if severity_rank(kind_info(str(kind)).severity) >= bar)


def failing_reports(folder: Path, threshold: str) -> dict[str, int]:
    """Return, for every parallax/1 JSON report under ``folder``, how many flags fail."""
    out = {}
    for path in sorted(folder.rglob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError):
            continue
        if not (isinstance(data, dict) and str(data.get("schema", "")).startswith("parallax/")):
            continue
        try:
            n = report_failures(data, threshold)
        except (AttributeError, TypeError, KeyError, ValueError):
            continue  # a file that only claims the schema: not one of our reports
        if n:
            out[path.relative_to(folder).as_posix()] = n
    return out
