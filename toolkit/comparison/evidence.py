"""Link each summary sentence to the source sentences that support it."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..core.flags import Flag
from ..core.results import Evidence
from .align import Embed, char_ngrams

EMBED_THRESHOLD = 0.5
"""Cosine a summary sentence needs with some source sentence (all-MiniLM-L6-v2): paraphrases
score ~0.73 and unrelated sentences ~0.09, but sentences of one article average ~0.45 with each
other, so below 0.5 the summary sentence is no closer to any source sentence than the article's
sentences are to each other. Invented claims on the article's own topic can still pass."""

LEXICAL_THRESHOLD = 0.4
"""Share of a summary sentence's character 4-grams found in one source sentence: faithful
summary sentences of the sample article score 0.5-0.85, unrelated ones 0.2-0.3."""

TOP_K = 3


def _lexical_scores(sentences: Sequence[str], sources: Sequence[str]) -> np.ndarray:
    source_grams = [char_ngrams(s) for s in sources]
    out = np.zeros((len(sentences), len(sources)))
    for i, sentence in enumerate(sentences):
        grams = char_ngrams(sentence)
        for j, other in enumerate(source_grams):
            out[i, j] = len(grams & other) / len(grams) if grams else 0.0
    return out


def link_evidence(
    summary_sentences: Sequence[str],
    source: Sequence[tuple[str, str]],
    embed: Embed | None = None,
    threshold: float | None = None,
) -> tuple[Evidence, ...]:
    """Find up to three supporting ``(sentence_id, text)`` source sentences per summary sentence.

    Scores are embedding cosines when ``embed`` is given (one call for all texts), else the
    share of the summary sentence's character 4-grams found in the source sentence. A sentence
    whose best score is below ``threshold`` (default ``EMBED_THRESHOLD`` or
    ``LEXICAL_THRESHOLD``) is unsupported.
    """
    ids = [sid for sid, _ in source]
    texts = [text for _, text in source]
    if threshold is None:
        threshold = EMBED_THRESHOLD if embed is not None else LEXICAL_THRESHOLD
    if not summary_sentences or not texts:
        scores = np.zeros((len(summary_sentences), len(texts)))
    elif embed is not None:
        vectors = embed([*summary_sentences, *texts])
        scores = vectors[: len(summary_sentences)] @ vectors[len(summary_sentences) :].T
    else:
        scores = _lexical_scores(summary_sentences, texts)
    out = []
    for sentence, row in zip(summary_sentences, scores):
        best = np.argsort(-row, kind="stable")[:TOP_K]
        support = tuple((ids[j], float(row[j])) for j in best)
        out.append(Evidence(sentence, support, bool(support) and support[0][1] >= threshold))
    return tuple(out)


def unsupported_flags(evidence: Sequence[Evidence]) -> tuple[Flag, ...]:
    """Flag every unsupported summary sentence, naming its closest source sentence."""
    return tuple(
        Flag(
            "unsupported",
            e.sentence,
            f"closest source sentence {e.support[0][0]} scores {e.support[0][1]:.2f}"
            if e.support
            else "no source sentences",
        )
        for e in evidence
        if not e.supported
    )
