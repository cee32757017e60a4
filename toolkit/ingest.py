"""Turn a file (or a string) into a cleaned :class:`~toolkit.document.Article`.

Pipeline: bytes -> text (encoding detection) -> blocks (txt / md / html) -> boilerplate removed
(and kept as metadata) -> title, sections, paragraphs, sentences.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .document import Article, Metadata, Paragraph, Removed, Section, Sentence
from .errors import InputError

MAX_BYTES = 50 * 1024 * 1024  # refuse anything larger: no news article is 50 MB

_BINARY_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (docx/xlsx/epub?)",
    b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "an executable",
    b"SQLite format 3": "an SQLite database",
}
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


# ---------------------------------------------------------------------------- bytes -> text


def read_bytes(path: str | Path) -> bytes:
    """Read a file, turning every OS problem into a one-line :class:`InputError`."""
    p = Path(path)
    try:
        if p.is_dir():
            raise InputError(f"{p}: is a directory, expected an article file")
        if not p.exists():
            raise InputError(f"{p}: no such file")
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"{p}: file is {size / 2**20:.0f} MB; the limit is {MAX_BYTES >> 20} MB")
        return p.read_bytes()
    except PermissionError:
        raise InputError(f"{p}: permission denied") from None
    except OSError as exc:  # symlink loops, vanished files, I/O errors
        raise InputError(f"{p}: cannot read ({exc.strerror or exc})") from None


def decode(data: bytes, name: str = "<input>") -> tuple[str, str]:
    """Decode article bytes; return ``(text, encoding)``.

    A BOM wins; then strict UTF-8; then charset-normalizer's detection. Binary data and
    undetectable encodings raise :class:`InputError`.
    """
    if not data.strip():
        raise InputError(f"{name}: file is empty")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(enc), enc + "-bom"
            except UnicodeDecodeError as exc:
                raise InputError(f"{name}: invalid {enc} after its byte-order mark ({exc.reason})") from None
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise InputError(f"{name}: this is {what}, not a text article")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if _looks_binary(data):
        raise InputError(f"{name}: binary data, not a text article")
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError(f"{name}: not UTF-8 and its encoding cannot be detected; convert it to UTF-8")
    return str(best), best.encoding


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls / max(1, len(sample)) > 0.05


# ---------------------------------------------------------------------------- text -> blocks


@dataclass(frozen=True)
class Block:
    kind: str  # "heading" | "text"
    text: str
    level: int = 0  # heading level for md/html; 0 = unknown (plain text)


_WS = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _clean_line(line: str) -> str:
    return _WS.sub(" ", line).strip()


def _text_blocks(text: str) -> list[Block]:
    blocks: list[Block] = []
    for chunk in re.split(r"\n\s*\n", text):
        lines = [_clean_line(x) for x in chunk.split("\n")]
        lines = [x for x in lines if x]
        if not lines:
            continue
        # Hard-wrapped prose (every line but the last short, no line a heading on its own)
        # is one paragraph; otherwise every line is a block (scrapers put one per line).
        wrapped = len(lines) > 1 and all(40 <= len(x) <= 80 for x in lines[:-1])
        if wrapped:
            blocks.append(Block("text", " ".join(lines)))
        else:
            blocks.extend(Block("text", x) for x in lines)
    return blocks


_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


def _markdown_blocks(text: str) -> list[Block]:
    out: list[Block] = []
    buf: list[str] = []

    def flush() -> None:
        if buf:
            out.extend(_text_blocks("\n".join(buf)))
            buf.clear()

    for line in text.split("\n"):
        m = _MD_HEADING.match(line.strip())
        if m:
            flush()
            if _clean_line(m.group(2)):
                out.append(Block("heading", _clean_line(m.group(2)), len(m.group(1))))
        elif not line.strip():
            flush()
        else:
            buf.append(line)
    flush()
    return out


_HTML_DROP = "script, style, noscript, iframe, object, embed, template, svg, canvas, form, button, input, select, textarea, nav, footer, aside"
_HTML_BLOCKS = "h1, h2, h3, h4, h5, h6, p, li, blockquote, pre, td, dd, dt, figcaption"


def _html_blocks(text: str) -> tuple[list[Block], str | None, list[Removed]]:
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    tree = HTMLParser(text)
    removed: list[Removed] = []
    dropped: dict[str, int] = {}
    for node in tree.css(_HTML_DROP):
        dropped[node.tag] = dropped.get(node.tag, 0) + 1
        node.decompose()
    for tag, n in sorted(dropped.items()):
        removed.append(Removed("markup", f"<{tag}> x{n}"))
    title_node = tree.css_first("title")
    page_title = _clean_line(title_node.text()) if title_node else None
    root = tree.body or tree.root
    blocks: list[Block] = []
    if root is None:
        return blocks, page_title or None, removed
    for node in root.css(_HTML_BLOCKS):
        # skip a block nested in another block (a <p> inside <li>): its text is in the parent
        parent = node.parent
        nested = False
        while parent is not None and parent is not root:
            if parent.tag in {"p", "li", "blockquote", "pre", "td", "dd", "dt", "figcaption"}:
                nested = True
                break
            parent = parent.parent
        if nested:
            continue
        body = "\n".join(_clean_line(x) for x in node.text(separator=" ").split("\n"))
        body = _clean_line(body.replace("\n", " "))
        if not body:
            continue
        if node.tag[0] == "h" and node.tag[1:].isdigit():
            blocks.append(Block("heading", body, int(node.tag[1:])))
        else:
            blocks.append(Block("text", body))
    if not blocks:  # markup without block elements: fall back to its text lines
        blocks = _text_blocks(root.text(separator="\n"))
    return blocks, page_title or None, removed


# ---------------------------------------------------------------------------- boilerplate

_TAGS = re.compile(r"^\(?\s*tags\s*to\s*translate\s*\)?\s*:?\s*(.*)$", re.I)
_SOURCE = re.compile(r"^(?:source|منبع)\s*:\s*(.+)$", re.I)
_BOILERPLATE = [
    (re.compile(p, re.I), kind)
    for p, kind in [
        (r"^back to top( button)?$", "navigation"),
        (r"^(scroll to top|go to top|skip to (main )?content|read more|print|share( this)?( article)?)$", "navigation"),
        (r"^(related (posts|news|articles)|you may also like|most (read|viewed|popular))$", "navigation"),
        (r"^leave a (reply|comment)$", "comment-form"),
        (r"^your email address will not be published\.?( required fields are marked \*)?$", "comment-form"),
        (r"^required fields are marked \*$", "comment-form"),
        (r"^(comment|name|email|website)\s*\*?$", "comment-form"),
        (r"^save my name, email, and website in this browser.*$", "comment-form"),
        (r"^(post comment|submit comment|cancel reply)$", "comment-form"),
        (r"^(all rights reserved|copyright\b|©).*$", "copyright"),
    ]
]
_CATEGORY_WORDS = {
    "news", "world", "politics", "international", "economy", "business", "sport", "sports",
    "culture", "society", "science", "opinion", "analysis", "middle east", "iran", "region",
}


def _strip_boilerplate(blocks: list[Block]) -> tuple[list[Block], dict, list[Removed]]:
    kept: list[Block] = []
    meta: dict = {"tags": [], "source": None}
    removed: list[Removed] = []
    for b in blocks:
        text = b.text
        if m := _TAGS.match(text):
            tags = [t.strip() for t in re.split(r"\(\s*T\s*\)|,|\|", m.group(1)) if t.strip()]
            meta["tags"].extend(tags)
            removed.append(Removed("tags", text))
            continue
        if m := _SOURCE.match(text):
            meta["source"] = m.group(1).strip()
            removed.append(Removed("source", text))
            continue
        kind = next((k for rx, k in _BOILERPLATE if rx.match(text)), None)
        if kind:
            removed.append(Removed(kind, text))
            continue
        kept.append(b)
    return kept, meta, removed


# ---------------------------------------------------------------------------- structure

_END_PUNCT = tuple(".!?:;,…\"”»)'’")


def _heading_like(text: str, max_words: int = 20) -> bool:
    words = text.split()
    return 0 < len(words) <= max_words and len(text) <= 200 and not text.endswith(_END_PUNCT)


def _title_like(text: str) -> bool:
    return 0 < len(text.split()) <= 25 and len(text) <= 250 and not text.endswith((".", ":", ","))


def split_sentences(text: str, id_prefix: str) -> tuple[Sentence, ...]:
    """Split a paragraph into sentences whose spans partition its non-space characters."""
    import blingfire

    _, offsets = blingfire.text_to_sentences_and_offsets(text)
    cuts = sorted({start for start, _ in offsets if 0 < start < len(text)})
    bounds = [0, *cuts, len(text)]
    sentences: list[Sentence] = []
    for a, b in zip(bounds, bounds[1:]):
        piece = text[a:b]
        lead = len(piece) - len(piece.lstrip())
        body = piece.strip()
        if body:
            start = a + lead
            sentences.append(Sentence(f"{id_prefix}.t{len(sentences) + 1}", body, start, start + len(body)))
    return tuple(sentences)


def build_article(blocks: list[Block], fmt: str, page_title: str | None = None, meta: Metadata | None = None) -> Article:
    """Assemble title, sections, paragraphs and sentences from cleaned blocks."""
    meta = meta or Metadata()
    blocks, bp, removed = _strip_boilerplate(blocks)
    removed = list(meta.removed) + removed
    category = None
    title: str | None = None
    # A lone category label before the title ("News").
    if len(blocks) >= 2 and blocks[0].kind == "text" and len(blocks[0].text.split()) <= 3 and (
        blocks[0].text.lower() in _CATEGORY_WORDS or _title_like(blocks[1].text)
    ) and not blocks[0].text.endswith(_END_PUNCT):
        category = blocks[0].text
        removed.append(Removed("category", blocks[0].text))
        blocks = blocks[1:]
    explicit = fmt in ("md", "html")
    if explicit:
        h1 = next((i for i, b in enumerate(blocks) if b.kind == "heading" and b.level == 1), None)
        if h1 is not None and all(b.kind == "heading" for b in blocks[:h1]):
            title = blocks[h1].text
            blocks = blocks[:h1] + blocks[h1 + 1 :]
        elif page_title:
            title = page_title
    if title is None and blocks and blocks[0].kind == "text" and _title_like(blocks[0].text) and len(blocks) > 1:
        title = blocks[0].text
        blocks = blocks[1:]

    sections: list[tuple[str | None, list[str]]] = [(None, [])]
    for i, b in enumerate(blocks):
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        is_heading = b.kind == "heading" or (
            not explicit and _heading_like(b.text) and nxt is not None and not _heading_like(nxt.text)
        )
        if is_heading:
            sections.append((b.text, []))
        else:
            sections[-1][1].append(b.text)

    out: list[Section] = []
    headed = 0
    for sec_title, paras in sections:
        if not paras:
            if sec_title is not None:
                removed.append(Removed("empty-section", sec_title))
            continue
        if sec_title is None:
            sid = "s0"  # the untitled introduction
        else:
            headed += 1
            sid = f"s{headed}"
        paragraphs = tuple(
            Paragraph(f"{sid}.p{j}", text, split_sentences(text, f"{sid}.p{j}"))
            for j, text in enumerate(paras, start=1)
        )
        out.append(Section(sid, sec_title, paragraphs))
    if not out:
        raise InputError(f"{meta.path or '<input>'}: no article text found (only headings or boilerplate)")
    return Article(
        title=title,
        sections=tuple(out),
        metadata=Metadata(
            source=bp["source"],
            tags=tuple(bp["tags"]),
            category=category,
            removed=tuple(removed),
            path=meta.path,
            encoding=meta.encoding,
            format=fmt,
            content_sha256=meta.content_sha256,
        ),
    )


def _detect_format(text: str, suffix: str) -> str:
    suffix = suffix.lower()
    if suffix in (".html", ".htm", ".xhtml"):
        return "html"
    if suffix in (".md", ".markdown"):
        return "md"
    head = text.lstrip()[:200].lower()
    if head.startswith(("<!doctype html", "<html")):
        return "html"
    return "txt"


def parse_text(text: str, fmt: str = "txt", meta: Metadata | None = None) -> Article:
    """Parse already-decoded article text (``fmt`` is ``txt``, ``md`` or ``html``)."""
    meta = meta or Metadata()
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = unicodedata.normalize("NFC", text)
    removed = list(meta.removed)
    controls = len(_CONTROL.findall(text))
    if controls:
        text = _CONTROL.sub("", text)
        removed.append(Removed("control-characters", f"{controls} control characters (e.g. NUL) removed"))
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise InputError(f"{meta.path or '<input>'}: no text (only whitespace)")
    page_title = None
    if fmt == "html":
        blocks, page_title, extra = _html_blocks(text)
        removed.extend(extra)
    elif fmt == "md":
        blocks = _markdown_blocks(text)
    else:
        blocks = _text_blocks(text)
    meta = Metadata(path=meta.path, encoding=meta.encoding, format=fmt,
                    content_sha256=meta.content_sha256, removed=tuple(removed))
    return build_article(blocks, fmt, page_title, meta)


def load_article(source: str | Path, *, fmt: str | None = None) -> Article:
    """Load an article from a path, or parse ``source`` as text when it is not a path.

    A ``str`` that contains a newline or is longer than a path can be is taken as the article
    text itself; a :class:`~pathlib.Path` is always read from disk.
    """
    if isinstance(source, str) and ("\n" in source or len(source) > 4096 or not source.strip()):
        if not source.strip():
            raise InputError("<text>: no text (only whitespace)")
        digest = hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest()
        return parse_text(source, fmt or _detect_format(source, ""), Metadata(content_sha256=digest))
    path = Path(source)
    if isinstance(source, str) and not path.exists() and len(source.split()) > 3:
        digest = hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest()
        return parse_text(source, fmt or "txt", Metadata(content_sha256=digest))
    data = read_bytes(path)
    text, encoding = decode(data, str(path))
    meta = Metadata(path=str(path), encoding=encoding, content_sha256=hashlib.sha256(data).hexdigest())
    return parse_text(text, fmt or _detect_format(text, path.suffix), meta)
