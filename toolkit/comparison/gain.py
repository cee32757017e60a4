"""What a rendering gains over the machine translation it rewrites, measured against a reference.

For every candidate version (a generated strategy, the suggestion, a given version), against
the baseline (the article, i.e. the MT): the corpus delta of each metric (its paired tests are
:mod:`toolkit.comparison.significance`'s), how many segments got better, worse or stayed the
same by sentence chrF (within :data:`SAME_BAND`), how many got more than :data:`HARM` chrF worse
with no flag (harm nobody was warned of), and the worst segments with their flags, so one sees
which harms were flagged and which were not.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..core.flags import Flag
from ..core.version_results import Gain, SegmentChange

__all__ = ["HARM", "SAME_BAND", "WORST", "Gain", "SegmentChange", "gain", "is_harm",
           "segment_changes"]

SAME_BAND = 1.0  # sentence chrF: a segment within +-1 of the baseline's "stayed the same"
HARM = 5.0  # sentence chrF: a segment this much worse than the baseline's is a harm
WORST = 5  # worst segments listed per version


def segment_changes(ids: Sequence[str], texts: Sequence[str], baseline: Sequence[str],
                    chrf: Sequence[float], baseline_chrf: Sequence[float],
                    flags: Sequence[tuple[Flag, ...]] | None = None) -> list[SegmentChange]:
    """Pair a version's segments with the baseline's (same order, same length)."""
    flags = flags if flags is not None else [()] * len(ids)
    return [SegmentChange(i, c - b, c, b, t, bt, f)
            for i, t, bt, c, b, f in zip(ids, texts, baseline, chrf, baseline_chrf, flags)]


def is_harm(change: SegmentChange) -> bool:
    """Whether a segment got more than :data:`HARM` chrF worse than the baseline's."""
    return change.delta < -HARM


def gain(
    name: str,
    baseline: str,
    corpus: Mapping[str, float],
    corpus_baseline: Mapping[str, float],
    changes: Sequence[SegmentChange],
    worst: int = WORST,
) -> Gain:
    """Summarize ``changes`` (one per segment) and the corpus deltas of a version."""
    better = sum(c.delta > SAME_BAND for c in changes)
    worse = sum(c.delta < -SAME_BAND for c in changes)
    harmed = [c for c in changes if is_harm(c)]
    ranked = sorted(
        (c for c in changes if c.delta < -SAME_BAND), key=lambda c: (c.delta, c.paragraph_id)
    )
    return Gain(
        name,
        baseline,
        tuple(
            (m, round(corpus[m] - corpus_baseline[m], 4)) for m in corpus if m in corpus_baseline
        ),
        better,
        worse,
        len(changes) - better - worse,
        len(harmed),
        sum(not c.warned for c in harmed),
        tuple(ranked[:worst]),
    )
