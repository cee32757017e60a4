"""The article model: Article, Section, Paragraph, Sentence as frozen dataclasses.

This module imports nothing from the package. Ids are stable for a given text:
sections ``s0`` (untitled introduction) ``s1``...; paragraphs ``s1.p1``...
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field


def normalize_digits(text: str) -> str:
    """Return ``text`` with every Unicode decimal digit replaced by its ASCII value (۱۰۰ -> 100)."""
    if text.isascii():
        return text
    return "".join(
        str(unicodedata.digit(ch)) if unicodedata.category(ch) == "Nd" else ch for ch in text
    )


def normalize_text(text: str) -> str:
    """Return the comparison form of ``text``: NFKC, ASCII digits, straightened quotes."""
    text = unicodedata.normalize("NFKC", text)
    text = normalize_digits(text)
    return text.translate(_QUOTES)


_QUOTES = str.maketrans({"“": '"', "”": '"', "«": '"', "»": '"', "‘": "'", "’": "'"})


@dataclass(frozen=True)
class Sentence:
    """One sentence; ``start``/``end`` are character offsets into its paragraph's text."""

    id: str
    text: str
    start: int
    end: int

    @property
    def normalized(self) -> str:
        return normalize_text(self.text)


@dataclass(frozen=True)
class Note:
    """Something ingest noticed in a kept paragraph; shown as a flag of kind ``kind``."""

    kind: str  # a flag kind of toolkit.core.flags ("glued-sentence", "maybe-boilerplate")
    text: str  # the quoted text, verbatim
    detail: str = ""


@dataclass(frozen=True)
class Paragraph:
    id: str
    text: str
    sentences: tuple[Sentence, ...]
    notes: tuple[Note, ...] = ()

    @property
    def normalized(self) -> str:
        return normalize_text(self.text)

    @property
    def word_count(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class Section:
    id: str
    title: str | None
    paragraphs: tuple[Paragraph, ...]

    @property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.paragraphs)

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        return tuple(s for p in self.paragraphs for s in p.sentences)


@dataclass(frozen=True)
class Removed:
    """A block that ingest removed as boilerplate, kept so nothing disappears silently."""

    kind: str  # "tags", "source", "category", "comment-form", "navigation", "markup" ...
    text: str
    reason: str = ""  # why it was removed ("recurs in 5 of 6 files of this folder")


@dataclass(frozen=True)
class Metadata:
    source: str | None = None
    tags: tuple[str, ...] = ()
    category: str | None = None
    removed: tuple[Removed, ...] = ()
    path: str | None = None
    encoding: str | None = None
    format: str = "txt"
    content_sha256: str | None = None
    site: str | None = None  # the site's name (page metadata, or a title suffix " | Site")
    published: str | None = None  # publication date or timestamp, as found (ISO when known)
    author: str | None = None
    url: str | None = None
    categories: tuple[str, ...] = ()
    dateline: str | None = None  # "TEHRAN (Agency) -"
    byline: str | None = None  # "By Jane Doe"
    source_language: str | None = None  # the language the article was translated from
    language_evidence: tuple[str, ...] = ()  # why: "agency: Shafaq News (Arabic)", "given"

    def language_shown(self) -> str:
        """Return the source language with its evidence ("Arabic (agency: Shafaq News)")."""
        if self.source_language is None:
            return "unknown" + (f" ({'; '.join(self.language_evidence)})"
                                if self.language_evidence else "")
        why = "; ".join(self.language_evidence[:3])
        return f"{self.source_language} ({why})" if why else self.source_language

    def described(self) -> tuple[tuple[str, str], ...]:
        """Return the page metadata worth showing as ``(label, value)`` pairs, in report order."""
        pairs = [("Site", self.site), ("Published", self.published), ("Author", self.author),
                 ("Dateline", self.dateline), ("Source", self.source), ("Category", self.category),
                 ("Categories", ", ".join(self.categories)), ("Tags", ", ".join(self.tags)),
                 ("URL", self.url), ("Source language", self.language_shown())]
        return tuple((k, v) for k, v in pairs if v)


@dataclass(frozen=True)
class Article:
    title: str | None
    sections: tuple[Section, ...]
    metadata: Metadata = field(default_factory=Metadata)

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        return tuple(p for s in self.sections for p in s.paragraphs)

    def section(self, section_id: str) -> Section:
        for s in self.sections:
            if s.id == section_id:
                return s
        raise KeyError(section_id)


def article_key(content_sha256: str | None, paragraphs: Iterable[str]) -> str:
    """Return the key that ties triage state and choices to one article's content (the HTML
    report's ``data-article``, checked by ``parallax export``)."""
    if content_sha256:
        return content_sha256
    h = hashlib.sha256()
    for text in paragraphs:
        h.update(text.encode("utf-8"))
        h.update(b"\n\n")
    return h.hexdigest()
