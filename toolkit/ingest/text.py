"""Plain text and Markdown -> blocks; the character clean-up every format shares."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from ..core.document import Removed


@dataclass(frozen=True)
class Block:
    """A line or paragraph of the input before structure is known."""

    kind: str  # "heading" | "text" | "item" (a list item: "- ", "* ", "1. ") | "image" (alt text)
    text: str
    level: int = 0  # heading level for md/html; 0 = unknown (plain text)
    links: int = 0  # links inside the block (html, markdown)


WS = re.compile(r"[ \t\x0b\x0c\x1c-\x1f\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
# C0 and C1 control characters that are not whitespace or line breaks (NUL, ESC, DEL, 0x80-0x9F)
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")
# Bidi embeddings, overrides and isolates: they can make displayed text read differently from
# its content ("Trojan Source") and leak into the next cell of a report. LRM/RLM/ALM and
# ZWNJ/ZWJ, which Persian needs inside words, are kept.
BIDI_CONTROL = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
SURROGATE = re.compile(r"[\ud800-\udfff]")


def clean_line(line: str) -> str:
    """Collapse runs of whitespace to one space and strip the ends."""
    return WS.sub(" ", line).strip()


_BULLET = re.compile(r"^(?:[-*+•·▪►»]|\d{1,2}[.)])\s+(?=\S)")
_MD_LINK = re.compile(r"!?\[([^\]\n]*)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"\n]*\")?\)")


_MD_IMAGE = re.compile(r"!\[([^\]\n]*)\]\([^()\s]*(?:\s+\"[^\"\n]*\")?\)")


def _line_block(line: str, markdown: bool = False) -> Block:
    if "](" in line and (image := _MD_IMAGE.fullmatch(line)) and image.group(1).strip():
        # a Markdown image alone on its line (scraped text keeps them too): its alt text
        return Block("image", clean_line(image.group(1)))
    if not markdown or "](" not in line:  # no Markdown link or image: the common case, kept fast
        m = _BULLET.match(line)
        return Block("item" if m else "text", line)  # the marker stays: the text is verbatim
    links = len(_MD_LINK.findall(line))
    if links:
        line = clean_line(_MD_LINK.sub(lambda m: m.group(1), line))
    return Block("item" if _BULLET.match(line) else "text", line, links=links)


# a tag a scraper broke over several lines: <img src="..."\n alt="...">
_BROKEN_TAG = re.compile(
    r"<(?:img|a|figure|picture|source|video|div|span|p)\b[^<>\n]*\n[^<>]{0,1000}>", re.IGNORECASE
)


def text_blocks(text: str, markdown: bool = False) -> list[Block]:
    """Cut plain text into blocks: blank-line paragraphs, or one block per line when scraped."""
    if "<" in text:
        text = _BROKEN_TAG.sub(lambda m: " ".join(m.group().split()), text)
    blocks: list[Block] = []
    for chunk in re.split(r"\n\s*\n", text):
        lines = [clean_line(x) for x in chunk.split("\n")]
        lines = [x for x in lines if x]
        if not lines:
            continue
        # Hard-wrapped prose (every line but the last short, no line a heading on its own)
        # is one paragraph; otherwise every line is a block (scrapers put one per line).
        wrapped = (
            len(lines) > 1
            and all(40 <= len(x) <= 80 for x in lines[:-1])
            and not any(_BULLET.match(x) for x in lines)
        )
        if wrapped:
            blocks.append(Block("text", " ".join(lines)))
        else:
            blocks.extend(_line_block(x, markdown) for x in lines)
    return blocks


# Only the opening hashes are matched by the regex: the closing "##" is stripped in code, since
# a lazy ``(.*?)\s*#*\s*$`` backtracks cubically on a long run of spaces or hashes.
_MD_HEADING = re.compile(r"(#{1,6})\s+(.*)")


def markdown_heading(line: str) -> tuple[int, str] | None:
    """Return ``(level, text)`` for an ATX heading line (``## Title ##``), else None."""
    m = _MD_HEADING.fullmatch(line)
    if m is None:
        return None
    return len(m.group(1)), clean_line(m.group(2).rstrip().rstrip("#"))


def markdown_blocks(text: str) -> list[Block]:
    """Cut Markdown into blocks: ATX headings, then paragraphs as in plain text."""
    out: list[Block] = []
    buf: list[str] = []

    def flush() -> None:
        if buf:
            out.extend(text_blocks("\n".join(buf), markdown=True))
            buf.clear()

    for line in text.split("\n"):
        heading = markdown_heading(line.strip())
        if heading:
            flush()
            if heading[1]:
                out.append(
                    Block("heading", _MD_LINK.sub(lambda m: m.group(1), heading[1]), heading[0])
                )
        elif not line.strip():
            flush()
        else:
            buf.append(line)
    flush()
    return out


# ---------------------------------------------------------------- markup left in text

_TAG = r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>"
_MARKUP_LINE = re.compile(rf"^(?:\s*(?:{_TAG}|<!--.*?-->))+\s*$")
_ALT = re.compile(r"""\b(?:alt|title)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
# tag fragments left by a scraper inside prose: "</p>", "/p>", "<br/>", "<p", "&nbsp;"
# tag fragments left by a scraper inside prose: "</p>", "/p>", "<br/>", "<p", "&nbsp;". Layout
# tags only: a link or an image in plain text is left as text (and escaped in every report).
_LAYOUT = r"(?:p|br|div|span|strong|em|b|i|u|li|ul|ol|h[1-6]|figure|figcaption|blockquote|section)"
_DEBRIS = re.compile(
    rf"</?{_LAYOUT}\b(?:\s[^<>]{{0,200}}?)?/?>"  # a whole layout tag
    rf"|(?<![\w/<])/{_LAYOUT}>"  # "/p>": its "<" was lost
    r"|<(?:p|br|div|span)(?=\s|$)"  # "<p" at an end: its ">" was lost
    r"|&(?:nbsp|amp|quot|#\d{1,6}|#x[0-9a-f]{1,5});",
    re.IGNORECASE,
)


_ESCAPED_TAG = re.compile(r"^\s*&lt;[a-zA-Z]")
_CREDIT_AFTER = re.compile(r"^((?:\s*(?:" + _TAG + r"))+)\s*([^<>]{1,60})$")


def markup_line(text: str) -> tuple[str | None, bool]:
    """Return ``(alt text or None, True)`` for a line made of markup only, else ``(None, False)``.

    ``<img src="a.jpg" alt="Title of the story">`` gives its alt text; ``<div class="x">``
    gives None (the line is dropped). Markup that was escaped (``&lt;img ... &gt;``) counts, and
    so does an image followed by a short credit (``<img alt="Title"> Photo: IRNA``).
    """
    if _ESCAPED_TAG.match(text):
        text = html.unescape(text)
    if "<" not in text:
        return None, False
    if not _MARKUP_LINE.match(text):
        m = _CREDIT_AFTER.match(text)
        tail = m.group(2).strip() if m else ""
        if not m or len(tail.split()) > 6 or tail.endswith((".", "!", "?")) or not _ALT.search(
            m.group(1)
        ):
            return None, False
        text = m.group(1)
    alts = [clean_line(html.unescape(a or b)) for a, b in _ALT.findall(text)]
    alts = [a for a in alts if a]
    return (alts[0] if alts else None), True


_DEBRIS_HINT = re.compile(r"<|/[a-zA-Z1-6]{1,10}>|&(?:[a-z]{2,4}|#\w{1,6});")


def strip_debris(text: str) -> tuple[str, list[str]]:
    """Remove tag fragments and entities left inside prose; return the text and what went."""
    found: list[str] = []

    def repl(m: re.Match[str]) -> str:
        found.append(m.group(0))
        if m.group(0).startswith("&"):
            return html.unescape(m.group(0))
        return " "

    if not _DEBRIS_HINT.search(text):
        return text, found
    out = _DEBRIS.sub(repl, text)
    return (clean_line(out) if found else text), [f for f in found if not f.startswith("&")]


def scrub_blocks(blocks: list[Block]) -> tuple[list[Block], list[Removed]]:
    """Replace markup-only lines by their alt text (or drop them); strip debris from the rest."""
    out: list[Block] = []
    removed: list[Removed] = []
    for b in blocks:
        alt, is_markup = markup_line(b.text)
        if is_markup:
            if alt:
                out.append(Block("image", alt, b.level, b.links))
                removed.append(Removed("markup", b.text, "a markup line; its alt text was kept"))
            else:
                removed.append(Removed("markup", b.text, "a line of markup only"))
            continue
        text, debris = strip_debris(b.text)
        if debris:
            removed.append(
                Removed("html-debris", " ".join(debris), f"stray HTML removed from: {text[:60]}")
            )
        if text:
            out.append(Block(b.kind, text, b.level, b.links))
    return out, removed
