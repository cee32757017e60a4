"""Cleaned blocks -> an Article: title (and the site named in it), sections, paragraphs."""

from __future__ import annotations

from functools import lru_cache

from ..core.document import Article, Metadata, Note, Paragraph, Removed, Section
from ..core.errors import InputError
from .boilerplate import Cleaned, classify, lead_dateline, norm
from .html import PageMeta
from .language import AGENCIES, detect_language
from .read import show
from .sentences import glued_sentences, split_sentences
from .text import Block
from .title import END_PUNCT, pick_title, split_site, title_like

__all__ = ["build_article", "split_site"]

_END_PUNCT = END_PUNCT


def _heading_like(text: str, max_words: int = 20) -> bool:
    if len(text) > 200 or text.endswith(_END_PUNCT):  # most blocks: no need to count words
        return False
    return 0 < len(text.split()) <= max_words


def _sections(
    blocks: list[Block], explicit: bool, doubtful: dict[int, str], standfirst: set[int]
) -> list[tuple[str | None, list[int]]]:
    sections: list[tuple[str | None, list[int]]] = [(None, [])]
    for i, b in enumerate(blocks):
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if i in doubtful or i in standfirst:  # kept furniture, a standfirst: never a heading
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
    head = "\n".join(b.text for b in blocks[:6])
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
    gone: dict[int, tuple[str, str]] = {}  # blocks that go with the title (furniture, repeats)
    standfirst: set[int] = set()
    if title is None and keep_boilerplate:  # kept furniture may come before the title
        first = next((i for i in range(len(blocks)) if i not in doubtful), None)
        if first is not None and blocks[first].kind != "item" and title_like(
            blocks[first].text
        ) and len(blocks) > first + 1:
            title, taken = blocks[first].text, first
    elif title is None:
        pick = pick_title(blocks, doubtful, agencies=_agency_keys())
        title, taken, gone, standfirst = pick.text, pick.index, pick.removed, pick.paragraphs
    # the title leaves the body, and so do images (an alt text is the title only when none is)
    keep = [i for i, b in enumerate(blocks) if i != taken and b.kind != "image" and i not in gone]
    for i, b in enumerate(blocks):
        if i in gone:
            kind, reason = gone[i]
            if kind == "source":
                info.setdefault("source", b.text)
            removed.append(Removed(kind, b.text, reason))
        elif i != taken and b.kind == "image":
            removed.append(Removed("image", b.text, "an image's alt text, not article text"))
    where = {old: new for new, old in enumerate(keep)}
    blocks = [blocks[i] for i in keep]
    doubtful = {where[i]: r for i, r in doubtful.items() if i in where}
    standfirst = {where[i] for i in standfirst if i in where}
    site = page.site
    if site is None and page.page_title and page.page_title != title:  # "<title>T - Site"
        site = split_site(page.page_title, None)[1]
    if title:
        title, suffix = split_site(title, site, "\n".join(b.text for b in blocks))
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
    for sec_title, idx in _sections(blocks, explicit, doubtful, standfirst):
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
    guess = _language(title, out, removed, site, dateline, page, head)
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
            source_language=guess.language,
            language_evidence=tuple(f"{e.kind}: {e.detail} ({e.language})" for e in guess.evidence),
        ),
    )


@lru_cache(maxsize=1)
def _agency_keys() -> frozenset[str]:
    """The agencies' names as line keys (:func:`norm`): a line under the title that is one."""
    return frozenset(norm(a) for a in AGENCIES)


_LANGUAGE_SAMPLE = 40_000  # characters of the page the language is guessed from


def _language(title, sections, removed, site, dateline, page: PageMeta, head: str):
    """Guess the source language from the whole page: kept text, removed lines, title, metadata."""
    text = "\n".join([*(p.text for s in sections for p in s.paragraphs),
                      *(s.title or "" for s in sections), *(r.text for r in removed)])
    if len(text) > _LANGUAGE_SAMPLE:  # a long text says no more about its origin than its start
        text = text[: _LANGUAGE_SAMPLE // 2] + "\n" + text[-_LANGUAGE_SAMPLE // 2 :]
    head = "\n".join(filter(None, [title, site, page.page_title, page.site, head]))[:2000]
    return detect_language(text, head=head, dateline=dateline, url=page.url, html_lang=page.lang)
