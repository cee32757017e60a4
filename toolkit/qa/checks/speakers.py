"""A quotation whose speaker the version no longer names (``lost-speaker``)."""

from __future__ import annotations

import re

from ...core.flags import Flag
from ...core.text import words
from ..registry import CheckContext, check
from ..text import QUOTED

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
        bare = QUOTED.sub(lambda m: " " * len(m.group()), sentence)
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

    ours = {w.casefold() for w in words(text)}
    flags = []
    for speaker in speakers(original):
        parts = [w.casefold() for w in speaker.split() if len(w) >= 3]
        if not parts:
            continue
        if any(
            w in ours or any(fuzz.ratio(w, o) >= 75 for o in ours if o[:1] == w[:1]) for w in parts
        ):
            continue
        flags.append(
            Flag("lost-speaker", speaker, "the original names this speaker; the version does not")
        )
    return flags


@check("lost-speaker", kinds=("lost-speaker",), applies_to=("generated", "given"),
       help="a quotation that lost its speaker")
def lost_speaker(original: str, text: str, ctx: CheckContext) -> list[Flag]:
    return speaker_flags(original, text)
