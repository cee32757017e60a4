"""Read the structured files a user gives: config profiles, prompts, glossaries, review files, JSON
reports and choices files.

Each is read whole and parsed in memory, so each is bounded: a file larger than its limit, a
pipe or device, text that is not UTF-8, nesting deeper than :data:`MAX_DEPTH`, a number of
thousands of digits: every problem is a one-line error naming the file, never a traceback or a
process that reads forever. Imports nothing from the package but its errors.
"""

from __future__ import annotations

import json
import stat
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .errors import ConfigError, InputError, ParallaxError

MB = 2**20
TOML_LIMIT = 4 * MB  # tomllib parses ~0.5 MB/s on a slow core: a config file is never this big
TABLE_LIMIT = 16 * MB  # a CSV glossary of a large terminology base
JSON_LIMIT = 64 * MB  # the JSON report of a long article
MAX_DEPTH = 64  # no Parallax file nests deeper than 5


def read_text(
    path: str | Path, what: str, limit: int, error: type[ParallaxError] = InputError
) -> tuple[str, bytes]:
    """Return the UTF-8 text of ``path`` (a byte-order mark dropped) and its bytes."""
    p = Path(path).expanduser()
    try:
        st = p.stat()
        if stat.S_ISDIR(st.st_mode):
            raise error(f"{p}: is a directory, expected a {what}")
        if not stat.S_ISREG(st.st_mode):
            raise error(f"{p}: not a regular file (a pipe, socket or device), expected a {what}")
        if st.st_size > limit:
            raise error(
                f"{p}: the {what} is {st.st_size / MB:.0f} MB; the limit is {limit // MB} MB"
            )
        with open(p, "rb") as f:
            raw = f.read(limit + 1)
    except FileNotFoundError:
        raise error(f"{p}: no such {what}") from None
    except OSError as exc:
        raise error(f"{p}: cannot read the {what} ({exc.strerror or exc})") from None
    except ValueError:  # an embedded NUL in the name
        raise error(f"{p}: not a valid file name") from None
    if len(raw) > limit:
        raise error(f"{p}: the {what} grew past the {limit // MB} MB limit while being read")
    try:
        return raw.decode("utf-8-sig"), raw
    except UnicodeDecodeError as exc:
        raise error(f"{p}: the {what} is not UTF-8 text (byte {exc.start})") from None


def loads_toml(text: str, where: str, what: str = "file") -> dict[str, Any]:
    """Parse TOML; a syntax error, deep nesting or a giant number is a one-line ConfigError."""
    return _parse(tomllib.loads, text, where, what, "invalid TOML", "tables or arrays", ConfigError)


def loads_json(text: str, where: str, what: str = "file") -> Any:
    """Parse JSON; a syntax error, deep nesting or a giant number is a one-line InputError."""
    return _parse(json.loads, text, where, what, "not JSON", "objects or arrays", InputError)


def _parse(
    parse: Callable[[str], Any],
    text: str,
    where: str,
    what: str,
    invalid: str,
    nests: str,
    error: type[ParallaxError],
) -> Any:
    try:
        data = parse(text)
    except RecursionError:
        raise error(f"{where}: the {what} nests {nests} too deeply") from None
    except ValueError as exc:  # the decode errors, and integers of more than 4300 digits
        detail = (
            f"{exc.msg}, line {exc.lineno}"
            if isinstance(exc, json.JSONDecodeError)
            else _first_line(exc)
        )
        raise error(f"{where}: {invalid} ({detail})") from None
    check_depth(data, where, what, error)
    return data


def check_depth(data: Any, where: str, what: str, error: type[ParallaxError]) -> None:
    """Raise ``error`` when ``data`` nests deeper than :data:`MAX_DEPTH` (checked without
    recursion)."""
    stack = [(data, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise error(f"{where}: the {what} nests more than {MAX_DEPTH} levels deep")
        if isinstance(node, dict):
            stack.extend((v, depth + 1) for v in node.values())
        elif isinstance(node, list):
            stack.extend((v, depth + 1) for v in node)


def read_toml_file(
    path: str | Path, what: str, limit: int = TOML_LIMIT, error: type[ParallaxError] = ConfigError
) -> tuple[dict[str, Any], bytes]:
    """Read and parse a TOML file; return its data and bytes."""
    text, raw = read_text(path, what, limit, error)
    return loads_toml(text, str(Path(path).expanduser()), what), raw


def read_json_file(path: str | Path, what: str, limit: int = JSON_LIMIT) -> Any:
    """Read and parse a JSON file."""
    text, _ = read_text(path, what, limit)
    return loads_json(text, str(Path(path).expanduser()), what)


def _first_line(exc: BaseException) -> str:
    return (str(exc).splitlines() or [type(exc).__name__])[0]
