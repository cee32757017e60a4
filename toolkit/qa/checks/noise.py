"""Machine-translation noise in the original: leftover source script, and respelled names."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from rapidfuzz import fuzz

from ...core.document import normalize_digits
from ...core.flags import Flag

NAME_MIN_RATIO = 70.0
"""rapidfuzz ratio (0-100) of two names' spelling keys from which they count as variants."""

NAME_MIN_LENGTH = 4  # shorter capitalized words ("The", "In", "Az") say too little
NAME_MAX_LENGTH_GAP = 2  # respellings keep the length; "Iran" and "Yerevan" are not variants

_JOINERS = " \u200c\u200d\u00a0"  # spaces and the zero-width (non-)joiners Persian uses
_SCRIPT_PUNCTUATION = {"ARABIC": "Arabic", "IDEOGRAPHIC": "CJK", "HEBREW": "Hebrew"}

# Capitalized words that start sentences without being names.
_COMMON = frozenset("""
about after against also although among another because before both despite during each even
every following for from further however instead meanwhile moreover most many more nevertheless
other over overall since some still such than that their then there therefore these they this
those though through thus today under until when where whether which while with within without
yesterday according accordingly besides finally first second third last next here
""".split())

_WORD = re.compile(r"[^\W\d_][\w'’]*")
_SPELLING = str.maketrans({"c": "k", "q": "k", "y": "i", "w": "v"})
_ENDINGS = ("ian", "ean", "ese", "ish", "an", "n", "i", "s")  # Ukrainian, Chinese, Turkish...


def _script(ch: str) -> str | None:
    """Name the non-Latin script of a letter, digit or script punctuation; None otherwise."""
    if ch.isascii():
        return None
    folded = unicodedata.normalize("NFKC", ch)
    if folded.isascii():  # fullwidth letters, ligatures, ordinal indicators
        return None
    name = unicodedata.name(folded[0], "")
    first = name.split(" ")[0]
    category = unicodedata.category(ch)
    if category == "Nd":
        if name.startswith("EXTENDED ARABIC-INDIC"):
            return "Persian digits"
        return name.split(" DIGIT")[0].title() + " digits"
    if category[0] in "LM" and first not in ("LATIN", "MODIFIER", "COMBINING", ""):
        return "CJK script" if first == "CJK" else f"{first.title()} script"
    if category[0] == "P" and first in _SCRIPT_PUNCTUATION:
        return f"{_SCRIPT_PUNCTUATION[first]} script"
    return None


def _script_runs(text: str) -> list[tuple[int, str, list[str]]]:
    """Find runs of non-Latin characters, joined across spaces: (start, run, script names)."""
    runs: list[tuple[int, int, list[str]]] = []  # start, end, scripts
    for i, ch in enumerate(text):
        script = _script(ch)
        if script is None:
            continue
        if runs and not text[runs[-1][1] : i].strip(_JOINERS):
            runs[-1] = (runs[-1][0], i + 1, runs[-1][2])
        else:
            runs.append((i, i + 1, []))
        if script not in runs[-1][2]:
            runs[-1][2].append(script)
    return [(start, text[start:end], scripts) for start, end, scripts in runs]


def _stray_guillemets(text: str) -> list[tuple[int, str, str]]:
    """Find « and » that do not pair up as «...» (start, mark, detail)."""
    stray: list[tuple[int, str, str]] = []
    opened: list[int] = []
    for m in re.finditer("[«»]", text):
        if m.group() == "«":
            opened.append(m.start())
        elif opened:
            opened.pop()
        else:
            stray.append((m.start(), "»", "closing guillemet without an opening one"))
    stray.extend((i, "«", "opening guillemet that is never closed") for i in opened)
    return stray


def _context(text: str, i: int) -> str:
    """Return the character at ``i`` with the word on either side, as written."""
    before = re.search(r"\S*\s*$", text[:i]).group()
    after = re.match(r"\s*\S*", text[i + 1 :]).group()
    return " ".join((before + text[i] + after).split())


def leftover_script(text: str) -> tuple[Flag, ...]:
    """Flag runs of non-Latin script (Persian digits, Arabic, Cyrillic, CJK...) and stray « ».

    A run's detail names its scripts and, when it holds digits, their ASCII value:
    ``Flag("leftover-script", "۱۰۰", "Persian digits = 100")``.
    """
    found: list[tuple[int, Flag]] = []
    for start, run, scripts in _script_runs(text):
        detail = ", ".join(scripts)
        if any(s.endswith("digits") for s in scripts):
            detail += f" = {normalize_digits(run)}"
        found.append((start, Flag("leftover-script", run, detail)))
    for start, mark, detail in _stray_guillemets(text):
        found.append((start, Flag("leftover-script", mark, f"{detail}: {_context(text, start)}")))
    return tuple(flag for _, flag in sorted(found, key=lambda x: x[0]))


def _spelling_key(word: str) -> str:
    """Fold what transliterations vary: case, accents, c/k/q, y/i, w/v, doubled letters."""
    word = unicodedata.normalize("NFKD", word.lower()).encode("ascii", "ignore").decode()
    return re.sub(r"(.)\1+", r"\1", word.translate(_SPELLING))


def _words(text: str) -> list[str]:
    """Return the words of ``text`` without possessive endings (Baku's -> Baku)."""
    return [re.sub(r"['’]s$", "", w) for w in _WORD.findall(text)]


def _derived(a: str, b: str) -> bool:
    """Tell whether one spelling key is the other plus an ending (russia / russian, turkish)."""
    short, long = sorted((a, b), key=len)
    if len(short) == len(long):
        return False
    stem = short.rstrip("aeiou")
    return long.startswith(short) or any(
        long.endswith(e) and long[: -len(e)].rstrip("aeiou") == stem for e in _ENDINGS
    )


def _names(words: Sequence[str], lowered: set[str]) -> list[str]:
    """Return capitalized words that look like names: long enough, never written in lowercase."""
    return list(
        dict.fromkeys(
            w
            for w in words
            if w[0].isupper()
            and len(w) >= NAME_MIN_LENGTH
            and w.lower() not in _COMMON
            and w.lower() not in lowered
        )
    )


def _variant(name: str, words: Sequence[str], own: set[str], lowered: set[str]) -> str | None:
    """Return the name in ``words`` that best looks like a respelling of ``name``, if any."""
    key = _spelling_key(name)
    if not key or name.lower() in {w.lower() for w in words}:
        return None
    best, best_ratio = None, 0.0
    for word in _names(words, lowered):
        other = _spelling_key(word)
        if (
            word.lower() in own
            or abs(len(other) - len(key)) > NAME_MAX_LENGTH_GAP
            or _derived(key, other)
        ):
            continue
        ratio = fuzz.ratio(key, other)
        if ratio >= NAME_MIN_RATIO and ratio > best_ratio:
            best, best_ratio = word, ratio
    return best


def name_variants(
    original: str, others: Sequence[str], labels: Sequence[str] | None = None
) -> tuple[Flag, ...]:
    """Flag names in ``original`` that other versions spell differently ("Ambrair -> Embraer").

    A version has a variant of a name when it lacks the name but has a capitalized word whose
    spelling key (case, accents, c/k/q, y/i, w/v and doubled letters folded) has a rapidfuzz
    ratio of at least ``NAME_MIN_RATIO`` with the name's key, a length within
    ``NAME_MAX_LENGTH_GAP``, and is not the name plus an ending (Russia / Russian). Words the
    original itself uses are never variants. ``labels`` names the versions in the detail
    (default ``alternative 1``, ``alternative 2``...).
    """
    if labels is None:
        labels = [f"alternative {k}" for k in range(1, len(others) + 1)]
    if len(labels) != len(others):
        raise ValueError(f"{len(labels)} labels for {len(others)} versions")
    words = [_words(original), *(_words(t) for t in others)]
    lowered = {w for ws in words for w in ws if w.islower()}
    own = {w.lower() for w in words[0]}
    found: dict[tuple[str, str], list[str]] = {}
    for name in _names(words[0], lowered):
        for label, theirs in zip(labels, words[1:]):
            variant = _variant(name, theirs, own, lowered)
            if variant is not None:
                found.setdefault((name, variant), []).append(label)
    return tuple(
        Flag("name-variant", f"{name} -> {variant}", "in " + ", ".join(where))
        for (name, variant), where in found.items()
    )
