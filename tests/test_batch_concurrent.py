"""Two batch runs at once on the same folder, output and cache (two terminals, an overlapping cron job).

They share the work through leases in the cache (toolkit/batch/leases.py): every article is
computed once, by one of them; the other serves it from the cache. Every file stays whole and
equals what one run alone writes. When one of the two is killed, the other takes its articles over.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from batch_corpus import make_corpus

SCRIPT = Path(__file__).resolve().parent / "batch_corpus.py"
N = 12


def _start(in_dir: Path, out: Path, cache: Path, sleep: str = "0.04") -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(SCRIPT), "run", str(in_dir), str(out), str(cache), sleep],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _summary(proc: subprocess.Popen) -> tuple[int, int, int]:
    out, err = proc.communicate(timeout=180)
    assert proc.returncode == 1, err  # the corpus's two bad files
    found = re.search(r"done (\d+), cached (\d+), failed (\d+)", out)
    assert found, out + err
    return tuple(map(int, found.groups()))


def _whole(root: Path) -> dict[str, object]:
    """Every file under ``root``, JSON parsed without its timings (a half-written file fails here)."""
    files = {}
    for p in sorted(root.rglob("*")):
        if not p.is_file():
            continue
        name = p.relative_to(root).as_posix()
        if name.endswith(".json"):
            data = json.loads(p.read_text(encoding="utf-8"))
            data.pop("timings")
            files[name] = data
        elif name == "results.csv":  # its last column, seconds, is a timing
            files[name] = [line.rsplit(",", 1)[0] for line in p.read_text(encoding="utf-8").splitlines()]
        else:
            files[name] = p.read_bytes()
    return files


def _assert_same(found: dict[str, object], reference: dict[str, object]) -> None:
    """The same files as one run alone (no temporary file either), each with the same content;
    a failure names the files, not every report's whole text."""
    assert sorted(found) == sorted(reference)
    assert [name for name in reference if found[name] != reference[name]] == []


def _cache_entries(cache: Path) -> int:
    with sqlite3.connect(cache / "results.sqlite") as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("SELECT COUNT(*) FROM leases").fetchone()[0] == 0  # every lease released
        return db.execute("SELECT COUNT(*) FROM results").fetchone()[0]


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> dict[str, object]:
    """What one run alone writes for the corpus (make_corpus is deterministic)."""
    root = tmp_path_factory.mktemp("alone")
    make_corpus(root / "in", N)
    alone = _start(root / "in", root / "out", root / "cache", "0")
    assert _summary(alone) == (N, 0, 2)
    return _whole(root / "out")


def test_two_runs_at_once_compute_each_article_once(tmp_path, reference):
    in_dir, out, cache = tmp_path / "in", tmp_path / "out", tmp_path / "cache"
    make_corpus(in_dir, N)
    a = _start(in_dir, out, cache)
    b = _start(in_dir, out, cache)
    (done_a, cached_a, failed_a), (done_b, cached_b, failed_b) = _summary(a), _summary(b)

    print(f"run a computed {done_a}, run b {done_b}")
    assert done_a + done_b == N  # each article computed once, by one of the two
    assert done_a + cached_a == done_b + cached_b == N  # each run accounts for all of them
    assert failed_a == failed_b == 2
    assert _cache_entries(cache) == N
    _assert_same(_whole(out), reference)  # whole files, the same as one run alone
    assert not [p for p in out.rglob(".*")]  # no temporary file left


def test_a_run_started_while_another_runs_waits_for_it(tmp_path, reference):
    in_dir, out, cache = tmp_path / "in", tmp_path / "out", tmp_path / "cache"
    make_corpus(in_dir, N)
    first = _start(in_dir, out, cache)
    deadline = time.monotonic() + 60
    while len(list(out.rglob("*.json"))) < 2 and time.monotonic() < deadline:  # a cron job that overlaps
        time.sleep(0.02)
    second = _start(in_dir, out, cache)
    (done_1, cached_1, _), (done_2, cached_2, _) = _summary(first), _summary(second)
    assert done_1 + done_2 == N and done_1 >= 2
    assert cached_1 + done_1 == cached_2 + done_2 == N
    assert _cache_entries(cache) == N
    _assert_same(_whole(out), reference)


def test_the_survivor_takes_over_the_articles_of_a_killed_run(tmp_path, reference):
    in_dir, out, cache = tmp_path / "in", tmp_path / "out", tmp_path / "cache"
    make_corpus(in_dir, N)
    a = _start(in_dir, out, cache, "0.08")
    b = _start(in_dir, out, cache, "0.08")
    deadline = time.monotonic() + 60
    while len(list(out.rglob("*.json"))) < 3 and time.monotonic() < deadline:
        time.sleep(0.02)
    os.kill(a.pid, signal.SIGKILL)  # it dies holding a lease on the article it was computing
    a.communicate()
    done, cached, failed = _summary(b)
    assert done + cached == N and failed == 2  # nothing lost
    assert _cache_entries(cache) == N
    _assert_same(_whole(out), reference)
    assert not [p for p in out.rglob(".*")]


def test_leases_busy_cached_and_the_leases_of_dead_runs(tmp_path):
    from toolkit.batch.leases import BUSY, CACHED, MINE, Leases
    from toolkit.cache import ResultCache

    cache = ResultCache(tmp_path / "results.sqlite")
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        started = round(psutil.Process(other.pid).create_time(), 2)
        with sqlite3.connect(tmp_path / "results.sqlite") as db:  # a live run's lease, and a dead run's
            db.execute("CREATE TABLE leases (key TEXT PRIMARY KEY, host TEXT NOT NULL, pid INTEGER NOT NULL, "
                       "started REAL NOT NULL, beat REAL NOT NULL)")
            db.execute("INSERT INTO leases VALUES ('live', ?, ?, ?, ?)", (socket.gethostname(), other.pid, started,
                                                                           time.time()))
            db.execute("INSERT INTO leases VALUES ('dead', ?, ?, ?, ?)", (socket.gethostname(), other.pid,
                                                                           started - 100, time.time()))
        leases = Leases(tmp_path / "results.sqlite")
        with sqlite3.connect(tmp_path / "results.sqlite") as db:  # swept: its process is gone (pid reused)
            assert [k for (k,) in db.execute("SELECT key FROM leases")] == ["live"]
        assert leases.take("live") == BUSY
        assert leases.take("new") == MINE and leases.take("new") == BUSY  # a second file of the same bytes
        cache.put("done", {"json": "{}", "html": ""}, 1.0)
        assert leases.take("done") == CACHED
        other.kill()
        other.wait()
        assert leases.take("live") == MINE  # its owner died: taken over
        leases.release("new")
        leases.close()
        with sqlite3.connect(tmp_path / "results.sqlite") as db:
            assert db.execute("SELECT COUNT(*) FROM leases").fetchone()[0] == 0
    finally:
        other.kill()
        other.wait()
        cache.close()


def test_a_run_killed_after_caching_a_report_leaves_no_lease(tmp_path):
    """It died between putting its report in the cache and releasing its lease, after this
    run's start-up sweep: ``take`` answers ``cached`` without touching that lease, so the end
    of this run sweeps it."""
    from toolkit.batch.leases import CACHED, Leases
    from toolkit.cache import ResultCache

    cache = ResultCache(tmp_path / "results.sqlite")
    leases = Leases(tmp_path / "results.sqlite")  # its sweep: nothing yet
    cache.put("done", {"json": "{}", "html": ""}, 1.0)
    dead = 2**22 + 12347  # above the default pid_max: no such process
    with sqlite3.connect(tmp_path / "results.sqlite") as db:
        db.execute("INSERT INTO leases VALUES ('done', ?, ?, ?, ?)",
                   (socket.gethostname(), dead, 1.0, time.time()))
    try:
        assert leases.take("done") == CACHED
    finally:
        leases.close()
        cache.close()
    with sqlite3.connect(tmp_path / "results.sqlite") as db:
        assert db.execute("SELECT COUNT(*) FROM leases").fetchone()[0] == 0
