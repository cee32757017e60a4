"""Terminal rendering with rich: colour for flags, panels per section."""

from __future__ import annotations

import io

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..comparison.metric_registry import metrics_at
from ..core.flags import Flag, kind_info
from ..core.results import ParagraphResult, Result, Summary


def flag_style(kind: str) -> str:
    """Return the rich style of a flag kind (from the flag table)."""
    return kind_info(kind).terminal_style


def flag_text(flags: tuple[Flag, ...]) -> Text:
    t = Text()
    for f in flags:
        style = "dim strike" if f.reviewed else flag_style(f.kind)
        t.append(" [" + f.kind, style=style)
        if f.text and f.kind not in ("copy", "trimmed"):
            t.append(f": {f.text}", style=style)
        t.append(" (reviewed)]" if f.reviewed else "]", style=style)
    return t


def _summary_text(s: Summary | None) -> Text:
    if s is None:
        return Text("")
    t = Text(s.text or "(no summary)", style="bold" if s.text else "red")
    t.append_text(flag_text(s.flags))
    return t


def _diff_text(pr: ParagraphResult, k: int) -> Text:
    t = Text()
    if pr.comparison is None:
        return Text(pr.alternatives[k].text)
    for d in pr.comparison.alternatives[k].diff:
        style = {"insert": "green", "delete": "red strike", "equal": ""}[d.op]
        t.append(d.text, style=style)
    return t


def _side_by_side(pr: ParagraphResult) -> Table:
    """Original and alternatives in columns that share the terminal width."""
    table = Table(expand=True, show_lines=False, padding=(0, 1))
    table.add_column("original", ratio=1, overflow="fold")
    for a in pr.alternatives:
        table.add_column(f"{a.strategy}", ratio=1, overflow="fold")
    original = Text(pr.paragraph.text)
    for f in pr.noise:
        needle = f.text.split(" -> ")[0]
        original.highlight_words([needle], style="cyan underline")
    cells = [original]
    for k, a in enumerate(pr.alternatives):
        cell = _diff_text(pr, k)
        if pr.comparison is not None:
            m = pr.comparison.alternatives[k].metrics
            scores = [metric.show(v, short=True) for metric in metrics_at("alternative")
                      if (v := m.value(metric.name)) is not None]
            cell.append("\n" + " ".join(scores), style="dim")
        cell.append_text(flag_text(a.flags))
        cells.append(cell)
    table.add_row(*cells)
    return table


def suggestion_text(pr: ParagraphResult) -> Text | None:
    """``suggested (from edited): ...`` with its words inserted and deleted against the original."""
    s = pr.suggestion
    if s is None:
        return None
    line = Text("suggested", style="bold green")
    if s.source == "original":
        return line + Text(": the original machine translation", style="green")
    from ..comparison.diff import word_diff

    line.append(f" ({s.source}): ", style="green")
    for d in word_diff(pr.paragraph.text, s.text):
        line.append(d.text, style={"insert": "green", "delete": "red strike", "equal": ""}[d.op])
    line.append_text(flag_text(s.flags))
    return line


def render_text(result: Result, width: int = 100) -> str:
    """Render ``result`` as the terminal shows it, as plain text ``width`` columns wide."""
    console = Console(record=True, width=width, file=io.StringIO())
    print_result(result, console)
    return console.export_text()


def print_result(result: Result, console: Console | None = None) -> None:
    console = console or Console()
    art = result.article
    console.rule(Text(art.title or "(untitled)", style="bold"))
    if art.metadata.described() or art.metadata.removed:  # page metadata, removed furniture
        line = " · ".join(f"{k}: {v}" for k, v in art.metadata.described())
        if art.metadata.removed:
            line += f"{' · ' if line else ''}{len(art.metadata.removed)} removed from the input"
        console.print(Text(line, style="dim"))
    if result.article_summary is not None:
        console.print(Text("In short: ", style="bold cyan") + _summary_text(result.article_summary))
    if result.task == "compare":
        least = result.least_certain(5)
        if least:
            console.print(Text("Least certain paragraphs:", style="bold"))
            for p in least:
                console.print(
                    Text(f"  {p.paragraph.id}  {p.uncertainty:.0%}  ", style="red")
                    + Text(p.paragraph.text[:90] + "…")
                )
        counts = result.flag_counts()
        if counts:
            console.print(
                Text("Flags: " + ", ".join(f"{k} x{n}" for k, n in counts.items()), style="dim")
            )
    if result.versions is not None:
        from .versions_terminal import gain_table, ranking_table

        console.print(ranking_table(result.versions))
        if (gains := gain_table(result.versions)) is not None:
            console.print(gains)
    if result.task == "compare":
        for sr in result.sections:
            console.rule(
                Text(f"{sr.section.id} · {sr.section.title or 'Introduction'}", style="bold")
            )
            if sr.summary is not None:
                console.print(Text("Summary: ", style="bold cyan") + _summary_text(sr.summary))
            for pr in sr.paragraphs:
                head = Text(f"{pr.paragraph.id}", style="bold")
                if pr.comparison is not None:
                    head.append(f"  uncertainty {pr.uncertainty:.0%}  agreement "
                                f"{pr.comparison.metrics.agreement:.1f}", style="dim")
                head.append_text(flag_text(pr.noise))
                console.print(head)
                if result.versions is not None:
                    from .versions_terminal import paragraph_columns

                    console.print(paragraph_columns(result.versions, pr.paragraph.id))
                else:
                    console.print(_side_by_side(pr))
                if (line := suggestion_text(pr)) is not None:
                    console.print(line)
        console.print(Text(result.signature.short(), style="dim"))
        return
    for sr in result.sections:
        body: list = [_summary_text(sr.summary)]
        if result.task != "summarize":
            for pr in sr.paragraphs:
                body.append(Text(f"\n{pr.paragraph.id}  ", style="dim") + Text(pr.paragraph.text))
                for a in pr.alternatives:
                    line = Text(f"   {a.strategy}: ", style="green") + Text(a.text)
                    line.append_text(flag_text(a.flags))
                    body.append(line)
                if (line := suggestion_text(pr)) is not None:
                    body.append(Text("   ") + line)
        title = f"{sr.section.id} · {sr.section.title or 'Introduction'}"
        console.print(Panel(Group(*body), title=Text(title), title_align="left"))
    console.print(Text(result.signature.short(), style="dim"))


def paragraph_line(pr: ParagraphResult) -> str:
    """One plain line for a paragraph just compared: id, each strategy's chrF and flags."""
    parts = []
    comps = pr.comparison.alternatives if pr.comparison is not None else ()
    for i, alt in enumerate(pr.alternatives):
        score = f" chrF {comps[i].metrics.chrf:.0f}" if i < len(comps) else ""
        kinds = sorted({f.kind for f in alt.flags})
        parts.append(f"{alt.strategy}{score}" + (f" [{', '.join(kinds)}]" if kinds else ""))
    noise = sorted({f.kind for f in pr.noise})
    tail = f"; noise [{', '.join(noise)}]" if noise else ""
    return f"done {pr.paragraph.id}: " + "; ".join(parts) + tail
