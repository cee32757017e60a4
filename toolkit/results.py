"""Result objects shared by every command: frozen dataclasses, rendered by ``toolkit.render``."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from .backends.base import Decoding, ModelInfo
from .document import Article, Paragraph, Section

SCHEMA = "parallax/1"


@dataclass(frozen=True)
class Flag:
    """Something a reader should look at: ``kind`` names it, ``text`` quotes the offending span."""

    kind: str
    text: str = ""
    detail: str = ""


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
class ParagraphResult:
    paragraph: Paragraph
    alternatives: tuple[Alternative, ...] = ()


@dataclass(frozen=True)
class SectionResult:
    section: Section
    summary: Summary | None
    paragraphs: tuple[ParagraphResult, ...]


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
            "text": self.short(),
        }

    def short(self) -> str:
        parts = [f"parallax:{self.toolkit}", f"task:{self.task}"]
        for role, info in (("gen", self.generator), ("emb", self.embedder)):
            if info is not None:
                parts.append(f"{role}:{info.id}@{(info.sha256 or 'unknown')[:12]}/{info.backend}-{info.dtype}")
        if self.decoding is not None:
            d = self.decoding
            how = "greedy" if d.temperature == 0 else f"t={d.temperature},p={d.top_p}"
            parts.append(f"dec:{how},max={d.max_new_tokens},seed={d.seed}")
        info = self.generator or self.embedder
        if info is not None:
            parts.append(f"dev:{info.device}x{info.threads}")
        parts.append(f"prompts:{self.prompts_sha256[:8]}")
        parts.extend(f"{k}:{v}" for k, v in self.options)
        return "|".join(parts)


@dataclass(frozen=True)
class Result:
    """The outcome of ``summarize``, ``retranslate`` or ``compare`` on one article."""

    task: str
    article: Article
    sections: tuple[SectionResult, ...]
    article_summary: Summary | None
    signature: Signature
    timings: tuple[tuple[str, float], ...] = field(default=())

    @property
    def paragraphs(self) -> tuple[ParagraphResult, ...]:
        return tuple(p for s in self.sections for p in s.paragraphs)

    def to_dict(self) -> dict[str, Any]:
        from .render.json import result_to_dict

        return result_to_dict(self)

    def to_json(self, indent: int | None = 2) -> str:
        from .render.json import render_json

        return render_json(self, indent=indent)

    def to_markdown(self) -> str:
        from .render.markdown import render_markdown

        return render_markdown(self)
