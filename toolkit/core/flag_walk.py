"""The one walk over every flag of a result, and where each sits.

Every consumer of flags reads them through here: ``Result.flags()`` and ``flag_counts()``,
``--fail-on`` (single file and batch, through the counts in the JSON), review files
(:func:`map_flags`), the renderers' legends and filters, and ``to_pandas``. A flag sits at one
:class:`Place` (``where``, ``paragraph``, ``version``):

- ``summary``: a section summary (``paragraph`` is the section id; ``article`` for the
  whole-article summary), ``version`` ``summary``;
- ``original``: the machine translation of a paragraph, ``version`` ``original``;
- ``alternative``: a generated alternative, ``version`` its strategy (``index``: which one);
- ``version``: a given version (``--with``) or the reference, ``version`` its name.

Some places show flags that sit elsewhere, and are never walked on their own: a paragraph's
suggestion shows the flags of the candidate it chose (an alternative); the cells of *generated*
versions in a comparison across versions are the alternatives themselves (their first of each
strategy; ``suggested``: the suggestion); the worst segments listed with a version's gain show
that version's cell. :func:`map_flags` rewrites them from what they show, so a flag is counted
once and marked the same everywhere it is shown.

To add a new kind of version (a per-paragraph rendering with flags of its own), give it a
``where`` and add it to :func:`_map_paragraph` (and the list above): every consumer follows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from .flags import Flag, severity_rank

if TYPE_CHECKING:
    from .results import ParagraphResult, Result
    from .version_results import ParagraphVersions, VersionsComparison

WHERE = ("summary", "original", "alternative", "version")
ORIGINAL = "original"
SUMMARY = "summary"
SUGGESTED = "suggested"  # the generated version that shows a paragraph's suggestion
ARTICLE = "article"  # the paragraph of the whole-article summary


@dataclass(frozen=True)
class Place:
    """Where a flag sits (see the module table)."""

    where: str
    paragraph: str
    version: str
    section: str = ""
    index: int = 0  # the alternative's position among its paragraph's alternatives


@dataclass(frozen=True)
class PlacedFlag:
    """A flag and its place; ``severity`` comes from the flag table."""

    flag: Flag
    place: Place

    @property
    def kind(self) -> str:
        return self.flag.kind

    @property
    def text(self) -> str:
        return self.flag.text

    @property
    def detail(self) -> str:
        return self.flag.detail

    @property
    def reviewed(self) -> bool:
        return self.flag.reviewed

    @property
    def severity(self) -> str:
        return self.flag.severity


FlagMap = Callable[[Place, tuple[Flag, ...]], tuple[Flag, ...]]


def walk_flags(result: Result) -> tuple[PlacedFlag, ...]:
    """Return every flag of ``result`` once, with its place, in reading order."""
    found: list[PlacedFlag] = []

    def record(place: Place, flags: tuple[Flag, ...]) -> tuple[Flag, ...]:
        found.extend(PlacedFlag(f, place) for f in flags)
        return flags

    map_flags(result, record)
    return tuple(found)


def map_flags(result: Result, fn: FlagMap) -> Result:
    """Return ``result`` with the flags of every place replaced by ``fn(place, flags)``.

    ``fn`` returning its ``flags`` unchanged (the same tuple) leaves that part of the result as
    it is; the generated cells of a comparison across versions follow their alternatives.
    """
    versions = result.versions
    cells = {pv.paragraph_id: pv for pv in versions.paragraphs} if versions is not None else {}
    kinds = {v.name: v.kind for v in versions.versions} if versions is not None else {}
    new_cells: dict[str, ParagraphVersions] = {}
    sections = []
    for sr in result.sections:
        sid = sr.section.id
        summary = _with_flags(sr.summary, fn, Place(SUMMARY, sid, SUMMARY, sid))
        paragraphs = []
        for pr in sr.paragraphs:
            done = _map_paragraph(pr, fn, sid)
            pv = cells.get(pr.paragraph.id)
            if pv is not None:
                new_cells[pv.paragraph_id] = _map_cells(pv, done, kinds, fn, sid)
            paragraphs.append(done)
        sections.append(_replaced(sr, summary=summary, paragraphs=_same(sr.paragraphs, paragraphs)))
    whole = _with_flags(result.article_summary, fn, Place(SUMMARY, ARTICLE, SUMMARY))
    if versions is not None:
        paragraphs = tuple(new_cells.get(pv.paragraph_id, pv) for pv in versions.paragraphs)
        versions = _map_gains(_replaced(versions, paragraphs=_same(versions.paragraphs,
                                                                    paragraphs)))
    return _replaced(result, sections=_same(result.sections, sections), article_summary=whole,
                     versions=versions)


def _map_paragraph(pr: ParagraphResult, fn: FlagMap, section: str) -> ParagraphResult:
    pid = pr.paragraph.id
    noise = fn(Place(ORIGINAL, pid, ORIGINAL, section), pr.noise)
    alternatives = _same(pr.alternatives,
                         (_with_flags(a, fn, Place("alternative", pid, a.strategy, section, k))
                          for k, a in enumerate(pr.alternatives)))
    suggestion = pr.suggestion
    if suggestion is not None:  # the chosen candidate's own flags, shown with it
        chosen = _candidate_flags(suggestion.source, alternatives)
        if chosen is not None and chosen != suggestion.flags:
            suggestion = replace(suggestion, flags=chosen)
    return _replaced(pr, noise=noise, alternatives=alternatives, suggestion=suggestion)


def _candidate_flags(name: str, alternatives: tuple) -> tuple[Flag, ...] | None:
    """Return the flags of the alternative a suggestion names (``fluent``, or ``fluent#2`` for
    the alternative at index 2), or None when it names none (the MT, edits of it)."""
    strategy, _, index = name.partition("#")
    if index.isdigit():
        k = int(index)
        ok = k < len(alternatives) and alternatives[k].strategy == strategy
        return alternatives[k].flags if ok else None
    return next((a.flags for a in alternatives if a.strategy == name), None)


def _mirrors(pr: ParagraphResult) -> dict[str, tuple[Flag, ...]]:
    """Return the flags each generated version shows: its strategy's first alternative's, and
    the suggestion's (the version named ``suggested``)."""
    out: dict[str, tuple[Flag, ...]] = {}
    for a in pr.alternatives:
        out.setdefault(a.strategy, a.flags)
    if pr.suggestion is not None:
        out.setdefault(SUGGESTED, pr.suggestion.flags)
    return out


def _map_cells(pv: ParagraphVersions, pr: ParagraphResult, kinds: dict[str, str], fn: FlagMap,
               section: str) -> ParagraphVersions:
    shown = _mirrors(pr)
    cells = []
    for c in pv.cells:
        kind = kinds.get(c.name)
        if kind in ("given", "reference"):
            c = _with_flags(c, fn, Place("version", pv.paragraph_id, c.name, section))
        elif kind == "generated" and c.name in shown and c.flags != shown[c.name]:
            c = replace(c, flags=shown[c.name])  # the alternative itself, shown here too
        cells.append(c)
    return _replaced(pv, cells=_same(pv.cells, cells))


def _map_gains(versions: VersionsComparison) -> VersionsComparison:
    """Give the worst segments listed with each version's gain the flags their cells now have."""
    if not versions.gains:
        return versions
    cells = {(pv.paragraph_id, c.name): c.flags for pv in versions.paragraphs for c in pv.cells}
    gains = []
    for g in versions.gains:
        worst = tuple(_replaced(w, flags=cells.get((w.paragraph_id, g.name), w.flags))
                      if cells.get((w.paragraph_id, g.name), w.flags) != w.flags else w
                      for w in g.worst)
        gains.append(_replaced(g, worst=_same(g.worst, worst)))
    return _replaced(versions, gains=_same(versions.gains, gains))


def _with_flags(obj: Any, fn: FlagMap, place: Place) -> Any:
    if obj is None:
        return None
    return _replaced(obj, flags=fn(place, obj.flags))


def _same(old: tuple, new: Iterable) -> tuple:
    """Return ``old`` when ``new`` holds the same objects (nothing changed), else ``new``."""
    new = tuple(new)
    return old if len(old) == len(new) and all(a is b for a, b in zip(old, new)) else new


def _replaced(obj: Any, **changes: Any) -> Any:
    """Return ``obj`` with ``changes``, or ``obj`` itself when every value is the same object."""
    changed = {k: v for k, v in changes.items() if getattr(obj, k) is not v}
    return replace(obj, **changed) if changed else obj


# ------------------------------------------------------------------ reading flags
def count_by_kind(flags: Iterable[PlacedFlag | Flag]) -> dict[str, int]:
    """Count unreviewed flags by kind (a reviewed flag is shown, never counted), sorted by kind."""
    counts: dict[str, int] = {}
    for f in flags:
        if not f.reviewed:
            counts[f.kind] = counts.get(f.kind, 0) + 1
    return dict(sorted(counts.items()))


def failing(flags: Iterable[PlacedFlag | Flag], threshold: str) -> list[PlacedFlag | Flag]:
    """Return the unreviewed flags of severity ``threshold`` or worse."""
    bar = severity_rank(threshold)
    return [f for f in flags if not f.reviewed and severity_rank(f.severity) >= bar]


def by_paragraph(flags: Iterable[PlacedFlag]) -> dict[str, tuple[PlacedFlag, ...]]:
    """Group placed flags by paragraph id (summaries by their section id, or ``article``)."""
    out: dict[str, list[PlacedFlag]] = {}
    for f in flags:
        out.setdefault(f.place.paragraph, []).append(f)
    return {k: tuple(v) for k, v in out.items()}
