"""Terminal views of a comparison across versions: a ranking table and per-paragraph columns."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from ..core.flags import kind_info
from ..core.version_results import HIGHER_IS_BETTER, METRICS, VersionsComparison


def ranking_table(vc: VersionsComparison) -> Table:
    """Return the versions table: scores with 95% intervals and p-values, or the agreement."""
    kinds = {v.name: v.kind for v in vc.versions}
    if not vc.scores:
        table = Table(title=f"Agreement between versions (chrF); consensus: {vc.consensus}",
                      title_justify="left")
        table.add_column("")
        for name in vc.candidates:
            table.add_column(name, justify="right")
        for name, row in zip(vc.candidates, vc.agreement):
            table.add_row(name, *(f"{x:.1f}" for x in row))
        return table
    table = Table(
        title=f"Versions against the reference, best first by {vc.rank_by} "
        f"(* = differs from {vc.baseline}, p < {vc.alpha} in both paired tests)",
        title_justify="left",
        caption="±: half-width of sacreBLEU's 95% bootstrap interval (around the bootstrap "
        "mean); p: paired bootstrap / approximate randomization",
        caption_justify="left",
    )
    table.add_column("#", justify="right", no_wrap=True, min_width=1)
    table.add_column("version", no_wrap=True)
    for m in METRICS:
        table.add_column(f"{m} ± 95% CI", justify="right", no_wrap=True)
    table.add_column(f"p {vc.rank_by}: bs / ar", justify="right", no_wrap=True)
    for k, s in enumerate(vc.ranking(), start=1):
        cells = []
        for m in METRICS:
            lo, hi = s.interval(m)
            star = "*" if vc.significant(s.name, m) else ""
            cells.append(
                Text(f"{s.score(m):.2f}{star} ±{(hi - lo) / 2:.2f}", style="bold" if star else "")
            )
        bs = vc.p_value(s.name, vc.rank_by)
        ar = vc.p_value(s.name, vc.rank_by, "approximate-randomization")
        p = "baseline" if bs is None else f"{bs:.4f}" + (f" / {ar:.4f}" if ar is not None else "")
        name = Text(s.name)
        if kinds[s.name] != "article":
            name.append(f" ({kinds[s.name]})", style="dim")
        table.add_row(str(k), name, *cells, p)
    return table


def gain_table(vc: VersionsComparison) -> Table | None:
    """Return each version's gain over the article: deltas and segments better / worse / same."""
    if not vc.gains:
        return None
    from ..comparison.gain import HARM, SAME_BAND

    table = Table(title=f"Gain over {vc.baseline} (segments by sentence chrF, "
                        f"±{SAME_BAND:g} = same)",
                  title_justify="left",
                  caption=f"harmed: more than {HARM:g} chrF worse "
                          "(unflagged: with no warning flag)",
                  caption_justify="left")
    table.add_column("version", no_wrap=True)
    for m in METRICS:
        table.add_column(f"Δ {m}", justify="right", no_wrap=True)
    for col in ("better", "worse", "same", "harmed (unflagged)"):
        table.add_column(col, justify="right", no_wrap=True)
    for g in vc.gains:
        d = dict(g.deltas)
        better = {m: d.get(m, 0.0) * (1 if HIGHER_IS_BETTER[m] else -1) for m in METRICS}
        table.add_row(g.name, *(Text(f"{d.get(m, 0.0):+.2f}", style="green" if better[m] > 0 else
                                     "red" if better[m] < 0 else "") for m in METRICS),
                      str(g.better), str(g.worse), str(g.same),
                      f"{g.harmed} ({g.harmed_unflagged})")
    return table


def paragraph_columns(vc: VersionsComparison, paragraph_id: str) -> Table:
    """Return one column per version for a paragraph, with diffs against the article."""
    pv = vc.paragraph(paragraph_id)
    table = Table(expand=True, padding=(0, 1))
    for c in pv.cells:
        mark = " (consensus)" if c.name == pv.consensus else ""
        table.add_column(f"{c.name}{mark}", ratio=1, overflow="fold")
    row = []
    for k, c in enumerate(pv.cells):
        t = Text()
        if k == 0 or not c.diff:
            t.append(c.text or "(nothing)", style="" if c.text else "dim")
        else:
            for d in c.diff:
                t.append(
                    d.text, style={"insert": "green", "delete": "red strike", "equal": ""}[d.op]
                )
        stats = [f"chrF {c.chrf:.1f}" if c.chrf is not None else ""]
        stats += [f"{m} {v:.1f}" for m, v in c.scores]
        if any(stats):
            t.append("\n" + " ".join(x for x in stats if x), style="dim")
        for f in c.flags:
            t.append(f" [{f.kind}" + (f": {f.text}" if f.text else "") + "]",
                     style=kind_info(f.kind).terminal_style)
        row.append(t)
    table.add_row(*row)
    return table
