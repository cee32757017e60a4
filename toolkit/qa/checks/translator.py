"""Translator QA checks (the Xbench / CheckMate set), each a registered :class:`Check`.

A *version* (a generated alternative or a given translation) is checked against the original
machine translation: it is blamed only for what it adds or loses, never for a fault it inherits
(an unpaired quote the original already has is not the version's). The *original* is checked on
its own (doubled words, unpaired marks, spacing) and, with ``--source``, against the
source-language paragraph (URLs, end punctuation, untranslated text).

Every function here is pure: text in, flags out.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

from ...core.document import normalize_text
from ...core.flags import Flag
from ..registry import Check, CheckContext, register_check

# ------------------------------------------------------------------ helpers


def _snippet(text: str, start: int, end: int, width: int = 18) -> str:
    """Return ``text[start:end]`` with about ``width`` characters either side, in whole words."""
    a, b = max(0, start - width), min(len(text), end + width)
    while a > 0 and not text[a - 1].isspace():
        a -= 1
    while b < len(text) and not text[b].isspace():
        b += 1
    return " ".join(text[a:b].split())


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+(?:['’][^\W_]+)*", text)


def _latin_share(text: str) -> float:
    """Share of letters that are Latin (1.0 for a text without letters)."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 1.0
    latin = sum(1 for c in letters if c.isascii() or "LATIN" in unicodedata.name(c, ""))
    return latin / len(letters)


# ------------------------------------------------------------------ URLs, e-mails, handles

# Bare domains ("irna.ir/en") count only in lowercase and with these endings: "end.It" or
# "the deal.in" are missing spaces, not addresses.
_TLDS = (
    "com|org|net|gov|edu|int|info|io|ir|ru|az|am|ge|tv|tr|ua|kz|uk|de|fr|eu|news|ch|nl|pl|cn|jp|"
    "ca|au|il|ae|sa|qa|af|pk|tj|uz|tm|kg|by|md"
)
_URL = re.compile(
    r"(?i:\bhttps?://|\bwww\.)[^\s<>\"“”«»]+"
    rf"|(?<![@\w.-])(?:[a-z0-9][a-z0-9-]+\.)+(?:{_TLDS})\b(?:/[^\s<>\"“”«»]*)?",
)
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")
_HANDLE = re.compile(r"(?<![\w@/.#&])[@#](?=[^\W\d_])[\w]{2,}|(?<![\w@/.])@\w{2,}")


def _trim_url(url: str) -> str:
    url = url.rstrip(".,;:!?'’\"”»")
    while url.endswith(")") and url.count(")") > url.count("("):
        url = url[:-1].rstrip(".,;:!?")
    return url


def find_urls(text: str) -> list[str]:
    """Return the URLs and bare domains of ``text`` as written (e-mail addresses excluded)."""
    masked = _EMAIL.sub(lambda m: " " * len(m.group()), text)
    return [_trim_url(m.group()) for m in _URL.finditer(masked)]


def find_emails(text: str) -> list[str]:
    """Return the e-mail addresses of ``text``."""
    return [m.group().rstrip(".") for m in _EMAIL.finditer(text)]


def find_handles(text: str) -> list[str]:
    """Return the @handles and #hashtags of ``text`` (not e-mail addresses or URL fragments)."""
    masked = _EMAIL.sub(lambda m: " " * len(m.group()), text)
    masked = _URL.sub(lambda m: " " * len(m.group()), masked)
    return [m.group() for m in _HANDLE.finditer(masked)]


def _url_key(url: str) -> str:
    url = re.sub(r"^(?:https?://)?(?:www\.)?", "", url, flags=re.I).rstrip("/")
    host, _, rest = url.partition("/")
    return host.lower() + ("/" + rest if rest else "")


def _mismatch(
    kind: str, what: str, ref: list[str], ours: list[str], key, ref_name: str
) -> list[Flag]:
    """Flag items of ``ref`` that ``ours`` lost or changed, and items ``ours`` added."""
    lost = Counter(key(x) for x in ref) - Counter(key(x) for x in ours)
    added = Counter(key(x) for x in ours) - Counter(key(x) for x in ref)
    lost_items = [x for x in dict.fromkeys(ref) if lost[key(x)] > 0]
    added_items = [x for x in dict.fromkeys(ours) if added[key(x)] > 0]
    flags: list[Flag] = []
    while lost_items and added_items:
        was, now = lost_items.pop(0), added_items.pop(0)
        flags.append(Flag(kind, now, f"changed: the {ref_name} has {was}"))
    flags += [Flag(kind, x, f"the {ref_name}'s {what} is missing") for x in lost_items]
    flags += [Flag(kind, x, f"a {what} the {ref_name} does not have") for x in added_items]
    return flags


def url_flags(reference: str, text: str, ref_name: str = "original") -> list[Flag]:
    """Flag URLs (and bare domains) lost, changed or added against ``reference``.

    >>> url_flags("See https://mehrnews.com/x1.", "See https://mehrnews.com/x7.")[0].detail
    'changed: the original has https://mehrnews.com/x1'
    """
    return _mismatch(
        "url-mismatch", "URL", find_urls(reference), find_urls(text), _url_key, ref_name
    )


def email_flags(reference: str, text: str, ref_name: str = "original") -> list[Flag]:
    """Flag e-mail addresses lost, changed or added against ``reference``."""
    return _mismatch(
        "email-mismatch",
        "e-mail address",
        find_emails(reference),
        find_emails(text),
        str.lower,
        ref_name,
    )


def handle_flags(reference: str, text: str, ref_name: str = "original") -> list[Flag]:
    """Flag @handles and #hashtags lost, changed or added against ``reference``."""
    return _mismatch(
        "handle-mismatch",
        "handle",
        find_handles(reference),
        find_handles(text),
        str.casefold,
        ref_name,
    )


# ------------------------------------------------------------------ brackets and quotes

_OPEN = {"(": ")", "[": "]", "{": "}"}
_CLOSE = {v: k for k, v in _OPEN.items()}
_ENUMERATOR = re.compile(r"(?:^|(?<=\s))(?:\d{1,2}|[a-zA-Z]|[ivxIVX]{2,4})\)")
_EMOTICON = re.compile(r"[:;]-?[()\[\]]")


def bracket_problems(text: str) -> list[tuple[int, str, str]]:
    """Return (position, mark, what is wrong) for every unpaired ( [ {.

    List enumerators ("1)", "a)") and emoticons are not brackets.
    """
    skip = {m.end() - 1 for m in _ENUMERATOR.finditer(text)}
    skip |= {m.end() - 1 for m in _EMOTICON.finditer(text)}
    stack: list[tuple[int, str]] = []
    out: list[tuple[int, str, str]] = []
    for i, ch in enumerate(text):
        if i in skip:
            continue
        if ch in _OPEN:
            stack.append((i, ch))
        elif ch in _CLOSE:
            if stack and stack[-1][1] == _CLOSE[ch]:
                stack.pop()
            elif any(o == _CLOSE[ch] for _, o in stack):  # closes an outer one: the inner is open
                while stack[-1][1] != _CLOSE[ch]:
                    j, o = stack.pop()
                    out.append((j, o, "never closed"))
                stack.pop()
            else:
                out.append((i, ch, "closes nothing"))
    out += [(j, o, "never closed") for j, o in stack]
    return sorted(out)


_DOUBLE_OPEN = "“„"
_DOUBLE_CLOSE = "”"
_GUILLEMETS = {"«": "»"}


def quote_problems(
    text: str, *, guillemets: bool = True, continued: bool = True
) -> list[tuple[int, str, str]]:
    """Return (position, mark, what is wrong) for every unpaired double quotation mark.

    Straight ``"`` opens or closes by position; ``“``/``„`` open and ``”`` closes (a ``”`` with
    nothing open and a word after it opens, as some engines write). A quotation left open at the
    end of a paragraph that *starts* with it is a quote continued in the next paragraph (the
    newspaper convention), not an error (``continued=False`` counts it). Single quotes are
    apostrophes too often to check.
    """
    stack: list[tuple[int, str]] = []
    out: list[tuple[int, str, str]] = []
    doubles = _DOUBLE_OPEN + '"”'
    for i, ch in enumerate(text):
        after = text[i + 1 : i + 2]
        before = text[i - 1 : i] if i else ""
        open_double = bool(stack) and stack[-1][1] in doubles
        if ch in _DOUBLE_OPEN or (ch == "”" and not open_double and after[:1].isalnum()):
            stack.append((i, ch))
        elif ch == '"':
            closes = open_double and (
                not (before.isspace() or before == "") or not after[:1].isalnum()
            )
            if closes:
                stack.pop()
            else:
                stack.append((i, ch))
        elif ch == "”":
            if open_double:
                stack.pop()
            else:
                out.append((i, ch, "closes nothing"))
        elif guillemets and ch == "«":
            stack.append((i, ch))
        elif guillemets and ch == "»":
            if stack and stack[-1][1] == "«":
                stack.pop()
            else:
                out.append((i, ch, "closes nothing"))
    lead = len(text) - len(text.lstrip())
    for j, o in stack:
        if continued and j == lead and len(stack) == 1:
            continue  # a quotation continued in the next paragraph
        out.append((j, o, "never closed"))
    return sorted(out)


def _pair_flags(kind: str, noun: str, original: str, text: str, problems) -> list[Flag]:
    """Flag the version's unpaired marks beyond those the original has (by mark and problem)."""
    theirs = Counter((m, why) for _, m, why in problems(original))
    flags: list[Flag] = []
    for i, mark, why in problems(text):
        if theirs[(mark, why)] > 0:
            theirs[(mark, why)] -= 1
            continue
        flags.append(Flag(kind, _snippet(text, i, i + 1), f"{noun} {mark} {why}"))
    return flags


def bracket_flags(original: str, text: str) -> list[Flag]:
    """Flag brackets the version leaves unpaired where the original pairs them."""
    return _pair_flags("unpaired-bracket", "bracket", original, text, bracket_problems)


def quote_flags(original: str, text: str) -> list[Flag]:
    """Flag quotation marks the version leaves unpaired where the original pairs them."""
    return _pair_flags(
        "unpaired-quote",
        "quotation mark",
        original,
        text,
        lambda t: quote_problems(t, continued=False),
    )


def own_pair_flags(text: str) -> list[Flag]:
    """Flag the original's own unpaired brackets and quotes (stray « » are leftover-script's)."""
    flags = [
        Flag("unpaired-bracket", _snippet(text, i, i + 1), f"bracket {m} {why}")
        for i, m, why in bracket_problems(text)
    ]
    flags += [
        Flag("unpaired-quote", _snippet(text, i, i + 1), f"quotation mark {m} {why}")
        for i, m, why in quote_problems(text, guillemets=False)
    ]
    return flags


# ------------------------------------------------------------------ doubled words, spacing

_DOUBLED = re.compile(r"\b([^\W\d_]+)\s+(\1)\b", re.I)
_DOUBLE_OK = {
    "had",
    "that",
    "bye",
    "tut",
    "no",
    "very",
    "so",
    "knock",
    "chop",
    "yada",
    "bla",
    "blah",
    "ha",
    "cha",
    "la",
    "boo",
    "pom",
    "tsk",
    "hush",
    "mau",
    "aye",
    "dum",
    "dik",
}


def doubled_words(text: str) -> list[tuple[int, int, str]]:
    """Return (start, end, words) of every word written twice in a row ("the the").

    "had had" and "that that" are grammatical; two capitalized copies are a name (Duran Duran).
    """
    out = []
    for m in _DOUBLED.finditer(text):
        a, b = m.group(1), m.group(2)
        if a.casefold() in _DOUBLE_OK or (
            a[0].isupper() and b[0].isupper() and a.casefold() != "the"
        ):
            continue
        out.append((m.start(), m.end(), m.group()))
    return out


def doubled_word_flags(original: str, text: str | None = None) -> list[Flag]:
    """Flag doubled words of ``text`` that ``original`` does not have (``text=None``: all of it)."""
    if text is None:
        return [
            Flag("doubled-word", w, "the same word twice") for _, _, w in doubled_words(original)
        ]
    theirs = Counter(w.casefold() for _, _, w in doubled_words(original))
    flags = []
    for _, _, w in doubled_words(text):
        if theirs[w.casefold()] > 0:
            theirs[w.casefold()] -= 1
            continue
        flags.append(Flag("doubled-word", w, "the same word twice"))
    return flags


_SPACING = (
    ("doubled space", re.compile(r"(?<=[^\s.!?:])[ \u00a0]{2,}(?=\S)")),
    ("space before punctuation", re.compile(r"(?<=[^\W_])[ \u00a0]+[,;:!?.](?=\s|$)(?!\.)")),
    (
        "no space after punctuation",
        re.compile(
            r"(?<=[a-z]{2})[,;](?=[A-Za-z])"
            r"|(?<=[a-z]{2})[.!?](?=[A-Z][a-z])"
        ),
    ),
    (
        "space inside a hyphenated word",
        re.compile(
            r"(?<=[A-Za-z]) -(?=[A-Za-z])"
            r"|(?<=[A-Za-z])- (?!and\b|or\b|to\b)(?=[a-z])"
        ),
    ),
    ("space inside brackets", re.compile(r"[(\[] (?=\w)|(?<=\w) [)\]]")),
)


def spacing_problems(text: str) -> list[tuple[int, int, str]]:
    """Return (start, end, what) for spacing faults, URLs and e-mail addresses aside."""
    masked = _EMAIL.sub(lambda m: "x" * len(m.group()), text)
    masked = _URL.sub(lambda m: "x" * len(m.group()), masked)
    masked = re.sub(r"\b(?:[A-Za-z]\.){2,}", lambda m: "x" * len(m.group()), masked)  # U.S., e.g.
    out = []
    for what, pattern in _SPACING:
        out.extend((m.start(), m.end(), what) for m in pattern.finditer(masked))
    return sorted(out)


def spacing_flags(original: str, text: str | None = None) -> list[Flag]:
    """Flag spacing faults of ``text`` the original does not have (``text=None``: the original's).

    One flag per kind of fault and paragraph; its detail counts the others.
    """
    own = text is None
    text = original if own else text
    # a fault is the version's own unless the original has it with the same words around it
    theirs = (
        Counter()
        if own
        else Counter(
            (what, _snippet(original, a, b, 0)) for a, b, what in spacing_problems(original)
        )
    )
    found: dict[str, list[str]] = {}
    for a, b, what in spacing_problems(text):
        key = (what, _snippet(text, a, b, 0))
        if theirs[key] > 0:
            theirs[key] -= 1
            continue
        found.setdefault(what, []).append(_snippet(text, a, b, 6))
    flags = []
    for what, snips in found.items():
        more = f" (and {len(snips) - 1} more)" if len(snips) > 1 else ""
        flags.append(Flag("spacing", snips[0], what + more))
    return flags


# ------------------------------------------------------------------ end punctuation

_CLOSERS = "\"'”’»)]}*_ "
_END = {".": ".", "…": ".", "?": "?", "؟": "?", "!": "!", ":": ":", ";": ";", "۔": "."}


def end_mark(text: str) -> str:
    """Return how ``text`` ends: ``.``, ``?``, ``!``, ``:``, ``;`` or ``""`` (no end mark)."""
    stripped = text.rstrip().rstrip(_CLOSERS)
    return _END.get(stripped[-1:], "") if stripped else ""


def end_punctuation_flags(reference: str, text: str, ref_name: str = "original") -> list[Flag]:
    """Flag a version that ends differently from ``reference`` (a question made a statement...).

    A version may add a full stop to a reference that has no end mark, and ``;`` counts as
    ``.`` (engines write either at a sentence's end).
    """
    ref, ours = end_mark(reference), end_mark(text)
    ref, ours = (".", ours) if ref == ";" else (ref, ours)
    ours = "." if ours == ";" else ours
    if ref == ours or (ref == "" and ours == "."):
        return []
    if ref == "" and ours not in "?!":
        return []
    shown = {
        "": "no end mark",
        ".": "a full stop",
        "?": "a question mark",
        "!": "an exclamation mark",
        ":": "a colon",
    }
    tail = text.rstrip()[-30:]
    return [
        Flag(
            "end-punctuation",
            " ".join(tail.split()),
            f"ends with {shown[ours]}; the {ref_name} with {shown[ref]}",
        )
    ]


# ------------------------------------------------------------------ length

# (shortest, longest) word-count ratio of a version to the original, by strategy
LENGTH_LIMITS = {
    "post-edit": (0.6, 1.5),
    "fluent": (0.5, 1.8),
    "round-trip": (0.45, 2.0),
    "from-source": (0.4, 2.2),
}
DEFAULT_LIMITS = (0.5, 2.0)  # given versions and unknown strategies
GROSS_LIMITS = (0.25, 3.0)  # a reply this far off is asked again (tasks/retranslate.py)
SHORT_LINE = 8  # below this many words a ratio says little; only invention around it counts


def length_flag(
    original: str, text: str, strategy: str = "", limits: tuple[float, float] | None = None
) -> Flag | None:
    """Return a ``length-ratio`` flag when ``text`` is far shorter or longer than ``original``.

    Limits are per strategy (``LENGTH_LIMITS``). A short original (a title, "Original Article")
    is flagged only when the version invents a paragraph around it: at least three times as
    many words and 15 more.
    """
    n_orig, n = len(_words(original)), len(_words(text))
    if not n or not n_orig:
        return None  # empty replies are flagged "empty"
    if n_orig < SHORT_LINE:
        if n >= max(3 * n_orig, n_orig + 15):
            return Flag(
                "length-ratio",
                f"{n} words for {n_orig}",
                "text invented around a short line: not a rendering of it",
            )
        return None
    lo, hi = limits or LENGTH_LIMITS.get(strategy, DEFAULT_LIMITS)
    ratio = n / n_orig
    if ratio < lo:
        return Flag(
            "length-ratio",
            f"{n} words for {n_orig}",
            f"{ratio:.2f} of the original's length (below {lo}): something is left out",
        )
    if ratio > hi:
        return Flag(
            "length-ratio",
            f"{n} words for {n_orig}",
            f"{ratio:.2f} times the original's length (above {hi}): something is added",
        )
    return None


# ------------------------------------------------------------------ untranslated

_ENGLISH_FUNCTION = frozenset(
    """
a an the of in on at to for from by with as and or but is are was were be been being has have had
that this these those which who whom it its their his her they he she we not no than also into
over after about would will can could should may said says
""".split()
)


def untranslated_flag(text: str, source: str | None = None) -> Flag | None:
    """Return an ``untranslated`` flag when ``text`` is still in the source language.

    Identical to the source paragraph; mostly in a non-Latin script; or (for Latin-script
    sources) twelve lowercase words or more of which hardly any is an English function word.
    """
    if (
        source
        and normalize_text(text).casefold().split() == normalize_text(source).casefold().split()
    ):
        return Flag("untranslated", text[:60], "identical to the source paragraph")
    letters = sum(c.isalpha() for c in text)
    if letters >= 12 and _latin_share(text) < 0.5:
        return Flag("untranslated", text[:60], "mostly in a non-Latin script")
    words = [w for w in _words(text) if w.islower()]  # a list of names is not a language
    if len(words) >= 12 and _latin_share(text) >= 0.9:
        share = sum(w in _ENGLISH_FUNCTION for w in words) / len(words)
        if share < 0.08:
            return Flag(
                "untranslated",
                text[:60],
                f"hardly any English words ({share:.0%} function words; English has ~35%)",
            )
    return None


# ------------------------------------------------------------------ refusals and remarks

_REFUSAL = re.compile(
    r"\b(?:i['’]?m sorry|i am sorry|i apologi[sz]e|sorry, but|unfortunately,? i\b"
    r"|i (?:can(?:no|['’])t|am unable to|am not able to|won['’]t be able to"
    r"|do not feel comfortable)"
    r"(?: \w+){0,3} (?:assist|help|provide|translate|rewrite|fulfil+|comply|do that|complete"
    r"|process|continue|generate|create)"
    r"|as an ai\b|as a (?:large )?language model|i(?:['’]m| am) an ai\b"
    r"|(?:let me know|feel free to ask|i hope (?:this|that) helps|if you (?:have|need) (?:any )?"
    r"(?:other|more|further|additional)? ?(?:questions|help|changes))"
    r"|here (?:is|are) (?:the|a|your|my) (?:corrected|rewritten|revised|translated|edited|improved)"
    r"|(?:i have|i've) (?:corrected|rewritten|revised|translated|edited|fixed|kept|made)"
    r"|(?:please|could you|can you) (?:please )?(?:provide|share|clarify|specify)"
    r"|the (?:text|paragraph|passage|sentence) you (?:provided|gave|shared)"
    r"|(?:^|[.(\[] ?)note:"
    r"|\bi (?:have )?(?:kept|preserved|maintained|retained) (?:the |all )?(?:original )?(?:the )?"
    r"(?:meaning|facts|names|numbers|dates|structure|tone|content))",
    re.I,
)
_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”|«[^»]*»")


_EDITED = (
    r"(?:edited|corrected|rewritten|reformatted|rephrased|revised|polished|improved|modified|"
    r"changed|translated|machine-translated|reworded|restructured|simplified|clarified)"
)
_REMARK = re.compile(
    r"\bthe (?:original |edited |corrected |rewritten |revised |above |following |new )?"
    r"(?P<noun>paragraph|sentence|text|passage|version|translation)s?(?:['’]s)? "
    r"(?:is|was|has been|have been|were|can be|reads) (?:also )?"
    rf"(?:{_EDITED}|a (?:good|perfect|great) example|well-written|as follows|too long)"
    rf"|\b(?:the )?{_EDITED} (?P<noun2>paragraph|sentence|text|version)s?(?: is| reads)?"
    r"(?: as follows)?\s*:"
    r"|\bchanged \"…\" to \"…\"|\"…\" (?:should be|could be|is better as) \"…\""
    r"|\bi will (?:also )?(?:include|add|correct|rewrite|rephrase|fix|change|edit|make|keep)\b"
    r"|\bthe (?:above |original |following )?(?P<noun4>paragraph|sentence|text|passage) "
    r"(?:talks about|can be (?:written|rewritten|rephrased|improved)|describes|discusses)"
    r"|\bthis is the (?:corrected|rewritten|edited|revised|improved)"
    r"|(?:^|[.:!?] )(?:corrected|rewritten|revised|edited)"
    r"(?: (?:version|text|paragraph|sentence)s?)?:"
    r"|\bhere(?:['’]s| is) (?:a|the) (?:breakdown|list|summary|explanation) of (?:the |my )?"
    r"(?:edits|changes|corrections)"
    r"|\b(?:i|we) (?:have )?(?:made|changed|rewrote|rephrased|replaced|added|removed|fixed|"
    r"corrected|edited|improved) (?:the following |some |a few |several )?"
    r"(?:changes|edits|corrections)"
    r"|\byou['’]ve (?:corrected|edited|rewritten)"
    r"|\b(?P<noun3>machine[- ]translated)\b"
    r"|\breply with the (?:corrected|rewritten|translated)",
    re.I,
)


def refusal_flag(original: str, text: str) -> Flag | None:
    """Return a ``refusal`` flag when ``text`` is a refusal, or a remark instead of a rendering.

    Remarks are sentences about the text itself ("The edited paragraph is as follows:",
    "The paragraph was reformatted...", 'Changed "x" to "y"', the prompt's own words).
    Words inside quotation marks, phrases the original itself has, and remarks about a noun
    the original uses (a court story's "the sentence was changed") do not count.
    """
    bare = " ".join(_QUOTED.sub(' "…" ', text).split())
    mine = " ".join(_QUOTED.sub(' "…" ', original).split())
    theirs = {m.group().casefold() for m in _REFUSAL.finditer(mine)}
    theirs |= {m.group().casefold() for m in _REMARK.finditer(mine)}
    own_words = {w.casefold() for w in _words(original)}
    found = None
    for m in _REFUSAL.finditer(bare):
        if m.group().casefold() not in theirs:
            found = (m, "not a rendering: a refusal or a remark to the user")
            break
    if found is None:
        for m in _REMARK.finditer(bare):
            noun = next((m.group(g) for g in ("noun", "noun2", "noun3", "noun4") if m.group(g)), "")
            noun = noun.casefold()
            if m.group().casefold() in theirs or (noun and noun.split()[0] in own_words):
                continue
            found = (m, "not a rendering: a remark about the text instead of the text")
            break
    if found is None:
        return None
    m, detail = found
    at = m.start() + len(m.group()) - len(m.group().lstrip(".:!? "))
    start = max(bare.rfind(".", 0, at), bare.rfind(":", 0, at)) + 1
    end = bare.find(".", m.end())
    sentence = " ".join(bare[start : end + 1 if end != -1 else len(bare)].split())
    return Flag("refusal", sentence[:100], detail)


# ------------------------------------------------------------------ quotations and speakers

_SPEECH = (
    r"(?i:said|says|say|told|tells|stated|states|added|adds|noted|notes|announced|announces|"
    r"stressed|stresses|emphasi[sz]ed|emphasi[sz]es|declared|declares|warned|warns|wrote|writes|"
    r"claimed|claims|explained|explains|insisted|insists|asked|asks|replied|replies|"
    r"tweeted|posted|argued|argues|according to)"
)
_NAME_WORD = r"[A-Z][\w'’-]+"
_SPEAKER = re.compile(
    rf"(?P<a>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}})(?:,[^,.;]{{1,60}},)?,?\s+{_SPEECH}\b"
    rf"|\b{_SPEECH}\s+(?:the\s+)?(?:[a-z]+\s+){{0,3}}(?P<b>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}})"
)
_NOT_SPEAKER = frozenset(
    """
he she they it we i you this that these those there the a an in on at but and or so however
meanwhile moreover reports report sources source officials statement media experts analysts
foreign minister ministry president prime vice deputy spokesman spokeswoman spokesperson secretary
general ambassador chairman chairwoman head chief mr mrs ms dr sir official commander leader
""".split()
)


def speakers(text: str) -> list[str]:
    """Return the named speakers of quotations and reported speech in ``text``.

    Only sentences with a quotation mark or ``according to`` count; the speaker is the
    capitalized name next to a speech verb ("Aliyev said", "said Foreign Minister Lavrov").
    """
    out: list[str] = []
    for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z\"“«])", text):
        if not re.search(r"[\"“”«»]|according to", sentence, re.I):
            continue
        bare = _QUOTED.sub(lambda m: " " * len(m.group()), sentence)
        for m in _SPEAKER.finditer(bare):
            name = m.group("a") or m.group("b")
            start = m.start("a") if m.group("a") else m.start("b")
            if re.search(r"\b(?:of|for|and)\s+$", bare[:start]):
                continue  # the end of an institution's name ("Ministry of Foreign Affairs said")
            words = [w for w in name.split() if w.casefold() not in _NOT_SPEAKER]
            if words:
                out.append(" ".join(words))
    return list(dict.fromkeys(out))


def speaker_flags(original: str, text: str) -> list[Flag]:
    """Flag speakers of the original's quotations that the version no longer names.

    A speaker counts as named when any of its words (or a respelling of one, rapidfuzz ratio
    >= 75) appears in the version.
    """
    from rapidfuzz import fuzz

    ours = {w.casefold() for w in _words(text)}
    flags = []
    for speaker in speakers(original):
        words = [w.casefold() for w in speaker.split() if len(w) >= 3]
        if not words:
            continue
        if any(
            w in ours or any(fuzz.ratio(w, o) >= 75 for o in ours if o[:1] == w[:1]) for w in words
        ):
            continue
        flags.append(
            Flag("lost-speaker", speaker, "the original names this speaker; the version does not")
        )
    return flags


def unique(flags: Iterable[Flag]) -> tuple[Flag, ...]:
    """Return ``flags`` without repeats (same kind and text), in order."""
    seen: set[tuple[str, str]] = set()
    out = []
    for f in flags:
        if (f.kind, f.text) not in seen:
            seen.add((f.kind, f.text))
            out.append(f)
    return tuple(out)


# ------------------------------------------------------------------ registration
def _not_for_summaries(fn):
    """Skip summaries: they are short and drop links, quotes and end marks by design."""

    def run(original: str, text: str, ctx: CheckContext) -> tuple[Flag, ...]:
        return () if ctx.kind == "summary" else fn(original, text, ctx)

    run.__name__ = run.__qualname__ = fn.__name__
    return run


def _length_limits_name(ctx: CheckContext) -> str:
    return ctx.version if ctx.kind == "generated" else ""


def _v_links(original: str, text: str, ctx: CheckContext) -> tuple[Flag, ...]:
    return tuple(
        url_flags(original, text) + email_flags(original, text) + handle_flags(original, text)
    )


def _o_links(original: str, _: str, ctx: CheckContext) -> tuple[Flag, ...]:
    if not ctx.source:
        return ()
    s = ctx.source
    return tuple(
        url_flags(s, original, "source")
        + email_flags(s, original, "source")
        + handle_flags(s, original, "source")
    )


def _v_marks(original: str, text: str, ctx: CheckContext) -> tuple[Flag, ...]:
    return tuple(bracket_flags(original, text) + quote_flags(original, text))


def _o_marks(original: str, _: str, ctx: CheckContext) -> tuple[Flag, ...]:
    return tuple(own_pair_flags(original))


def _v_doubled(original: str, text: str, ctx: CheckContext) -> tuple[Flag, ...]:
    return tuple(doubled_word_flags(original, text))


def _o_doubled(original: str, _: str, ctx: CheckContext) -> tuple[Flag, ...]:
    return tuple(doubled_word_flags(original))


def _v_spacing(original: str, text: str, ctx: CheckContext) -> tuple[Flag, ...]:
    return tuple(spacing_flags(original, text))


def _o_spacing(original: str, _: str, ctx: CheckContext) -> tuple[Flag, ...]:
    return tuple(spacing_flags(original))


def _v_end(original: str, text: str, ctx: CheckContext) -> tuple[Flag, ...]:
    return tuple(end_punctuation_flags(original, text))


def _o_end(original: str, _: str, ctx: CheckContext) -> tuple[Flag, ...]:
    return tuple(end_punctuation_flags(ctx.source, original, "source")) if ctx.source else ()


def _v_length(original: str, text: str, ctx: CheckContext) -> tuple[Flag, ...]:
    flag = length_flag(original, text, _length_limits_name(ctx))
    return (flag,) if flag else ()


def _v_untranslated(original: str, text: str, ctx: CheckContext) -> tuple[Flag, ...]:
    flag = untranslated_flag(text, ctx.source)
    return (flag,) if flag else ()


def _o_untranslated(original: str, _: str, ctx: CheckContext) -> tuple[Flag, ...]:
    flag = untranslated_flag(original, ctx.source)
    return (flag,) if flag else ()


def _v_refusal(original: str, text: str, ctx: CheckContext) -> tuple[Flag, ...]:
    flag = refusal_flag(original, text)
    return (flag,) if flag else ()


def _v_speaker(original: str, text: str, ctx: CheckContext) -> tuple[Flag, ...]:
    return tuple(speaker_flags(original, text))


def _v_glossary(original: str, text: str, ctx: CheckContext) -> tuple[Flag, ...]:
    if ctx.glossary is None:
        return ()
    return tuple(ctx.glossary.flags(text, original=original, source=ctx.source))


def _o_glossary(original: str, _: str, ctx: CheckContext) -> tuple[Flag, ...]:
    if ctx.glossary is None:
        return ()
    return tuple(ctx.glossary.original_flags(original, source=ctx.source))


_LINKS = ("url-mismatch", "email-mismatch", "handle-mismatch")
_MARKS = ("unpaired-bracket", "unpaired-quote")
for _name, _kinds, _fn, _target, _help in (
    (
        "links",
        _LINKS,
        _v_links,
        "version",
        "URLs, e-mail addresses, @handles and #hashtags lost or changed",
    ),
    (
        "links-source",
        _LINKS,
        _o_links,
        "original",
        "URLs, e-mail addresses, @handles and #hashtags of --source lost or changed by the MT",
    ),
    ("marks", _MARKS, _v_marks, "version", "brackets and quotation marks left unpaired"),
    ("marks-original", _MARKS, _o_marks, "original", "brackets and quotation marks left unpaired"),
    ("doubled-word", ("doubled-word",), _v_doubled, "version", "the same word twice in a row"),
    (
        "doubled-word-original",
        ("doubled-word",),
        _o_doubled,
        "original",
        "the same word twice in a row",
    ),
    (
        "spacing",
        ("spacing",),
        _v_spacing,
        "version",
        "doubled or missing spaces around punctuation",
    ),
    ("spacing-original", ("spacing",), _o_spacing, "original", "doubled or missing spaces"),
    ("end-punctuation", ("end-punctuation",), _v_end, "version", "a different end mark"),
    (
        "end-punctuation-source",
        ("end-punctuation",),
        _o_end,
        "original",
        "an end mark different from --source's",
    ),
    (
        "length-ratio",
        ("length-ratio",),
        _v_length,
        "version",
        "far shorter or longer than the original (limits per strategy)",
    ),
    ("untranslated", ("untranslated",), _v_untranslated, "version", "left in the source language"),
    (
        "untranslated-original",
        ("untranslated",),
        _o_untranslated,
        "original",
        "the MT left the paragraph in the source language",
    ),
    (
        "refusal",
        ("refusal",),
        _v_refusal,
        "version",
        "a refusal or a remark instead of a rendering",
    ),
    ("lost-speaker", ("lost-speaker",), _v_speaker, "version", "a quotation that lost its speaker"),
    (
        "glossary",
        ("glossary-miss",),
        _v_glossary,
        "version",
        "glossary terms missed, kept terms changed",
    ),
    (
        "glossary-original",
        ("glossary-miss",),
        _o_glossary,
        "original",
        "glossary terms the MT renders otherwise",
    ),
):
    register_check(Check(_name, _kinds, _not_for_summaries(_fn), _target, _help))
