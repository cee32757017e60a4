"""Convert GGUF weights once into a cached Hugging Face folder (bf16) that loads in seconds."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

from ..errors import ModelUnavailable
from .files import atomic_write_text, sha256_files


def gguf_to_hf(gguf_path: Path, out_dir: Path, dtype: str = "bfloat16") -> None:
    """Write ``out_dir`` (config, tokenizer, safetensors in ``dtype``) from a GGUF file.

    The folder appears only when complete: it is built beside ``out_dir`` and renamed.
    """
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    tmp = out_dir.with_name(out_dir.name + ".partial")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    try:
        folder, name = str(gguf_path.parent), gguf_path.name
        tokenizer = AutoTokenizer.from_pretrained(folder, gguf_file=name)
        model = AutoModelForCausalLM.from_pretrained(
            folder, gguf_file=name, dtype=getattr(torch, dtype), low_cpu_mem_usage=True
        )
        # A GGUF-loaded model refuses to serialize until its quantizer marker is cleared.
        model.hf_quantizer = None
        if hasattr(model.config, "quantization_config"):
            del model.config.quantization_config
        model.save_pretrained(tmp, safe_serialization=True)
        tokenizer.save_pretrained(tmp)
        del model
        shutil.rmtree(out_dir, ignore_errors=True)
        tmp.rename(out_dir)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def ensure_gguf_converted(gguf_path: Path, cache: Path) -> tuple[Path, str]:
    """Return the cached HF folder for a user-supplied GGUF file, converting it on first use."""
    digest = sha256_files([gguf_path])
    out = cache / "models" / f"gguf-{digest[:16]}"
    hf_dir = out / "hf"
    if not (out / "manifest.json").is_file():
        try:
            gguf_to_hf(gguf_path, hf_dir)
        except (OSError, ValueError, RuntimeError) as exc:
            raise ModelUnavailable(f"{gguf_path}: cannot convert this GGUF file ({exc})") from None
        write_manifest(out, {"source": str(gguf_path), "sha256": digest, "hf_dir": str(hf_dir)})
    return hf_dir, digest


def write_manifest(folder: Path, data: dict) -> None:
    from .._version import __version__

    data = {**data, "converted_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "toolkit": __version__}
    atomic_write_text(folder / "manifest.json", json.dumps(data, indent=2))
