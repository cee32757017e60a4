"""Terminal rendering with rich: colour for flags, panels per section."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.text import Text

from ..results import Flag, Result, Summary

FLAG_STYLE = {
    "copy": "yellow", "trimmed": "dim yellow", "empty": "bold red", "retried": "dim",
    "added-number": "bold red", "changed-number": "bold red", "dropped-number": "red",
    "added-date": "bold magenta", "added-name": "magenta", "identical": "yellow",
    "leftover-script": "cyan", "name-variant": "cyan", "unsupported": "red",
}


def flag_text(flags: tuple[Flag, ...]) -> Text:
    t = Text()
    for f in flags:
        t.append(" [" + f.kind, style=FLAG_STYLE.get(f.kind, "yellow"))
        if f.text and f.kind not in ("copy", "trimmed"):
            t.append(f": {f.text}", style=FLAG_STYLE.get(f.kind, "yellow"))
        t.append("]", style=FLAG_STYLE.get(f.kind, "yellow"))
    return t


def _summary_text(s: Summary | None) -> Text:
    if s is None:
        return Text("")
    t = Text(s.text or "(no summary)", style="bold" if s.text else "red")
    t.append_text(flag_text(s.flags))
    return t


def print_result(result: Result, console: Console | None = None) -> None:
    console = console or Console()
    art = result.article
    console.rule(Text(art.title or "(untitled)", style="bold"))
    if result.article_summary is not None:
        console.print(Text("In short: ", style="bold cyan") + _summary_text(result.article_summary))
    for sr in result.sections:
        body: list = [_summary_text(sr.summary)]
        if result.task != "summarize":
            for pr in sr.paragraphs:
                body.append(Text(f"\n{pr.paragraph.id}  ", style="dim") + Text(pr.paragraph.text))
                for a in pr.alternatives:
                    line = Text(f"   {a.strategy}: ", style="green") + Text(a.text)
                    line.append_text(flag_text(a.flags))
                    body.append(line)
        title = f"{sr.section.id} · {sr.section.title or 'Introduction'}"
        console.print(Panel(Group(*body), title=Text(title), title_align="left"))
    console.print(Text(result.signature.short(), style="dim"))
