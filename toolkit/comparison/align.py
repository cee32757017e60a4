"""Monotonic sentence alignment of two renderings of one paragraph (Gale-Church / bertalign style).

A row ("bead") pairs 1-1, 1-2 or 2-1 sentences, or leaves one sentence without a counterpart
(1-0 / 0-1). A bead's score is ``similarity * log2(1 + shorter / longer)`` (character lengths),
where similarity is the cosine of the merged texts' embeddings, or without an embedding
function the cosine of their character 4-gram sets. Dynamic programming picks the beads that
maximize ``sum((sentences in bead) * (score - MIN_SCORE))`` with unaligned sentences adding 0,
so merging wins when the merged text matches clearly better than its parts alone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from ..core.document import normalize_text
from ..core.results import AlignedRow

Embed = Callable[[Sequence[str]], np.ndarray]

MIN_SCORE = 0.1
"""Beads scoring below this are not worth pairing (MiniLM and 4-gram cosines of unrelated
sentences average about 0.1 before the length factor)."""

# (left, right) sentences per bead, in the order of the candidate rows in align_sentences
_BEADS = ((1, 1), (2, 1), (1, 2), (1, 0), (0, 1))
_RIGHT_ONLY = 4  # index of (0, 1)


def char_ngrams(text: str, n: int = 4) -> set[str]:
    """Return the character n-grams of ``text`` (normalized, lowercased, spaces collapsed)."""
    text = f" {' '.join(normalize_text(text).lower().split())} "
    return {text[i : i + n] for i in range(len(text) - n + 1)}


def lexical_vectors(texts: Sequence[str], dims: int = 8192) -> np.ndarray:
    """Return unit rows of binary character 4-gram indicators, a cheap stand-in for embeddings.

    Exact while the texts have fewer than ``dims`` distinct 4-grams (any paragraph); beyond
    that 4-grams share columns, which caps memory for very long inputs.
    """
    grams = [char_ngrams(t) for t in texts]
    vocab: dict[str, int] = {}
    for g in grams:
        for x in g:
            vocab.setdefault(x, len(vocab) % dims)
    out = np.zeros((len(texts), min(dims, max(1, len(vocab)))), dtype=np.float32)
    for row, g in enumerate(grams):
        out[row, [vocab[x] for x in g]] = 1.0
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.where(norms > 0, norms, 1.0)


def _pairs(side: Sequence[str]) -> list[str]:
    return [f"{a} {b}" for a, b in zip(side, side[1:])]


def _scores(a_texts: list[str], b_texts: list[str], vecs: dict[str, np.ndarray]) -> np.ndarray:
    if not a_texts or not b_texts:
        return np.zeros((len(a_texts), len(b_texts)))
    a = np.stack([vecs[t] for t in a_texts])
    b = np.stack([vecs[t] for t in b_texts])
    cos = np.clip(a @ b.T, 0.0, 1.0)
    la = np.array([len(t) for t in a_texts], dtype=float)[:, None]
    lb = np.array([len(t) for t in b_texts], dtype=float)[None, :]
    longer = np.maximum(la, lb)
    ratio = np.divide(np.minimum(la, lb), longer, out=np.zeros_like(cos), where=longer > 0)
    return cos * np.log2(1.0 + ratio)


def align_sentences(
    left: Sequence[str], right: Sequence[str], embed: Embed | None = None
) -> tuple[AlignedRow, ...]:
    """Align two sentence lists in order; every index of both sides lands in exactly one row.

    ``embed`` maps texts to L2-normalized rows; it is called once, with every distinct single
    and adjacent-pair text of both sides.
    """
    n, m = len(left), len(right)
    left_pairs, right_pairs = _pairs(left), _pairs(right)
    texts = list(dict.fromkeys([*left, *left_pairs, *right, *right_pairs]))
    matrix = (embed or lexical_vectors)(texts) if texts else np.zeros((0, 1))
    vecs = dict(zip(texts, matrix))
    s11 = _scores(list(left), list(right), vecs)
    s21 = _scores(left_pairs, list(right), vecs)
    s12 = _scores(list(left), right_pairs, vecs)

    # gain[i, j]: best total for left[:i], right[:j]; bead[i, j]: index in _BEADS ending there.
    # Row by row: the beads that consume left sentences come from earlier rows (vectorized;
    # on a tie the earlier bead kind wins); 0-1 beads chain along the row, a running maximum.
    # A 0-1 bead wins ties, so a skipped left sentence is listed before a skipped right one.
    gain = np.full((n + 1, m + 1), -np.inf)
    bead = np.full((n + 1, m + 1), _RIGHT_ONLY, dtype=np.int8)
    for i in range(n + 1):
        cand = np.full((len(_BEADS), m + 1), -np.inf)
        if i >= 1:
            cand[0, 1:] = gain[i - 1, :-1] + 2 * (s11[i - 1] - MIN_SCORE)
            cand[2, 2:] = gain[i - 1, :-2] + 3 * (s12[i - 1] - MIN_SCORE)
            cand[3] = gain[i - 1]
        if i >= 2:
            cand[1, 1:] = gain[i - 2, :-1] + 3 * (s21[i - 2] - MIN_SCORE)
        best = cand.max(axis=0)
        if i == 0:
            best[0] = 0.0  # the empty alignment
        gain[i] = np.maximum.accumulate(best)
        from_row = np.concatenate(([False], gain[i, :-1] < best[1:]))
        bead[i] = np.where(from_row | (np.arange(m + 1) == 0), cand.argmax(axis=0), _RIGHT_ONLY)

    scores = {(1, 1): s11, (2, 1): s21, (1, 2): s12}
    rows: list[AlignedRow] = []
    i, j = n, m
    while i or j:
        di, dj = _BEADS[bead[i, j]]
        i, j = i - di, j - dj
        score = float(scores[di, dj][i, j]) if di and dj else 0.0
        rows.append(AlignedRow(tuple(range(i, i + di)), tuple(range(j, j + dj)), score))
    return tuple(reversed(rows))
