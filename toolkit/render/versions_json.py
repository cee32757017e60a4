"""The JSON keys of a comparison across versions (added to ``parallax/1``)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from ..comparison.gain import HARM, SAME_BAND
from ..core.version_results import Gain, VersionsComparison


def _r(x: float | None, digits: int = 4) -> float | None:
    return None if x is None else round(float(x), digits)


def versions_dict(vc: VersionsComparison) -> dict[str, Any]:
    """Return the top-level keys: versions, agreement, and with a reference scores, significance."""
    out: dict[str, Any] = {
        "versions": [
            {
                "name": v.name,
                "kind": v.kind,
                "path": v.path,
                "removed": [asdict(x) for x in v.removed],
            }
            for v in vc.versions
        ],
        "segments": vc.segments,
        "agreement": {
            "versions": list(vc.candidates),
            "matrix": [[_r(x) for x in row] for row in vc.agreement],
            "consensus": vc.consensus,
            "metric": "chrF (symmetric, corpus)",
        },
    }
    if vc.scores:
        out["scores"] = {
            s.name: {**{m: _r(v) for m, v in s.scores},
                     "ci95": {m: [_r(lo), _r(hi)] for m, lo, hi in s.ci95},
                     "signature": dict(s.signatures),
                     **({"gain": gain_dict(g)} if (g := vc.gain(s.name)) is not None else {})}
            for s in vc.scores
        }
        out["ranking"] = {"by": vc.rank_by, "order": [s.name for s in vc.ranking()]}
        out["significance"] = [
            {
                "baseline": t.baseline,
                "system": t.system,
                "metric": t.metric,
                "p_value": _r(t.p_value, 6),
                "method": t.method,
                "samples": t.samples,
            }
            for t in vc.significance
        ]
    return out


def gain_dict(g: Gain) -> dict[str, Any]:
    """Return a version's gain over the article: deltas, segment counts, worst segments."""
    return {
        "baseline": g.baseline,
        "delta": {m: _r(v) for m, v in g.deltas},
        "segments": {"better": g.better, "worse": g.worse, "same": g.same,
                     "band": SAME_BAND, "metric": "sentence chrF"},
        "harmed": {"segments": g.harmed, "unflagged": g.harmed_unflagged, "threshold": HARM},
        "worst": [{"paragraph": c.paragraph_id, "delta": _r(c.delta, 2), "chrF": _r(c.chrf, 2),
                   "baseline_chrF": _r(c.baseline_chrf, 2), "text": c.text, "baseline": c.baseline,
                   "flags": [f.as_dict() for f in c.flags], "flagged": c.warned}
                  for c in g.worst],
    }


def paragraph_versions_dict(vc: VersionsComparison, paragraph_id: str) -> dict[str, Any]:
    """Return a paragraph's keys: every version's text, provenance, flags and scores."""
    pv = vc.paragraph(paragraph_id)
    return {
        "versions": {
            c.name: {
                "text": c.text,
                "aligned_from": list(c.aligned_from),
                "unaligned": list(c.unaligned),
                "flags": [f.as_dict() for f in c.flags],
                "scores": {m: _r(v) for m, v in c.scores},
                "chrf": _r(c.chrf),
                "similarity": _r(c.similarity),
                "diff": [{"op": d.op, "text": d.text} for d in c.diff],
            }
            for c in pv.cells
        },
        "versions_agreement": {
            "versions": list(vc.candidates),
            "matrix": [[_r(x) for x in row] for row in pv.agreement],
            "consensus": pv.consensus,
        },
    }
