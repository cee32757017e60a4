"""Turn a file (or a string) into a cleaned :class:`~toolkit.document.Article`.

Pipeline: bytes -> text (encoding detection) -> blocks (txt / md / html) -> boilerplate removed
(and kept as metadata) -> title, sections, paragraphs, sentences.
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import os
import re
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

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


def _show(path: str | Path) -> str:
    """Return a file name fit for a one-line message (control characters escaped)."""
    name = str(path)
    return name if name.isprintable() else repr(name)[1:-1]


def _open(path: Path) -> BinaryIO:
    """Open ``path`` for reading (a seam: tests replace it to simulate OS failures)."""
    return open(path, "rb")


def _os_error(p: Path, exc: OSError) -> InputError:
    name = _show(p)
    if exc.errno == errno.ENOENT:
        broken = " (a broken symlink)" if os.path.islink(p) else ""
        return InputError(f"{name}: no such file{broken}")
    if exc.errno == errno.ELOOP:
        return InputError(f"{name}: symlink loop (too many levels of symbolic links)")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return InputError(f"{name}: permission denied")
    if exc.errno == errno.EISDIR:
        return InputError(f"{name}: is a directory, expected an article file")
    if exc.errno == errno.ENOTDIR:
        return InputError(f"{name}: no such file (a parent is not a directory)")
    return InputError(f"{name}: cannot read ({exc.strerror or exc})")


def read_bytes(path: str | Path) -> bytes:
    """Read a regular file of at most ``MAX_BYTES``; any OS problem is a one-line InputError."""
    p = Path(path)
    try:
        st = p.stat()
        if stat.S_ISDIR(st.st_mode):
            raise InputError(f"{_show(p)}: is a directory, expected an article file")
        if not stat.S_ISREG(st.st_mode):  # a FIFO would block, /dev/zero would never end
            raise InputError(f"{_show(p)}: not a regular file (a pipe, socket or device)")
        if st.st_size > MAX_BYTES:
            raise InputError(
                f"{_show(p)}: file is {st.st_size / 2**20:.0f} MB; the limit is {MAX_BYTES >> 20} MB"
            )
        with _open(p) as f:
            data = f.read(MAX_BYTES + 1)  # bounded even if the file grows meanwhile
    except OSError as exc:  # vanished, unreadable, symlink loop, I/O error
        raise _os_error(p, exc) from None
    except ValueError:  # an embedded NUL in the path
        raise InputError(f"{_show(p)}: not a valid file name") from None
    if len(data) > MAX_BYTES:
        raise InputError(f"{_show(p)}: grew past the {MAX_BYTES >> 20} MB limit while being read")
    return data


def decode(data: bytes, name: str = "<input>") -> tuple[str, str]:
    """Decode article bytes; return ``(text, encoding)``.

    A BOM wins; then strict UTF-8; then UTF-8 with a few damaged bytes (replaced by U+FFFD);
    then charset-normalizer's detection. Binary data and undetectable encodings raise
    :class:`InputError`.
    """
    text, encoding, _ = _decode(data, name)
    return text, encoding


def _decode(data: bytes, name: str) -> tuple[str, str, tuple[Removed, ...]]:
    name = _show(name)
    if not data:
        raise InputError(f"{name}: file is empty")
    if not data.strip():
        raise InputError(f"{name}: no article text (only whitespace)")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(enc), enc + "-bom", ()
            except UnicodeDecodeError as exc:
                raise InputError(f"{name}: invalid {enc} after its byte-order mark ({exc.reason})") from None
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise InputError(f"{name}: this is {what}, not a text article")
    try:
        return data.decode("utf-8"), "utf-8", ()
    except UnicodeDecodeError:
        pass
    if _looks_binary(data):
        raise InputError(f"{name}: binary data, not a text article")
    damaged = _damaged_utf8(data)
    if damaged is not None:
        text, bad = damaged
        note = Removed("invalid-bytes",
                       f"{bad} invalid UTF-8 byte sequence(s) replaced with U+FFFD")
        return text, "utf-8", (note,)
    detected = _detect(data)
    if detected is None:
        raise InputError(f"{name}: not UTF-8 and its encoding cannot be detected; convert it to UTF-8")
    return (*detected, ())


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls / max(1, len(sample)) > 0.05


def _damaged_utf8(data: bytes) -> tuple[str, int] | None:
    """Decode UTF-8 with a few bad bytes (a truncated download, a stray byte), or return None.

    The file must be demonstrably UTF-8: at least 20 valid non-ASCII characters for every
    invalid sequence. Latin-1 or Windows-1256 text fails this and goes to detection.
    """
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    non_ascii = len(text) - len(text.encode("ascii", "ignore")) - text.count("\ufffd")
    return (text, bad) if 0 < bad and non_ascii >= 20 * bad else None


# Windows-1256 puts ZERO WIDTH NON-JOINER (used inside most Persian words), ZWJ, LRM and RLM at
# 0x9D 0x9E 0xFD 0xFE. charset-normalizer counts those invisible characters as noise, so real
# Persian text loses to Cyrillic code pages (ptcp154) or is not detected at all. Detection is
# therefore also run on a copy with those bytes blanked; the original bytes are then decoded.
_CP1256_FORMAT_BYTES = bytes.maketrans(b"\x9d\x9e\xfd\xfe", b"    ")
# When charset-normalizer scores several code pages exactly the same (same noise, same language
# coherence) it has no evidence either way; we then prefer the code pages of this domain.
_PREFERRED_ENCODINGS = ("cp1256", "cp1252", "latin_1")


def _detect(data: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    probe = data.translate(_CP1256_FORMAT_BYTES)
    if probe != data:
        blanked = list(from_bytes(probe))
        if blanked and (not matches or blanked[0].chaos < matches[0].chaos):
            matches = blanked
    if not matches:
        return None
    top = matches[0]
    tied = [m for m in matches if (m.chaos, m.coherence) == (top.chaos, top.coherence)]

    def preference(encodings: list[str]) -> int:
        return min((_PREFERRED_ENCODINGS.index(e) for e in encodings if e in _PREFERRED_ENCODINGS),
                   default=len(_PREFERRED_ENCODINGS))

    for match in sorted(tied, key=lambda m: preference(m.could_be_from_charset)) + matches:
        preferred = [e for e in _PREFERRED_ENCODINGS if e in match.could_be_from_charset]
        for enc in [*preferred, match.encoding]:
            try:
                return data.decode(enc), enc
            except (UnicodeDecodeError, LookupError):
                continue
    return None


# ---------------------------------------------------------------------------- text -> blocks


@dataclass(frozen=True)
class Block:
    kind: str  # "heading" | "text"
    text: str
    level: int = 0  # heading level for md/html; 0 = unknown (plain text)


_WS = re.compile(r"[ \t\x0b\x0c\x1c-\x1f\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
# C0 and C1 control characters that are not whitespace or line breaks (NUL, ESC, DEL, 0x80-0x9F)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")
# Bidi embeddings, overrides and isolates: they can make displayed text read differently from
# its content ("Trojan Source") and leak into the next cell of a report. LRM/RLM/ALM and
# ZWNJ/ZWJ, which Persian needs inside words, are kept.
_BIDI_CONTROL = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


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


# Only the opening hashes are matched by the regex: the closing "##" is stripped in code, since
# a lazy ``(.*?)\s*#*\s*$`` backtracks cubically on a long run of spaces or hashes.
_MD_HEADING = re.compile(r"(#{1,6})\s+(.*)")


def _markdown_heading(line: str) -> tuple[int, str] | None:
    """Return ``(level, text)`` for an ATX heading line (``## Title ##``), else None."""
    m = _MD_HEADING.fullmatch(line)
    if m is None:
        return None
    return len(m.group(1)), _clean_line(m.group(2).rstrip().rstrip("#"))


def _markdown_blocks(text: str) -> list[Block]:
    out: list[Block] = []
    buf: list[str] = []

    def flush() -> None:
        if buf:
            out.extend(_text_blocks("\n".join(buf)))
            buf.clear()

    for line in text.split("\n"):
        heading = _markdown_heading(line.strip())
        if heading:
            flush()
            if heading[1]:
                out.append(Block("heading", heading[1], heading[0]))
        elif not line.strip():
            flush()
        else:
            buf.append(line)
    flush()
    return out


# Never article text: executable and embedded content, forms and page chrome, and every element
# whose content a parser returns as literal markup (the text of <noembed><script>..., of a
# <title> or <textarea>, of a CDATA section inside <svg> or <math> is "<script>...").
_HTML_DROP = (
    "script, style, noscript, noembed, noframes, xmp, plaintext, iframe, frame, frameset, object, "
    "embed, applet, template, svg, math, canvas, form, button, input, select, textarea, nav, "
    "footer, aside, title"
)
_HTML_BLOCKS = "h1, h2, h3, h4, h5, h6, p, li, blockquote, pre, td, dd, dt, figcaption"


def _drop_markup(tree) -> dict[str, int]:
    """Remove the ``_HTML_DROP`` elements from a parsed tree; return how many of each tag."""
    dropped: dict[str, int] = {}
    nodes = tree.css(_HTML_DROP)
    for node in nodes:
        dropped[node.tag] = dropped.get(node.tag, 0) + 1
    for node in reversed(nodes):  # innermost first, so no node is touched after its parent is gone
        node.decompose()
    return dropped


def _fragment_text(markup: str) -> str:
    """Return the plain text of an HTML fragment (a <title>'s raw text), markup dropped."""
    if "<" not in markup:
        return _clean_line(markup)
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    tree = HTMLParser(markup)
    _drop_markup(tree)
    root = tree.body or tree.root
    return _clean_line(root.text(separator=" ")) if root is not None else ""


def _html_blocks(text: str) -> tuple[list[Block], str | None, list[Removed]]:
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    tree = HTMLParser(text)
    title_node = tree.css_first("head > title") or tree.css_first("title")
    page_title = _fragment_text(title_node.text()) if title_node else None
    dropped = _drop_markup(tree)
    dropped.pop("title", None)
    removed = [Removed("markup", f"{tag} x{n}") for tag, n in sorted(dropped.items())]
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


# blingfire sees a copy of the text in which line breaks, other whitespace controls and NUL are
# spaces and lone surrogates are U+FFFD: one character for one, so its offsets stay valid.
_BF_SPACES = str.maketrans({c: " " for c in "\x00\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\u2028\u2029"})
_UTF8_CONTINUATION = bytes(range(0x80, 0xC0))
_BF_WINDOW = 1 << 17  # bytes per blingfire call, so a 50 MB one-line file needs no 800 MB buffers


def _blingfire_starts(data: bytes) -> list[int]:
    """Return the byte offsets (> 0) where blingfire starts a sentence in UTF-8 ``data``.

    Calls the library's C function directly: its Python wrapper maps offsets with a loop over
    every byte (seconds on a 5 MB article) and raises AssertionError on an empty string.
    """
    import ctypes

    import blingfire

    # a power of two: ctypes keeps every array type it ever made, one per distinct length
    size = 1 << (2 * len(data) + 1).bit_length()
    out = ctypes.create_string_buffer(size)
    starts = (ctypes.c_int32 * size)()
    ends = (ctypes.c_int32 * size)()
    n = blingfire.blingfire.TextToSentencesWithOffsets(
        ctypes.c_char_p(data), ctypes.c_int(len(data)), ctypes.byref(out), ctypes.byref(starts),
        ctypes.byref(ends), ctypes.c_int(size),
    )
    if n <= 0 or n > size:  # blingfire failed: no cuts, the paragraph stays one sentence
        return []
    count = out.raw[:n].count(b"\n") + 1
    return sorted({s for s in starts[:count] if 0 < s < len(data)})


def _sentence_starts(text: str) -> list[int]:
    """Return the character offsets (> 0) at which sentences of ``text`` start."""
    data = _SURROGATE.sub("\ufffd", text.translate(_BF_SPACES)).encode("utf-8")
    cuts: list[int] = []
    pos = 0
    while pos < len(data):
        end = min(len(data), pos + _BF_WINDOW)
        while pos < end < len(data) and data[end] & 0xC0 == 0x80:  # not inside a character
            end -= 1
        found = [pos + s for s in _blingfire_starts(data[pos:end])]
        cuts.extend(found)
        if end == len(data):
            break
        # The window's last sentence may go on past it: the next window starts at that sentence
        # (at the window's end if that sentence is longer than half a window: always progress).
        pos = found[-1] if found and found[-1] - pos > _BF_WINDOW // 2 else end
    chars: list[int] = []
    done = count = 0
    for cut in cuts:
        if data[cut] & 0xC0 == 0x80:  # never cut inside a character
            continue
        count += len(data[done:cut].translate(None, _UTF8_CONTINUATION))
        done = cut
        chars.append(count)
    return chars


def split_sentences(text: str, id_prefix: str) -> tuple[Sentence, ...]:
    """Split a paragraph into sentences whose spans partition its non-space characters."""
    bounds = [0, *_sentence_starts(text), len(text)]
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
        name = _show(meta.path or "<input>")
        raise InputError(f"{name}: no article text found (only headings or boilerplate)")
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
    removed = list(meta.removed)
    surrogates = len(_SURROGATE.findall(text))
    if surrogates:  # only a str from Python can hold them; no file decodes to one
        text = _SURROGATE.sub("\ufffd", text)
        removed.append(Removed("invalid-characters",
                               f"{surrogates} lone surrogate(s) replaced with U+FFFD"))
    for old, new in (("\r\n", "\n"), ("\r", "\n"), ("\x85", "\n"), ("\u2028", "\n"), ("\u2029", "\n\n")):
        text = text.replace(old, new)
    text = unicodedata.normalize("NFC", text)
    for rx, kind, what in (
        (_CONTROL, "control-characters", "control characters (e.g. NUL)"),
        (_BIDI_CONTROL, "bidi-controls", "bidi embedding/override/isolate characters"),
    ):
        found = len(rx.findall(text))
        if found:
            text = rx.sub("", text)
            removed.append(Removed(kind, f"{found} {what} removed"))
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        name = _show(meta.path or "<input>")
        raise InputError(f"{name}: no article text (only whitespace or control characters)")
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

    A ``str`` that contains a newline (or a NUL) or is longer than a path can be is taken as the
    article text itself; a :class:`~pathlib.Path` is always read from disk.
    """
    if isinstance(source, str) and (
        "\n" in source or "\x00" in source or len(source) > 4096 or not source.strip()
    ):
        if not source.strip():
            raise InputError("<text>: no article text (only whitespace)")
        digest = hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest()
        return parse_text(source, fmt or _detect_format(source, ""), Metadata(content_sha256=digest))
    path = Path(source)
    if isinstance(source, str) and not os.path.lexists(path) and len(source.split()) > 3:
        digest = hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest()
        return parse_text(source, fmt or _detect_format(source, ""), Metadata(content_sha256=digest))
    data = read_bytes(path)
    text, encoding, notes = _decode(data, str(path))
    digest = hashlib.sha256(data).hexdigest()
    meta = Metadata(path=str(path), encoding=encoding, content_sha256=digest, removed=notes)
    return parse_text(text, fmt or _detect_format(text, path.suffix), meta)
