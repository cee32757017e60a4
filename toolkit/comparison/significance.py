"""Document-level BLEU, chrF and TER with 95% intervals and paired tests, all by sacreBLEU.

Nothing here re-implements a metric or a test: scores, bootstrap intervals, paired bootstrap
resampling and approximate randomization are sacreBLEU's own (``sacrebleu.significance``),
called the way its command line calls them, so the numbers equal ``sacrebleu REF -i BASE SYS
-m bleu chrf ter --paired-bs`` on the same segments. sacreBLEU reads its random seed from the
``SACREBLEU_SEED`` environment variable when a test runs; :func:`score_systems` sets it for the
duration of the call (its default, 12345, is sacreBLEU's).

One deliberate difference: for a system whose segments are exactly the baseline's, sacreBLEU's
tests count resampled differences strictly greater than the observed one (all are 0), so they
return the smallest p-value, 1/(n+1), which reads as "significant". Parallax reports p = 1 for
such a system: there is no difference to test.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from ..core.errors import InputError
from ..core.version_results import METRICS, PairedResult, SystemScore

DEFAULT_SEED = 12345  # sacreBLEU's default
BOOTSTRAP_SAMPLES = 1000  # sacreBLEU's --paired-bs-n default
AR_TRIALS = 10000  # sacreBLEU's --paired-ar-n default
METHODS = {"bs": "paired-bootstrap", "ar": "approximate-randomization"}


def _metric_objects(references: Sequence[str]) -> dict:
    """Return BLEU, chrF and TER with their default settings and the references cached.

    Each object remembers the segment statistics of the systems it has seen, so the two paired
    tests and the per-segment scores extract them once per system (TER's are slow).
    """
    from sacrebleu.metrics import BLEU, CHRF, TER

    refs = [list(references)]
    metrics = {
        "BLEU": BLEU(references=refs),
        "chrF": CHRF(references=refs),
        "TER": TER(references=refs),
    }
    for metric in metrics.values():
        metric._extract_corpus_statistics = _remembered(metric._extract_corpus_statistics)
    return metrics


def _remembered(extract):
    seen: dict[tuple[str, ...], list] = {}

    def wrapper(hypotheses, references):
        if references is not None:  # only the cached references are remembered
            return extract(hypotheses, references)
        key = tuple(hypotheses)
        if key not in seen:
            seen[key] = extract(hypotheses, references)
        return seen[key]

    return wrapper


@contextmanager
def _seed(seed: int) -> Iterator[None]:
    """Set sacreBLEU's seed (``SACREBLEU_SEED``) while a test runs, then restore it."""
    old = os.environ.get("SACREBLEU_SEED")
    os.environ["SACREBLEU_SEED"] = str(seed)
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("SACREBLEU_SEED", None)
        else:
            os.environ["SACREBLEU_SEED"] = old


def _paired(systems, metrics: dict, test_type: str, n: int):
    from sacrebleu.significance import PairedTest

    test = PairedTest(list(systems), metrics, references=None, test_type=test_type, n_samples=n)
    signatures, table = test()
    # sacreBLEU names its columns BLEU, chrF2, TER in the order the metrics were given
    columns = [k for k in table if k != "System"]
    found_signatures = dict(zip(METRICS, (signatures[c] for c in columns)))
    return found_signatures, dict(zip(METRICS, (table[c] for c in columns)))


def score_systems(
    systems: Sequence[tuple[str, Sequence[str]]],
    references: Sequence[str],
    *,
    bootstrap: int = BOOTSTRAP_SAMPLES,
    trials: int = AR_TRIALS,
    seed: int = DEFAULT_SEED,
) -> tuple[tuple[SystemScore, ...], tuple[PairedResult, ...], dict[str, list]]:
    """Score every system against the references; test each against the first (the baseline).

    ``systems`` are ``(name, segments)`` with as many segments as ``references``. Returns one
    :class:`SystemScore` per system (BLEU, chrF, TER; 95% intervals from sacreBLEU's paired
    bootstrap: mean +- half-width) and, for every system after the first, a paired bootstrap
    and (``trials > 0``) an approximate-randomization p-value per metric.
    """
    if not systems:
        raise ValueError("score_systems needs at least one system")
    if seed <= 0:
        raise InputError(f"the significance seed must be a positive integer, not {seed}")
    for name, segs in systems:
        if len(segs) != len(references):
            raise InputError(
                f"{name}: {len(segs)} segments but the reference has {len(references)}"
            )
    metrics = _metric_objects(references)
    with _seed(seed):
        sigs, bs = _paired(systems, metrics, "bs", bootstrap)
        ar = _paired(systems, metrics, "ar", trials)[1] if trials > 0 and len(systems) > 1 else {}
    scores = []
    for k, (name, _) in enumerate(systems):
        results = {m: bs[m][k] for m in METRICS}
        scores.append(SystemScore(
            name,
            tuple((m, float(r.score)) for m, r in results.items()),
            tuple((m, float(r.mean - r.ci), float(r.mean + r.ci)) for m, r in results.items()),
            tuple((m, sigs[m].format()) for m in METRICS),
        ))
    tests = []
    base = list(systems[0][1])
    for k, (name, segs) in enumerate(systems[1:], start=1):
        same = list(segs) == base
        for m in METRICS:
            for method, found, samples in (("bs", bs, bootstrap), ("ar", ar, trials)):
                if found:
                    p = 1.0 if same else float(found[m][k].p_value)
                    tests.append(PairedResult(systems[0][0], name, m, p, METHODS[method], samples))
    return tuple(scores), tuple(tests), segment_scores(systems, references, metrics)


def segment_scores(systems: Sequence[tuple[str, Sequence[str]]], references: Sequence[str],
                   metrics: dict | None = None) -> dict[str, list[tuple[tuple[str, float], ...]]]:
    """Return every segment's BLEU, chrF and TER against its reference, per system.

    chrF and TER are sacreBLEU's scores of the segment's own statistics (what
    ``sentence_score`` gives); BLEU is sentence BLEU with effective order, as sacreBLEU's
    ``--sentence-level`` computes it.
    """
    from sacrebleu.metrics import BLEU

    metrics = metrics or _metric_objects(references)
    sentence_bleu = BLEU(effective_order=True)
    out = {}
    for name, segs in systems:
        stats = {
            m: metrics[m]._extract_corpus_statistics(list(segs), None) for m in ("chrF", "TER")
        }
        out[name] = [
            (("BLEU", float(sentence_bleu.sentence_score(h, [r]).score)),
             ("chrF", float(metrics["chrF"]._compute_score_from_stats(stats["chrF"][k]).score)),
             ("TER", float(metrics["TER"]._compute_score_from_stats(stats["TER"][k]).score)))
            for k, (h, r) in enumerate(zip(segs, references))
        ]
    return out
