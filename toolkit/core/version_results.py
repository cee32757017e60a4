"""Values of a comparison across versions: given translations, generated ones, a reference.

Frozen dataclasses only; :mod:`toolkit.comparison.versions` builds them, renderers read them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .document import Removed
from .flags import Flag

if TYPE_CHECKING:
    from .results import DiffOp

KINDS = ("article", "given", "generated", "reference")
METRICS = ("BLEU", "chrF", "TER")
HIGHER_IS_BETTER = {"BLEU": True, "chrF": True, "TER": False}


@dataclass(frozen=True)
class VersionInfo:
    """One English version of the article: ``kind`` is one of :data:`KINDS`."""

    name: str
    kind: str
    path: str | None = None
    removed: tuple[Removed, ...] = ()  # boilerplate ingest removed from this version

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"version {self.name!r}: kind must be one of {KINDS}")


@dataclass(frozen=True)
class VersionCell:
    """What one version says for one paragraph of the baseline article.

    ``text`` is every sentence of the version aligned to this paragraph, in the version's order;
    ``unaligned`` lists those of them that had no counterpart in the baseline (kept here, next
    to their neighbours, so nothing is dropped). ``scores`` are against the reference.
    """

    name: str
    text: str
    aligned_from: tuple[str, ...] = ()  # paragraph ids of the version this text comes from
    unaligned: tuple[str, ...] = ()
    flags: tuple[Flag, ...] = ()
    diff: tuple[DiffOp, ...] = ()  # word diff against the baseline paragraph
    chrf: float | None = None  # against the baseline paragraph
    similarity: float | None = None  # cosine to the baseline paragraph
    scores: tuple[tuple[str, float], ...] = ()  # (metric, value) against the reference


@dataclass(frozen=True)
class ParagraphVersions:
    """Every version's cell for one baseline paragraph, and how much the candidates agree."""

    paragraph_id: str
    cells: tuple[VersionCell, ...]  # in the order of VersionsComparison.versions
    agreement: tuple[tuple[float, ...], ...] = ()  # symmetric chrF, over `candidates`
    consensus: str | None = None  # the candidate closest to all others (MBR)

    def cell(self, name: str) -> VersionCell:
        for c in self.cells:
            if c.name == name:
                return c
        raise KeyError(name)


@dataclass(frozen=True)
class SystemScore:
    """Document-level scores of one version against the reference (sacreBLEU)."""

    name: str
    scores: tuple[tuple[str, float], ...]  # (metric, value) for BLEU, chrF, TER
    ci95: tuple[tuple[str, float, float], ...]  # (metric, low, high) by bootstrap
    signatures: tuple[tuple[str, str], ...]  # (metric, sacreBLEU signature)

    def score(self, metric: str) -> float:
        return dict(self.scores)[metric]

    def interval(self, metric: str) -> tuple[float, float]:
        for m, lo, hi in self.ci95:
            if m == metric:
                return lo, hi
        raise KeyError(metric)


@dataclass(frozen=True)
class PairedResult:
    """A paired significance test of ``system`` against ``baseline`` on one metric."""

    baseline: str
    system: str
    metric: str
    p_value: float
    method: str  # "paired-bootstrap" | "approximate-randomization"
    samples: int = 0


class _PairedTests:
    """Lookups over ``significance`` (paired tests against the baseline) shared by the tables."""

    significance: tuple[PairedResult, ...]
    alpha: float

    def p_value(self, system: str, metric: str, method: str = "paired-bootstrap") -> float | None:
        """Return the p-value of ``system`` against the baseline, or None (the baseline itself)."""
        for t in self.significance:
            if t.system == system and t.metric == metric and t.method == method:
                return t.p_value
        return None

    def significant(self, system: str, metric: str) -> bool:
        """Whether ``system`` differs from the baseline on ``metric`` by both tests at ``alpha``."""
        ps = [t.p_value for t in self.significance if t.system == system and t.metric == metric]
        return bool(ps) and max(ps) < self.alpha


@dataclass(frozen=True)
class SegmentChange:
    """One segment of a version against the baseline's, by sentence chrF on the reference
    (:mod:`toolkit.comparison.gain` builds these)."""

    paragraph_id: str
    delta: float  # the version's chrF minus the baseline's
    chrf: float
    baseline_chrf: float
    text: str
    baseline: str
    flags: tuple[Flag, ...] = ()

    @property
    def warned(self) -> bool:
        """Whether the version's segment carries a flag a reader would see as a warning."""
        return any(not f.reviewed and f.severity != "info" for f in self.flags)


@dataclass(frozen=True)
class Gain:
    """A version's gain over the baseline: corpus deltas and segment counts."""

    name: str
    baseline: str
    deltas: tuple[tuple[str, float], ...]  # (metric, version - baseline); TER: lower is better
    better: int
    worse: int
    same: int
    harmed: int  # segments more than HARM chrF worse
    harmed_unflagged: int  # ... of them with no warning flag
    worst: tuple[SegmentChange, ...]

    @property
    def segments(self) -> int:
        return self.better + self.worse + self.same

    def delta(self, metric: str) -> float:
        return dict(self.deltas)[metric]


@dataclass(frozen=True)
class VersionsComparison(_PairedTests):
    """All versions of one article aligned to its paragraphs, compared, and scored."""

    versions: tuple[VersionInfo, ...]  # the article first
    segments: str  # "paragraphs" | "lines"
    paragraphs: tuple[ParagraphVersions, ...]
    candidates: tuple[str, ...]  # the versions the agreement matrices cover (not the reference)
    agreement: tuple[tuple[float, ...], ...]  # document-level symmetric chrF over candidates
    consensus: str | None
    scores: tuple[SystemScore, ...] = ()  # only with a reference
    significance: tuple[PairedResult, ...] = ()
    rank_by: str = "chrF"
    alpha: float = 0.05
    gains: tuple[Gain, ...] = ()  # with a reference: each candidate's gain over the article

    def paragraph(self, paragraph_id: str) -> ParagraphVersions:
        for p in self.paragraphs:
            if p.paragraph_id == paragraph_id:
                return p
        raise KeyError(paragraph_id)

    @property
    def reference(self) -> str | None:
        return next((v.name for v in self.versions if v.kind == "reference"), None)

    @property
    def baseline(self) -> str:
        return self.versions[0].name

    def ranking(self) -> tuple[SystemScore, ...]:
        """Return the scored versions, best first by :attr:`rank_by`."""
        sign = -1 if HIGHER_IS_BETTER[self.rank_by] else 1
        return tuple(sorted(self.scores, key=lambda s: sign * s.score(self.rank_by)))

    def gain(self, name: str) -> Gain | None:
        """Return ``name``'s gain over the article (None without a reference, or the article)."""
        return next((g for g in self.gains if g.name == name), None)



@dataclass(frozen=True)
class CorpusScores(_PairedTests):
    """Scores of the versions over a whole folder: every article's aligned segments together."""

    names: tuple[str, ...]  # the article (baseline) first
    kinds: tuple[str, ...]
    articles: int
    segments: int
    scores: tuple[SystemScore, ...]
    significance: tuple[PairedResult, ...]
    excluded: tuple[str, ...] = ()  # versions missing from some articles (not scored)
    alpha: float = 0.05

