"""One :class:`Settings` object: built-in defaults < ``--config`` file < environment < CLI flags."""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError


@dataclass(frozen=True)
class Settings:
    """Every setting that changes what Parallax produces or how fast it runs."""

    # [model]
    generator: str = "qwen2.5-coder-1.5b"
    embedder: str = "minilm-l6"
    # [runtime]
    backend: str = "auto"  # auto | transformers | ct2 | openai | a plugin's engine
    base_url: str = ""  # the openai backend's server, e.g. http://127.0.0.1:8080/v1
    request_timeout: float = 600.0  # seconds a server may take to answer one request (openai)
    device: str = "auto"  # auto | cpu | cuda | cuda:N
    threads: int = 0  # 0 = all cores
    batch_size: int = 8  # 0 = from free memory (ct2; 8 on transformers)
    cache_dir: str = ""  # "" = the user cache dir (platformdirs)
    # [decoding]
    max_new_tokens: int = 256
    temperature: float = 0.0  # 0 = greedy
    top_p: float = 1.0
    seed: int = 0
    # [summarize]
    sentences: int = 2
    summary_method: str = "abstractive"  # abstractive | extractive
    # [retranslate]
    strategies: tuple[str, ...] = ("post-edit", "fluent")
    alternatives: int = 1
    pivot: str = ""  # "" = the article's source language (detected or given)
    strategy_models: tuple[tuple[str, str], ...] = ()  # per-strategy generator overrides
    # [suggest]
    suggest: bool = True  # choose a suggested reading per paragraph (compare and batch)
    suggest_samples: int = 2  # extra sampled post-edits that vote on edits (never shown)
    # [prompts]
    prompts: str = "prompts.toml"
    # [checks]
    glossary: str = ""  # a TOML or CSV glossary file ("" = none)
    check_only: tuple[str, ...] = ()  # flag kinds or check names to produce (empty = all)
    check_ignore: tuple[str, ...] = ()  # flag kinds or check names not to produce
    # [ingest]
    keep_boilerplate: bool = False  # keep site furniture (flagged maybe-boilerplate) instead
    source_language: str = ""  # the language the articles came from; "" = detect per article
    # where these settings came from (not a setting itself)
    profile: str = "built-in"

    def cache_path(self) -> Path:
        if self.cache_dir:
            return Path(self.cache_dir).expanduser()
        return default_cache_root()

    def decoding(self) -> dict[str, Any]:
        """Return the decoding settings as recorded in run signatures."""
        return {
            "strategy": "greedy" if self.temperature == 0 else "sample",
            "temperature": self.temperature,
            "top_p": self.top_p,
            "max_new_tokens": self.max_new_tokens,
            "seed": self.seed,
            "batch_size": self.batch_size,
        }


# TOML table.key -> Settings field, and the environment variable that overrides it.
TOML_KEYS: dict[str, tuple[str, str | None]] = {
    "model.generator": ("generator", "PARALLAX_MODEL"),
    "model.embedder": ("embedder", "PARALLAX_EMBEDDER"),
    "runtime.backend": ("backend", "PARALLAX_BACKEND"),
    "runtime.base_url": ("base_url", "PARALLAX_BASE_URL"),
    "runtime.request_timeout": ("request_timeout", "PARALLAX_REQUEST_TIMEOUT"),
    "runtime.device": ("device", "PARALLAX_DEVICE"),
    "runtime.threads": ("threads", "PARALLAX_THREADS"),
    "runtime.batch_size": ("batch_size", "PARALLAX_BATCH_SIZE"),
    "runtime.cache_dir": ("cache_dir", "PARALLAX_CACHE_DIR"),
    "decoding.max_new_tokens": ("max_new_tokens", "PARALLAX_MAX_NEW_TOKENS"),
    "decoding.temperature": ("temperature", "PARALLAX_TEMPERATURE"),
    "decoding.top_p": ("top_p", None),
    "decoding.seed": ("seed", "PARALLAX_SEED"),
    "summarize.sentences": ("sentences", "PARALLAX_SENTENCES"),
    "summarize.method": ("summary_method", None),
    "retranslate.strategies": ("strategies", "PARALLAX_STRATEGIES"),
    "retranslate.alternatives": ("alternatives", None),
    "retranslate.pivot": ("pivot", "PARALLAX_PIVOT"),
    "retranslate.models": ("strategy_models", None),
    "suggest.enabled": ("suggest", "PARALLAX_SUGGEST"),
    "suggest.samples": ("suggest_samples", "PARALLAX_SUGGEST_SAMPLES"),
    "prompts.file": ("prompts", None),
    "checks.glossary": ("glossary", "PARALLAX_GLOSSARY"),
    "checks.only": ("check_only", None),
    "checks.ignore": ("check_ignore", None),
    "ingest.keep_boilerplate": ("keep_boilerplate", "PARALLAX_KEEP_BOILERPLATE"),
    "ingest.source_language": ("source_language", "PARALLAX_SOURCE_LANGUAGE"),
}
_TYPES = {f.name: f.type for f in fields(Settings)}
_CHOICES = {
    "summary_method": {"abstractive", "extractive"},
}


def _choices(field: str) -> set[str] | None:
    """Return the allowed values of ``field`` (``backend``: auto + the generation engines)."""
    if field == "backend":
        from .registry import table

        return {"auto", *table("generation engine").names()}
    return _CHOICES.get(field)


def default_cache_root() -> Path:
    """Return the platform's user cache folder for Parallax (``~/.cache/parallax`` on Linux)."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("parallax"))


def configs_dir() -> Path:
    """Return the folder of shipped profiles (inside the wheel, or ``configs/`` in a checkout)."""
    here = Path(__file__).resolve().parent.parent  # the toolkit package
    packaged = here / "configs"
    return packaged if packaged.is_dir() else here.parent / "configs"


def resolve_config(name_or_path: str | Path) -> Path:
    """Find a profile: a path to a TOML file, or a shipped profile name (``fast``, ``hub``)."""
    p = Path(name_or_path).expanduser()
    if p.is_file():
        return p
    shipped = configs_dir() / f"{name_or_path}.toml"
    if not p.suffix and shipped.is_file():
        return shipped
    names = sorted(x.stem for x in configs_dir().glob("*.toml") if x.stem != "prompts")
    raise ConfigError(
        f"config {str(name_or_path)!r} not found (a TOML file, or one of: {', '.join(names)})"
    )


def _coerce(field: str, value: Any, origin: str) -> Any:
    """Return ``value`` as the type of ``field``; a value of the wrong type is a one-line
    ConfigError."""
    kind = _TYPES[field]
    try:
        if field == "strategy_models":
            if not isinstance(value, Mapping) or not all(
                isinstance(v, str) for v in value.values()
            ):
                raise ValueError
            return tuple(sorted((str(k), v) for k, v in value.items()))
        if kind == "bool":
            if isinstance(value, str) and value.strip().lower() in ("1", "true", "yes", "on"):
                value = True
            elif isinstance(value, str) and value.strip().lower() in ("0", "false", "no", "off"):
                value = False
            if not isinstance(value, bool):
                raise ValueError
            out: Any = value
        elif kind == "int":
            if isinstance(value, bool) or not isinstance(value, int | str):
                raise ValueError  # 2.5 threads is a mistake, not 2
            out = int(value)
            if out < 0:
                raise ValueError
        elif kind == "float":
            if isinstance(value, bool) or not isinstance(value, int | float | str):
                raise ValueError
            out = float(value)
            if not math.isfinite(out):
                raise ValueError
        elif kind.startswith("tuple"):
            items = value.split(",") if isinstance(value, str) else value
            if not isinstance(items, list | tuple) or not all(isinstance(x, str) for x in items):
                raise ValueError
            out = tuple(x.strip() for x in items if x.strip())
        else:
            if not isinstance(value, str | int | float | os.PathLike) or isinstance(value, bool):
                raise ValueError  # a table or a list where a name belongs
            out = os.fspath(value) if isinstance(value, os.PathLike) else str(value)
    except (TypeError, ValueError, OverflowError):
        raise ConfigError(f"{origin}: invalid value {_short(value)} for {field}") from None
    if (choices := _choices(field)) is not None and out not in choices:
        raise ConfigError(f"{origin}: {field} must be one of {sorted(choices)}, not {_short(out)}")
    if field in ("sentences", "alternatives", "max_new_tokens") and out < 1:
        raise ConfigError(f"{origin}: {field} must be at least 1")
    if field == "request_timeout" and not out > 0:
        raise ConfigError(f"{origin}: {field} must be more than 0 seconds")
    return out


def _short(value: Any) -> str:
    """Return ``repr(value)`` cut to one short line (a value may be a huge table)."""
    text = " ".join(repr(value).split())
    return text if len(text) <= 80 else text[:77] + "..."


def _flatten(data: Mapping[str, Any], origin: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for table, body in data.items():
        if not isinstance(body, Mapping):
            raise ConfigError(f"{origin}: expected a [table], found key {_short(table)}")
        for key, value in body.items():
            dotted = f"{table}.{key}"
            if dotted not in TOML_KEYS:
                raise ConfigError(f"{origin}: unknown setting {_short(dotted)}")
            field = TOML_KEYS[dotted][0]
            out[field] = _coerce(field, value, origin)
    return out


def read_toml(path: Path, what: str = "config file") -> dict[str, Any]:
    """Read a TOML file: bounded in size and depth, a one-line ConfigError for any problem."""
    from .datafiles import read_toml_file

    return read_toml_file(path, what)[0]


def load_settings(
    config: str | Path | None = None,
    *,
    env: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> tuple[Settings, dict[str, str]]:
    """Build the effective settings; return them with the origin of every non-default value."""
    values: dict[str, Any] = {}
    origins: dict[str, str] = {}
    profile = "built-in"
    if config is not None:
        path = resolve_config(config)
        layer = _flatten(read_toml(path), str(path))
        values.update(layer)
        origins.update({k: str(path) for k in layer})
        profile = str(path)
        if "prompts" in layer and not Path(layer["prompts"]).is_absolute():
            values["prompts"] = str((path.parent / layer["prompts"]))
        if layer.get("glossary") and not Path(layer["glossary"]).is_absolute():
            values["glossary"] = str((path.parent / layer["glossary"]))
    env = os.environ if env is None else env
    for field, var in TOML_KEYS.values():
        if var and env.get(var):
            values[field] = _coerce(field, env[var], f"${var}")
            origins[field] = f"${var}"
    for field, value in (overrides or {}).items():
        if value is None:
            continue
        if field not in _TYPES:
            raise ConfigError(f"unknown setting {field!r}")
        values[field] = _coerce(field, value, f"--{field.replace('_', '-')}")
        origins[field] = "command line"
    return replace(Settings(profile=profile), **values), origins


def settings_as_toml_dict(settings: Settings) -> dict[str, dict[str, Any]]:
    """Return settings in the TOML table layout (what ``parallax config show`` prints)."""
    out: dict[str, dict[str, Any]] = {}
    for dotted, (field, _) in TOML_KEYS.items():
        table, key = dotted.split(".")
        value = getattr(settings, field)
        if field == "strategy_models":
            value = dict(value)
        elif isinstance(value, tuple):
            value = list(value)
        out.setdefault(table, {})[key] = value
    return out


def with_overrides(settings: Settings, overrides: Mapping[str, Any]) -> Settings:
    """Return ``settings`` with keyword ``overrides`` (``None`` = not set), each checked and
    converted as a command-line value would be."""
    for field in overrides:
        if field not in _TYPES:
            raise ConfigError(f"unknown setting {field!r}")
    return replace(settings, **{k: _coerce(k, v, k) for k, v in overrides.items() if v is not None})
