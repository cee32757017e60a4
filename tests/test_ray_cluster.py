"""``batch --engine ray`` on a real local Ray cluster that loses a worker node mid-run.

The test starts the cluster itself (tests/ray_cluster.py): ``ray start --head`` and two worker
nodes of one CPU each, every node a process tree of its own. The batch (a driver process, the fake
engine slowed to a fixed cost per prompt) runs one model actor per worker node; when a few reports
are written, one worker node is killed with SIGKILL (its raylet and every worker process on it).
Ray Data restarts the lost actor on the surviving node and retries its article: the run ends
with every report, each once, equal to what the local engine writes.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
import time
from pathlib import Path

from batch_corpus import make_corpus
from ray_cluster import LocalCluster

SCRIPT = Path(__file__).resolve().parent / "batch_corpus.py"
N = 16


def _reports(out: Path) -> dict[str, object]:
    found = {}
    for p in sorted(out.rglob("*")):
        if p.is_file():
            name = p.relative_to(out).as_posix()
            if name.endswith(".json"):
                data = json.loads(p.read_text(encoding="utf-8"))  # whole, parseable
                data.pop("timings")
                found[name] = data
            elif name == "results.csv":  # its last column, seconds, is a timing
                found[name] = [line.rsplit(",", 1)[0] for line in p.read_text(encoding="utf-8").splitlines()]
            else:
                found[name] = p.read_bytes()
    return found


def test_batch_on_a_ray_cluster_survives_a_lost_worker_node(tmp_path):
    in_dir, out = tmp_path / "in", tmp_path / "out"
    rels = make_corpus(in_dir, N)  # and 2 bad files
    local = subprocess.run([sys.executable, str(SCRIPT), "run", str(in_dir), str(tmp_path / "local"),
                            str(tmp_path / "cache-local")], capture_output=True, text=True, timeout=300, check=False)
    assert local.returncode == 1, local.stderr

    with LocalCluster(workers=2, cpus_per_worker=1, head_cpus=0) as cluster:
        driver = subprocess.Popen([sys.executable, str(SCRIPT), "run", str(in_dir), str(out), str(tmp_path / "cache"),
                                   "--engine", "ray", "--workers", "2", "--per-prompt", "0.05"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                  env=cluster.env(RAY_ADDRESS=cluster.address))
        deadline = time.monotonic() + 300
        while len(list(out.rglob("*.json"))) < 3 and time.monotonic() < deadline:
            assert driver.poll() is None, driver.communicate()
            time.sleep(0.1)
        written = len(list(out.rglob("*.json")))
        assert 3 <= written < N, written  # mid-run
        killed = cluster.kill_worker(0)
        assert len(killed) >= 2  # the node's ray start and raylet at least, with its workers
        stdout, stderr = driver.communicate(timeout=600)

    assert driver.returncode == 1, stderr[-3000:]  # the two bad files, nothing else
    done, cached, failed = map(int, re.search(r"done (\d+), cached (\d+), failed (\d+)", stdout).groups())
    assert (done, cached, failed) == (N, 0, 2), stdout[-2000:]
    rows = list(csv.DictReader(io.StringIO((out / "results.csv").read_text(encoding="utf-8"))))
    assert sorted(r["path"] for r in rows) == rels  # nothing lost, nothing twice
    found, local = _reports(out), _reports(tmp_path / "local")  # the same reports as the local engine
    assert sorted(found) == sorted(local)
    assert [name for name in local if found[name] != local[name]] == []  # names, not whole reports
