"""Learn site furniture from a folder: lines that recur across many pages of one site.

A share bar, a footer or a "Most read" teaser list is the same on every page of a site, while
article text is not. ``parallax batch`` groups files by folder (a folder is usually one site's
pages), counts the distinct lines of each file, and calls a line furniture when it recurs in at
least half of the folder's files (and in two at least). Each file is then parsed with those
lines removed and noted (:func:`toolkit.ingest.load_article`'s ``furniture``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath

from ..core.errors import InputError
from .boilerplate import norm
from .decode import decode_with_notes
from .text import clean_line

MIN_FILES = 2
MIN_SHARE = 0.5


@dataclass(frozen=True)
class Furniture:
    """What recurs across one folder's files."""

    folder: str  # "" = the top folder
    files: int  # distinct files looked at
    lines: tuple[tuple[str, int], ...]  # (line as first seen, files it appears in)

    def reasons(self) -> dict[str, str]:
        """Map each line's key (:func:`norm`) to the reason it is removed."""
        where = f"folder {self.folder}" if self.folder else "the top folder"
        return {
            norm(line): f"recurs in {n} of {self.files} files of {where} (site furniture)"
            for line, n in self.lines
        }


def page_lines(data: bytes, suffix: str) -> list[str]:
    """Return the distinct text lines of a page (HTML: the text of its block elements)."""
    try:
        text = decode_with_notes(data, "<page>")[0]
    except InputError:  # undecodable or empty: it fails on its own when it is parsed
        return []
    if suffix.lower() in (".html", ".htm", ".xhtml") or text.lstrip()[:15].lower().startswith(
        ("<!doctype html", "<html")
    ):
        from .html import BLOCKS, DROP, parse_html

        tree = parse_html(text)
        for node in reversed(tree.css(DROP)):  # what never reaches the text is no furniture
            node.decompose()
        root = tree.body or tree.root
        if root is None:
            return []
        raw = [clean_line(n.text(separator=" ")) for n in root.css(BLOCKS)]
    else:
        raw = [clean_line(x.lstrip("#*->•· \t")) for x in text.split("\n")]
    return list(dict.fromkeys(x for x in raw if x))


def learn(pages: Iterable[tuple[str, bytes]]) -> dict[str, Furniture]:
    """Return the furniture of every folder, from ``(relative path, bytes)`` of its pages.

    Identical files count once; a line must have a word in it and be shorter than 400
    characters; the title of a page never recurs, article text rarely does.
    """
    by_folder: dict[str, dict[str, list[str]]] = {}
    seen: set[tuple[str, str]] = set()
    for rel, data in pages:
        folder = str(PurePosixPath(rel).parent)
        folder = "" if folder == "." else folder
        digest = hashlib.sha256(data).hexdigest()
        if (folder, digest) in seen:
            continue
        seen.add((folder, digest))
        by_folder.setdefault(folder, {})[rel] = page_lines(data, PurePosixPath(rel).suffix)
    out: dict[str, Furniture] = {}
    for folder, files in by_folder.items():
        if len(files) < MIN_FILES:
            continue
        counts: dict[str, int] = {}
        first: dict[str, str] = {}
        for lines in files.values():
            for key in {norm(x) for x in lines if len(x) < 400}:
                if key:
                    counts[key] = counts.get(key, 0) + 1
            for x in lines:
                first.setdefault(norm(x), x)
        need = max(MIN_FILES, MIN_SHARE * len(files))
        common = sorted((first[k], n) for k, n in counts.items() if n >= need)
        if common:
            out[folder] = Furniture(folder, len(files), tuple(common))
    return out


def folder_of(rel: str) -> str:
    """Return the folder key of a relative path ("" for the top folder)."""
    folder = str(PurePosixPath(rel).parent)
    return "" if folder == "." else folder
