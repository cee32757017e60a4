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
from dataclasses import dataclass, replace

from ..core.document import Removed
from .read import MAX_PARAGRAPHS
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

# Elements nested deeper than this are flattened before parsing, as Chromium's parser does (512):
# HTML tree construction slows down with the square of the depth (100,000 nested <div>s once
# took 7 minutes), and no real page nests that deep.
MAX_DEPTH = 512
_TAG = re.compile(r"<(/?)([A-Za-z][^\s/>]*)[^>]*?(/?)>")
_TEXT_TAGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6", *_BLOCK_TAGS])
_VOID = frozenset(("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "param",
                   "source", "track", "wbr"))


def limit_depth(markup: str, max_depth: int = MAX_DEPTH) -> str:
    """Return ``markup`` with the tags that would nest deeper than ``max_depth`` removed (text
    kept).

    Below that depth, the wrappers (``div``, ``span``, ``b`` ...) go and the text blocks (``p``,
    headings, ``li`` ...) stay, up to twice the depth, so the text keeps its paragraphs. One
    linear pass over the tags, an approximation of the tree that is enough to bound its depth;
    markup with fewer tags than ``max_depth`` is returned as it is, without a scan.
    """
    if markup.count("<") <= max_depth:
        return markup
    out: list[str] = []
    kept: list[bool] = []  # open elements, innermost last: was its start tag kept?
    pos = depth = 0
    for m in _TAG.finditer(markup):
        closing, name, self_closing = m.group(1), m.group(2).lower(), m.group(3)
        if name in _VOID or self_closing:
            continue
        if not closing:
            keep = depth < max_depth or (name in _TEXT_TAGS and depth < 2 * max_depth)
            kept.append(keep)
            depth += keep
        else:
            keep = kept.pop() if kept else True
            depth -= keep
        if not keep:
            out.append(markup[pos:m.start()])
            out.append(" ")
            pos = m.end()
    if not out:
        return markup
    out.append(markup[pos:])
    return "".join(out)


def parse_html(markup: str):
    """Return the selectolax (lexbor) tree of ``markup``, its nesting first bounded
    (:func:`limit_depth`)."""
    from selectolax.lexbor import LexborHTMLParser

    return LexborHTMLParser(limit_depth(markup))


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
    lang: str | None = None  # <html lang="...">


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


# Where pages state their metadata: the head, JSON-LD, and a few marked elements of the body.
_META_BODY = (
    'script[type="application/ld+json"], time, [rel~="author"], [rel~="tag"], '
    '[rel~="category"], a[href*="/category/"], a[href*="/tag/"], [class*="author"], '
    '[class*="byline"], [itemprop], h1'
)


def _metadata_page(tree) -> str:
    """Return a small page with what metadata extraction reads (the head, JSON-LD, bylines...).

    trafilatura's metadata pass scans every element and link of what it is given; on a 183 KB
    page most of its time went to the body's prose and link lists, which say nothing about the
    title, date, author, site or tags.
    """
    head = tree.head.html if tree.head is not None else ""
    body = "".join(n.html or "" for n in tree.css(_META_BODY)[:200])
    return f"<html>{head}<body>{body}</body></html>"


_EXTRACT_OPTIONS = {
    "include_comments": False,
    "include_tables": True,
    "include_formatting": False,
    "with_metadata": False,
    "favor_precision": True,
    "fast": True,  # no fallback extractors: their comparison was 2/3 of the time on big pages
}


def _main_content(cleaned_html: str) -> list[str] | None:
    """Return the normalized text of each element trafilatura keeps as main content."""
    import trafilatura

    doc = trafilatura.bare_extraction(cleaned_html, **_EXTRACT_OPTIONS)
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


def _ancestors(node, root) -> list:
    """Return the elements above ``node``, nearest first, up to (not including) ``root``."""
    out = []
    parent = node.parent
    while parent is not None and parent.mem_id != root.mem_id:
        out.append(parent)
        parent = parent.parent
    return out


def _shape(node) -> tuple:
    """Return what look-alike entries of a series share: tag, class and their children's tags."""
    return (node.tag, node.attributes.get("class"), frozenset(c.tag for c in node.iter()))


SERIES_MIN = 3  # entries of a series (the one the extractor took and two more at least)


def _series(main_nodes: list, root) -> set[int]:
    """Return the elements of a series of look-alike entries that the main content is one of.

    A main-content extractor that looks for one article container takes the first entry of a
    live blog (``<article class="post">`` after ``<article class="post">``...) and leaves the
    rest. When the main content sits in an element (or its parent or grandparent) whose parent
    holds at least :data:`SERIES_MIN` elements of its shape (tag, class, children's tags), and
    the others hold more text than it, every entry of the series is main content. Returns their
    ``mem_id``s (none when there is no such series).
    """
    if not main_nodes:
        return set()
    chains = [_ancestors(n, root) for n in main_nodes]
    common = set.intersection(*({a.mem_id for a in chain} for chain in chains))
    entry = next((a for a in chains[0] if a.mem_id in common), None)
    for _ in range(3):
        if entry is None or entry.parent is None or entry.mem_id == root.mem_id:
            return set()
        shape = _shape(entry)
        series = [c for c in entry.parent.iter() if _shape(c) == shape]
        if len(series) >= SERIES_MIN:
            own = len(entry.text(deep=True))
            if own * 2 < sum(len(c.text(deep=True)) for c in series):
                return {c.mem_id for c in series}
        entry = entry.parent
    return set()


def _inside(node, ids: set[int], root) -> bool:
    return any(a.mem_id in ids for a in _ancestors(node, root))


def html_blocks(text: str) -> tuple[list[Block], PageMeta, list[Removed]]:
    """Parse an HTML page into blocks, its metadata, and what was removed (with reasons)."""
    text = limit_depth(text)
    tree = parse_html(text)
    title_node = tree.css_first("head > title") or tree.css_first("title")
    page_title = (fragment_text(title_node.text()) or None) if title_node else None
    # a page of more blocks than an article has paragraphs is refused by the caller: spare it
    # trafilatura's passes (100,000 <p> took 70 s there)
    refused = len(tree.css(BLOCKS)) > MAX_PARAGRAPHS
    meta = (PageMeta(page_title=page_title) if refused
            else _page_meta(_metadata_page(tree), page_title))
    html = tree.css_first("html")
    lang = (html.attributes.get("lang") or html.attributes.get("xml:lang")) if html else None
    if lang:
        meta = replace(meta, lang=lang.strip())
    dropped = _drop(tree, DROP.replace(", title", ""))
    removed = [
        Removed("markup", f"{tag} x{n}", "scripts, forms, navigation, footers, asides")
        for tag, n in sorted(dropped.items())
    ]
    found = None if refused else _main_content(tree.html or "")
    main = _Main(found) if found else None
    _drop(tree, "title")
    root = tree.body or tree.root
    blocks: list[Block] = []
    owners: list = []  # the element of each block
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
        owners.append(node)
        if node.tag[0] == "h" and node.tag[1:].isdigit():
            blocks.append(Block("heading", body, int(node.tag[1:]), links))
        else:
            blocks.append(Block("item" if node.tag == "li" else "text", body, links=links))
    if not blocks:  # markup without block elements: fall back to its text lines
        return text_blocks(root.text(separator="\n")), meta, removed
    if main is None:  # trafilatura found no main content: every block goes to the classifier
        return blocks, meta, removed
    found_in = [main.has(b.text) for b in blocks]
    series = _series([n for n, b, f in zip(owners, blocks, found_in) if f and b.kind != "heading"],
                     root)
    if series:  # the extractor took one entry of a series: the others are main content too
        found_in = [f or _inside(n, series, root) for n, f in zip(owners, found_in)]
    kept: list[Block] = []
    for i, b in enumerate(blocks):
        if b.kind == "heading":
            nxt = next((j for j in range(i + 1, len(blocks)) if blocks[j].kind != "heading"), None)
            if b.level == 1 or found_in[i] or (nxt is not None and found_in[nxt]):
                kept.append(b)
                continue
        elif found_in[i]:
            kept.append(b)
            continue
        removed.append(
            Removed("not-main-content", b.text, "outside the page's main content (trafilatura)")
        )
    if not any(b.kind != "heading" for b in kept):  # never lose the whole page to the extractor
        return blocks, meta, removed[: len(dropped)]
    return kept, meta, removed
