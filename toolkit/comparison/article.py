"""Compare a whole result: align, diff and score every alternative, flag noise, link evidence."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from ..core.flags import Flag
from ..core.results import (
    AlternativeComparison,
    ParagraphComparison,
    ParagraphResult,
    SectionResult,
)
from ..ingest import split_sentences
from ..qa.checks.noise import name_variants
from ..qa.options import CheckOptions
from .align import Embed, align_sentences
from .diff import word_diff
from .evidence import link_evidence, unsupported_flags
from .metrics import score_paragraph

Progress = Callable[[str, int], None]


def compare_paragraph(pr: ParagraphResult, embed: Embed | None, checks: CheckOptions | None = None,
                      source: str | None = None) -> ParagraphResult:
    """Return ``pr`` with its comparison filled in (alternatives with text only are scored), and
    the original's own flags: its checks (``checks``: glossary, ``--only``/``--ignore``;
    ``source``: the aligned source-language paragraph), names the alternatives spell
    differently, and ingest's doubts."""
    checks = checks or CheckOptions()
    para = pr.paragraph
    texts = [a.text for a in pr.alternatives]
    found = name_variants(para.text, texts, [a.strategy for a in pr.alternatives])
    found += tuple(Flag(n.kind, n.text, n.detail) for n in para.notes)  # ingest's doubts
    noise = checks.check_original(para.text, source=source) + tuple(
        f for f in found if checks.keep(f))
    if not texts:
        return replace(pr, comparison=None, noise=noise)
    scored = score_paragraph(para.text, [t or " " for t in texts], embed)
    left = [s.text for s in para.sentences]
    comps = []
    for alt, metrics in zip(pr.alternatives, scored.alternatives):
        right = tuple(s.text for s in split_sentences(alt.text, "a")) if alt.text else ()
        comps.append(AlternativeComparison(metrics, align_sentences(left, right, embed), right,
                                           word_diff(para.text, alt.text)))
    return replace(pr, comparison=ParagraphComparison(scored, tuple(comps)), noise=noise)


def compare_sections(
    sections: tuple[SectionResult, ...],
    embed: Embed | None,
    progress: Progress | None = None,
    checks: CheckOptions | None = None,
    sources: Sequence[str | None] | None = None,
) -> tuple[SectionResult, ...]:
    """Compare every paragraph, and link each summary sentence to the sentences supporting it.

    ``sources`` are the source-language paragraphs aligned to the article's (or None).
    """
    out = []
    i = 0
    for sr in sections:
        paragraphs = []
        for pr in sr.paragraphs:
            source = sources[i] if sources is not None else None
            paragraphs.append(compare_paragraph(pr, embed, checks, source))
            i += 1
            if progress:
                progress("comparing", 1)
        out.append(replace(sr, paragraphs=tuple(paragraphs)))
    return link_summaries(tuple(out), embed)


def link_summaries(
    sections: tuple[SectionResult, ...], embed: Embed | None
) -> tuple[SectionResult, ...]:
    """Link each summary sentence to the section sentences supporting it; flag unsupported ones."""
    out = []
    for sr in sections:
        evidence = ()
        summary = sr.summary
        if summary is not None and summary.sentences:
            source = [(s.id, s.text) for s in sr.section.sentences]
            evidence = link_evidence(summary.sentences, source, embed)
            extra = unsupported_flags(evidence)
            if extra:
                summary = replace(summary, flags=summary.flags + extra)
        out.append(replace(sr, evidence=evidence, summary=summary))
    return tuple(out)
