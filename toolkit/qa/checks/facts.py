"""Fidelity checks: what an alternative (or a summary) adds to, drops from, or changes in its
source.

Numbers are compared by value, so Persian and Arabic-Indic digits count as their ASCII values
(``۱۰۰`` equals ``100``; ``1000`` is a change). Number words count too (``four`` equals ``4``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from ...core.document import normalize_text
from ...core.flags import Flag
from ...core.text import words
from ..registry import CheckContext, check

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12,
}
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], start=1)}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})

_NUMBER_WORD = set(_UNITS) | set(_SCALES) | set(_ORDINALS)


@dataclass(frozen=True)
class Quantity:
    value: float
    text: str  # as written in the text it came from
    start: int


@dataclass(frozen=True)
class DateMention:
    month: int
    day: int | None
    year: int | None
    text: str
    start: int
    end: int


def _digits_value(tok: str) -> float | None:
    tok = re.sub(r"(st|nd|rd|th)$", "", tok)
    if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", tok):
        tok = tok.replace(",", "")
    tok = tok.replace(",", ".") if re.fullmatch(r"\d+,\d{1,2}", tok) else tok
    try:
        return float(tok)
    except ValueError:
        return None


def _normalized(text: str) -> tuple[str, str]:
    """Return (text to search, text to quote from): quotes keep the original script when the
    normalized form has the same length (digits map one to one)."""
    norm = normalize_text(text)
    return norm, (text if len(text) == len(norm) else norm)


_MONTH = (
    r"(?P<m>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])\.?"
)
_DATE = re.compile(
    rf"(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?)?\b{_MONTH}"
    rf"(?:\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b)?(?:,?\s+(?P<y>\d{{4}})\b)?",
    re.I,
)


@lru_cache(maxsize=256)
def find_dates(text: str) -> tuple[DateMention, ...]:
    """Find month-based dates: "December", "December 28th", "28 December 2024", "Dec. 28".

    A lowercase month word counts only with a day ("may", "march" are verbs otherwise).
    """
    norm, shown = _normalized(text)
    out = []
    for m in _DATE.finditer(norm):
        day = m.group("d1") or m.group("d2")
        if m.group("m")[0].islower() and not day:
            continue
        out.append(DateMention(_MONTHS[m.group("m").lower()[:3]], int(day) if day else None,
                               int(m.group("y")) if m.group("y") else None,
                               shown[m.start() : m.end()], m.start(), m.end()))
    return tuple(out)


_WORDS_ALT = "|".join(sorted(_NUMBER_WORD, key=len, reverse=True))
# A number: digits (with separators, ordinal suffix, optional scale word), or a run of number
# words ("two hundred and fifty", "twenty-one"). Only these spans are visited, so long texts
# are scanned by the regex engine, not token by token in Python.
_QUANTITY = re.compile(
    rf"(?P<d>\d+(?:[.,]\d+)*(?:st|nd|rd|th)?)(?:\s+(?P<scale>{'|'.join(_SCALES)})\b)?"
    rf"|\b(?P<w>(?:{_WORDS_ALT})(?:(?:\s+and\s+|[\s-]+)(?:{_WORDS_ALT}))*)\b",
    re.I,
)


def _words_value(phrase: str) -> float:
    total = current = 0
    for w in re.split(r"[\s-]+", phrase.lower()):
        if w == "and":
            continue
        if w in _UNITS:
            current += _UNITS[w]
        elif w in _ORDINALS:
            current += _ORDINALS[w]
        else:
            current = max(current, 1) * _SCALES[w]
            if _SCALES[w] >= 1000:
                total, current = total + current, 0
    return float(total + current)


@lru_cache(maxsize=256)
def find_quantities(text: str, skip: tuple[tuple[int, int], ...] = ()) -> tuple[Quantity, ...]:
    """Find numbers written in digits (any script) or words; ``skip`` spans are ignored."""
    norm, shown = _normalized(text)
    out: list[Quantity] = []
    for m in _QUANTITY.finditer(norm):
        if any(a <= m.start() < b for a, b in skip):
            continue
        if m.group("d"):
            value = _digits_value(m.group("d"))
            if value is None:
                continue
            if m.group("scale"):
                value *= _SCALES[m.group("scale").lower()]
        else:
            value = _words_value(m.group("w"))
        out.append(Quantity(value, shown[m.start() : m.end()], m.start()))
    return tuple(out)


def _fmt(v: float) -> str:
    return str(int(v)) if v == int(v) else f"{v:g}"


def number_flags(source: str, candidate: str, *, report_dropped: bool = True) -> list[Flag]:
    """Flag numbers the candidate adds, drops or changes compared with the source."""
    src_dates = tuple((d.start, d.end) for d in find_dates(source) if d.day)
    cand_dates = tuple((d.start, d.end) for d in find_dates(candidate) if d.day)
    src = find_quantities(source, src_dates)
    cand = find_quantities(candidate, cand_dates)
    missing = Counter(q.value for q in src) - Counter(q.value for q in cand)
    extra = Counter(q.value for q in cand) - Counter(q.value for q in src)
    missing_q = [q for q in src if missing[q.value] > 0 and not missing.subtract([q.value])]
    extra_q = [q for q in cand if extra[q.value] > 0 and not extra.subtract([q.value])]
    flags: list[Flag] = []
    while missing_q and extra_q:  # in reading order: the n-th missing became the n-th extra
        was, now = missing_q.pop(0), extra_q.pop(0)
        same = was.text == _fmt(was.value)
        flags.append(
            Flag(
                "changed-number",
                now.text,
                f"source says {was.text}" + ("" if same else f" (= {_fmt(was.value)})"),
            )
        )
    flags += [
        Flag("added-number", q.text, f"{_fmt(q.value)} is not in the source") for q in extra_q
    ]
    if report_dropped:
        flags += [
            Flag("dropped-number", q.text, f"{_fmt(q.value)} from the source is missing")
            for q in missing_q
        ]
    return flags


def date_flags(source: str, candidate: str) -> list[Flag]:
    """Flag dates in the candidate more specific than, or absent from, the source."""
    src = find_dates(source)
    flags = []
    for d in find_dates(candidate):
        ok = any(
            s.month == d.month
            and (d.day is None or s.day == d.day)
            and (d.year is None or s.year == d.year)
            for s in src
        )
        if not ok:
            flags.append(Flag("added-date", d.text, "this date is not in the source"))
    return flags


_COMMON = set(
    """
a an the this that these those it its in on at of for to from by with as and or but if then so
he she they we you i his her their our your there here when while where which who whom what why how
however although though also meanwhile moreover furthermore therefore thus overall finally first
since after before during until despite according in addition on the other hand recently today
yesterday
mr mrs ms dr president minister prime foreign news agency group international republic government
""".split()
)


_NAME = re.compile(r"\b[A-Z][a-zA-Z]+(?:[-'][A-Za-z]+)*\b")


def _names(text: str) -> list[tuple[str, int]]:
    """Capitalized words that look like names.

    A sentence-initial word counts only when the next word is capitalized too ("Vladimir
    Putin said"): otherwise "Fine" in "Fine weather." would be a name. Function words never count.
    """
    out = []
    for m in _NAME.finditer(text):
        word = m.group(0)
        if word.lower() in _COMMON or word.lower() in _MONTHS or word.lower() in _NUMBER_WORD:
            continue
        before = text[: m.start()].rstrip()
        if not before or before[-1] in ".!?:;\"“”«»(":  # sentence-initial
            nxt = _NAME.match(text, m.end() + 1) if text[m.end() : m.end() + 1] == " " else None
            if nxt is None:
                continue
        out.append((word, m.start()))
    return out


def name_flags(
    source: str, candidate: str, context: str = "", min_ratio: float = 60.0
) -> list[Flag]:
    """Flag names in the candidate with no exact or close counterpart in the source.

    ``context`` (the rest of the article) also counts: a name the article uses elsewhere is
    not invented.
    """
    from rapidfuzz import fuzz, process

    src_words = _known_words(source) | _known_words(context)
    flags, seen = [], set()
    for word, _ in _names(candidate):
        low = word.lower()
        if low in seen or low in src_words or low.rstrip("s") in src_words:
            continue
        seen.add(low)
        best = process.extractOne(low, src_words, scorer=fuzz.ratio) if src_words else None
        if best is not None and best[1] >= min_ratio:
            continue  # a respelling ("Embraer" for "Ambrair"): shown as a name variant, not new
        flags.append(Flag("added-name", word, "this name is not in the source"))
    return flags


@lru_cache(maxsize=64)
def _known_words(text: str) -> frozenset[str]:
    return frozenset(w.lower() for w in words(normalize_text(text)) if len(w) >= 3)


def fidelity_flags(
    source: str, candidate: str, *, context: str = "", report_dropped: bool = True
) -> tuple[Flag, ...]:
    """Run every fidelity check of ``candidate`` against ``source`` (``context``: name_flags')."""
    return tuple(
        number_flags(source, candidate, report_dropped=report_dropped)
        + date_flags(source, candidate)
        + name_flags(source, candidate, context)
    )


@check("numbers", kinds=("added-number", "changed-number", "dropped-number"),
       help="numbers added, changed or dropped (by value; Persian digits count)")
def numbers(original: str, text: str, ctx: CheckContext) -> list[Flag]:
    return number_flags(original, text, report_dropped=ctx.kind != "summary")


@check("dates", kinds=("added-date",), help="dates absent from the original")
def dates(original: str, text: str, ctx: CheckContext) -> list[Flag]:
    return date_flags(original, text)


@check("names", kinds=("added-name",), help="names that appear nowhere in the article")
def names(original: str, text: str, ctx: CheckContext) -> list[Flag]:
    return name_flags(original, text, ctx.article)
