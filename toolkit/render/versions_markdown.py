"""Markdown for a comparison across versions: the ranking table and per-paragraph versions."""

from __future__ import annotations

from collections.abc import Callable

from ..core.version_results import METRICS, VersionCell, VersionsComparison

Escape = Callable[[str], str]


def _cell_score(vc: VersionsComparison, name: str, metric: str) -> str:
    s = next(x for x in vc.scores if x.name == name)
    lo, hi = s.interval(metric)
    mark = "*" if vc.significant(name, metric) else ""
    return f"{s.score(metric):.2f}{mark} [{lo:.2f}, {hi:.2f}]"


def _p(vc: VersionsComparison, name: str, metric: str) -> str:
    bs = vc.p_value(name, metric, "paired-bootstrap")
    ar = vc.p_value(name, metric, "approximate-randomization")
    if bs is None:
        return "baseline"
    return f"{bs:.4f}" + (f" / {ar:.4f}" if ar is not None else "")


def versions_table(vc: VersionsComparison, md_escape: Escape) -> list[str]:
    """Return the versions table: ranking with intervals and p-values, or the agreement matrix.

    ``md_escape`` escapes untrusted text (the Markdown renderer's own).
    """
    kinds = {v.name: v.kind for v in vc.versions}
    out = ["## Versions", ""]
    if vc.scores:
        out += [(f"Against the reference, best first by {vc.rank_by}; 95% bootstrap intervals; "
                f"`*` = different from `{vc.baseline}` at p < {vc.alpha} by both paired tests "
                "(p: paired bootstrap / approximate randomization)."), "",
                "| rank | version | kind | " + " | ".join(f"{m} [95% CI]" for m in METRICS)
                + " | p " + " | p ".join(METRICS) + " |",
                "|---|---|---|" + "---|" * (2 * len(METRICS))]
        for k, s in enumerate(vc.ranking(), start=1):
            out.append(f"| {k} | {md_escape(s.name)} | {kinds[s.name]} | "
                       + " | ".join(_cell_score(vc, s.name, m) for m in METRICS) + " | "
                       + " | ".join(_p(vc, s.name, m) for m in METRICS) + " |")
        out.append("")
    out += gain_table(vc, md_escape)
    out += [(f"Agreement (symmetric chrF over the aligned text); consensus: "
            f"**{md_escape(vc.consensus or '-')}**."), "",
            "| | " + " | ".join(md_escape(n) for n in vc.candidates) + " |",
            "|---|" + "---|" * len(vc.candidates)]
    for name, row in zip(vc.candidates, vc.agreement):
        out.append(f"| {md_escape(name)} | " + " | ".join(f"{x:.1f}" for x in row) + " |")
    out.append("")
    sigs = {m: sig for s in vc.scores[:1] for m, sig in s.signatures}
    out += [f"- {m}: `{sig}`" for m, sig in sigs.items()]
    return out + ([""] if sigs else [])


def gain_table(vc: VersionsComparison, md_escape: Escape) -> list[str]:
    """Return each version's gain over the article and its worst segments with their flags."""
    if not vc.gains:
        return []
    from ..comparison.gain import HARM, SAME_BAND

    out = [(f"Gain over `{vc.baseline}` (sentence chrF per segment: better / worse by more than "
            f"{SAME_BAND:g}, same within it; harmed = more than {HARM:g} worse, and how many of "
            "those carry no warning flag)."), "",
           "| version | Δ chrF | Δ BLEU | Δ TER | better | worse | same | harmed (unflagged) |",
           "|---|---|---|---|---|---|---|---|"]
    for g in vc.gains:
        d = dict(g.deltas)
        out.append(f"| {md_escape(g.name)} | {d.get('chrF', 0):+.2f} | {d.get('BLEU', 0):+.2f} | "
                   f"{d.get('TER', 0):+.2f} | {g.better} | {g.worse} | {g.same} | "
                   f"{g.harmed} ({g.harmed_unflagged}) |")
    out.append("")
    for g in vc.gains:
        if not g.worst:
            continue
        out += [f"Worst segments of **{md_escape(g.name)}**:", ""]
        for c in g.worst:
            flags = ", ".join(f"`{f.kind}`" for f in c.flags) or "**no flag**"
            out.append(f"- {md_escape(c.paragraph_id)} ({c.delta:+.1f} chrF): "
                       f"{md_escape(c.text)} — {flags}")
        out.append("")
    return out


def _diff(cell: VersionCell, md_escape: Escape) -> str:
    out = []
    for d in cell.diff:
        body = md_escape(d.text.strip())
        if not body or d.op == "equal":
            out.append(md_escape(d.text) if body else d.text)
            continue
        mark = "~~" if d.op == "delete" else "**"
        lead, trail = d.text[: len(d.text) - len(d.text.lstrip())], d.text[len(d.text.rstrip()):]
        out.append(f"{lead}{mark}{body}{mark}{trail}")
    return "".join(out) if cell.diff else md_escape(cell.text)


def paragraph_versions(vc: VersionsComparison, paragraph_id: str, md_escape: Escape) -> list[str]:
    """Return one list item per version of a paragraph (diff against the article, scores, flags)."""
    pv = vc.paragraph(paragraph_id)
    out = []
    for c in pv.cells[1:]:
        bits = [f"from {', '.join(c.aligned_from)}" if c.aligned_from else "no counterpart"]
        if c.chrf is not None:
            bits.append(f"chrF vs article {c.chrf:.1f}")
        bits += [f"{m} {v:.1f}" for m, v in c.scores]
        if c.name == pv.consensus:
            bits.append("consensus")
        flags = ", ".join(
            f"`{f.kind}` «{md_escape(f.text)}»" if f.text else f"`{f.kind}`" for f in c.flags
        )
        out.append(
            f"- **{md_escape(c.name)}** _({'; '.join(bits)})_: "
            f"{_diff(c, md_escape) or '_(nothing)_'}"
            + (f" — {flags}" if flags else "")
        )
    return out + [""]
