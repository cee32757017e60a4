"""The registry of metrics: every view (JSON, Markdown, terminal, HTML, DataFrame) lists what it
holds, in registration order, instead of a fixed set.

``level="alternative"`` metrics score one alternative against the original; ``paragraph``
metrics describe all alternatives of a paragraph. The built-in ones (chrF, TER, similarity;
agreement, uncertainty ...) are computed together by :func:`~toolkit.comparison.metrics.
score_paragraph` (one embedding call per paragraph); a plugin metric gives ``compute(alternative,
original) -> float`` and is scored for every alternative. A plugin adds one with
:func:`register_metric` from a module named by a ``parallax.metrics`` entry point.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..core.registry import Registry, guarded

LEVELS = ("alternative", "paragraph")


@dataclass(frozen=True)
class Metric:
    """A named score: how to show it and, for plugin metrics, how to compute it."""

    name: str  # the JSON key and DataFrame column
    label: str  # as the reports show it ("chrF")
    higher_is_better: bool
    level: str = "alternative"
    compute: Callable[[str, str], float] | None = None  # (alternative, original); None = built in
    short: str = ""  # a shorter label for one-line views ("sim"); default: label
    digits: int = 1  # decimals shown
    signature: str | Callable[[], str] = ""  # what version/settings of the metric scored
    in_table: bool = True  # a paragraph metric shown as a DataFrame column
    help: str = ""

    def __post_init__(self) -> None:
        if self.level not in LEVELS:
            raise ValueError(f"metric {self.name!r}: level must be one of {LEVELS}")

    def signature_text(self) -> str:
        return self.signature() if callable(self.signature) else self.signature

    def show(self, value: float | None, *, short: bool = False) -> str:
        """Return ``LABEL VALUE`` (``LABEL –`` when missing)."""
        text = "–" if value is None else f"{value:.{self.digits}f}"
        return f"{(self.short or self.label) if short else self.label} {text}"


METRICS: Registry[Metric] = Registry("metric", builtins=("toolkit.comparison.builtin_metrics",))


def register_metric(metric: Metric) -> Metric:
    """Add a metric (built-ins and plugins alike)."""
    return METRICS.register(metric.name, metric)


def metrics_at(level: str) -> tuple[Metric, ...]:
    """Return the registered metrics of ``level`` in registration order."""
    return tuple(m for m in METRICS.values() if m.level == level)


def plugin_metric_values(original: str, alternative: str) -> tuple[tuple[str, float], ...]:
    """Score ``alternative`` with every registered alternative metric that has ``compute``."""
    out = []
    for m in metrics_at("alternative"):
        if m.compute is not None:
            value = guarded(METRICS, m.name,
                            lambda m=m: float(m.compute(alternative, original)), None)
            if value is not None:  # a plugin metric that raised: left out, shown as missing
                out.append((m.name, value))
    return tuple(out)


def metric_signatures() -> dict[str, str]:
    """Return the signature of every metric that records one (sacreBLEU's for chrF and TER)."""
    return {m.name: text for m in METRICS.values()
            if (text := guarded(METRICS, m.name, m.signature_text, ""))}
