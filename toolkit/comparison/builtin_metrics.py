"""The built-in metrics, registered the way a plugin registers its own.

chrF, TER and similarity are computed together by :func:`~toolkit.comparison.metrics.
score_paragraph` (so they carry no ``compute``); chrF and TER record sacreBLEU's signature.
"""

from __future__ import annotations

from collections.abc import Callable

from .metric_registry import Metric, register_metric


def _sacrebleu(name: str) -> Callable[[], str]:
    def signature() -> str:
        from .metrics import metric_signatures  # numpy and sacreBLEU load only when asked

        return metric_signatures()[name]

    return signature


# ------------------------------------------------------------------ the built-in metrics
register_metric(Metric("chrf", "chrF", True, signature=_sacrebleu("chrf"),
                       help="sacreBLEU chrF of the alternative against the original (0-100)"))
register_metric(Metric("ter", "TER", False, signature=_sacrebleu("ter"),
                       help="sacreBLEU TER: edits per original word x100 (lower is closer)"))
register_metric(Metric("similarity", "similarity", True, short="sim", digits=2,
                       help="cosine of the embeddings of the alternative and the original"))
register_metric(Metric("agreement", "agreement chrF", True, "paragraph",
                       help="mean symmetric chrF between the alternatives (0-100)"))
register_metric(Metric("agreement_semantic", "semantic", True, "paragraph", digits=2,
                       in_table=False, help="mean pairwise cosine between the alternatives"))
register_metric(Metric("mean_chrf", "mean chrF", True, "paragraph", in_table=False,
                       help="mean chrF of the alternatives against the original"))
register_metric(Metric("mean_similarity", "mean similarity", True, "paragraph", digits=2,
                       in_table=False, help="mean cosine of the alternatives to the original"))
register_metric(Metric("uncertainty", "uncertainty", False, "paragraph", digits=2,
                       help="1 - mean(closeness to the original, agreement), 0-1"))
