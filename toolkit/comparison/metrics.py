"""Scores of alternatives against the original and against each other: chrF, TER, cosine.

chrF and TER come from sacreBLEU with its default settings; :func:`metric_signatures` gives
their signatures, to print next to the numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from itertools import combinations
from typing import TYPE_CHECKING

import numpy as np

from ..core.results import AlternativeMetrics, ParagraphMetrics
from .align import Embed
from .metric_registry import plugin_metric_values

if TYPE_CHECKING:
    from sacrebleu.metrics import CHRF, TER


@cache
def _metrics() -> tuple[CHRF, TER]:
    from sacrebleu.metrics import CHRF, TER

    return CHRF(), TER()


def chrf(hypothesis: str, reference: str) -> float:
    """Return sacreBLEU's sentence-level chrF (0-100) of ``hypothesis`` against ``reference``."""
    return _metrics()[0].sentence_score(hypothesis, [reference]).score


TER_BLOCK_WORDS = 400  # TER's shift search is super-linear: longer texts are scored in blocks


def ter(hypothesis: str, reference: str) -> float:
    """Return sacreBLEU's sentence-level TER (edits per reference word, x100; lower is closer).

    Texts longer than ``TER_BLOCK_WORDS`` words (run-on paragraphs of thousands of words) are
    cut into the same number of consecutive word blocks on both sides, and the edits of the
    block pairs are summed over the total reference length: exact for ordinary paragraphs,
    an approximation (no shifts across block borders) for huge ones, and it stays fast.
    """
    metric = _metrics()[1]
    hyp, ref = hypothesis.split(), reference.split()
    if max(len(hyp), len(ref)) <= TER_BLOCK_WORDS:
        return metric.sentence_score(hypothesis, [reference]).score
    blocks = -(-max(len(hyp), len(ref)) // TER_BLOCK_WORDS)
    edits = 0.0
    for k in range(blocks):
        h = " ".join(hyp[k * len(hyp) // blocks : (k + 1) * len(hyp) // blocks])
        r = " ".join(ref[k * len(ref) // blocks : (k + 1) * len(ref) // blocks])
        edits += metric.sentence_score(h, [r]).score / 100 * max(1, len(r.split()))
    return 100.0 * edits / max(1, len(ref))


def metric_signatures() -> dict[str, str]:
    """Return sacreBLEU's signature strings for :func:`chrf` and :func:`ter`."""
    chrf_metric, ter_metric = _metrics()
    # sacreBLEU records the number of references when it scores; ours always score with one
    chrf_metric.sentence_score("", [""])
    ter_metric.sentence_score("", [""])
    return {"chrf": str(chrf_metric.get_signature()), "ter": str(ter_metric.get_signature())}


def similarity(a: str, b: str, embed: Embed) -> float:
    """Return the cosine of the embeddings of ``a`` and ``b``."""
    va, vb = embed([a, b])
    return float(np.dot(va, vb))


def symmetric_chrf(a: str, b: str) -> float:
    """Return the mean of chrF both ways (0-100): 100 for the same text (blank included, which
    sacreBLEU scores 0), 0 when either is blank."""
    if a == b:
        return 100.0
    if not a.strip() or not b.strip():
        return 0.0  # what sacreBLEU gives a blank side; said here so nothing depends on it
    return (chrf(a, b) + chrf(b, a)) / 2


def agreement(texts: Sequence[str]) -> float:
    """Return how much ``texts`` agree: mean symmetric chrF over all pairs (100 for one text)."""
    pairs = list(combinations(texts, 2))
    if not pairs:
        return 100.0
    return float(np.mean([symmetric_chrf(a, b) for a, b in pairs]))


def _mean_pairwise_cosine(vectors: np.ndarray) -> float:
    n = len(vectors)
    if n < 2:
        return 1.0
    sims = vectors @ vectors.T
    return float(sims[np.triu_indices(n, 1)].mean())


def agreement_embed(texts: Sequence[str], embed: Embed) -> float:
    """Return the mean pairwise cosine of the embeddings of ``texts`` (1.0 for one text)."""
    return _mean_pairwise_cosine(embed(list(texts))) if len(texts) > 1 else 1.0


def score_alternative(
    original: str, alternative: str, embed: Embed | None = None
) -> AlternativeMetrics:
    """Score ``alternative`` against ``original``; similarity only when ``embed`` is given."""
    sim = similarity(alternative, original, embed) if embed is not None else None
    return AlternativeMetrics(chrf(alternative, original), ter(alternative, original), sim)


def score_paragraph(
    original: str, alternatives: Sequence[str], embed: Embed | None = None
) -> ParagraphMetrics:
    """Score every alternative of a paragraph and estimate how uncertain its meaning is.

    ``uncertainty = 1 - mean(terms)``, clipped to [0, 1], where the terms are

    - closeness to the original: ``mean_similarity`` with ``embed``, else ``mean_chrf / 100``;
    - agreement among the alternatives (only with two or more): ``agreement_semantic`` with
      ``embed``, else ``agreement / 100``.

    So alternatives that drift from the original, or disagree with each other, raise it.
    Embedding cosines of paraphrases are high (~0.7-0.9) while their chrF is ~40-60, so the
    number is lower with ``embed`` than without; compare paragraphs scored the same way.
    With ``embed`` the original and all alternatives are embedded in one call.
    """
    if not alternatives:
        raise ValueError("score_paragraph needs at least one alternative")
    sims: list[float | None] = [None] * len(alternatives)
    semantic = mean_sim = None
    if embed is not None:
        vectors = embed([original, *alternatives])
        sims = [float(v) for v in vectors[1:] @ vectors[0]]
        semantic = _mean_pairwise_cosine(vectors[1:])
        mean_sim = float(np.mean(sims))
    scored = tuple(  # plugin metrics of the registry go to ``extra``
        AlternativeMetrics(chrf(alt, original), ter(alt, original), sim,
                           plugin_metric_values(original, alt))
        for alt, sim in zip(alternatives, sims)
    )
    lexical = agreement(alternatives)
    mean_chrf = float(np.mean([s.chrf for s in scored]))
    terms = [mean_sim if mean_sim is not None else mean_chrf / 100]
    if len(alternatives) > 1:
        terms.append(semantic if semantic is not None else lexical / 100)
    uncertainty = float(np.clip(1.0 - np.mean(terms), 0.0, 1.0))
    return ParagraphMetrics(lexical, semantic, mean_chrf, mean_sim, uncertainty, scored)
