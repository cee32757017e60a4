"""Turn a file (or a string) into a cleaned :class:`~toolkit.core.document.Article`.

Pipeline: bytes (:mod:`.read`) -> text (:mod:`.decode`) -> blocks (:mod:`.text` for plain text
and Markdown, :mod:`.html`) -> boilerplate removed and noted, metadata kept
(:mod:`.boilerplate`) -> title, sections, paragraphs (:mod:`.structure`) -> sentences
(:mod:`.sentences`).
"""

from __future__ import annotations

import hashlib
import os
import unicodedata
from pathlib import Path

from ..core.document import Article, Metadata, Removed
from ..core.errors import InputError
from .boilerplate import classify, norm
from .decode import decode, decode_with_notes
from .html import html_blocks
from .read import MAX_BYTES, MAX_PARAGRAPHS, read_bytes, show
from .sentences import glued_sentences, split_sentences
from .structure import build_article, split_site
from .text import (
    BIDI_CONTROL,
    CONTROL,
    SURROGATE,
    Block,
    markdown_blocks,
    scrub_blocks,
    text_blocks,
)

__all__ = [
    "MAX_BYTES",
    "MAX_PARAGRAPHS",
    "Block",
    "build_article",
    "classify",
    "decode",
    "detect_format",
    "glued_sentences",
    "load_article",
    "norm",
    "parse_text",
    "read_bytes",
    "split_sentences",
    "split_site",
]


def detect_format(text: str, suffix: str) -> str:
    """Return ``txt``, ``md`` or ``html`` from a file suffix, else from the text's first bytes."""
    suffix = suffix.lower()
    if suffix in (".html", ".htm", ".xhtml"):
        return "html"
    if suffix in (".md", ".markdown"):
        return "md"
    head = text.lstrip()[:200].lower()
    if head.startswith(("<!doctype html", "<html")):
        return "html"
    return "txt"


def parse_text(
    text: str,
    fmt: str = "txt",
    meta: Metadata | None = None,
    *,
    keep_boilerplate: bool = False,
    furniture: dict[str, str] | None = None,
) -> Article:
    """Parse already-decoded article text (``fmt`` is ``txt``, ``md`` or ``html``).

    ``keep_boilerplate`` keeps every block (what would be removed is flagged
    ``maybe-boilerplate``); ``furniture`` maps line keys (:func:`norm`) known to recur across a
    site's pages to the reason they are removed.
    """
    meta = meta or Metadata()
    removed = list(meta.removed)
    surrogates = len(SURROGATE.findall(text))
    if surrogates:  # only a str from Python can hold them; no file decodes to one
        text = SURROGATE.sub("\ufffd", text)
        removed.append(
            Removed("invalid-characters", f"{surrogates} lone surrogate(s) replaced with U+FFFD")
        )
    for old, new in (
        ("\r\n", "\n"),
        ("\r", "\n"),
        ("\x85", "\n"),
        ("\u2028", "\n"),
        ("\u2029", "\n\n"),
    ):
        text = text.replace(old, new)
    text = unicodedata.normalize("NFC", text)
    for rx, kind, what in (
        (CONTROL, "control-characters", "control characters (e.g. NUL)"),
        (BIDI_CONTROL, "bidi-controls", "bidi embedding/override/isolate characters"),
    ):
        found = len(rx.findall(text))
        if found:
            text = rx.sub("", text)
            removed.append(Removed(kind, f"{found} {what} removed"))
    text = text.removeprefix("\ufeff")
    if not text.strip():
        name = show(meta.path or "<input>")
        raise InputError(f"{name}: no article text (only whitespace or control characters)")
    page = None
    if fmt == "html":
        blocks, page, extra = html_blocks(text)
        removed.extend(extra)
    elif fmt == "md":
        blocks = markdown_blocks(text)
    else:
        blocks = text_blocks(text)
    paragraphs = sum(b.kind != "heading" for b in blocks)
    if paragraphs > MAX_PARAGRAPHS:
        name = show(meta.path or "<input>")
        raise InputError(f"{name}: {paragraphs} paragraphs; the limit is {MAX_PARAGRAPHS} "
                         "(is it one article? split it)")
    if not keep_boilerplate:
        blocks, debris = scrub_blocks(blocks)
        removed.extend(debris)
    meta = Metadata(
        path=meta.path,
        encoding=meta.encoding,
        format=fmt,
        content_sha256=meta.content_sha256,
        removed=tuple(removed),
    )
    return build_article(
        blocks, fmt, page, meta, keep_boilerplate=keep_boilerplate, furniture=furniture
    )


def load_article(
    source: str | Path,
    *,
    fmt: str | None = None,
    keep_boilerplate: bool = False,
    furniture: dict[str, str] | None = None,
) -> Article:
    """Load an article from a path, or parse ``source`` as text when it is not a path.

    A ``str`` that contains a newline (or a NUL) or is longer than a path can be is taken as the
    article text itself; a :class:`~pathlib.Path` is always read from disk.
    """
    opts = {"keep_boilerplate": keep_boilerplate, "furniture": furniture}
    if isinstance(source, str) and (
        "\n" in source or "\x00" in source or len(source) > 4096 or not source.strip()
    ):
        if not source.strip():
            raise InputError("<text>: no article text (only whitespace)")
        digest = hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest()
        return parse_text(
            source, fmt or detect_format(source, ""), Metadata(content_sha256=digest), **opts
        )
    path = Path(source)
    if isinstance(source, str) and not os.path.lexists(path) and len(source.split()) > 3:
        digest = hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest()
        return parse_text(
            source, fmt or detect_format(source, ""), Metadata(content_sha256=digest), **opts
        )
    data = read_bytes(path)
    text, encoding, notes = decode_with_notes(data, str(path))
    digest = hashlib.sha256(data).hexdigest()
    meta = Metadata(path=str(path), encoding=encoding, content_sha256=digest, removed=notes)
    return parse_text(text, fmt or detect_format(text, path.suffix), meta, **opts)
