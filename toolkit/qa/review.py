"""Known false positives: flags a reader marked as acceptable, kept in ``parallax.review.toml``.

The file sits beside the article (or is given with ``--review FILE``); every run marks the
flags it lists as reviewed: still shown (as reviewed), never counted, never failing
``--fail-on``. Entries match by paragraph id, flag kind and the flag's quoted text, so they
survive reruns (paragraph ids are stable for the same article text)::

    [[reviewed]]
    paragraph = "s2.p2"          # a paragraph id; a section id or "article" for summaries; "*" any
    kind = "leftover-script"      # the flag kind
    text = "»"                    # the flag's quoted text, exactly as the report shows it
    version = "original"          # optional: "original", "summary", a strategy or a given version
    article = "caucasus-moscow-baku.txt"  # optional: the article's file name (one file per folder)
    note = "a stray mark of the site, harmless"  # optional; also reviewer = "...", date = "..."
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

from ..core.errors import ConfigError, InputError
from ..core.flag_walk import Place, map_flags
from ..core.flags import Flag
from ..core.results import Result

REVIEW_FILE = "parallax.review.toml"
_REQUIRED = ("paragraph", "kind", "text")
_OPTIONAL = ("version", "article", "note", "reviewer", "date")


@dataclass(frozen=True)
class ReviewEntry:
    paragraph: str
    kind: str
    text: str
    version: str = ""  # "" = any version
    article: str = ""  # "" = any article
    note: str = ""

    def matches(self, article: str, paragraph: str, version: str, flag: Flag) -> bool:
        if flag.kind != self.kind or " ".join(flag.text.split()) != " ".join(self.text.split()):
            return False
        if self.paragraph not in ("*", paragraph):
            return False
        if self.version and self.version != version:
            return False
        if self.article and article:
            return self.article in (article, PurePosixPath(article).name)
        return True


@dataclass(frozen=True)
class Review:
    entries: tuple[ReviewEntry, ...]
    path: str = ""

    def is_reviewed(self, article: str, paragraph: str, version: str, flag: Flag) -> bool:
        return any(e.matches(article, paragraph, version, flag) for e in self.entries)

    def for_article(self, article: str) -> Review:
        """Return the entries that can apply to ``article`` (a file name or relative path)."""
        name = PurePosixPath(article).name
        return Review(
            tuple(e for e in self.entries if not e.article or e.article in (article, name)),
            self.path,
        )

    @property
    def digest(self) -> str:
        """Return a hash of the entries (it joins a batch cache key: edits recompute)."""
        import hashlib

        text = repr(
            sorted((e.paragraph, e.kind, e.text, e.version, e.article) for e in self.entries)
        )
        return hashlib.sha256(text.encode()).hexdigest()

    def mark(
        self, flags: tuple[Flag, ...], article: str, paragraph: str, version: str
    ) -> tuple[Flag, ...]:
        """Return ``flags`` with the listed ones marked reviewed."""
        return tuple(
            replace(f, reviewed=True)
            if not f.reviewed and self.is_reviewed(article, paragraph, version, f)
            else f
            for f in flags
        )


def load_review(path: str | Path) -> Review:
    """Read a review file; a malformed one is a one-line error naming the entry."""
    from ..core.datafiles import read_toml_file

    p = Path(path).expanduser()
    data = read_toml_file(p, "review file", error=InputError)[0]
    raw = data.get("reviewed", [])
    if not isinstance(raw, list):
        raise ConfigError(f"{p}: entries are [[reviewed]] tables")
    entries = []
    for n, item in enumerate(raw, 1):
        if not isinstance(item, dict):
            raise ConfigError(f"{p}: [[reviewed]] entry {n} is not a table")
        missing = [k for k in _REQUIRED if not isinstance(item.get(k), str)]
        if missing:
            raise ConfigError(f"{p}: [[reviewed]] entry {n} needs {', '.join(missing)} (strings)")
        wrong = [k for k in ("version", "article", "note") if not isinstance(item.get(k, ""), str)]
        if wrong:
            raise ConfigError(f"{p}: [[reviewed]] entry {n}: {', '.join(wrong)} must be a string")
        entries.append(
            ReviewEntry(
                item["paragraph"],
                item["kind"],
                item["text"],
                item.get("version", ""),
                item.get("article", ""),
                item.get("note", ""),
            )
        )
    return Review(tuple(entries), str(p))


def review_beside(article_path: str | Path) -> Path | None:
    """Return ``parallax.review.toml`` in the article's folder, if there is one."""
    candidate = Path(article_path).expanduser().parent / REVIEW_FILE
    return candidate if candidate.is_file() else None


def apply_review(result: Result, review: Review | None, article: str = "") -> Result:
    """Return ``result`` with reviewed flags marked, wherever they sit (the one flag walk).

    ``article`` is the article's file name or relative path, matched against entries that name
    one (default: the article's recorded path). An entry's ``version`` is the place's version:
    ``original``, ``summary``, a strategy, or a given version's name.
    """
    if review is None or not review.entries:
        return result
    article = article or result.article.metadata.path or ""

    def mark(place: Place, flags: tuple[Flag, ...]) -> tuple[Flag, ...]:
        marked = review.mark(flags, article, place.paragraph, place.version)
        return flags if marked == flags else marked

    return map_flags(result, mark)
