"""Machine-translation noise in the original: leftover source script, and respelled names."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from ...core.document import normalize_digits
from ...core.flags import Flag
from ..names import name_candidates, name_words, respelling, romanization_note
from ..registry import CheckContext, check

_JOINERS = " \u200c\u200d\u00a0"  # spaces and the zero-width (non-)joiners Persian uses
_SCRIPT_PUNCTUATION = {"ARABIC": "Arabic", "IDEOGRAPHIC": "CJK", "HEBREW": "Hebrew"}


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


def name_variants(
    original: str, others: Sequence[str], labels: Sequence[str] | None = None
) -> tuple[Flag, ...]:
    """Flag names in ``original`` that other versions spell differently ("Ambrair -> Embraer").

    A version has a variant of a name when it lacks the name but has a capitalized word whose
    spelling key (case, accents, c/k/q, y/i, w/v and doubled letters folded) has a rapidfuzz
    ratio of at least ``names.NAME_MIN_RATIO`` with the name's key, a length within
    ``names.NAME_MAX_LENGTH_GAP``, and is not the name plus an ending (Russia / Russian). Words the
    original itself uses are never variants. ``labels`` names the versions in the detail
    (default ``alternative 1``, ``alternative 2``...).
    """
    if labels is None:
        labels = [f"alternative {k}" for k in range(1, len(others) + 1)]
    if len(labels) != len(others):
        raise ValueError(f"{len(labels)} labels for {len(others)} versions")
    words = [name_words(original), *(name_words(t) for t in others)]
    lowered = {w for ws in words for w in ws if w.islower()}
    own = {w.lower() for w in words[0]}
    found: dict[tuple[str, str], list[str]] = {}
    for name in name_candidates(words[0], lowered):
        for label, theirs in zip(labels, words[1:]):
            variant = respelling(name, theirs, own, lowered)
            if variant is not None:
                found.setdefault((name, variant), []).append(label)
    return tuple(
        Flag("name-variant", f"{name} -> {variant}",
             "in " + ", ".join(where) + romanization_note(name, variant))
        for (name, variant), where in found.items()
    )


@check("leftover-script", kinds=("leftover-script",), target="original",
       help="non-Latin script and stray guillemets left in the machine translation")
def leftover(original: str, _: str, ctx: CheckContext) -> tuple[Flag, ...]:
    return leftover_script(original)


@check("name-variant", kinds=("name-variant",), applies_to=("given",),
       help="a place name of the original that a given version misspells")
def name_variant(original: str, text: str, ctx: CheckContext) -> list[Flag]:
    """Flag a real place name of the original (the offline gazetteer's) that this given version
    respells into no known place ("Kazakhstan" -> "Kazakstan").

    A respelling is as often a fix of the machine translation (Actao -> Aktau) as a slip, so only
    this evidence counts here; a version that writes a name one way in some paragraphs and
    another way in others is ``inconsistent-term``'s. Alternatives are compared with each other
    on the original instead (:func:`name_variants` in the paragraph comparison).
    """
    found = name_variants(original, [text], [ctx.version or "this version"])
    if not found:
        return []
    from ..gazetteer import place_countries

    places = place_countries()
    out = []
    for f in found:
        name, variant = f.text.split(" -> ", 1)
        if name.lower() in places and variant.lower() not in places:
            out.append(Flag(f.kind, f.text, f"the original writes {name}, a known place"))
    return out
