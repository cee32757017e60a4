"""The Flag, the one table of flag kinds every check, task and renderer reads, and the one
table of how each group of flags looks (:data:`GROUPS`: HTML, charts and the terminal).

A flag kind is registered once with its group (what colour and legend it gets), severity
(``info`` < ``minor`` < ``major``: what ``--fail-on`` compares), help text and terminal style.
Producing a flag of a kind that is not in the table is a bug (a test walks the code for them).
Plugins add kinds with ``FLAG_KINDS.register(kind, FlagKind(...))`` or :func:`flag_kind`.
"""

from __future__ import annotations

from dataclasses import dataclass

from .registry import Registry

SEVERITIES = ("info", "minor", "major")


@dataclass(frozen=True)
class FlagGroup:
    """How the flags of a group look, everywhere: HTML chips and legends, charts, the terminal."""

    help: str
    colour: str  # text and border colour (HTML), bar colour (charts)
    background: str  # chip background (HTML); "" = none
    terminal: str  # rich style


# The one flag style table: every renderer and chart takes its colours from here.
GROUPS = {
    "fact": FlagGroup("facts added, changed or dropped", "#b3261e", "#fdecea", "bold red"),
    "noise": FlagGroup("machine-translation noise in the text", "#0b6e99", "#e6f4fb", "magenta"),
    "bad": FlagGroup("an unusable model reply", "#8a5a00", "#fff6e0", "yellow"),
    "qa": FlagGroup("translator QA", "#5b3f99", "#f1ecfb", "cyan"),
    "info": FlagGroup("notes on how a text was made", "#5d6677", "", "dim"),
}


@dataclass(frozen=True)
class Flag:
    """``kind`` names the problem (``added-date``, ``leftover-script`` ...); ``text`` quotes it."""

    kind: str
    text: str = ""
    detail: str = ""
    reviewed: bool = False  # marked acceptable in a review file: shown, never counted

    @property
    def severity(self) -> str:
        """The severity of the flag's kind in the flag table (``info`` for an unknown kind)."""
        return kind_info(self.kind).severity

    def as_dict(self) -> dict[str, str | bool]:
        """Return the flag as plain data (what JSON reports hold), with its severity."""
        return {"kind": self.kind, "text": self.text, "detail": self.detail,
                "reviewed": self.reviewed, "severity": self.severity}


@dataclass(frozen=True)
class FlagKind:
    """What a flag kind means and how it is shown."""

    kind: str
    group: str  # a key of GROUPS
    severity: str  # one of SEVERITIES
    help: str
    style: str = ""  # rich style for the terminal ("" = its group's)
    quote: bool = True  # show the flag's text beside its kind in chips

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"flag kind {self.kind!r}: severity must be one of {SEVERITIES}")
        if self.group not in GROUPS:
            raise ValueError(f"flag kind {self.kind!r}: group must be one of {tuple(GROUPS)}")

    @property
    def terminal_style(self) -> str:
        return self.style or GROUPS[self.group].terminal

FLAG_KINDS: Registry[FlagKind] = Registry("flag kind")


def flag_kind(kind: str, group: str, severity: str, help: str, *, style: str = "",
              quote: bool = True) -> FlagKind:
    """Register a flag kind (built-ins and plugins alike) and return it."""
    return FLAG_KINDS.register(kind, FlagKind(kind, group, severity, help, style, quote))


def kind_info(kind: str) -> FlagKind:
    """Return the table entry of ``kind``; an unknown kind is shown as ``info`` with no help."""
    if kind in FLAG_KINDS:
        return FLAG_KINDS.get(kind)
    return FlagKind(kind, "info", "info", "")


def severity_rank(severity: str) -> int:
    """Order severities: info 0, minor 1, major 2."""
    return SEVERITIES.index(severity)


# ------------------------------------------------------------------ the built-in kinds
# fidelity checks (qa/checks/facts.py, comparison/evidence.py)
flag_kind("added-number", "fact", "major", "a number the alternative has and the original does not")
flag_kind("changed-number", "fact", "major",
          "a number that differs from the original's (Persian digits count as their value)")
flag_kind("dropped-number", "fact", "major", "a number of the original that the alternative lost")
flag_kind("added-date", "fact", "major", "a date more specific than, or absent from, the original")
flag_kind("added-name", "fact", "major", "a name that appears nowhere in the article")
flag_kind("unsupported", "fact", "minor", "a summary sentence no source sentence supports")
flag_kind("model-unsupported", "fact", "minor",
          "a summary sentence the model finds no more likely with its source than without it")
# meaning changes (qa/checks/meaning.py) and summaries against their evidence
# (qa/checks/contradiction.py)
flag_kind("changed-time", "fact", "major",
          "a relative time changed or added (\"on Monday\" became \"yesterday\", "
          "\"last week\" added)")
flag_kind("changed-role", "fact", "major",
          "a person's role or title changed (deputy or former dropped, minister became president) "
          "or added")
flag_kind("added-explanation", "fact", "minor",
          "an apposition or clause explaining who or what something is, with words the original "
          "never gave (\", a city in southern Russia,\")")
flag_kind("lost-quote", "fact", "minor",
          "a quotation of the original turned into reported speech, or its quotation marks lost")
flag_kind("dropped-name", "fact", "major", "a name or place of the original that the version lost")
flag_kind("dropped-date", "fact", "major",
          "a date or relative time of the original that the version lost (or its day or month)")
flag_kind("swapped-role", "fact", "major",
          "a summary sentence that swaps who did what to whom (actors, nationalities, places, "
          "numbers) against its evidence sentence")
flag_kind("contradicts-evidence", "fact", "major",
          "a summary sentence whose actor, place or number differs from its evidence sentence's")
# versions made elsewhere, aligned to the article (comparison/versions.py)
flag_kind("missing-text", "fact", "major",
          "article sentences this version has no counterpart for (dropped or not translated)")
flag_kind("extra-text", "info", "minor",
          "text of this version with no counterpart in the article (added, or boilerplate)")
# machine-translation noise (qa/checks/noise.py)
flag_kind("leftover-script", "noise", "minor", "non-Latin script left in the machine translation")
flag_kind("name-variant", "noise", "minor",
          "a name the versions spell differently (a given version: a known place misspelled)")
# unusable replies (tasks/)
flag_kind("empty", "bad", "major", "the model returned nothing", quote=False)
flag_kind("identical", "bad", "minor", "the model returned the original unchanged", quote=False)
flag_kind("prompt-copy", "bad", "major", "the model repeated its instructions", quote=False)
flag_kind("copy", "bad", "minor", "the summary copies its source verbatim", quote=False)
flag_kind("duplicate", "bad", "info", "two strategies gave the same text", quote=False)
flag_kind("cut-off", "bad", "minor", "the reply reached its token budget", quote=False)
flag_kind("no-source", "bad", "minor", "no source-language paragraph was aligned to this one",
          quote=False)
flag_kind("repetitive", "bad", "major", "the reply repeats a phrase in a loop", quote=False)
flag_kind("wrong-script", "bad", "major", "the reply is not in English (Latin script)", quote=False)
# how a text was made (tasks/)
flag_kind("trimmed", "info", "info", "cut to the requested number of sentences", quote=False)
flag_kind("retried", "info", "info", "the first reply was unusable; asked again", quote=False)
flag_kind("dropped-meta", "info", "info",
          "sentences about the text itself (\"This article...\") were removed from the summary")
# translator QA (qa/checks/*.py, qa/glossary.py); see README "Translator QA"
flag_kind("url-mismatch", "qa", "major", "a URL of the original that the version lost or changed")
flag_kind("email-mismatch", "qa", "major",
          "an e-mail address of the original that the version lost or changed")
flag_kind("handle-mismatch", "qa", "minor",
          "an @handle or #hashtag of the original that the version lost or changed")
flag_kind("unpaired-bracket", "qa", "minor", "a bracket that is never closed, or closes nothing")
flag_kind(
    "unpaired-quote", "qa", "minor", "a quotation mark that is never closed, or closes nothing"
)
flag_kind("doubled-word", "qa", "minor", "the same word twice in a row (\"the the\")")
flag_kind(
    "spacing",
    "qa",
    "info",
    'a doubled space, a space before punctuation, or none after it ("word ,", "end.Next")',
)
flag_kind("end-punctuation", "qa", "minor",
          "the paragraph ends differently from the original (a question became a statement...)")
flag_kind("length-ratio", "qa", "major",
          "far shorter or longer than the original: an omission, or text invented around it")
flag_kind("far-from-mt", "qa", "minor",
          "an independent translation (from the source, a round trip) that shares little with "
          "the MT: one of them is badly wrong here", quote=False)
flag_kind("untranslated", "qa", "major",
          "left in the source language (identical to --source, or mostly in its script)")
flag_kind("inconsistent-term", "qa", "minor",
          "one name or term of the original rendered two ways in one article")
flag_kind("lost-speaker", "qa", "major", "a quotation whose speaker the version no longer names")
flag_kind("refusal", "qa", "major",
          "not a rendering: a refusal (\"I'm sorry, but I cannot...\") or a remark to the user",
          quote=True)
flag_kind("glossary-miss", "qa", "minor",
          "a glossary term whose preferred rendering is missing, or a kept term that was changed")
# ingest (toolkit/ingest/): kept paragraphs it has doubts about
flag_kind("glued-sentence", "noise", "minor",
          "two sentences glued with no space after the full stop (split for sentence work; "
          "the text is shown as it was)")
flag_kind("maybe-boilerplate", "noise", "info",
          "possibly site furniture (a teaser, a trailing line); kept because the judgement is "
          "uncertain")
