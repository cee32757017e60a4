"""Prompt templates, loaded from ``configs/prompts.toml`` (or a file a profile names)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from .core.config import configs_dir
from .core.errors import ConfigError


@dataclass(frozen=True)
class Prompts:
    templates: dict[str, dict[str, str]]
    sha256: str
    path: str
    examples: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)  # few-shot turns

    def shots(self, task: str, **values: object) -> tuple[tuple[str, str], ...]:
        """Return the few-shot (user, reply) turns of ``task`` (its ``examples`` array of
        ``[input, reply]`` pairs), each input formatted into the task's ``user`` template."""
        pairs = self.examples.get(task, ())
        return tuple((self.format(task, "user", **{**values, "text": a}), b) for a, b in pairs)

    def get(self, task: str, part: str) -> str:
        try:
            return self.templates[task][part]
        except KeyError:
            raise ConfigError(f"{self.path}: prompt [{task}] has no {part!r}") from None

    def format(self, task: str, part: str, **values: object) -> str:
        try:
            return self.get(task, part).format(**values)
        except (KeyError, IndexError, ValueError) as exc:
            raise ConfigError(f"{self.path}: prompt [{task}].{part} is malformed ({exc})") from None


def load_prompts(name: str | Path = "prompts.toml") -> Prompts:
    path = Path(name)
    if not path.is_file():
        path = configs_dir() / Path(name).name
    if not path.is_file():
        raise ConfigError(f"prompt file {name} not found")
    from .core.datafiles import read_toml_file

    data, raw = read_toml_file(path, "prompt file")
    flat: dict[str, dict[str, str]] = {}
    examples: dict[str, tuple[tuple[str, str], ...]] = {}

    def walk(prefix: str, table: dict) -> None:
        strings = {k: v for k, v in table.items() if isinstance(v, str)}
        if strings:
            flat[prefix] = strings
        if "examples" in table:
            examples[prefix] = _pairs(path, prefix, table["examples"])
        for k, v in table.items():
            if isinstance(v, dict):
                walk(f"{prefix}.{k}" if prefix else k, v)

    walk("", data)
    return Prompts(flat, hashlib.sha256(raw).hexdigest(), str(path), examples)


def _pairs(path: Path, table: str, value: object) -> tuple[tuple[str, str], ...]:
    """Check a table's ``examples``: a list of ``[input, reply]`` string pairs."""
    if not isinstance(value, list) or not all(
        isinstance(x, list) and len(x) == 2 and all(isinstance(y, str) for y in x) for x in value
    ):
        raise ConfigError(
            f"{path}: [{table}].examples must be a list of [input, reply] string pairs"
        )
    return tuple((a, b) for a, b in value)
