"""``--engine ray`` (Ray Data in local mode, 2 CPUs) writes the same reports as the local engine."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # inside Ray Data
ray = pytest.importorskip("ray", reason="Ray is an optional extra: pip install 'parallax-toolkit[ray]'")

from batch_corpus import make_corpus

from toolkit.backends.embedder import FakeEmbedder
from toolkit.backends.fake import FakeGenerator
from toolkit.batch import run_batch
from toolkit.core.config import Settings


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _strip_timings(name: str, data: bytes) -> object:
    if name.endswith(".json"):
        report = json.loads(data)
        report.pop("timings")
        return report
    if name == "results.csv":  # its last column, seconds, is a timing field
        return [line.rsplit(b",", 1)[0] for line in data.splitlines()]
    return data


def test_ray_engine_matches_local_engine(tmp_path, monkeypatch):
    monkeypatch.delenv("RAY_ADDRESS", raising=False)
    in_dir = tmp_path / "in"
    make_corpus(in_dir, 4, bad=False)
    (in_dir / "empty.txt").write_bytes(b"")
    settings = Settings(cache_dir=str(tmp_path / "cache"))

    local = run_batch(in_dir, tmp_path / "local", settings, generator=FakeGenerator(), embedder=FakeEmbedder(),
                      use_cache=False)
    events = []

    class Recorder:
        def begin(self, total, cached, failed):
            events.append(("begin", total))

        def started(self, rel, units):
            events.append(("started", rel))

        def advanced(self, rel, n):
            events.append(("advanced", rel))

        def finished(self, rel, status, message=None):
            events.append(("finished", rel, status))

        def note(self, text):
            pass

        def end(self):
            pass

    distributed = run_batch(in_dir, tmp_path / "ray", settings, engine="ray", workers=2, ray_num_cpus=2,
                            generator=FakeGenerator(), embedder=FakeEmbedder(), use_cache=False, progress=Recorder())
    assert not ray.is_initialized()  # it started Ray itself, and stopped it
    assert (distributed.done, distributed.failed) == (local.done, local.failed) == (4, 1)
    a, b = _files(tmp_path / "local"), _files(tmp_path / "ray")
    assert sorted(a) == sorted(b)
    for name in a:
        assert _strip_timings(name, a[name]) == _strip_timings(name, b[name]), name
    assert ("begin", 4) in events and sum(e[0] == "finished" and e[2] == "done" for e in events) == 4
