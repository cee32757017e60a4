"""Resume: a batch run killed with SIGKILL midway, then rerun, ends as if never interrupted."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

from batch_corpus import make_corpus

SCRIPT = Path(__file__).resolve().parent / "batch_corpus.py"


def _run(*args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(SCRIPT), "run", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, **kwargs)


def _without_timings(path: Path) -> dict:
    data = json.loads(path.read_text(encoding="utf-8"))  # every output must parse
    data.pop("timings")
    return data


def test_kill_9_midway_then_rerun_completes_with_whole_files(tmp_path):
    in_dir = tmp_path / "in"
    rels = make_corpus(in_dir, 12)
    killed, clean = tmp_path / "killed", tmp_path / "clean"

    proc = _run(str(in_dir), str(killed), str(tmp_path / "cache-a"), "0.04")  # slow: ~0.3 s per article
    deadline = time.monotonic() + 60
    while len(list(killed.rglob("*.json"))) < 4 and time.monotonic() < deadline:  # a few articles in
        time.sleep(0.02)
        assert proc.poll() is None, proc.communicate()
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    written = {p.relative_to(killed).as_posix() for p in killed.rglob("*.json")}
    assert 0 < len(written) < 12  # killed midway
    assert not (killed / "index.html").exists()
    for p in killed.rglob("*.json"):  # whatever was written is whole
        _without_timings(p)

    rerun = _run(str(in_dir), str(killed), str(tmp_path / "cache-a"))
    out, err = rerun.communicate(timeout=120)
    assert rerun.returncode == 1, err  # the two bad files
    done, cached, failed = map(int, re.search(r"done (\d+), cached (\d+), failed (\d+)", out).groups())
    assert cached >= len(written) - 1 and done + cached == 12 and failed == 2, out  # the finished ones: not redone

    reference = _run(str(in_dir), str(clean), str(tmp_path / "cache-b"))
    out, err = reference.communicate(timeout=120)
    assert reference.returncode == 1, err

    names = sorted(p.relative_to(killed).as_posix() for p in killed.rglob("*") if p.is_file())
    assert names == sorted(p.relative_to(clean).as_posix() for p in clean.rglob("*") if p.is_file())
    assert not [n for n in names if n.rsplit("/", 1)[-1].startswith(".")]  # no temporary files left
    assert names == sorted([*(f"{r}.json" for r in rels), *(f"{r}.html" for r in rels),
                            "index.html", "results.csv", "errors.csv"])
    for rel in rels:
        assert _without_timings(killed / f"{rel}.json") == _without_timings(clean / f"{rel}.json")
        assert (killed / f"{rel}.html").read_bytes() == (clean / f"{rel}.html").read_bytes()
    assert (killed / "index.html").read_bytes() == (clean / "index.html").read_bytes()
    assert (killed / "errors.csv").read_bytes() == (clean / "errors.csv").read_bytes()
