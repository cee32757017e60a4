"""The JSON contract (``schema: parallax/1``)."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from ..results import SCHEMA, Result, Summary


def _summary(s: Summary | None) -> dict[str, Any] | None:
    if s is None:
        return None
    return {
        "text": s.text,
        "sentences": list(s.sentences),
        "flags": [asdict(f) for f in s.flags],
        "method": s.method,
        "chunks": s.chunks,
        "stages": s.stages,
        "attempts": s.attempts,
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
            if result.task != "summarize":
                p["alternatives"] = [
                    {"strategy": a.strategy, "model": a.model, "text": a.text,
                     "flags": [asdict(f) for f in a.flags], "attempts": a.attempts}
                    for a in pr.alternatives
                ]
            paragraphs.append(p)
        sections.append({
            "id": sr.section.id,
            "title": sr.section.title,
            "summary": _summary(sr.summary),
            "paragraphs": paragraphs,
        })
    return {
        "schema": SCHEMA,
        "task": result.task,
        "signature": result.signature.to_dict(),
        "title": art.title,
        "metadata": {
            "source": m.source, "tags": list(m.tags), "category": m.category, "path": m.path,
            "encoding": m.encoding, "format": m.format, "content_sha256": m.content_sha256,
            "removed": [asdict(r) for r in m.removed],
        },
        "sections": sections,
        "article_summary": _summary(result.article_summary),
        "timings": dict(result.timings),
    }


def render_json(result: Result, indent: int | None = 2) -> str:
    return json.dumps(result_to_dict(result), ensure_ascii=False, indent=indent) + "\n"
