"""Convert weights once into cached folders: GGUF -> Hugging Face (bf16) -> CTranslate2 (int8).

Both conversions are built to stay far below the 4 GiB peak-RSS goal for the 1.5B pack:

* :func:`gguf_to_hf` streams one tensor at a time out of the memory-mapped GGUF (dequantized in
  row chunks, converted to bf16, appended to a safetensors file whose header is computed first).
  Peak ~1.2 GiB for the 1.5B; the output is bit-identical to ``method="transformers"``, the
  reference route through ``from_pretrained(gguf_file=...)`` (~5.4 GiB).
* :func:`hf_to_ct2` runs CTranslate2's converter step by step and int8-quantizes each weight
  chunk-wise with CTranslate2's own formula, releasing the bf16 source pages as it goes.
  Peak ~2.5 GiB for the 1.5B; ``model.bin`` is byte-identical to the stock converter (~5.7 GiB).
  It uses CTranslate2 internals (4.8.x); if they are missing it says so on stderr and falls back
  to the stock converter.

Every output folder is built beside its destination and renamed into place when complete.
"""

from __future__ import annotations

import json
import os
import shutil
import struct
import sys
import time
from collections.abc import Callable
from pathlib import Path

from ..core.errors import ModelUnavailable
from .chat import end_of_turn_token
from .files import atomic_write_text, sha256_files
from .layout import CacheLayout

_CHUNK_ELEMENTS = 16 << 20  # 16M fp32 values = 64 MiB per dequantized / quantized chunk
_ST_DTYPES = {"bfloat16": "BF16", "float16": "F16", "float32": "F32"}
CT2_MARKER = "parallax-ct2.json"  # written into a CT2 folder: what it was converted from


# ----------------------------------------------------------------------------- GGUF -> HF


def gguf_to_hf(
    gguf_path: Path, out_dir: Path, dtype: str = "bfloat16", method: str = "stream"
) -> None:
    """Write ``out_dir`` (config, generation config, tokenizer, safetensors in ``dtype``) from a
    GGUF.

    ``method="stream"`` (default) holds one tensor at a time; ``method="transformers"`` is the
    reference route (the whole model in memory). The folder appears only when complete.
    """
    if dtype not in _ST_DTYPES:
        raise ValueError(f"dtype must be one of {sorted(_ST_DTYPES)}, not {dtype!r}")
    if method not in ("stream", "transformers"):
        raise ValueError(f"unknown conversion method {method!r}")
    gguf_path, out_dir = Path(gguf_path).resolve(), Path(out_dir)
    tmp = out_dir.with_name(out_dir.name + ".partial")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    try:
        if method == "stream":
            _gguf_to_hf_stream(gguf_path, tmp, dtype)
        else:
            _gguf_to_hf_transformers(gguf_path, tmp, dtype)
        shutil.rmtree(out_dir, ignore_errors=True)
        tmp.rename(out_dir)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _config_and_tokenizer(gguf_path: Path, dtype: str):
    from transformers import AutoConfig, AutoTokenizer

    config = AutoConfig.from_pretrained(gguf_path.parent, gguf_file=gguf_path.name)
    tokenizer = AutoTokenizer.from_pretrained(gguf_path.parent, gguf_file=gguf_path.name)
    config.dtype = dtype
    return config, tokenizer


def _save_side_files(config, tokenizer, out_dir: Path) -> None:
    """Write config.json, the tokenizer files and a generation config that stops at end of turn.

    GGUF metadata carries one end token; a chat model must also stop at its template's
    end-of-turn token (``<|im_end|>`` for Qwen), or greedy decoding runs on to the budget.
    """
    from transformers import GenerationConfig

    config.save_pretrained(out_dir)
    tokenizer.save_pretrained(out_dir)
    gen = GenerationConfig.from_model_config(config)
    eos = config.eos_token_id
    eos_ids = list(eos) if isinstance(eos, (list, tuple)) else ([eos] if eos is not None else [])
    end_of_turn = None
    if getattr(tokenizer, "chat_template", None):
        end_of_turn = end_of_turn_token(
            lambda messages: tokenizer.apply_chat_template(messages, tokenize=False),
            lambda text: tokenizer(text, add_special_tokens=False)["input_ids"],
            {*tokenizer.all_special_ids, *tokenizer.added_tokens_decoder},
        )
    candidates = [tokenizer.eos_token_id, end_of_turn]
    for tid in candidates:
        if tid is not None and tid != tokenizer.unk_token_id and tid not in eos_ids:
            eos_ids.append(tid)
    gen.eos_token_id = eos_ids[0] if len(eos_ids) == 1 else eos_ids
    gen.save_pretrained(out_dir)


def _gguf_to_hf_transformers(gguf_path: Path, out_dir: Path, dtype: str) -> None:
    """Reference route: dequantize the whole model through ``from_pretrained``."""
    import torch
    from transformers import AutoModelForCausalLM

    config, tokenizer = _config_and_tokenizer(gguf_path, dtype)
    model = AutoModelForCausalLM.from_pretrained(
        gguf_path.parent, gguf_file=gguf_path.name, dtype=getattr(torch, dtype)
    )
    # A GGUF-loaded model refuses to serialize until its quantizer marker is cleared.
    model.hf_quantizer = None
    if hasattr(model.config, "quantization_config"):
        del model.config.quantization_config
    model.config.dtype = dtype
    model.save_pretrained(out_dir, safe_serialization=True, max_shard_size="100GB")
    config.architectures = [type(model).__name__]
    del model
    _save_side_files(config, tokenizer, out_dir)


# transformers' GGUF tensor processors that transform a tensor without changing its shape:
# the GGUF name fragments that need the whole tensor at once (the rest go row chunk by chunk).
_STREAMABLE = {
    "TensorProcessor": (),
    "LlamaTensorProcessor": (".attn_q.", ".attn_k."),  # reverses a q/k head permutation
    "Gemma2TensorProcessor": (),  # norm.weight - 1, elementwise
    "NemotronTensorProcessor": (),  # norm.weight - 1, elementwise
}


def _gguf_to_hf_stream(gguf_path: Path, out_dir: Path, dtype: str) -> None:
    """Write the safetensors file one tensor (chunk) at a time, named as transformers names them."""
    import numpy as np
    import torch
    from gguf import GGUFReader
    from gguf.quants import dequantize
    from transformers import AutoModelForCausalLM
    from transformers.modeling_gguf_pytorch_utils import (
        TENSOR_PROCESSORS,
        TensorProcessor,
        get_gguf_hf_weights_map,
    )

    config, tokenizer = _config_and_tokenizer(gguf_path, dtype)
    with torch.device("meta"):  # a weightless model: only for names and shapes
        meta_model = AutoModelForCausalLM.from_config(config)
    config.architectures = [type(meta_model).__name__]
    reader = GGUFReader(gguf_path)
    arch = reader.fields["general.architecture"].contents()
    processor = TENSOR_PROCESSORS.get(arch, TensorProcessor)(config=config.to_dict())
    whole_names = _STREAMABLE.get(type(processor).__name__)
    if whole_names is None:
        raise NotImplementedError(
            f"streaming conversion does not support GGUF architecture {arch!r}; "
            "use method='transformers'"
        )
    name_map = get_gguf_hf_weights_map(meta_model, processor)
    expected = {k: list(v.shape) for k, v in meta_model.state_dict().items()}
    del meta_model

    plan = []  # (gguf tensor, hf name, hf shape); GGUF lists dimensions in reverse
    for t in reader.tensors:
        hf_name = name_map.get(t.name)
        if hf_name is None:
            continue  # e.g. rope_freqs: not a parameter (transformers skips it too)
        shape = [int(d) for d in reversed(t.shape.tolist())]
        if shape != expected.get(hf_name):
            raise ValueError(
                f"{t.name} -> {hf_name}: shape {shape} != model {expected.get(hf_name)}"
            )
        plan.append((t, hf_name, shape))
    produced = {name for _, name, _ in plan}
    missing = [k for k in expected if k not in produced
               and not (k == "lm_head.weight" and config.tie_word_embeddings)]
    if missing:
        raise ValueError(f"GGUF lacks tensors for: {', '.join(missing[:5])}")

    torch_dtype = getattr(torch, dtype)
    itemsize = torch.empty((), dtype=torch_dtype).element_size()
    view_as = {1: torch.uint8, 2: torch.int16, 4: torch.int32}[itemsize]
    header: dict = {}
    offset = 0
    for _, hf_name, shape in plan:
        nbytes = int(np.prod(shape)) * itemsize
        header[hf_name] = {
            "dtype": _ST_DTYPES[dtype],
            "shape": shape,
            "data_offsets": [offset, offset + nbytes],
        }
        offset += nbytes
    header["__metadata__"] = {"format": "pt"}
    header_bytes = json.dumps(header, separators=(",", ":")).encode()
    header_bytes += b" " * (-len(header_bytes) % 8)

    with gguf_path.open("rb") as src, (out_dir / "model.safetensors").open("wb") as dst:
        dst.write(struct.pack("<Q", len(header_bytes)))
        dst.write(header_bytes)
        for t, hf_name, shape in plan:
            ne0 = int(t.shape[0])
            rows = int(t.n_elements) // ne0
            row_bytes = int(t.n_bytes) // rows
            whole = any(frag in t.name for frag in whole_names)
            step = rows if whole else max(1, _CHUNK_ELEMENTS // ne0)
            written = 0
            for r0 in range(0, rows, step):
                n = min(step, rows - r0)
                src.seek(t.data_offset + r0 * row_bytes)
                raw = np.frombuffer(src.read(n * row_bytes), dtype=np.uint8).reshape(n, row_bytes)
                values = dequantize(raw, t.tensor_type).reshape(n, ne0)
                if whole or type(processor) is not TensorProcessor:
                    values = processor.process(weights=values.reshape(shape) if whole else values,
                                               name=t.name).weights
                arr = np.ascontiguousarray(values, dtype=np.float32)
                if not arr.flags.writeable:  # an F32 tensor comes back as a view of the read buffer
                    arr = arr.copy()
                chunk = torch.from_numpy(arr).to(torch_dtype).view(view_as).numpy().tobytes()
                dst.write(chunk)
                written += len(chunk)
            start, end = header[hf_name]["data_offsets"]
            if written != end - start:
                raise RuntimeError(
                    f"size mismatch writing {hf_name}: {written} != {end - start} bytes"
                )
        dst.flush()
        os.fsync(dst.fileno())
    _save_side_files(config, tokenizer, out_dir)


def ensure_gguf_converted(gguf_path: Path, cache: Path,
                          digest: str | None = None) -> tuple[Path, str]:
    """Return the cached HF folder for a user-supplied GGUF file, converting it on first use."""
    digest = digest or sha256_files([gguf_path])
    out = CacheLayout(cache).gguf(digest)
    hf_dir = out / "hf"
    if not (out / "manifest.json").is_file():
        try:
            gguf_to_hf(gguf_path, hf_dir)
        except (OSError, ValueError, RuntimeError, NotImplementedError, struct.error) as exc:
            raise ModelUnavailable(f"{gguf_path}: cannot convert this GGUF file ({exc})") from None
        write_manifest(out, {"source": str(gguf_path), "sha256": digest, "hf_dir": str(hf_dir)})
    return hf_dir, digest


def write_manifest(folder: Path, data: dict) -> None:
    from .._version import __version__

    data = {
        **data,
        "converted_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "toolkit": __version__,
    }
    atomic_write_text(folder / "manifest.json", json.dumps(data, indent=2))


# ----------------------------------------------------------------------------- HF -> CT2

_INT8_TYPES = ("int8", "int8_float32", "int8_float16", "int8_bfloat16")
_SIDE_FILES = ("tokenizer.json", "tokenizer_config.json", "chat_template.jinja",
               "generation_config.json", "special_tokens_map.json")


def say(message: str) -> None:
    """Tell the user on stderr what a long one-time step is doing."""
    print(f"parallax: {message}", file=sys.stderr, flush=True)


def ct2_private_api_missing() -> str | None:
    """Return which CTranslate2 internal the low-memory converter needs is missing, or None."""
    import inspect

    from ctranslate2.converters import TransformersConverter
    from ctranslate2.specs import model_spec

    if not hasattr(TransformersConverter, "_load"):
        return "TransformersConverter._load"
    if not hasattr(model_spec.ModelSpec, "_alias_variables"):
        return "ModelSpec._alias_variables"
    quantize = getattr(model_spec.ModelSpec, "_quantize", None)
    if quantize is None or "variable_filter" not in inspect.signature(quantize).parameters:
        return "ModelSpec._quantize(variable_filter=...)"
    for name in ("NumpyVariable", "PyTorchVariable", "Variable", "visit_spec"):
        if not hasattr(model_spec, name):
            return f"ctranslate2.specs.model_spec.{name}"
    return None


def hf_to_ct2(
    hf_dir: Path, out_dir: Path, quantization: str = "int8", low_memory: bool = True
) -> str:
    """Convert a Hugging Face causal-LM folder to a CTranslate2 folder; return the method used.

    ``low_memory=True`` (default) quantizes chunk-wise (~2.5 GiB peak for the 1.5B); it falls
    back to the stock converter (~5.7 GiB) only when CTranslate2's internals have changed, and
    says so on stderr. The tokenizer, chat template and generation config are copied beside
    ``model.bin`` so the folder is self-contained.
    """
    from ctranslate2.converters import TransformersConverter

    hf_dir, out_dir = Path(hf_dir), Path(out_dir)
    method = "stock"
    if low_memory:
        missing = ct2_private_api_missing()
        if missing is None:
            method = "low-memory"
        else:
            say(
                f"warning: this ctranslate2 lacks {missing}; converting with the stock converter, "
                "which needs about 4x the model's bf16 size in memory (~5.7 GB for the 1.5B pack)"
            )
    tmp = out_dir.with_name(out_dir.name + ".partial")
    shutil.rmtree(tmp, ignore_errors=True)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    try:
        converter = TransformersConverter(str(hf_dir))
        if method == "low-memory":
            spec = converter._load()  # weights are lazy views of the mmapped safetensors
            spec.validate()
            spec._alias_variables()
            handled = (
                _quantize_int8_low_memory(spec, hf_dir) if quantization in _INT8_TYPES else set()
            )
            spec._quantize(quantization, variable_filter=lambda name: name not in handled)
            tmp.mkdir(parents=True)
            spec.save(str(tmp))
            del spec
        else:
            converter.convert(str(tmp), quantization=quantization, force=True)
        for name in _SIDE_FILES:
            if (hf_dir / name).is_file() and not (tmp / name).exists():
                shutil.copy2(hf_dir / name, tmp / name)
        shutil.rmtree(out_dir, ignore_errors=True)
        tmp.rename(out_dir)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return method


def _quantize_int8_low_memory(spec, hf_dir: Path) -> set[str]:
    """int8-quantize every quantizable weight of ``spec`` in place, row chunk by row chunk.

    Mirrors ``ctranslate2.specs.model_spec.LayerSpec._quantize`` for the int8 family (per-row
    absmax scale, rint); returns the names handled.
    """
    import numpy as np
    import torch
    from ctranslate2.specs.model_spec import NumpyVariable, PyTorchVariable, Variable, visit_spec

    file_ranges = _file_backed_ranges(hf_dir)
    todo = []

    def collect(layer, name, value):
        if isinstance(value, Variable) and not value.is_scalar():
            key = name.rsplit("/", 1)[-1]
            if hasattr(layer, key + "_scale"):
                todo.append((layer, key, name))

    visit_spec(spec, collect)
    tiny = np.float32(127) / np.finfo(np.float32).max
    for layer, key, _ in todo:
        var = getattr(layer, key)
        src = var.tensor if isinstance(var, PyTorchVariable) else torch.from_numpy(var.numpy())
        shape = tuple(src.shape)
        src2d = src.reshape(shape[0], -1)
        out = np.empty(src2d.shape, dtype=np.int8)
        scale = np.empty(shape[0], dtype=np.float32)
        step = max(1, _CHUNK_ELEMENTS // max(1, src2d.shape[1]))
        for r0 in range(0, shape[0], step):
            value = src2d[r0 : r0 + step].to(torch.float32).numpy()
            amax = np.amax(np.absolute(value), axis=1)
            amax[amax == 0] = 127.0
            amax = np.maximum(amax, tiny)
            s = 127.0 / amax
            value *= np.expand_dims(s, 1)
            out[r0 : r0 + step] = np.rint(value).astype(np.int8)
            scale[r0 : r0 + step] = s
        setattr(layer, key, NumpyVariable(out.reshape(shape)))
        setattr(layer, key + "_scale", NumpyVariable(scale))
        if isinstance(var, PyTorchVariable):
            _drop_file_pages(src, file_ranges)
        del var, src, src2d
    return {name for _, _, name in todo}


def _file_backed_ranges(hf_dir: Path) -> list[tuple[int, int]]:
    """Return the address ranges of never-written mappings of ``hf_dir``'s safetensors (Linux).

    safetensors maps the file privately; a range whose pages were never written (``Anonymous:
    0 kB`` in smaps) holds exact copies of the file, so its pages can be dropped safely.
    """
    ranges = []
    root = str(Path(hf_dir).resolve())
    current = None
    try:
        with open("/proc/self/smaps") as smaps:
            for line in smaps:
                fields = line.split()
                if not fields:
                    continue
                if "-" in fields[0] and len(fields) >= 5 and ":" not in fields[0]:  # a mapping
                    path = fields[5] if len(fields) >= 6 else ""
                    current = None
                    if path.startswith(root) and path.endswith(".safetensors"):
                        current = tuple(int(x, 16) for x in fields[0].split("-"))
                elif current is not None and fields[0] == "Anonymous:":
                    if fields[1] == "0":
                        ranges.append(current)
                    current = None
    except OSError:
        pass  # not Linux: pages stay resident, only the peak is higher
    return ranges


def _drop_file_pages(tensor, ranges: list[tuple[int, int]]) -> None:
    """Release the resident pages of a tensor that lies wholly inside a clean file mapping."""
    import ctypes
    import mmap

    if not ranges:
        return
    start = tensor.data_ptr()
    end = start + tensor.numel() * tensor.element_size()
    lo, hi = -(-start // mmap.PAGESIZE) * mmap.PAGESIZE, end // mmap.PAGESIZE * mmap.PAGESIZE
    if hi <= lo or not any(a <= lo and hi <= b for a, b in ranges):
        return
    libc = ctypes.CDLL(None, use_errno=True)
    libc.madvise(ctypes.c_void_p(lo), ctypes.c_size_t(hi - lo), 4)  # MADV_DONTNEED


def ct2_ready(ct2_dir: Path, source_sha256: str | None) -> bool:
    """Return True when ``ct2_dir`` is a complete conversion of the weights ``source_sha256``."""
    try:
        marker = json.loads((ct2_dir / CT2_MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (ct2_dir / "model.bin").is_file() and marker.get("source_sha256") == source_sha256


def ensure_ct2(hf_dir: Path, ct2_dir: Path, source_sha256: str | None, quantization: str = "int8",
               log: Callable[[str], None] = lambda _: None) -> bool:
    """Build ``ct2_dir`` from ``hf_dir`` unless it is already there; return True if it converted.

    A file lock next to the folder makes concurrent processes wait for one conversion instead
    of running two (each would need the conversion's memory).
    """
    import fcntl

    if ct2_ready(ct2_dir, source_sha256):
        return False
    ct2_dir.parent.mkdir(parents=True, exist_ok=True)
    with open(ct2_dir.with_name(ct2_dir.name + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if ct2_ready(ct2_dir, source_sha256):  # another process finished it while we waited
            return False
        import ctranslate2

        log(f"converting to CTranslate2 {quantization} (once) -> {ct2_dir}")
        start = time.perf_counter()
        try:
            method = hf_to_ct2(hf_dir, ct2_dir, quantization=quantization)
        except (OSError, ValueError, RuntimeError, NotImplementedError) as exc:
            raise ModelUnavailable(f"cannot convert {hf_dir} to CTranslate2 ({exc})") from None
        marker = {
            "source": str(hf_dir),
            "source_sha256": source_sha256,
            "quantization": quantization,
            "method": method,
            "ctranslate2": ctranslate2.__version__,
            "seconds": round(time.perf_counter() - start, 1),
        }
        atomic_write_text(ct2_dir / CT2_MARKER, json.dumps(marker, indent=2))
        log(f"CTranslate2 {quantization} folder ready ({method} converter, {marker['seconds']} s)")
    return True
