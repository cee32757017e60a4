"""Prompt templates, loaded from ``configs/prompts.toml`` (or a file a profile names)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from .config import configs_dir
from .errors import ConfigError


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
    if not path.is_file():
        raise ConfigError(f"prompt file {name} not found")
    from .datafiles import read_toml_file

    data, raw = read_toml_file(path, "prompt file")
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
