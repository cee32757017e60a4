"""The title of a plain-text page among its first lines, and the site name after it.

Scraped pages put site furniture before the title (a banner in capitals, "0 Persons", a tagline, a
social bar, a breadcrumb glued to the title), repeat the title as its own line, and follow it
with a label (the agency, the site's name). General rules, each removal with its reason:

- the *preamble* is what comes before the first paragraph of prose; its first title-like line is
  the title unless it is furniture: fewer than three words, all in capitals, a line that holds a
  later line whole (a breadcrumb glued to the title), or a line that shares almost none of the
  words of the article (150 words at least) while a later one does (a tagline, a video notice);
- a line of the preamble that repeats the title (the same words, or nearly) is a repeat; the copy
  nearest the text is taken as the title;
- a short line right under the title that names an agency, is written in lower case or is a site
  name ("RIA Novosti", "iraqi news") is a label, not a section heading;
- a long heading-like line right under the title is its standfirst (a paragraph), not a heading;
- " - Site" at the end of the title: a capitalized site name, or one lower-case word the article
  never writes in lower case ("... - hawarnews").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from .boilerplate import (
    CATEGORY_WORDS,
    STOP_WORDS,
    UI_PHRASES,
    is_prose,
    norm,
    words,
)
from .text import Block

END_PUNCT = tuple(".!?:;,…\"”»)'’")
_SITE_WORDS = re.compile(
    r"\b(?:news|newspaper|magazine|channel|portal|broadcasting|agency|"
    r"times|post|press|online|daily|tv|radio|herald|"
    r"tribune|journal|gazette|network|media|today|weekly|chronicle|"
    r"observer|monitor|report|wire|express|mail|telegraph)\b|\.\w{2,4}$",
    re.IGNORECASE,
)
_TITLE_SEP = re.compile(r"\s+(?:\||-|–|—|::|»|·|•)\s+")
_JOINED = re.compile(r"\s/\s|;\s")  # several headlines joined into one title line
_SITE_TOKEN = re.compile(r"[a-z][a-z0-9.]{2,30}")  # "hawarnews", "alkhaleej24", "irna.ir"
_TAIL_WORDS = frozenset(  # one lower-case word that ends a title without being a site
    [
        "analysis",
        "opinion",
        "update",
        "updates",
        "live",
        "report",
        "interview",
        "video",
        "photos",
        "photo",
        "explained",
        "timeline",
        "review",
        "editorial",
        "exclusive",
        "podcast",
        "gallery",
        "again",
        "now",
        "today",
        "too",
    ]
)


def title_like(text: str) -> bool:
    """Say whether a line can be a title: short, not ending like a sentence."""
    n = len(text.split())
    limit = 45 if _JOINED.search(text) else 25  # headlines joined by " / " or ";" run longer
    return 0 < n <= limit and len(text) <= 350 and not text.endswith((".", ":", ","))


def _lower_site(suffix: str, text: str) -> bool:
    """One lower-case word the article never writes in lower case: a site's name."""
    if not _SITE_TOKEN.fullmatch(suffix) or suffix in STOP_WORDS or suffix in _TAIL_WORDS:
        return False
    if suffix in UI_PHRASES or suffix in CATEGORY_WORDS:
        return False
    return re.search(rf"(?<![\w.@/#-]){re.escape(suffix)}(?![\w-])", text) is None


def split_site(title: str, site: str | None, text: str = "") -> tuple[str, str | None]:
    """Return ``(title, site)`` with a site-name suffix (" | Site", " - Site") cut off the title.

    ``text`` is the article's text: a one-word lower-case suffix is the site's name only when the
    article never writes that word in lower case.
    """
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
    if n == 0 or n > 5 or suffix.endswith(END_PUNCT):
        return title, None
    capitalized = all(w[0].isupper() or w[0].isdigit() for w in words(suffix) if len(w) > 3)
    if seps[-1].strip() == "|" and capitalized:
        return head, suffix
    if capitalized and _SITE_WORDS.search(suffix):
        return head, suffix
    if text and len(words(head)) >= 4 and _lower_site(suffix, text):
        return head, suffix
    return title, None


@dataclass
class TitlePick:
    """The title's block, what goes with it, and lines that are paragraphs, not headings."""

    index: int | None = None
    text: str | None = None
    removed: dict[int, tuple[str, str]] = field(default_factory=dict)  # block -> (kind, reason)
    paragraphs: set[int] = field(default_factory=set)  # never a section heading


def _content(text: str) -> set[str]:
    return {w for w in words(text.lower()) if len(w) > 2 and w not in STOP_WORDS}


SHARED_MIN = 0.3  # share of a title's words the article also uses
SHARED_NONE = 0.2  # below this, a line says nothing of the article (a tagline, a notice)
BODY_MIN_WORDS = 150
LABEL_MAX_WORDS = 3
STANDFIRST_MIN_WORDS = 12


def _furniture(i: int, blocks: list[Block], later: list[int], body: set[str]) -> str | None:
    """Return why preamble line ``i`` is site furniture rather than the title, or None."""
    text = blocks[i].text
    ws = words(text)
    if len(ws) < 3:
        return "a short line before the title"
    letters = [c for c in text if c.isalpha()]
    if len(letters) >= 10 and all(c.isupper() for c in letters):
        return "a banner in capitals before the title"
    key = norm(text)
    if any(
        norm(blocks[j].text)
        and norm(blocks[j].text) in key
        and norm(blocks[j].text) != key
        and len(words(blocks[j].text)) >= 3
        for j in later
    ):
        return "a line that holds the title with site furniture"
    if body:
        mine = _content(text)
        share = len(mine & body) / max(1, len(mine))
        if share < SHARED_NONE and any(
            len(_content(blocks[j].text) & body) / max(1, len(_content(blocks[j].text)))
            >= SHARED_MIN
            for j in later
        ):
            return "a line before the title that shares no words with the article"
    return None


def _repeats(title: str, other: str) -> bool:
    a, b = norm(title), norm(other)
    if not a or a == b:
        return bool(a)
    # a one- or two-word title is inside many sentences ("Talks" / "The talks went on."):
    # only a title of some words can be repeated with a few words more or less
    return (min(len(a.split()), len(b.split())) >= 3 and fuzz.token_set_ratio(a, b) >= 90
            and abs(len(a) - len(b)) < 20)


def pick_title(
    blocks: list[Block], doubtful: dict[int, str], *, agencies: frozenset[str] = frozenset()
) -> TitlePick:
    """Find the title of a plain-text page among the lines before its first paragraph.

    ``doubtful`` blocks (kept with a doubt) are never the title, and one before the first
    title-like line means there is no title. ``agencies`` are lower-cased agency names: a line
    under the title that is one of them is a source label.
    """
    pick = TitlePick()
    first = next((i for i in range(len(blocks)) if i not in doubtful), None)
    if first is None or first != 0 or len(blocks) < 2:
        return pick
    body_start = next(
        (
            i
            for i in range(len(blocks))
            if blocks[i].kind == "text"
            and not title_like(blocks[i].text)
            and is_prose(blocks[i])
        ),
        len(blocks),
    )
    preamble = [i for i in range(body_start) if i not in doubtful]
    cands = [
        i
        for i in preamble
        if blocks[i].kind in ("text", "image", "heading") and title_like(blocks[i].text)
    ]
    # a short line that cannot be the title ("Go to ...") may open the page before it
    lead = [i for i in preamble if cands and i < cands[0]]
    if not cands or any(len(words(blocks[i].text)) > 4 or blocks[i].kind == "item" for i in lead):
        return pick
    text = ""
    for b in blocks[body_start:]:  # the article's first 3,000 characters
        text += " " + b.text
        if len(text) >= 3000:
            break
    text = text[:3000]
    # the words a title shares with the article say something only when there is some article
    body = _content(text) if len(text.split()) >= BODY_MIN_WORDS else set()
    chosen, skipped = None, {}
    for n, i in enumerate(cands):
        why = _furniture(i, blocks, cands[n + 1 :], body)
        if why is None:
            chosen = i
            break
        skipped[i] = why
    if chosen is None:  # every line looked like furniture: the first is the title, as before
        if lead:
            return pick
        chosen, skipped = first, {}
    for i in preamble:
        if i < chosen and i not in skipped:
            skipped[i] = "a line before the title"
    pick.removed = {i: ("site-furniture", why) for i, why in skipped.items()}
    copies = [i for i in preamble if i > chosen and _repeats(blocks[chosen].text, blocks[i].text)]
    exact = [i for i in copies if norm(blocks[i].text) == norm(blocks[chosen].text)]
    title_at = exact[-1] if exact else chosen  # the copy nearest the text is the article's own
    for i in [chosen, *copies]:
        if i != title_at:
            pick.removed[i] = ("title-repeat", "the title again")
    pick.index, pick.text = title_at, blocks[title_at].text
    nxt = next((i for i in preamble if i > title_at and i not in pick.removed), None)
    if nxt is not None and blocks[nxt].kind == "text" and nxt + 1 < len(blocks):
        text = blocks[nxt].text
        n = len(words(text))
        if n <= LABEL_MAX_WORDS and not text.endswith(END_PUNCT):
            if norm(text) in agencies:
                pick.removed[nxt] = ("source", "the agency's name under the title")
            elif text == text.lower() or _SITE_WORDS.search(text):
                pick.removed[nxt] = ("site-name", "a site's name or label under the title")
        elif n >= STANDFIRST_MIN_WORDS and title_like(text):
            pick.paragraphs.add(nxt)  # the standfirst: the article's first paragraph
    return pick
