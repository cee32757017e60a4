"""A refusal or a remark to the user instead of a rendering (``refusal``)."""

from __future__ import annotations

import re

from ...core.flags import Flag
from ...core.text import words
from ..registry import CheckContext, check
from ..text import QUOTED

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
    bare = " ".join(QUOTED.sub(' "…" ', text).split())
    mine = " ".join(QUOTED.sub(' "…" ', original).split())
    theirs = {m.group().casefold() for m in _REFUSAL.finditer(mine)}
    theirs |= {m.group().casefold() for m in _REMARK.finditer(mine)}
    own_words = {w.casefold() for w in words(original)}
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



@check("refusal", kinds=("refusal",), applies_to=("generated", "given"),
       help="a refusal or a remark instead of a rendering")
def refusal(original: str, text: str, ctx: CheckContext) -> Flag | None:
    return refusal_flag(original, text)
