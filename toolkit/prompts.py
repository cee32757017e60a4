"""Prompt templates, loaded from ``configs/prompts.toml`` (or a file a profile names)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from .core.config import configs_dir, read_toml
from .core.errors import ConfigError


@dataclass(frozen=True)
class Prompts:
    templates: dict[str, dict[str, str]]
    sha256: str
    path: str

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
    raw = path.read_bytes() if path.is_file() else None
    if raw is None:
        raise ConfigError(f"prompt file {name} not found")
    data = read_toml(path)
    flat: dict[str, dict[str, str]] = {}

    def walk(prefix: str, table: dict) -> None:
        strings = {k: v for k, v in table.items() if isinstance(v, str)}
        if strings:
            flat[prefix] = strings
        for k, v in table.items():
            if isinstance(v, dict):
                walk(f"{prefix}.{k}" if prefix else k, v)

    walk("", data)
    return Prompts(flat, hashlib.sha256(raw).hexdigest(), str(path))
