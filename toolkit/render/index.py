"""The index of a batch run: ``index.html`` and ``results.csv`` (and ``errors.csv``), as pure
functions.

Rows are built from the JSON reports (``schema: parallax/1``), so the index can be rebuilt at any
time from the reports present in an output folder. Nothing here reads the clock: two runs that
produce the same reports produce the same index, apart from the ``seconds`` column of the CSV.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from .csvcell import safe_cell


@dataclass(frozen=True)
class IndexRow:
    path: str  # the article, relative to the input folder
    title: str | None
    sections: int
    paragraphs: int
    flags: Mapping[str, int] = field(default_factory=dict)
    least_id: str | None = None
    least_uncertainty: float | None = None
    least_text: str | None = None
    report: str | None = None  # relative link to the HTML report
    data: str | None = None  # relative link to the JSON report
    signature: str = ""
    seconds: float | None = None  # model time when the report was made (a timing field)
    site: str | None = None  # the site's name, else the source the article names
    date: str | None = None  # publication date, as the report's metadata has it
    language: str | None = None  # the language the article was translated from

    @property
    def flag_total(self) -> int:
        return sum(self.flags.values())


@dataclass(frozen=True)
class ErrorRow:
    path: str
    error: str
    kind: str


def href(rel: str) -> str:
    """Return a relative URL for an output path (every unsafe character percent-encoded)."""
    return quote(rel.encode("utf-8", "surrogateescape"), safe="/")


def row_from_report(path: str, report: Mapping[str, Any], *, report_href: str | None = None,
                    data_href: str | None = None) -> IndexRow:
    """Summarize one JSON report (a parsed ``parallax/1`` document) as an index row."""
    sections = report.get("sections") or []
    paragraphs = {p.get("id"): p for s in sections for p in (s.get("paragraphs") or [])}
    least = (report.get("least_certain") or [None])[0]
    least_id = least.get("id") if least else None
    text = paragraphs.get(least_id, {}).get("original") if least_id else None
    meta = report.get("metadata") or {}
    return IndexRow(
        path=path,
        title=report.get("title"),
        sections=len(sections),
        paragraphs=len(paragraphs),
        flags=dict(sorted((report.get("flag_counts") or {}).items())),
        least_id=least_id,
        least_uncertainty=least.get("uncertainty") if least else None,
        least_text=text,
        report=report_href,
        data=data_href,
        signature=(report.get("signature") or {}).get("text", ""),
        seconds=round(sum((report.get("timings") or {}).values()), 3)
        if report.get("timings")
        else None,
        site=meta.get("site") or meta.get("source") or None,
        date=meta.get("published") or meta.get("date") or None,
        language=meta.get("source_language") or None,
    )


def render_index(rows: Sequence[IndexRow], errors: Sequence[ErrorRow] = (), *,
                 title: str = "Parallax batch", systems=None,
                 furniture: Sequence[Any] = ()) -> str:
    """Render the index page: one row per article, then the files that failed in the last run.

    ``systems`` (a :class:`~toolkit.core.version_results.CorpusScores`) adds the
    corpus-level table of the versions at the top (``parallax batch --versions``).
    """
    from markupsafe import Markup

    from .html import content_security_policy, environment, flag_css, flag_group, flag_help, script

    rows = sorted(rows, key=lambda r: r.path)
    totals: dict[str, int] = {}
    for r in rows:
        for kind, n in r.flags.items():
            totals[kind] = totals.get(kind, 0) + n
    js = script("table-sort.js", "index.js")
    return environment().get_template("index.html.j2").render(
        title=title,
        rows=rows,
        errors=sorted(errors, key=lambda e: e.path),
        totals=dict(sorted(totals.items())),
        group=flag_group,
        help=flag_help,
        href=href,
        sites=sorted({r.site for r in rows if r.site}),
        script=Markup(js),
        csp=content_security_policy(js),
        systems=systems,
        furniture=sorted(furniture, key=lambda f: f.folder),
        flag_css=Markup(flag_css(":root")),
    )


def render_results_csv(rows: Sequence[IndexRow]) -> str:
    """Render ``results.csv``: a line per article, a column per flag kind; ``seconds`` last."""
    rows = sorted(rows, key=lambda r: r.path)
    kinds = sorted({k for r in rows for k in r.flags})
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["path", "title", "sections", "paragraphs", "flags", *(f"flag:{k}" for k in kinds),
                "least_certain", "uncertainty", "least_certain_text", "report", "json",
                "source_language", "signature", "seconds"])
    for r in rows:
        w.writerow([
            safe_cell(r.path), safe_cell(r.title or ""), r.sections, r.paragraphs, r.flag_total,
            *(r.flags.get(k, 0) for k in kinds),
            safe_cell(r.least_id or ""),
            "" if r.least_uncertainty is None else f"{r.least_uncertainty:.4f}",
            safe_cell(r.least_text or ""), safe_cell(r.report or ""), safe_cell(r.data or ""),
            safe_cell(r.language or ""), safe_cell(r.signature),
            "" if r.seconds is None else f"{r.seconds:.3f}",
        ])
    return out.getvalue()


def render_errors_csv(errors: Sequence[ErrorRow]) -> str:
    """Render ``errors.csv``: path, error message, kind."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["path", "error", "kind"])
    for e in sorted(errors, key=lambda e: e.path):
        w.writerow([safe_cell(e.path), safe_cell(e.error), e.kind])
    return out.getvalue()
