"""Tell site furniture from article text in plain text and Markdown (HTML too, after trafilatura).

A classifier in the spirit of jusText, on signals that do not depend on one site's strings:
length, sentence punctuation, stop-word density, link/URL/handle density, title-case interface
phrases, bullets, repetition inside the page, and position (before the first or after the last
run of prose). A short list of common interface phrases ("Read more", "Share on ...") helps.
Datelines, bylines, timestamps, tags and source lines become metadata. Everything removed is
returned with its kind and reason; a block judged boilerplate with low confidence is kept and
noted (``maybe-boilerplate``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ..core.document import Removed
from .text import Block

# ---------------------------------------------------------------- words and phrases

STOP_WORDS = frozenset(
    [
        "a",
        "about",
        "after",
        "against",
        "all",
        "also",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "during",
        "each",
        "for",
        "from",
        "had",
        "has",
        "have",
        "he",
        "her",
        "here",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "more",
        "most",
        "no",
        "not",
        "of",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "out",
        "over",
        "own",
        "said",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
    ]
)
# Normalized (lower case, letters and digits only) interface strings seen on news sites in many
# languages once machine-translated. Lines are matched whole, or as a bar of several of them.
UI_PHRASES = frozenset(
    """share|share this|share this article|share this story|share this news|share article|
    share the news|shares|tweet|email|e mail|print|print this|print this page|print version|
    copy link|copy the link|link copied|copied|send|send to a friend|save|bookmark|read more|
    read also|also read|see also|read the full article|continue reading|click here|more|
    related|related news|related articles|related posts|related stories|related topics|
    related content|related links|latest news|latest|latest stories|more news|more stories|
    more from this section|most read|most viewed|most popular|most visited|top stories|trending|
    recommended|recommended for you|you may also like|you might also like|dont miss|
    do not miss|editors picks|original article|original text|original news|source link|
    update narration|update|updates|live updates|live|refresh|load more|show more|view more|
    see more|view comments|show comments|hide comments|comments|comment|add comment|
    add a comment|write a comment|leave a reply|leave a comment|post comment|submit comment|
    submit|cancel reply|reply|report|report abuse|advertisement|advertising|ads|sponsored|
    sponsored content|subscribe|subscribe now|subscribe to our newsletter|newsletter|sign up|
    follow us|follow|join us|join our channel|home|homepage|menu|search|login|log in|sign in|
    register|logout|next|previous|next article|previous article|next post|previous post|
    next news|previous news|back|back to top|back to top button|scroll to top|go to top|top|
    skip to content|skip to main content|accept|accept cookies|cookie settings|photo|photos|
    video|videos|audio|podcast|gallery|listen|listen to this article|listen to the news|
    font size|text size|zoom|news code|news id|views|visits|visit|tags|keywords|topics|
    categories|category|share via|whatsapp|telegram|facebook|twitter|x|linkedin|reddit|
    pinterest|instagram|youtube|vk|email this|rss|feed|contact us|about us|privacy policy|
    terms of use|terms of service|all rights reserved|end|the end|end of message|end of news|
    end of report|end of text|end of article|end of story|end of the news|end of the message|
    short link|shortlink|permalink|qr code|translate|translation|auto translated|
    automatically translated|machine translated|show original|see original|breaking news|
    news summary""".replace("\n", "").split("|")
)
UI_PHRASES = frozenset(p.strip() for p in UI_PHRASES if p.strip())
_SOCIAL = frozenset(
    [
        "facebook",
        "twitter",
        "x",
        "whatsapp",
        "telegram",
        "linkedin",
        "reddit",
        "pinterest",
        "instagram",
        "youtube",
        "vk",
        "email",
        "e",
        "mail",
        "print",
        "messenger",
        "viber",
        "tumblr",
        "threads",
        "bluesky",
        "mastodon",
        "copy",
        "link",
        "sms",
    ]
)
_SHARE = re.compile(
    r"^(?:share|post|send|tweet|pin|forward|follow us|join us)(?: (?:this|it|"
    r"article|story|news|post|page))?(?: (?:on|via|to|with|in|at) [\w ]{1,30})?$"
)
_END_MARKER = re.compile(r"^(?:the )?end(?: of (?:the )?\w+)?$")
_COMMENT_FORM = re.compile(
    r"^(?:your email address will not be published|required fields are marked|"
    r"save my name,? email,? and website|you must be logged in|notify me of|"
    r"\d+ comments?$|no comments?( yet)?$|be the first to comment|comments are closed|"
    r"please enter your (?:comment|name|e-?mail))",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(r"^(?:all rights reserved|copyright\b|©|\(c\) \d{4}).*$", re.IGNORECASE)
_URL = re.compile(
    r"(?:https?://|www\.)\S+|\b[\w.-]+\.(?:com|org|net|ir|ru|info|news|tv|io|co)"
    r"(?:/\S*)?\b|@\w{2,}|#\w{2,}|\b[\w.+-]+@[\w-]+\.[\w.]+\b",
    re.IGNORECASE,
)
_URL_HINT = re.compile(
    r"https?:|www\.|@|#|\.(?:com|org|net|ir|ru|info|news|tv|io|co)\b", re.IGNORECASE
)
# "News code: 218831", "Visits: 1,204", "Reading time: 3 minutes", "Comments: 5"
_LABEL_NUMBER = re.compile(
    r"^[^\W\d_][^\W\d_ ]*(?: [^\W\d_]+){0,3}\s*[:：#№]\s*#?(?:[\d-]{3,}|\d[\d.,\s]*\d|\d)"
    r"(?:\s+(?:minutes?|mins?|seconds?|secs?|hours?|views?|visits?|comments?|words?|times?))?$"
)
# an image or video credit: "Photo: IRNA", "Image credit: AFP", "File photo / Reuters"
_CAPTION = re.compile(
    r"^(?:(?:file |archive )?(?:photos?|images?|pictures?|videos?|credits?|illustrations?)"
    r"(?: credit)?)\s*[:|/©]\s*\S.{0,50}$",
    re.IGNORECASE,
)
# a caption that ends with its credit: "... speaking in Town Hall. (Photo: KRG)"
_CAPTION_TAIL = re.compile(
    r"[(\[](?:file |archive )?(?:photos?|images?|pictures?|videos?)(?: credit)?\s*[:/©]\s*"
    r"[^()\[\]]{1,40}[)\]]$",
    re.IGNORECASE,
)
_BRACKET_LABEL = re.compile(r"^\[[^\[\]]{1,40}\]$")  # "[Provisional Translation]", "[Video]"
_TAGS = re.compile(r"^\(?\s*tags\s*to\s*translate\s*\)?\s*:?\s*(.*)$", re.IGNORECASE)
_TAGS_LABEL = re.compile(
    r"^(?:tags|keywords|topics|labels|hashtags)\s*[:：]\s*(.+)$", re.IGNORECASE
)
_SOURCE = re.compile(
    r"^(?:(?:source|منبع|via)\s*:|with (?:information|reporting|inputs?) (?:from|of|by))\s*(.+)$",
    re.IGNORECASE,
)
SOURCE_MAX_WORDS = 12
_SENT_END = tuple(".!?。؟!?\"”»)'’")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")

CATEGORY_WORDS = frozenset(
    [
        "news",
        "world",
        "politics",
        "international",
        "economy",
        "business",
        "sport",
        "sports",
        "culture",
        "society",
        "science",
        "opinion",
        "analysis",
        "middle",
        "east",
        "iran",
        "region",
        "local",
        "national",
        "health",
        "technology",
        "tech",
        "arts",
        "breaking",
        "latest",
    ]
)

# ---------------------------------------------------------------- datelines, bylines, dates

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DATE = re.compile(
    rf"\b\d{{4}}[-/.]\d{{1,2}}[-/.]\d{{1,2}}(?:[T ]\d{{1,2}}:\d{{2}}(?::\d{{2}})?Z?)?\b"
    rf"|\b\d{{1,2}}[-/.]\d{{1,2}}[-/.]\d{{2,4}}\b"
    rf"|\b{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?(?:\s+\d{{4}})?\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\.?,?(?:\s+\d{{4}})?\b"
    rf"|\b{_MONTH}\s+\d{{4}}\b",
    re.IGNORECASE,
)
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)?(?!\d)", re.IGNORECASE)
_TIMESTAMP_FILLER = frozenset(
    [
        "by",
        "on",
        "at",
        "posted",
        "published",
        "updated",
        "update",
        "last",
        "modified",
        "date",
        "time",
        "am",
        "pm",
        "utc",
        "gmt",
        "local",
        "ago",
        "hour",
        "hours",
        "minute",
        "minutes",
        "min",
        "mins",
        "second",
        "seconds",
        "day",
        "days",
        "week",
        "weeks",
        "today",
        "yesterday",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "mon",
        "tue",
        "wed",
        "thu",
        "fri",
        "sat",
        "sun",
        "and",
        "news",
        "code",
        "id",
        "reading",
        "read",
        "minute",
        "shamsi",
        "solar",
        "hijri",
    ]
)
_CREDIT = (
    r"(?:(?:additional |with )?(?:reporting|reported|writing|written|editing|edited|story|text|"
    r"photos?|photography|pictures?|video|compiled|prepared|translated|translation|interview|"
    r"posted|published|produced|research)\s+)"
)
_BY = re.compile(
    rf"^(?:{_CREDIT}?(?:and {_CREDIT})?by|author|authors|reporter|correspondent|writer|editor|"
    r"editors|web editor|translator)\s*[:\-–—]?\s*(.*)$",
    re.IGNORECASE,
)
_BY_INLINE = re.compile(r"\bby\s*[:]?\s*([A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})")
_DASH = r"[-–—‒―]|--|:"
# "TEHRAN – IRNA", "Baghdad – Shafaq News", "BEIRUT, May 3 (Reuters) -", "Kabul (AFP) —"
_PLACE = r"[A-Z][\w'’.-]*(?:[ -][A-Z][\w'’.-]*){0,3}"
_DATELINE_LINE = re.compile(
    rf"^({_PLACE}(?:\s*,\s*[^,()\-–—]{{1,25}})?)\s*(?:\(([^()]{{2,40}})\)\s*)?(?:{_DASH})\s*"
    rf"([A-Z][\w'’.&-]*(?:\s+[\w'’.&-]+){{0,4}})?\s*$"
)
# the same at the start of the first paragraph: an upper-case place, maybe (Agency), then a dash
_DATELINE_LEAD = re.compile(
    rf"^((?:[A-Z]{{2,}}[\w'’.-]*(?:[ -][A-Z]{{2,}}[\w'’.-]*){{0,3}}"
    rf"|{_PLACE}(?=\s*,[^()]{{1,25}}\())"
    rf"(?:\s*,\s*[^,()\-–—]{{1,25}})?\s*(?:\(([^()]{{2,40}})\)\s*)?(?:[-–—‒―]|--)\s*)"
    r"(?=[\"“'‘«]?[A-Z0-9])"
)


def words(text: str) -> list[str]:
    """Return the words (letters and digits) of ``text``."""
    return _WORD.findall(text)


def norm(text: str) -> str:
    """Return the comparison key of a line: lower case, words only."""
    return " ".join(words(text.lower()))


def _is_ui_phrase(text: str) -> bool:
    key = norm(text).replace("’", "'").replace("'", "")
    if not key:
        return False
    if key in UI_PHRASES or _SHARE.match(key) or _END_MARKER.match(key):
        return True
    # a bar of several interface strings: "Facebook | Twitter | WhatsApp", "Share Tweet Email"
    parts = [norm(p) for p in re.split(r"\s*[|•·/,;]\s*|\s{2,}", text) if norm(p)]
    if len(parts) >= 2 and all(p in UI_PHRASES or p in _SOCIAL for p in parts):
        return True
    ws = key.split()
    return 2 <= len(ws) <= 8 and all(
        w in _SOCIAL or w in {"share", "on", "via", "tweet"} for w in ws
    )


def timestamp(text: str) -> tuple[str, str | None] | None:
    """Return ``(date/time, byline or None)`` for a line that is only a timestamp (and a byline)."""
    if len(text) > 120 or not (_DATE.search(text) or _TIME.search(text)):
        return None
    spans: list[tuple[int, int]] = []
    for m in sorted((*_DATE.finditer(text), *_TIME.finditer(text)), key=lambda m: m.start()):
        if not spans or m.start() >= spans[-1][1]:  # "2023-02-11 09:40" is one, not two
            spans.append((m.start(), m.end()))
    found = [text[a:b].strip() for a, b in spans]
    by = _BY_INLINE.search(text)
    rest = _TIME.sub(" ", _DATE.sub(" ", text))
    if by:
        rest = rest.replace(by.group(0), " ")
    left = [w for w in words(rest) if w.lower() not in _TIMESTAMP_FILLER and not w.isdigit()]
    if len(left) > 2:
        return None
    stamp = " ".join(found)
    return stamp, (by.group(1) if by else None)


def byline(text: str) -> str | None:
    """Return the author named by a byline line ("By Jane Roe", "Reporter: Ali Karimi")."""
    m = _BY.match(text)
    if m is None or len(text) > 80 or text.endswith((".", "?", "!")) and len(words(text)) > 6:
        return None
    name = m.group(1).strip(" .,:|-–—")
    if len(words(name)) > 6:
        return None
    return name


def dateline(text: str) -> str | None:
    """Return the dateline of a line that is only one ("TEHRAN – IRNA", "Kabul (AFP) -")."""
    if len(text) > 80 or len(words(text)) > 9 or text.endswith((".", "?", "!", "…")):
        return None
    m = _DATELINE_LINE.match(text)
    if m is None or not (m.group(2) or m.group(3) or re.search(_DASH, text[-3:])):
        return None
    place = m.group(1)
    if not (place.split()[0].isupper() or m.group(2) or m.group(3)):
        return None
    return text.strip(" -–—:")


def lead_dateline(text: str) -> str | None:
    """Return the dateline that opens a paragraph ("BEIRUT (Reuters) - ..."), or None."""
    m = _DATELINE_LEAD.match(text)
    return m.group(1) if m else None


# ---------------------------------------------------------------- the classifier


@dataclass
class Cleaned:
    """The kept blocks, what they said about the article, what was removed and what is doubtful."""

    blocks: list[Block]
    meta: dict = field(default_factory=dict)
    removed: list[Removed] = field(default_factory=list)
    doubtful: dict[int, str] = field(default_factory=dict)  # index in ``blocks`` -> reason


@dataclass(frozen=True)
class _Features:
    words: int
    stop: float  # share of stop words
    end: bool  # ends like a sentence
    links: float  # links, URLs and handles per word
    teaser: bool  # cut off ("...", "…")
    prose: bool  # has the articles and auxiliaries of prose, which headlines drop


_SAMPLE = 400  # a long block is prose or not by its start; counting all of it is slow


def _features(b: Block) -> _Features:
    text = b.text.rstrip()
    sample = text[:_SAMPLE]
    ws = words(sample.lower())
    long = len(text) > _SAMPLE
    n = max(len(ws), text.count(" ") + 1) if long else len(ws)
    urls = len(_URL.findall(sample)) if _URL_HINT.search(sample) else 0
    if long:  # as many per word in the whole block as in its start
        urls = urls * n // max(1, len(ws))
    last = words(text[-40:])[-1:]
    return _Features(
        words=n,
        stop=sum(map(STOP_WORDS.__contains__, ws)) / (len(ws) or 1),
        end=text.endswith(_SENT_END) and not text.endswith(("...", "…")),
        links=(b.links + urls) / (n or 1),
        prose=not _PROSE_WORDS.isdisjoint(ws),
        # cut off: "...", or a last word that cannot end a sentence ("as prices rise in")
        teaser=text.endswith(("...", "…", "..", "[…]"))
        or (
            n >= 6 and bool(last) and last[0].lower() in STOP_WORDS and not text.endswith(_SENT_END)
        ),
    )


_PROSE_WORDS = frozenset(
    "the a an is are was were has have had will would could should been being".split()  # noqa: SIM905
)


def _good(f: _Features) -> bool:
    """Prose: a sentence of some length with the function words prose has."""
    if f.links > 0.2:
        return False
    return (f.words >= 8 and f.end and f.stop >= 0.15) or (f.words >= 20 and f.stop >= 0.25)


def is_prose(b: Block) -> bool:
    """Tell whether a block reads as article prose (see :func:`_good`), not a headline or link."""
    return _good(_features(b))


def _strong(b: Block, f: _Features) -> tuple[str, str] | None:
    """Return ``(kind, reason)`` when a block is boilerplate whatever its position."""
    text = b.text
    if not any(ch.isalnum() or ch == "\ufffd" for ch in text):  # U+FFFD: damaged text, kept
        return "end-marker", "symbols only"
    if _COMMENT_FORM.match(text):
        return "comment-form", "a comment form's text"
    if _COPYRIGHT.match(text):
        return "copyright", "a copyright line"
    if f.words <= 10 and _is_ui_phrase(text):
        return _ui_kind(norm(text)), "a common interface phrase"
    if _is_breadcrumb(text):
        return "navigation", "a breadcrumb trail (Home > World > Asia)"
    if _LABEL_NUMBER.match(text):
        return "news-id", "a label and a number (an id, a code or a counter of the page)"
    if _CAPTION.match(_unwrap(text)) and not text.endswith((".", "!", "?")):
        return "caption", "an image or video credit"
    if len(text) <= 300 and _CAPTION_TAIL.search(text):
        return "caption", "a caption that ends with its photo credit"
    if _BRACKET_LABEL.match(text) and len(words(text)) <= 4:
        return "labels", "an editorial label in brackets"
    if f.words and f.links and _URL.sub("", text).strip(" |-–—·•,;:/") == "":
        return "links", "only URLs, handles or e-mail addresses"
    if f.words and f.links >= 0.5 and not f.end:
        return "links", "mostly links"
    return None


_CRUMB_SEPARATOR = re.compile(r"\s+(?:>|»|›|→|>>)\s+")
_CRUMB_START = re.compile(r"^(?:home|homepage|main|start|news|front page)$", re.I)


def _is_breadcrumb(text: str) -> bool:
    """True for a trail of short items between ``>``, ``»``, ``›`` or ``→`` ("Home > World > Asia").

    Three or more items of at most four words each, or two when the first is "Home"; no item
    ends a sentence. A garbled sentence with one stray "»" has long items and stays text.
    """
    items = _CRUMB_SEPARATOR.split(text.strip())
    if len(items) < 2 or len(items) == 2 and not _CRUMB_START.match(items[0].strip()):
        return False
    return all(0 < len(i.split()) <= 4 and not i.rstrip().endswith((".", "!", "?", ":"))
               for i in items)


def _ui_kind(key: str) -> str:
    if _END_MARKER.match(key):
        return "end-marker"
    if re.search(r"\b(?:comments?|reply|leave|submit)\b", key):
        return "comment-form"
    if re.search(
        r"\b(?:top|skip|home|menu|next|previous|back|search|log|sign|register|scroll)\b", key
    ):
        return "navigation"
    if re.search(r"\b(?:share|tweet|whatsapp|telegram|facebook|twitter|print|copy|email)\b", key):
        return "share"
    return "interface"


_WRAP = re.compile(r"^\s*(?:[*_]{1,3}|[(\[])\s*(.*?)\s*(?:[*_]{1,3}|[)\]])\s*$")


def _unwrap(text: str) -> str:
    """Return a line without brackets or emphasis around all of it ("(Source: X)", "*Photo*")."""
    m = _WRAP.match(text)
    return m.group(1) if m and m.group(1) else text


def _metadata(b: Block, meta: dict) -> tuple[str, str] | None:
    """Move a metadata line into ``meta``; return ``(kind, reason)`` if it was one."""
    text = _unwrap(b.text)
    if m := _TAGS.match(text):
        tags = [t.strip() for t in re.split(r"\(\s*T\s*\)|,|\|", m.group(1)) if t.strip()]
        meta.setdefault("tags", []).extend(tags)
        return "tags", "a tags line"
    if m := _TAGS_LABEL.match(text):
        meta.setdefault("tags", []).extend(
            t.strip(" #") for t in re.split(r"[,|،;#]", m.group(1)) if t.strip(" #")
        )
        return "tags", "a tags line"
    if (m := _SOURCE.match(text)) and len(words(m.group(1))) <= SOURCE_MAX_WORDS and not (
        text.endswith((".", "!", "?")) and len(words(m.group(1))) > 6
    ):
        meta.setdefault("source", m.group(1).strip())
        return "source", "a source line"
    if b.kind == "heading" and b.level == 1:
        return None
    if (stamp := timestamp(text)) is not None:
        meta.setdefault("published", stamp[0])
        if stamp[1]:
            meta.setdefault("byline", stamp[1])
        return "timestamp", "a date/time line"
    if (name := byline(text)) is not None:
        if name:
            meta.setdefault("byline", name)
        return "byline", "a byline"
    if (line := dateline(text)) is not None:
        meta.setdefault("dateline", line)
        return "dateline", "a dateline"
    return None


def classify(blocks: list[Block], *, furniture: dict[str, str] | None = None) -> Cleaned:
    """Split ``blocks`` into article text, metadata and (noted) boilerplate.

    ``furniture`` maps the :func:`norm` key of lines known to recur across a site's pages to the
    reason (``parallax batch`` learns it from the folder).
    """
    meta: dict = {}
    verdict: list[tuple[str, str] | None] = []
    category = _category(blocks)
    feats = [_features(b) for b in blocks]
    counts: dict[str, int] = {}
    keys = [norm(b.text) if len(b.text) <= 500 else "" for b in blocks]  # furniture is short
    for key, f in zip(keys, feats):
        if f.words <= 6:
            counts[key] = counts.get(key, 0) + 1
    for b, f, key in zip(blocks, feats, keys):
        if category and not verdict:
            meta["category"] = b.text
            verdict.append(("category", "a section label before the title"))
        elif furniture and key in furniture:
            verdict.append(("site-furniture", furniture[key]))
        elif (m := _metadata(b, meta)) is not None:
            verdict.append(m)
        elif (s := _strong(b, f)) is not None:
            verdict.append(s)
        elif f.words <= 6 and counts.get(key, 0) >= 2 and not _good(f):
            verdict.append(("repeated", f"a short line that appears {counts[key]} times"))
        else:
            verdict.append(None)
    good = [i for i, (v, f) in enumerate(zip(verdict, feats)) if v is None and _good(f)]
    good_set = set(good)
    doubtful: dict[int, str] = {}
    if good:
        first, last = good[0], good[-1]
        opening = next(i for i, v in enumerate(verdict) if v is None)
        # lines after the last paragraph that do not end a sentence: two or more are a teaser run
        teasers = sum(1 for i in range(last + 1, len(blocks))
                      if verdict[i] is None and not feats[i].end and blocks[i].kind == "text")
        for i, (b, f) in enumerate(zip(blocks, feats)):
            if verdict[i] is not None or i in good_set or "\ufffd" in b.text:  # damaged text: shown
                continue
            if i < first:
                run = _item_run(blocks, i)
                if b.kind == "item" and (run >= 2 or b.links):
                    verdict[i] = ("related-links", "a list of links before the article")
                elif f.links > 0.2:
                    verdict[i] = ("links", "mostly links")
                elif _bar(b.text) and not f.end and i != opening:  # the first may be the title
                    verdict[i] = ("labels", "a bar of labels before the article")
            elif i > last:
                if _other_script(b.text):
                    verdict[i] = ("trailer", "a line in another script after the article")
                elif b.kind == "heading":  # no prose follows it
                    verdict[i] = ("trailer", "a heading after the article with no text under it")
                elif (b.kind == "item" or f.links > 0 or f.teaser) or (
                    not f.end and (f.words < 8 or f.stop < 0.2 or not f.prose)
                ):
                    verdict[i] = ("trailer", _tail_reason(b, f))
                elif not f.end and teasers >= 2:  # several unfinished lines: related news
                    verdict[i] = ("teasers", "one of several related-news teasers after the "
                                  "article, cut mid-sentence")
                elif not f.end:  # prose that lost its full stop, or a headline: keep, flag
                    doubtful[i] = "a line after the article's last paragraph, not a sentence"
                else:
                    doubtful[i] = "a short line after the article's last paragraph"
            else:
                if b.kind == "item" and (f.links > 0.1 or f.teaser) and not f.end:
                    verdict[i] = ("related-links", "a list of links inside the article")
                elif f.teaser and not f.end:
                    doubtful[i] = "a teaser cut off mid-sentence"
    if all(v is not None for v in verdict):  # never the whole page: keep it, flagged
        doubtful = {i: f"the whole page looks like boilerplate ({v[0]})"
                    for i, v in enumerate(verdict) if v is not None}
        verdict = [None] * len(blocks)
    cleaned = Cleaned([], meta)
    for i, b in enumerate(blocks):
        if verdict[i] is None:
            if i in doubtful:
                cleaned.doubtful[len(cleaned.blocks)] = doubtful[i]
            cleaned.blocks.append(b)
        else:
            cleaned.removed.append(Removed(verdict[i][0], b.text, verdict[i][1]))
    # the category label is listed last, as before this classifier (same JSON for old inputs)
    cleaned.removed.sort(key=lambda r: r.kind == "category")
    return cleaned


def _other_script(text: str) -> bool:
    """A line with letters and none of them Latin (a credit or notice left in the source
    language)."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and not any(
        c.isascii() or "LATIN" in unicodedata.name(c, "") for c in letters
    )


def _category(blocks: list[Block]) -> bool:
    """Say whether the first block is a lone category label before the title ("News")."""
    if len(blocks) < 2 or blocks[0].kind == "heading":
        return False
    text, nxt = blocks[0].text, blocks[1].text
    if timestamp(text) or byline(text) is not None or dateline(text):
        return False
    if len(words(text)) > 3 or text.endswith(_SENT_END) or _is_ui_phrase(text):
        return norm(text) in CATEGORY_WORDS
    return norm(text) in CATEGORY_WORDS or (
        len(words(text)) + 3 <= len(words(nxt)) <= 25
        and not nxt.endswith((".", ":", ","))
        and blocks[1].kind != "item"
    )


def _bar(text: str) -> bool:
    """Say whether a line is short segments joined by separators ("Posted in World | Tagged x")."""
    parts = [p for p in re.split(r"\s+[|•·]\s+", text) if p.strip()]
    return len(parts) >= 2 and all(len(words(p)) <= 6 for p in parts)


def _item_run(blocks: list[Block], i: int) -> int:
    a = b = i
    while a > 0 and blocks[a - 1].kind == "item":
        a -= 1
    while b + 1 < len(blocks) and blocks[b + 1].kind == "item":
        b += 1
    return b - a + 1 if blocks[i].kind == "item" else 0


def _tail_reason(b: Block, f: _Features) -> str:
    if b.kind == "item":
        return "a list after the article's last paragraph"
    if f.teaser:
        return "a teaser cut off mid-sentence after the article"
    if f.links:
        return "links after the article"
    return "a line after the article's last paragraph that is not a sentence"
