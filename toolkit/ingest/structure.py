"""Cleaned blocks -> an Article: title (and the site named in it), sections, paragraphs."""

from __future__ import annotations

import re

from ..core.document import Article, Metadata, Note, Paragraph, Removed, Section
from ..core.errors import InputError
from .boilerplate import Cleaned, classify, lead_dateline, norm, words
from .html import PageMeta
from .read import show
from .sentences import glued_sentences, split_sentences
from .text import Block

_END_PUNCT = tuple(".!?:;,…\"”»)'’")
_SITE_WORDS = re.compile(
    r"\b(?:news|newspaper|magazine|channel|portal|broadcasting|agency|"
    r"times|post|press|online|daily|tv|radio|herald|"
    r"tribune|journal|gazette|network|media|today|weekly|chronicle|"
    r"observer|monitor|report|wire|express|mail|telegraph)\b|\.\w{2,4}$",
    re.IGNORECASE,
)
_TITLE_SEP = re.compile(r"\s+(?:\||-|–|—|::|»|·|•)\s+")


def _heading_like(text: str, max_words: int = 20) -> bool:
    ws = text.split()
    return 0 < len(ws) <= max_words and len(text) <= 200 and not text.endswith(_END_PUNCT)


def _title_like(text: str) -> bool:
    n = len(text.split())
    limit = 45 if " / " in text else 25  # a title with " / "-joined subtitles is longer
    return 0 < n <= limit and len(text) <= 350 and not text.endswith((".", ":", ","))


def split_site(title: str, site: str | None) -> tuple[str, str | None]:
    """Return ``(title, site)`` with a site-name suffix (" | Site", " - Site") cut off the title."""
    parts = _TITLE_SEP.split(title)
    if len(parts) < 2:
        return title, None
    seps = _TITLE_SEP.findall(title)
    suffix = parts[-1].strip()
    head = title[: title.rindex(seps[-1])].strip()
    if not head or len(words(head)) < 2:
        return title, None
    if site and norm(suffix) == norm(site):
        return head, suffix
    if site and norm(parts[0]) == norm(site) and len(parts) >= 2:  # "Site | Title"
        return title[len(parts[0]) + len(seps[0]) :].strip(), parts[0].strip()
    n = len(words(suffix))
    if n == 0 or n > 5 or suffix.endswith(_END_PUNCT):
        return title, None
    capitalized = all(w[0].isupper() or w[0].isdigit() for w in words(suffix) if len(w) > 3)
    if seps[-1].strip() == "|" and capitalized:
        return head, suffix
    if capitalized and _SITE_WORDS.search(suffix):
        return head, suffix
    return title, None


def _sections(
    blocks: list[Block], explicit: bool, doubtful: dict[int, str]
) -> list[tuple[str | None, list[int]]]:
    sections: list[tuple[str | None, list[int]]] = [(None, [])]
    for i, b in enumerate(blocks):
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if i in doubtful:  # furniture kept (--keep-boilerplate) is never a heading
            is_heading = False
        elif explicit:
            is_heading = b.kind == "heading"
        else:
            is_heading = b.kind == "heading" or (
                b.kind == "text"
                and _heading_like(b.text)
                and nxt is not None
                and not _heading_like(nxt.text)
            )
        if is_heading:
            sections.append((b.text, []))
        else:
            sections[-1][1].append(i)
    return sections


def build_article(
    blocks: list[Block],
    fmt: str,
    page: PageMeta | None = None,
    meta: Metadata | None = None,
    *,
    keep_boilerplate: bool = False,
    furniture: dict[str, str] | None = None,
) -> Article:
    """Assemble title, sections, paragraphs and sentences from blocks (boilerplate removed)."""
    meta = meta or Metadata()
    page = page or PageMeta()
    cleaned = classify(blocks, furniture=furniture)
    removed = list(meta.removed)
    if keep_boilerplate:  # keep every block; what would have gone is flagged instead
        gone = {id(b) for b in cleaned.blocks}
        kept, doubtful = [], {}
        reasons = iter(cleaned.removed)
        for b in blocks:
            if id(b) not in gone:
                r = next(reasons)
                doubtful[len(kept)] = f"kept with --keep-boilerplate: {r.kind}, {r.reason}"
            kept.append(b)
        cleaned = Cleaned(kept, cleaned.meta, [], doubtful)
    removed.extend(cleaned.removed)
    info = cleaned.meta
    blocks = cleaned.blocks
    doubtful = dict(cleaned.doubtful)
    explicit = fmt in ("md", "html")
    title: str | None = None
    taken: int | None = None
    if explicit:
        h1 = next((i for i, b in enumerate(blocks) if b.kind == "heading" and b.level == 1), None)
        if h1 is not None and all(b.kind in ("heading", "image") for b in blocks[:h1]):
            title, taken = blocks[h1].text, h1
        elif page.title:
            title = page.title
    if (
        title is None
        and (first := next((i for i in range(len(blocks)) if i not in doubtful), None)) is not None
        and blocks[first].kind != "item"
        and _title_like(blocks[first].text)
        and len(blocks) > first + 1
        and (first == 0 or keep_boilerplate)  # kept furniture before the title is not the title
    ):
        title, taken = blocks[first].text, first
    # the title leaves the body, and so do images (an alt text is the title only when none is)
    keep = [i for i, b in enumerate(blocks) if i != taken and b.kind != "image"]
    removed.extend(
        Removed("image", b.text, "an image's alt text, not article text")
        for i, b in enumerate(blocks)
        if i != taken and b.kind == "image"
    )
    where = {old: new for new, old in enumerate(keep)}
    blocks = [blocks[i] for i in keep]
    doubtful = {where[i]: r for i, r in doubtful.items() if i in where}
    site = page.site
    if site is None and page.page_title and page.page_title != title:  # "<title>T - Site"
        site = split_site(page.page_title, None)[1]
    if title:
        title, suffix = split_site(title, site)
        if suffix:
            site = site or suffix
            removed.append(Removed("site-name", suffix, "the site's name after the title"))
    dateline = info.get("dateline")
    if blocks and not keep_boilerplate:  # "BEIRUT (Reuters) - The ..." opens the first paragraph
        first = next((i for i, b in enumerate(blocks) if b.kind != "heading"), None)
        lead = lead_dateline(blocks[first].text) if first is not None else None
        if lead and first is not None:
            b = blocks[first]
            blocks[first] = Block(b.kind, b.text[len(lead) :], b.level, b.links)
            dateline = dateline or lead.strip(" -–—")
            removed.append(Removed("dateline", lead.strip(), "the dateline that opened the text"))

    out: list[Section] = []
    headed = 0
    for sec_title, idx in _sections(blocks, explicit, doubtful):
        if not idx:
            if sec_title is not None:
                removed.append(Removed("empty-section", sec_title, "a heading with no text"))
            continue
        if sec_title is None:
            sid = "s0"  # the untitled introduction
        else:
            headed += 1
            sid = f"s{headed}"
        paragraphs = []
        for j, i in enumerate(idx, start=1):
            text = blocks[i].text
            glued = glued_sentences(text)
            notes = [
                Note("glued-sentence", quote, "no space after the full stop; split here")
                for _, quote in glued
            ]
            if i in doubtful:
                notes.append(Note("maybe-boilerplate", text[:80], doubtful[i]))
            pid = f"{sid}.p{j}"
            paragraphs.append(Paragraph(pid, text, split_sentences(text, pid, glued), tuple(notes)))
        out.append(Section(sid, sec_title, tuple(paragraphs)))
    if not out:
        name = show(meta.path or "<input>")
        raise InputError(f"{name}: no article text found (only headings or boilerplate)")
    return Article(
        title=title,
        sections=tuple(out),
        metadata=Metadata(
            source=info.get("source"),
            tags=tuple(dict.fromkeys([*info.get("tags", ()), *page.tags])),
            category=info.get("category"),
            removed=tuple(removed),
            path=meta.path,
            encoding=meta.encoding,
            format=fmt,
            content_sha256=meta.content_sha256,
            site=site,
            published=page.date or info.get("published"),
            author=page.author or info.get("byline"),
            url=page.url,
            categories=page.categories,
            dateline=dateline,
            byline=info.get("byline"),
        ),
    )
