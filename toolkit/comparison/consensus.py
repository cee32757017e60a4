"""Agreement between versions without a reference: pairwise chrF matrices and the MBR consensus.

The consensus is the minimum-Bayes-risk choice: the version whose mean symmetric chrF to all
the others is highest, i.e. the one closest to what the versions agree on.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .metrics import symmetric_chrf

Matrix = tuple[tuple[float, ...], ...]


def agreement_matrix(texts: Sequence[str]) -> Matrix:
    """Return the symmetric chrF (0-100) of every pair of ``texts``; 100 on the diagonal."""
    n = len(texts)
    out = np.full((n, n), 100.0)
    for i in range(n):
        for j in range(i + 1, n):
            out[i, j] = out[j, i] = symmetric_chrf(texts[i], texts[j])
    return tuple(tuple(round(float(x), 4) for x in row) for row in out)


def corpus_agreement(segments: Sequence[Sequence[str]]) -> Matrix:
    """Return the symmetric corpus-level chrF between every pair of segment lists."""
    from sacrebleu.metrics import CHRF

    metric = CHRF()
    n = len(segments)
    out = np.full((n, n), 100.0)
    for i in range(n):
        for j in range(i + 1, n):
            a, b = list(segments[i]), list(segments[j])
            if a == b:
                continue
            score = (metric.corpus_score(a, [b]).score + metric.corpus_score(b, [a]).score) / 2
            out[i, j] = out[j, i] = score
    return tuple(tuple(round(float(x), 4) for x in row) for row in out)


def consensus(names: Sequence[str], matrix: Matrix) -> str | None:
    """Return the name whose mean agreement with the others is highest (None for < 2 names).

    On a tie the earlier name wins (the article comes first).
    """
    if len(names) < 2:
        return None
    m = np.array(matrix, dtype=float)
    means = (m.sum(axis=1) - np.diag(m)) / (len(names) - 1)
    return names[int(np.argmax(means))]
