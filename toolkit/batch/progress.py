"""Progress of a batch run: a protocol the run reports to, and a rich display on stderr."""

from __future__ import annotations

import threading
from typing import Any, Protocol


class BatchProgress(Protocol):
    """What a batch run reports; every method may be called from a helper thread."""

    def begin(self, total: int, cached: int, failed: int) -> None:
        """``total`` articles are about to be computed; ``cached``/``failed`` were settled while
        planning.

        Files that failed while planning were reported through :meth:`finished` before this call.
        """

    def started(self, rel: str, units: int) -> None:
        """Work on ``rel`` began; about ``units`` work units (prompts, paragraphs) to go."""

    def advanced(self, rel: str, n: int) -> None:
        """``n`` more work units of ``rel`` are done."""

    def finished(self, rel: str, status: str, message: str | None = None) -> None:
        """``rel`` is ``done`` or ``failed`` (with ``message``)."""

    def note(self, text: str) -> None:
        """A warning for the user."""

    def end(self) -> None:
        """The run is over (also after an error)."""


class NullProgress:
    def begin(self, total: int, cached: int, failed: int) -> None: ...
    def started(self, rel: str, units: int) -> None: ...
    def advanced(self, rel: str, n: int) -> None: ...
    def finished(self, rel: str, status: str, message: str | None = None) -> None: ...
    def note(self, text: str) -> None: ...
    def end(self) -> None: ...


class Guarded:
    """Wrap a progress sink: serialize calls, and drop events for articles already finished.

    Worker processes send their events through a queue that can overtake the finished outcome,
    so a late ``started`` must not open a bar that nothing will ever close.
    """

    def __init__(self, inner: BatchProgress) -> None:
        self.inner = inner
        self.lock = threading.Lock()
        self.done: set[str] = set()

    def begin(self, total: int, cached: int, failed: int) -> None:
        with self.lock:
            self.inner.begin(total, cached, failed)

    def started(self, rel: str, units: int) -> None:
        with self.lock:
            if rel not in self.done:
                self.inner.started(rel, units)

    def advanced(self, rel: str, n: int) -> None:
        with self.lock:
            if rel not in self.done:
                self.inner.advanced(rel, n)

    def finished(self, rel: str, status: str, message: str | None = None) -> None:
        with self.lock:
            self.done.add(rel)
            self.inner.finished(rel, status, message)

    def note(self, text: str) -> None:
        with self.lock:
            self.inner.note(text)

    def end(self) -> None:
        with self.lock:
            self.inner.end()


class RichProgress:
    """Bars on stderr: one over the articles to compute, one per article in flight, with ETAs."""

    def __init__(self, console: Any = None) -> None:
        from rich.console import Console

        self.console = console or Console(stderr=True)
        self.progress: Any = None
        self.main: Any = None
        self.tasks: dict[str, Any] = {}
        self.counts = {"done": 0, "failed": 0, "cached": 0}

    def _line(self) -> str:
        c = self.counts
        return " · ".join(f"{k} {c[k]}" for k in ("cached", "failed") if c.get(k))

    def begin(self, total: int, cached: int, failed: int) -> None:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )
        from rich.table import Column

        self.counts.update(cached=cached, failed=failed)
        if not total:
            return
        self.progress = Progress(
            TextColumn("{task.description}",
                       table_column=Column(max_width=26, no_wrap=True, overflow="ellipsis")),
            BarColumn(bar_width=20), MofNCompleteColumn(), TextColumn("eta"), TimeRemainingColumn(),
            TextColumn("{task.fields[status]}"),
            console=self.console, transient=True,
        )
        self.progress.start()
        self.main = self.progress.add_task("articles", total=total, status=self._line())

    def started(self, rel: str, units: int) -> None:
        if self.progress is None:
            return
        name = rel if len(rel) <= 24 else "…" + rel[-23:]
        self.tasks[rel] = [
            self.progress.add_task(f"  {_escape(name)}", total=units, status=""),
            0,
            units,
        ]

    def advanced(self, rel: str, n: int) -> None:
        entry = self.tasks.get(rel)
        if entry is None or self.progress is None:
            return
        entry[1] += n
        entry[2] = max(entry[2], entry[1])  # retries can exceed the estimate
        self.progress.update(entry[0], completed=entry[1], total=entry[2])

    def finished(self, rel: str, status: str, message: str | None = None) -> None:
        self.counts[status] = self.counts.get(status, 0) + 1
        entry = self.tasks.pop(rel, None)
        console = self.progress.console if self.progress is not None else self.console
        if status == "failed" and message:
            console.print(f"[red]failed[/red] {_escape(rel)}: {_escape(message)}", highlight=False)
        if self.progress is None:
            return
        if entry is not None:
            self.progress.remove_task(entry[0])
        self.progress.update(self.main, advance=1, status=self._line())

    def note(self, text: str) -> None:
        (self.progress.console if self.progress else self.console).print(
            f"parallax: warning: {_escape(text)}", highlight=False, markup=False)

    def end(self) -> None:
        if self.progress is not None:
            self.progress.stop()
            self.progress = None


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)
