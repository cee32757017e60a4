"""A glossary: terms of the source or the MT -> preferred English, and terms to keep as they are.

TOML::

    keep = ["AZAL", "Sputnik"]       # do not translate or respell these

    [terms]                          # as the source or the MT writes it = the English to use
    Ambrair = "Embraer"
    Actao = "Aktau"
    "امبرائر" = "Embraer"

CSV: one ``term,preferred[,note]`` row per entry (a first row ``term,preferred`` is a header); an
empty ``preferred`` keeps the term as it is. TBX is not read (no maintained reader ships on PyPI
without heavy dependencies); export it to CSV.

Preferred renderings go into the generation prompts (:meth:`Glossary.instruction`), and the
``glossary`` checks flag versions that miss them (``glossary-miss``).
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..core.errors import ConfigError
from ..core.flags import Flag


@dataclass(frozen=True)
class Term:
    """``term`` as the source or the MT writes it; ``preferred`` English (== ``term``: keep it)."""

    term: str
    preferred: str
    note: str = ""

    @property
    def keep(self) -> bool:
        return self.term == self.preferred


@lru_cache(maxsize=1024)
def _pattern(term: str, case: bool) -> re.Pattern[str]:
    body = r"\s+".join(re.escape(w) for w in term.split())
    return re.compile(rf"(?<![^\W_]){body}(?![^\W_])", 0 if case else re.I)


def contains(text: str, term: str, *, case: bool = False) -> bool:
    """Tell whether ``term`` occurs in ``text`` as whole words (ignoring case unless ``case``)."""
    return bool(term.strip()) and _pattern(term, case).search(text) is not None


@dataclass(frozen=True)
class Glossary:
    terms: tuple[Term, ...]
    path: str = ""
    sha256: str = ""

    def __len__(self) -> int:
        return len(self.terms)

    def found_in(self, text: str) -> tuple[Term, ...]:
        """Return the entries whose term (or preferred rendering) occurs in ``text``."""
        return tuple(
            t
            for t in self.terms
            if contains(text, t.term, case=t.keep) or (not t.keep and contains(text, t.preferred))
        )

    def instruction(self, text: str, prompts) -> str:
        """Return the prompt lines that ask for this glossary's renderings of ``text``'s terms."""
        found = self.found_in(text)
        use = [t for t in found if not t.keep and not contains(text, t.preferred)]
        keep = [t for t in found if t.keep]
        lines = []
        if use:
            pairs = ", ".join(f'every "{t.term}" with "{t.preferred}"' for t in use)
            lines.append(prompts.format("glossary", "use", terms=pairs))
        if keep:
            lines.append(
                prompts.format("glossary", "keep", terms=", ".join(f'"{t.term}"' for t in keep))
            )
        return "\n".join(lines)

    def flags(self, text: str, *, original: str, source: str | None = None) -> list[Flag]:
        """Flag a version that misses a preferred rendering or changes a kept term.

        An entry applies when its term occurs in the original or the source, or its preferred
        rendering already occurs in the original (a version must not undo it).
        """
        flags = []
        for t in self.terms:
            in_ref = contains(original, t.term, case=t.keep) or bool(
                source and contains(source, t.term, case=t.keep)
            )
            if t.keep:
                if in_ref and not contains(text, t.term, case=True):
                    flags.append(
                        Flag("glossary-miss", t.term, f"glossary: keep {t.term!r} as it is")
                    )
                continue
            if not (in_ref or contains(original, t.preferred)):
                continue
            if contains(text, t.preferred):
                continue
            has_term = contains(text, t.term)
            flags.append(
                Flag(
                    "glossary-miss",
                    t.term if has_term else t.preferred,
                    f"glossary: {t.term} -> {t.preferred}; "
                    + (
                        f"the version still writes {t.term}"
                        if has_term
                        else f"the version does not write {t.preferred}"
                    ),
                )
            )
        return flags

    def original_flags(self, original: str, *, source: str | None = None) -> list[Flag]:
        """Flag glossary terms the machine translation renders otherwise."""
        flags = []
        for t in self.terms:
            if t.keep:
                if (
                    source
                    and contains(source, t.term, case=True)
                    and not contains(original, t.term, case=True)
                ):
                    flags.append(
                        Flag("glossary-miss", t.term, f"glossary: keep {t.term!r} as it is")
                    )
                continue
            if contains(original, t.preferred):
                continue
            if contains(original, t.term) or (source and contains(source, t.term)):
                flags.append(Flag("glossary-miss", t.term, f"glossary: {t.term} -> {t.preferred}"))
        return flags


def load_glossary(path: str | Path) -> Glossary:
    """Read a TOML or CSV glossary; a bad file is a one-line error."""
    from ..core.datafiles import TABLE_LIMIT, TOML_LIMIT, read_text

    p = Path(path).expanduser()
    suffix = p.suffix.lower()
    text, raw = read_text(p, "glossary file", TOML_LIMIT if suffix == ".toml" else TABLE_LIMIT)
    if suffix == ".toml":
        terms = _from_toml(text, p)
    elif suffix in (".csv", ".tsv", ".txt"):
        terms = _from_csv(text, p, "\t" if suffix == ".tsv" else ",")
    elif suffix in (".tbx", ".xml"):
        raise ConfigError(
            f"{p}: TBX glossaries are not read; export the terms to CSV (term,preferred)"
        )
    else:
        raise ConfigError(f"{p}: a glossary is a .toml or .csv file")
    if not terms:
        raise ConfigError(f"{p}: the glossary has no entries")
    return Glossary(tuple(terms), str(p), hashlib.sha256(raw).hexdigest())


def _from_toml(text: str, p: Path) -> list[Term]:
    from ..core.datafiles import loads_toml

    data = loads_toml(text, str(p), "glossary file")
    unknown = set(data) - {"terms", "keep"}
    if unknown:
        raise ConfigError(
            f"{p}: unknown glossary key(s) {', '.join(sorted(unknown))}; "
            "expected [terms] and keep = [...]"
        )
    terms = data.get("terms", {})
    keep = data.get("keep", [])
    if not isinstance(terms, dict) or not all(isinstance(v, str) for v in terms.values()):
        raise ConfigError(
            f'{p}: [terms] maps each term to its preferred English, e.g. Ambrair = "Embraer"'
        )
    if not isinstance(keep, list) or not all(isinstance(k, str) for k in keep):
        raise ConfigError(f'{p}: keep is a list of strings, e.g. keep = ["AZAL"]')
    out = [Term(k.strip(), (v.strip() or k.strip())) for k, v in terms.items() if k.strip()]
    out += [Term(k.strip(), k.strip()) for k in keep if k.strip()]
    return out


def _from_csv(text: str, p: Path, delimiter: str) -> list[Term]:
    rows = [
        r for r in csv.reader(io.StringIO(text), delimiter=delimiter) if any(c.strip() for c in r)
    ]
    if rows and [c.strip().lower() for c in rows[0][:2]] in (
        ["term", "preferred"],
        ["source", "target"],
    ):
        rows = rows[1:]
    out = []
    for n, row in enumerate(rows, 1):
        term = row[0].strip()
        if not term or term.startswith("#"):
            continue
        preferred = row[1].strip() if len(row) > 1 and row[1].strip() else term
        out.append(Term(term, preferred, row[2].strip() if len(row) > 2 else ""))
    return out
