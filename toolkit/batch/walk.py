"""Find the articles of a folder, and map each to output names that stay inside the output folder.

The walk never leaves the input folder: a symlink whose target lies outside it is reported and
skipped, a folder reached twice (a symlink loop, or a second link to the same folder) is walked
once, and hidden names (``.git``, ``.DS_Store``, temporary files) are ignored. Relative paths are
built from the names the walk met, so they never contain ``..`` or start with ``/``.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import ConfigError

DEFAULT_GLOB = "**/*.{txt,md,html,htm}"
RESERVED = frozenset(
    {"index.html", "results.csv", "errors.csv"}
)  # written at the top of the output


class UnsafePath(ConfigError):
    """An output name that would land outside the output folder, or write through a symlink."""


@dataclass(frozen=True)
class Source:
    rel: str  # POSIX path relative to the input folder, as walked
    path: Path


@dataclass(frozen=True)
class Skipped:
    rel: str
    message: str
    kind: str


def compile_glob(pattern: str):
    """Return a predicate on relative POSIX paths for a glob with ``**``, ``*``, ``?``, ``[..]``
    and ``{a,b}``.

    ``*`` never crosses a ``/``; ``**/`` matches any number of folders (including none).
    Matching ignores case, so ``**/*.txt`` also finds ``NOTES.TXT``.
    """
    pattern = pattern.strip()
    if not pattern:
        raise ConfigError("--glob: empty pattern")
    if pattern.startswith("/") or ".." in pattern.split("/"):
        raise ConfigError(f"--glob {pattern!r}: must be relative to the input folder, without '..'")
    regexes = [
        re.compile(_translate(p), re.IGNORECASE | re.DOTALL) for p in _expand_braces(pattern)
    ]
    return lambda rel: any(r.fullmatch(rel) for r in regexes)


def _expand_braces(pattern: str) -> list[str]:
    m = re.search(r"\{([^{}]*)\}", pattern)
    if m is None:
        return [pattern]
    head, tail = pattern[: m.start()], pattern[m.end() :]
    return [x for alt in m.group(1).split(",") for x in _expand_braces(head + alt + tail)]


def _translate(pattern: str) -> str:
    out: list[str] = []
    parts = pattern.split("/")
    for k, part in enumerate(parts):
        last = k == len(parts) - 1
        if part == "**":
            out.append(".*" if last else "(?:[^/]*/)*")
            continue
        i = 0
        while i < len(part):
            c = part[i]
            if c == "*":
                out.append("[^/]*")
            elif c == "?":
                out.append("[^/]")
            elif c == "[" and (j := part.find("]", i + 2)) != -1:  # a ']' just after '[' is literal
                body = part[i + 1 : j].replace("\\", "\\\\")
                body = "^" + body[1:] if body.startswith("!") else body.replace("^", "\\^", 1)
                out.append("[" + body + "]")
                i = j
            else:
                out.append(re.escape(c))
            i += 1
        if not last:
            out.append("/")
    return "".join(out)


def find_articles(root: Path, pattern: str = DEFAULT_GLOB,
                  exclude: Path | None = None) -> tuple[list[Source], list[Skipped]]:
    """Return the files under ``root`` matching ``pattern`` (sorted), and what was skipped, why."""
    matches = compile_glob(pattern)
    root_real = root.resolve()
    exclude_real = exclude.resolve() if exclude is not None else None
    seen: set[tuple[int, int]] = set()
    found: list[Source] = []
    skipped: list[Skipped] = []

    def walk(folder: Path, prefix: str) -> None:
        try:
            st = folder.stat()
        except OSError as exc:
            skipped.append(
                Skipped(
                    prefix.rstrip("/") or ".",
                    f"cannot read folder ({exc.strerror or exc})",
                    "input",
                )
            )
            return
        if (st.st_dev, st.st_ino) in seen:  # a loop, or a second link to a folder already walked
            return
        seen.add((st.st_dev, st.st_ino))
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            skipped.append(
                Skipped(
                    prefix.rstrip("/") or ".",
                    f"cannot list folder ({exc.strerror or exc})",
                    "input",
                )
            )
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            rel = prefix + entry.name
            path = Path(entry.path)
            if entry.is_symlink():
                try:
                    target = path.resolve(strict=True)
                except (OSError, RuntimeError):
                    if matches(rel):
                        skipped.append(Skipped(rel, "broken symlink or symlink loop", "input"))
                    continue
                if not target.is_relative_to(root_real):
                    if target.is_dir() or matches(rel):
                        what = "folder" if target.is_dir() else "file"
                        message = f"symlinked {what} points outside the input folder; skipped"
                        skipped.append(Skipped(rel, message, "unsafe-path"))
                    continue
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                if exclude_real is not None and path.resolve() == exclude_real:
                    continue  # the output folder inside the input folder: never our own reports
                walk(path, rel + "/")
            elif matches(rel):
                if rel + ".html" in RESERVED:
                    skipped.append(
                        Skipped(
                            rel,
                            "its report would overwrite the index page; rename the file",
                            "unsafe-path",
                        )
                    )
                else:
                    found.append(Source(rel, path))

    walk(root, "")
    return found, skipped


def output_path(out_dir: Path, rel: str, suffix: str) -> Path:
    """Return ``out_dir/rel+suffix``, refusing any name or symlinked folder leading outside
    ``out_dir``."""
    parts = rel.split("/")
    if not rel or rel.startswith("/") or any(p in ("", ".", "..") for p in parts):
        raise UnsafePath(f"{display(rel)}: unsafe output name")
    path = out_dir.joinpath(*parts[:-1], parts[-1] + suffix)
    base = out_dir.resolve()
    parent = path.parent.resolve()
    if not parent.is_relative_to(base):
        raise UnsafePath(f"{display(rel)}: its output folder leads outside {out_dir} (a symlink?)")
    if path.is_symlink():
        raise UnsafePath(
            f"{display(rel)}{suffix}: the output is a symlink; refusing to write through it"
        )
    return path


def display(rel: str) -> str:
    """Return ``rel`` fit for text output: undecodable bytes replaced, control characters escaped.
    """
    text = rel.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return text if text.isprintable() else repr(text)[1:-1]
