"""The JSON contract (``schema: parallax/1``)."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from ..comparison.metric_registry import metrics_at
from ..core.flags import Flag
from ..core.results import SCHEMA, Result, Suggestion, Summary
from .versions_json import paragraph_versions_dict, versions_dict


def flag_list(flags: tuple[Flag, ...]) -> list[dict[str, Any]]:
    """Return flags as JSON (each with its severity)."""
    return [f.as_dict() for f in flags]


def _summary(s: Summary | None) -> dict[str, Any] | None:
    if s is None:
        return None
    return {
        "text": s.text,
        "sentences": list(s.sentences),
        "flags": flag_list(s.flags),
        "method": s.method,
        "chunks": s.chunks,
        "stages": s.stages,
        "attempts": s.attempts,
    }


def suggestion_dict(s: Suggestion) -> dict[str, Any]:
    """The suggested reading of a paragraph: its text, which candidate, why, the edits applied."""
    return {
        "text": s.text,
        "from": s.source,
        "reason": s.reason,
        "edits": [
            {"old": e.old, "new": e.new, "votes": e.votes, "gain": _r(e.gain)} for e in s.edits
        ],
        "flags": flag_list(s.flags),
        "scores": {k: _r(v) for k, v in s.scores},
    }


def result_to_dict(result: Result) -> dict[str, Any]:
    art = result.article
    m = art.metadata
    sections = []
    for sr in result.sections:
        paragraphs = []
        for pr in sr.paragraphs:
            p: dict[str, Any] = {
                "id": pr.paragraph.id,
                "original": pr.paragraph.text,
                "normalized": pr.paragraph.normalized,
                "sentences": [s.text for s in pr.paragraph.sentences],
            }
            if pr.paragraph.notes:  # ingest's doubts: glued sentences, maybe boilerplate
                p["notes"] = [asdict(n) for n in pr.paragraph.notes]
            if result.task != "summarize":
                p["alternatives"] = [
                    {"strategy": a.strategy, "model": a.model, "text": a.text,
                     "flags": flag_list(a.flags), "attempts": a.attempts}
                    for a in pr.alternatives
                ]
            if pr.comparison is not None:
                c = pr.comparison
                pm = c.metrics
                p["metrics"] = {m.name: _r(pm.value(m.name)) for m in metrics_at("paragraph")}
            if result.task == "compare":  # the original's own flags
                p["noise"] = flag_list(pr.noise)
            if pr.comparison is not None:
                for alt, ac in zip(p["alternatives"], c.alternatives):
                    alt["metrics"] = {m.name: _r(ac.metrics.value(m.name))
                                      for m in metrics_at("alternative")}
                    alt["sentences"] = list(ac.sentences)
                    alt["alignment"] = [
                        {
                            "original": list(r.left),
                            "alternative": list(r.right),
                            "score": _r(r.score),
                        }
                        for r in ac.alignment
                    ]
                    alt["diff"] = [{"op": d.op, "text": d.text} for d in ac.diff]
            if pr.suggestion is not None:
                p["suggested"] = suggestion_dict(pr.suggestion)
            if result.versions is not None:
                p.update(paragraph_versions_dict(result.versions, pr.paragraph.id))
            paragraphs.append(p)
        sec: dict[str, Any] = {
            "id": sr.section.id,
            "title": sr.section.title,
            "summary": _summary(sr.summary),
            "paragraphs": paragraphs,
        }
        if sec["summary"] is not None and result.task == "compare":
            sec["summary"]["evidence"] = [
                {"sentence": e.sentence, "supported": e.supported,
                 "support": [{"id": sid, "score": _r(score)} for sid, score in e.support]}
                for e in sr.evidence
            ]
        sections.append(sec)
    return {
        "schema": SCHEMA,
        "task": result.task,
        "signature": result.signature.to_dict(),
        "title": art.title,
        "metadata": {
            "source": m.source, "tags": list(m.tags), "category": m.category, "path": m.path,
            "encoding": m.encoding, "format": m.format, "content_sha256": m.content_sha256,
            "removed": [asdict(r) for r in m.removed],
            "site": m.site, "published": m.published, "author": m.author, "url": m.url,
            "categories": list(m.categories), "dateline": m.dateline, "byline": m.byline,
            "source_language": m.source_language, "language_evidence": list(m.language_evidence),
        },
        "sections": sections,
        "article_summary": _summary(result.article_summary),
        **({"least_certain": [{"id": p.paragraph.id, "uncertainty": _r(p.uncertainty)}
                              for p in result.least_certain()],
            "flag_counts": result.flag_counts()} if result.task == "compare" else {}),
        "timings": dict(result.timings),
        **({"usage": dict(result.usage)} if result.usage else {}),
        **(versions_dict(result.versions) if result.versions is not None else {}),
    }


def _r(x: float | None, digits: int = 4) -> float | None:
    return None if x is None else round(float(x), digits)


def render_json(result: Result, indent: int | None = 2) -> str:
    """Render the JSON contract of ``result``."""
    return json.dumps(result_to_dict(result), ensure_ascii=False, indent=indent) + "\n"
