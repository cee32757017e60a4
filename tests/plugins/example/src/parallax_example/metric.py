"""A metric: words of the alternative per word of the original."""

from toolkit.comparison.metric_registry import Metric, register_metric


def length_ratio(alternative: str, original: str) -> float:
    return len(alternative.split()) / max(1, len(original.split()))


register_metric(Metric("length_ratio", "length ratio", False, compute=length_ratio, digits=2,
                       short="len", signature="length_ratio:words|v1",
                       help="words of the alternative per word of the original"))
