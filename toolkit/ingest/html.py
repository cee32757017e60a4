"""HTML -> blocks: selectolax keeps the page's structure, trafilatura says what is main content.

The page is parsed once with selectolax; executable content, forms and page chrome are dropped
(:data:`DROP`). trafilatura (a maintained main-content extractor) then reads that cleaned page:
a text block it does not keep (comments, related links, share bars, footers) is removed and noted;
headings stay as section anchors when content follows them. Title, date, author, site name,
categories, tags and URL come from the page's metadata (``<meta>``, JSON-LD, ``<title>``).
"""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from dataclasses import dataclass

from ..core.document import Removed
from .text import Block, clean_line, text_blocks

# Never article text: executable and embedded content, forms and page chrome, and every element
# whose content a parser returns as literal markup (the text of <noembed><script>..., of a
# <title> or <textarea>, of a CDATA section inside <svg> or <math> is "<script>...").
DROP = (
    "script, style, noscript, noembed, noframes, xmp, plaintext, iframe, frame, frameset, object, "
    "embed, applet, template, svg, math, canvas, form, button, input, select, textarea, nav, "
    "footer, aside, title"
)
BLOCKS = "h1, h2, h3, h4, h5, h6, p, li, blockquote, pre, td, dd, dt, figcaption"
_BLOCK_TAGS = {"p", "li", "blockquote", "pre", "td", "dd", "dt", "figcaption"}


@dataclass(frozen=True)
class PageMeta:
    """What the page says about itself (trafilatura's metadata, ``<title>`` as a fallback)."""

    title: str | None = None
    author: str | None = None
    date: str | None = None
    site: str | None = None
    url: str | None = None
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    page_title: str | None = None  # the raw <title>, site suffix and all


def _drop(tree, selector: str) -> dict[str, int]:
    """Remove the elements matching ``selector``; return how many of each tag."""
    dropped: dict[str, int] = {}
    nodes = tree.css(selector)
    for node in nodes:
        dropped[node.tag] = dropped.get(node.tag, 0) + 1
    for node in reversed(nodes):  # innermost first, so no node is touched after its parent is gone
        node.decompose()
    return dropped


def fragment_text(markup: str) -> str:
    """Return the plain text of an HTML fragment (a <title>'s raw text), markup dropped."""
    if "<" not in markup:
        return clean_line(markup)
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    tree = HTMLParser(markup)
    _drop(tree, DROP)
    root = tree.body or tree.root
    return clean_line(root.text(separator=" ")) if root is not None else ""


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.findall(r"\w+", text))


def _page_meta(raw: str, page_title: str | None) -> PageMeta:
    from trafilatura.metadata import extract_metadata

    try:
        doc = extract_metadata(raw, extensive=False)
    except Exception:  # noqa: BLE001  (lxml/htmldate refuse some pages: no metadata then)
        doc = None

    def text(value) -> str | None:
        value = fragment_text(value) if isinstance(value, str) else None
        return value or None

    def many(values) -> tuple[str, ...]:
        return tuple(v for v in (text(x) for x in (values or ())) if v)

    if doc is None:
        return PageMeta(title=page_title, page_title=page_title)
    return PageMeta(
        title=text(doc.title) or page_title,
        author=text(doc.author),
        date=text(doc.date),
        site=text(doc.sitename),
        url=text(doc.url),
        categories=many(doc.categories),
        tags=many(doc.tags),
        page_title=page_title,
    )


def _main_content(cleaned_html: str) -> list[str] | None:
    """Return the normalized text of each element trafilatura keeps as main content."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        cleaned_html,
        include_comments=False,
        include_tables=True,
        include_formatting=False,
        with_metadata=False,
        favor_precision=True,
    )
    body = getattr(doc, "body", None)
    if body is None:
        return None
    out = []
    for el in body.iter("p", "head", "item", "quote", "cell", "code"):
        t = _norm("".join(el.itertext()))
        if t:
            out.append(t)
    return out or None


class _Main:
    """The main-content elements, searchable in one string (a block is found in one element)."""

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self.exact = set(texts)
        self.big = "\n".join(texts)  # no element text holds a newline: a match is in one element
        self.starts = list(itertools.accumulate((len(t) + 1 for t in texts[:-1]), initial=0))

    def has(self, text: str) -> bool:
        """Say whether ``text`` is (a large enough part of) one main-content element."""
        t = _norm(text)
        if not t:
            return False
        if t in self.exact:
            return True
        pos = self.big.find(t)
        for _ in range(50):  # a short text may occur often; 50 places are enough evidence
            if pos < 0:
                return False
            m = self.texts[bisect.bisect_right(self.starts, pos) - 1]
            if len(t) >= 25 or len(t) * 2 >= len(m):
                return True
            pos = self.big.find(t, pos + 1)
        return False


def html_blocks(text: str) -> tuple[list[Block], PageMeta, list[Removed]]:
    """Parse an HTML page into blocks, its metadata, and what was removed (with reasons)."""
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    tree = HTMLParser(text)
    title_node = tree.css_first("head > title") or tree.css_first("title")
    page_title = (fragment_text(title_node.text()) or None) if title_node else None
    meta = _page_meta(text, page_title)
    dropped = _drop(tree, DROP.replace(", title", ""))
    removed = [
        Removed("markup", f"{tag} x{n}", "scripts, forms, navigation, footers, asides")
        for tag, n in sorted(dropped.items())
    ]
    found = _main_content(tree.html or "")
    main = _Main(found) if found else None
    _drop(tree, "title")
    root = tree.body or tree.root
    blocks: list[Block] = []
    if root is None:
        return blocks, meta, removed
    for node in root.css(BLOCKS):
        # skip a block nested in another block (a <p> inside <li>): its text is in the parent
        parent = node.parent
        nested = False
        while parent is not None and parent is not root:
            if parent.tag in _BLOCK_TAGS:
                nested = True
                break
            parent = parent.parent
        if nested:
            continue
        body = clean_line(node.text(separator=" ").replace("\n", " "))
        if not body:
            continue
        links = len(node.css("a"))
        if node.tag[0] == "h" and node.tag[1:].isdigit():
            blocks.append(Block("heading", body, int(node.tag[1:]), links))
        else:
            blocks.append(Block("item" if node.tag == "li" else "text", body, links=links))
    if not blocks:  # markup without block elements: fall back to its text lines
        return text_blocks(root.text(separator="\n")), meta, removed
    if main is None:  # trafilatura found no main content: every block goes to the classifier
        return blocks, meta, removed
    kept: list[Block] = []
    for i, b in enumerate(blocks):
        if b.kind == "heading":
            nxt = next((x for x in blocks[i + 1 :] if x.kind != "heading"), None)
            if b.level == 1 or main.has(b.text) or (nxt and main.has(nxt.text)):
                kept.append(b)
                continue
        elif main.has(b.text):
            kept.append(b)
            continue
        removed.append(
            Removed("not-main-content", b.text, "outside the page's main content (trafilatura)")
        )
    if not any(b.kind != "heading" for b in kept):  # never lose the whole page to the extractor
        return blocks, meta, removed[: len(dropped)]
    return kept, meta, removed
