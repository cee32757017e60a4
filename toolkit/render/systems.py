"""``systems.csv``: the corpus-level scores of the versions in a batch run (one line per system)."""

from __future__ import annotations

import csv
import io

from ..core.version_results import METRICS, CorpusScores
from .csvcell import safe_cell


def render_systems_csv(corpus: CorpusScores) -> str:
    """Render one line per system: scores, 95% intervals, p-values against the articles."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    head = ["system", "kind", "articles", "segments"]
    for m in METRICS:
        head += [m, f"{m}_ci_low", f"{m}_ci_high", f"{m}_p_bootstrap", f"{m}_p_randomization",
                 f"{m}_significant"]
    w.writerow([*head, "signature"])
    kinds = dict(zip(corpus.names, corpus.kinds))
    for s in corpus.scores:
        row = [safe_cell(s.name), safe_cell(kinds[s.name]), corpus.articles, corpus.segments]
        for m in METRICS:
            lo, hi = s.interval(m)
            bs = corpus.p_value(s.name, m)
            ar = corpus.p_value(s.name, m, "approximate-randomization")
            row += [
                f"{s.score(m):.4f}",
                f"{lo:.4f}",
                f"{hi:.4f}",
                "" if bs is None else f"{bs:.6f}",
                "" if ar is None else f"{ar:.6f}",
                "" if bs is None else str(corpus.significant(s.name, m)),
            ]
        w.writerow([*row, safe_cell(" ".join(f"{m}={sig}" for m, sig in s.signatures))])
    return out.getvalue()
