"""Result objects shared by every command: frozen dataclasses, values only.

This module imports nothing outside :mod:`toolkit.core`: the comparison modules build the value
types defined here (alignment rows, diff runs, evidence, metrics), ``Result.to_json()`` and
friends look their format up in the format table when called (:mod:`toolkit.core.renderers`),
and every flag is read through one walk (:mod:`toolkit.core.flag_walk`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from .document import Article, Paragraph, Section
from .flag_walk import PlacedFlag, count_by_kind, walk_flags
from .flags import Flag
from .registry import lazy
from .renderers import RENDERERS

if TYPE_CHECKING:
    from .version_results import VersionsComparison

SCHEMA = "parallax/1"
# notebook views, imported when called (pandas and matplotlib load only then)
_VIEWS = {"pandas": "toolkit.notebook:to_pandas", "plot": "toolkit.notebook:plot"}


# ------------------------------------------------------------------ comparison values
@dataclass(frozen=True)
class AlignedRow:
    """Sentence indexes on each side that render the same content, and how well they match."""

    left: tuple[int, ...]
    right: tuple[int, ...]
    score: float


@dataclass(frozen=True)
class DiffOp:
    """One run of the diff: ``op`` is ``"equal"``, ``"insert"`` or ``"delete"``."""

    op: str
    text: str


@dataclass(frozen=True)
class Evidence:
    """A summary sentence, its best source sentences ``(id, score)``, and whether they suffice."""

    sentence: str
    support: tuple[tuple[str, float], ...]
    supported: bool


@dataclass(frozen=True)
class AlternativeMetrics:
    """One alternative scored against the original: chrF and TER are 0-100, similarity a cosine.

    ``extra`` holds the scores of plugin metrics (``(name, value)``, registry order).
    """

    chrf: float
    ter: float
    similarity: float | None = None
    extra: tuple[tuple[str, float | None], ...] = ()

    def value(self, name: str) -> float | None:
        """Return the score of metric ``name`` (built-in field or plugin metric)."""
        if name in ("chrf", "ter", "similarity"):
            return getattr(self, name)
        return dict(self.extra).get(name)


@dataclass(frozen=True)
class ParagraphMetrics:
    """All alternatives of one paragraph; ``alternatives`` follows the input order."""

    agreement: float
    agreement_semantic: float | None
    mean_chrf: float
    mean_similarity: float | None
    uncertainty: float
    alternatives: tuple[AlternativeMetrics, ...] = ()

    def value(self, name: str) -> float | None:
        """Return the paragraph-level score ``name``."""
        return getattr(self, name, None)


@dataclass(frozen=True)
class Summary:
    text: str
    sentences: tuple[str, ...]
    flags: tuple[Flag, ...] = ()
    method: str = "abstractive"
    chunks: int = 1  # source pieces summarized separately (long sections)
    stages: int = 1  # summarize-the-summaries rounds
    attempts: int = 1


@dataclass(frozen=True)
class Alternative:
    """One alternative English rendering of a paragraph."""

    strategy: str
    model: str
    text: str
    flags: tuple[Flag, ...] = ()
    attempts: int = 1


@dataclass(frozen=True)
class SuggestedEdit:
    """One change the suggestion makes to the machine translation."""

    old: str  # the MT's words it replaces ("" = an insertion)
    new: str  # what replaces them ("" = a deletion)
    votes: int  # how many rewrites made this edit the same way
    gain: float | None = None  # the model's log-likelihood gain of the edit (None: not scored)


@dataclass(frozen=True)
class Suggestion:
    """The reading of a paragraph Parallax trusts most (``source`` says which candidate)."""

    text: str
    source: str  # "original" (the MT), a strategy name, or "edited" (the MT with trusted edits)
    reason: str
    edits: tuple[SuggestedEdit, ...] = ()  # for "edited": the edits applied
    flags: tuple[Flag, ...] = ()  # the chosen candidate's own flags
    scores: tuple[tuple[str, float], ...] = ()  # candidate -> model score gain over the MT


@dataclass(frozen=True)
class AlternativeComparison:
    """One alternative against the original: scores, sentence alignment, word diff."""

    metrics: AlternativeMetrics
    alignment: tuple[AlignedRow, ...]  # left = original sentences, right = alternative sentences
    sentences: tuple[str, ...]  # the alternative's sentences, as the alignment indexes them
    diff: tuple[DiffOp, ...]


@dataclass(frozen=True)
class ParagraphComparison:
    metrics: ParagraphMetrics
    alternatives: tuple[AlternativeComparison, ...]  # parallel to ParagraphResult.alternatives


@dataclass(frozen=True)
class ParagraphResult:
    paragraph: Paragraph
    alternatives: tuple[Alternative, ...] = ()
    comparison: ParagraphComparison | None = None
    noise: tuple[Flag, ...] = ()  # the original's own flags: MT noise and QA (compare only)
    suggestion: Suggestion | None = None

    @property
    def uncertainty(self) -> float | None:
        return self.comparison.metrics.uncertainty if self.comparison else None


@dataclass(frozen=True)
class SectionResult:
    section: Section
    summary: Summary | None
    paragraphs: tuple[ParagraphResult, ...]
    evidence: tuple[Evidence, ...] = ()  # one per summary sentence (compare only)


# ------------------------------------------------------------------ what a signature records
@dataclass(frozen=True)
class ModelInfo:
    """What a run signature records about an engine and its weights (``engine.info``)."""

    id: str
    sha256: str | None
    backend: str
    device: str
    dtype: str
    threads: int
    context_length: int


@dataclass(frozen=True)
class Decoding:
    """The decoding settings of a generation call (recorded in the run signature)."""

    max_new_tokens: int = 256
    temperature: float = 0.0  # 0 = greedy
    top_p: float = 1.0
    seed: int = 0
    batch_size: int = 8
    no_repeat_ngram: int = 0  # > 0: never repeat a token n-gram of the reply (summaries use 4)


@dataclass(frozen=True)
class Signature:
    """Everything that changes the output, like sacreBLEU's signature."""

    toolkit: str
    generator: ModelInfo | None
    embedder: ModelInfo | None
    decoding: Decoding | None
    prompts_sha256: str
    task: str
    options: tuple[tuple[str, Any], ...] = ()
    metrics: tuple[tuple[str, str], ...] = ()  # sacreBLEU signatures of chrF and TER
    versions: tuple[tuple[str, str], ...] = ()  # strategies and checks that ran (signature.py)

    def to_dict(self) -> dict[str, Any]:
        models = {}
        for role, info in (("generator", self.generator), ("embedder", self.embedder)):
            if info is not None:
                models[role] = {"id": info.id, "sha256": info.sha256, "backend": info.backend,
                                "dtype": info.dtype}
        device = next((i.device for i in (self.generator, self.embedder) if i), "cpu")
        threads = next((i.threads for i in (self.generator, self.embedder) if i), 0)
        return {
            "toolkit": self.toolkit,
            "task": self.task,
            "models": models,
            "decoding": asdict(self.decoding) if self.decoding else None,
            "device": device,
            "threads": threads,
            "prompts_sha256": self.prompts_sha256,
            "options": dict(self.options),
            "metrics": dict(self.metrics),
            "versions": dict(self.versions),
            "text": self.short(),
        }

    def short(self) -> str:
        parts = [f"parallax:{self.toolkit}", f"task:{self.task}"]
        for role, info in (("gen", self.generator), ("emb", self.embedder)):
            if info is not None:
                parts.append(
                    f"{role}:{info.id}@{(info.sha256 or 'unknown')[:12]}/"
                    f"{info.backend}-{info.dtype}"
                )
        if self.decoding is not None:
            d = self.decoding
            how = "greedy" if d.temperature == 0 else f"t={d.temperature},p={d.top_p}"
            parts.append(f"dec:{how},max={d.max_new_tokens},seed={d.seed}"
                         + (f",norepeat={d.no_repeat_ngram}" if d.no_repeat_ngram else ""))
        info = self.generator or self.embedder
        if info is not None:
            parts.append(f"dev:{info.device}x{info.threads}")
        parts.append(f"prompts:{self.prompts_sha256[:8]}")
        parts.extend(f"{k}:{v}" for k, v in self.options)
        if self.metrics:
            version = dict(self.metrics)["chrf"].rsplit("version:", 1)[-1]
            parts.append(f"metrics:{'+'.join(k for k, _ in self.metrics)}@sacrebleu-{version}")
        return "|".join(parts)


@dataclass(frozen=True, repr=False)
class Result:
    """The outcome of ``summarize``, ``retranslate`` or ``compare`` on one article."""

    task: str
    article: Article
    sections: tuple[SectionResult, ...]
    article_summary: Summary | None
    signature: Signature
    timings: tuple[tuple[str, float], ...] = field(default=())
    versions: VersionsComparison | None = None  # other versions of the article (compare --with)
    usage: tuple[tuple[str, int], ...] = field(default=())  # engine calls and tokens (compare)

    @property
    def paragraphs(self) -> tuple[ParagraphResult, ...]:
        return tuple(p for s in self.sections for p in s.paragraphs)

    def __repr__(self) -> str:
        return (
            f"<Result {self.task}: {self.article.title or 'untitled'!r}, "
            f"{len(self.sections)} sections, "
            f"{len(self.paragraphs)} paragraphs, flags {self.flag_counts()}>"
        )

    def least_certain(self, n: int = 5) -> tuple[ParagraphResult, ...]:
        """Return the ``n`` paragraphs whose meaning is least certain (compare results only)."""
        scored = [p for p in self.paragraphs if p.uncertainty is not None]
        return tuple(sorted(scored, key=lambda p: -(p.uncertainty or 0.0))[:n])

    def flags(self) -> tuple[PlacedFlag, ...]:
        """Return every flag once, with where it sits and its severity (see ``flag_walk``)."""
        return walk_flags(self)

    def flag_counts(self) -> dict[str, int]:
        """Count every unreviewed flag in the result by kind."""
        return count_by_kind(self.flags())

    def render(self, fmt: str, **options: Any) -> str:
        """Render through the format ``fmt`` of the format table (looked up now)."""
        return RENDERERS.get(fmt).render(self, **options)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON contract as plain data."""
        return RENDERERS.get("json").to_data(self)

    def to_json(self, indent: int | None = 2) -> str:
        return self.render("json", indent=indent)

    def to_markdown(self) -> str:
        return self.render("md")

    def _repr_html_(self) -> str:
        """Show the HTML report in Jupyter (a fragment; its CSS is scoped to it)."""
        return self.render("html", fragment=True)

    def to_pandas(self):  # -> pandas.DataFrame (pandas is imported only here)
        """Return a DataFrame: one row per paragraph and alternative (per section for summarize)."""
        return lazy(_VIEWS["pandas"])(self)

    def plot(self):  # -> matplotlib.figure.Figure (matplotlib is imported only here)
        """Return a figure: per-section agreement and similarity, and flag counts by kind."""
        return lazy(_VIEWS["plot"])(self)
