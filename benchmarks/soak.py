"""Soak test of ``parallax batch``: many articles, bad files, ``kill -9`` at random moments, a clean run.

    python benchmarks/soak.py --articles 1000 --bad-share 0.05 --kills 5 --json

1. Make ``--articles`` files (benchmarks/soak_corpus.py): good articles of real shapes and a
   ``--bad-share`` of bad files; one of them is rewritten again and again during every run.
2. Clean run: ``parallax batch`` once, uninterrupted, on its own output and cache, with the
   process's RSS sampled against the number of reports written (``rss_growth``: the peak while
   the last tenth of the articles is computed over the peak of the first tenth; the index,
   written once at the end, has its own peak, ``rss_kib_index_phase``).
3. Killed series: ``parallax batch`` on another output and cache, killed with SIGKILL ``--kills``
   times at random moments (uniform over the time the rest of the run should take, so the
   planning, computing and index phases are all hit; a run that ends before its moment is not a
   kill, and the next moment is drawn within such a run's time), rerun until it ends by
   itself; then once more, which must compute nothing (but the file that keeps changing).
4. Compare: every good article has one report (``lost``), no row or report twice
   (``duplicated``), the reports equal the clean run's, timings aside (``mismatched``), the
   cache database passes ``PRAGMA integrity_check`` and every JSON report parses
   (``integrity``), no temporary file or lease is left, and every bad file is either reported
   in errors.csv or (when it was readable after all) has a report.

The runs use the fake engine (``--backend fake --embedder fake``) unless ``--model`` names a
real pack. With ``--json`` the last line of stdout is one JSON object; progress goes to stderr.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import platform
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from soak_corpus import VOLATILE, Changer, Corpus, make_corpus

REPORT_SUFFIXES = (".json", ".html")


def log(text: str) -> None:
    print(f"[soak] {text}", file=sys.stderr, flush=True)


# ----------------------------------------------------------------------------- one batch run
@dataclass
class Run:
    """One ``parallax batch`` process: how it ended and what it printed."""

    wall_s: float
    returncode: int
    killed: bool
    summary: str = ""
    samples: list[tuple[float, int, int]] = field(default_factory=list)  # (seconds, reports, rss KiB)

    def counts(self) -> dict[str, int]:
        import re

        m = re.search(r"done (\d+), cached (\d+), failed (\d+)", self.summary)
        return dict(zip(("done", "cached", "failed"), map(int, m.groups()), strict=True)) if m else {}


def count_reports(out: Path) -> int:
    n = 0
    for _, _, files in os.walk(out):
        n += sum(1 for f in files if f.endswith(".json") and not f.startswith("."))
    return n


def rss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def batch(args: argparse.Namespace, in_dir: Path, out: Path, cache: Path, logfile: Path,
          kill_after: float | None = None, sample: bool = False) -> Run:
    """Run ``parallax batch`` once; SIGKILL it after ``kill_after`` seconds if it still runs."""
    cmd = [sys.executable, "-m", "toolkit", "batch", str(in_dir), "-o", str(out)]
    if args.model:
        cmd += ["--model", args.model]
    else:
        cmd += ["--backend", "fake", "--embedder", "fake"]
    if args.max_words:
        cmd += ["--max-words", str(args.max_words)]
    if args.workers:
        cmd += ["--workers", str(args.workers)]
    env = dict(os.environ, PARALLAX_CACHE_DIR=str(cache), PYTHONPATH=str(HERE.parent))
    if args.model and not (cache / "models").exists():  # the packs, from the user's cache; results apart
        cache.mkdir(parents=True, exist_ok=True)
        models = Path(args.model_cache or os.environ.get("PARALLAX_CACHE_DIR", "")) / "models"
        (cache / "models").symlink_to(models.resolve())
    t0 = time.monotonic()
    with open(logfile, "ab") as err:
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, env=env, start_new_session=True)
        samples: list[tuple[float, int, int]] = []
        killed = False
        next_sample = 0.0
        while proc.poll() is None:
            now = time.monotonic() - t0
            if kill_after is not None and now >= kill_after:
                os.killpg(proc.pid, signal.SIGKILL)  # the batch process and any workers it started
                proc.wait()
                killed = True
                break
            if sample and now >= next_sample:
                samples.append((now, count_reports(out) if out.exists() else 0, rss_kib(proc.pid)))
                next_sample = now + args.sample_s
            time.sleep(0.02)
    run = Run(time.monotonic() - t0, proc.returncode, killed, samples=samples)
    if not killed:
        lines = logfile.read_text(encoding="utf-8", errors="replace").splitlines()
        run.summary = next((line for line in reversed(lines) if line.startswith("done ")), "")
    return run


def rss_growth(samples: list[tuple[float, int, int]], total: int) -> tuple[float | None, int, int, int]:
    """Return the growth of peak RSS from the first to the last tenth of the articles computed.

    A sample belongs to the first tenth while 1 to total/10 reports are written, to the last
    tenth while the last total/10 are being computed (the final report not yet written). The
    index is written after that, once for the whole folder; its peak is returned apart.
    Returns (growth, first-tenth peak, last-tenth peak, index-phase peak), peaks in KiB.
    """
    tenth = max(1, total // 10)
    first = [rss for _, n, rss in samples if 0 < n <= tenth and rss]
    last = [rss for _, n, rss in samples if total - tenth <= n < total and rss]
    index = max((rss for _, n, rss in samples if n >= total), default=0)
    if not first or not last:
        return None, max(first, default=0), max(last, default=0), index
    return max(last) / max(first) - 1, max(first), max(last), index


# ----------------------------------------------------------------------------- the checks
def read_csv(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def without_timings(path: Path) -> object:
    data = json.loads(path.read_text(encoding="utf-8"))
    if isinstance(data, dict):
        data.pop("timings", None)
    return data


def compare(corpus: Corpus, killed: Path, clean: Path, cache: Path) -> dict:
    """Return the soak's verdict on the killed series' output against the clean run's."""
    good = set(corpus.good)
    lost = [rel for rel in corpus.good if not all((killed / f"{rel}{s}").is_file() for s in REPORT_SUFFIXES)]

    mismatched = []
    for rel in corpus.good:
        a, b = killed / f"{rel}.json", clean / f"{rel}.json"
        if rel in lost or not b.is_file():
            continue
        try:
            same = without_timings(a) == without_timings(b) and \
                (killed / f"{rel}.html").read_bytes() == (clean / f"{rel}.html").read_bytes()
        except ValueError:
            same = False
        if not same:
            mismatched.append(rel)

    rows = read_csv(killed / "results.csv")
    errors = read_csv(killed / "errors.csv")
    paths = [r.get("path", "") for r in rows]
    error_paths = [r.get("path", "") for r in errors]
    duplicated = (len(paths) - len(set(paths))) + (len(error_paths) - len(set(error_paths))) \
        + len(set(paths) & set(error_paths))

    reports, broken_json, temp_files = [], 0, []
    for folder, _, files in os.walk(killed):
        for name in files:
            rel = Path(folder, name).relative_to(killed).as_posix()
            if name.startswith("."):
                temp_files.append(rel)
            elif name.endswith(".json"):
                reports.append(rel[: -len(".json")])
                try:
                    json.loads(Path(folder, name).read_text(encoding="utf-8"))
                except ValueError:
                    broken_json += 1
    bad = dict(corpus.bad)
    orphans = [r for r in reports if r not in good and r not in bad]  # a report of no input file
    duplicated += len(orphans)
    temp_files += [p.name for p in cache.glob("*.tmp")]

    integrity, leases = "no cache", None
    db_path = cache / "results.sqlite"
    if db_path.exists():
        with sqlite3.connect(db_path) as db:
            integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
            try:
                leases = db.execute("SELECT COUNT(*) FROM leases").fetchone()[0]
            except sqlite3.Error:
                leases = 0
    if broken_json:
        integrity = f"{broken_json} JSON report(s) do not parse" if integrity == "ok" else integrity

    listed = set(error_paths)
    unaccounted = [rel for rel, kind in corpus.bad
                   if rel not in listed and rel not in reports and kind != "folder"]
    clean_errors = {r.get("path", "") for r in read_csv(clean / "errors.csv")}
    return {
        "lost": len(lost),
        "duplicated": duplicated,
        "mismatched": len(mismatched),
        "integrity": integrity,
        "leftover_temp_files": len(temp_files),
        "leftover_leases": leases,
        "bad_unaccounted": len(unaccounted),
        "good_failing_in_clean_run": sorted(good & clean_errors),
        "bad_reported_as_errors": len(set(bad) & listed),
        "examples": {"lost": lost[:5], "mismatched": mismatched[:5], "orphans": orphans[:5],
                     "temp_files": temp_files[:5], "unaccounted": unaccounted[:5]},
    }


# ----------------------------------------------------------------------------- the soak
def soak(args: argparse.Namespace) -> dict:
    t_start = time.monotonic()
    rng = random.Random(args.seed)
    work = Path(args.workdir or tempfile.mkdtemp(prefix="parallax-soak-"))
    work.mkdir(parents=True, exist_ok=True)
    in_dir = work / "in"
    log(f"making {args.articles} files ({args.bad_share:.0%} bad) under {in_dir}")
    corpus = make_corpus(in_dir, args.articles, args.bad_share, args.seed)
    changing = any(kind == "changing" for _, kind in corpus.bad)
    changer = Changer(in_dir / VOLATILE if changing else work / "not-in-the-corpus.txt")

    with changer:
        log("clean run (uninterrupted, RSS sampled)")
        clean = batch(args, in_dir, work / "clean", work / "cache-clean", work / "clean.log", sample=True)
        log(f"clean run: {clean.summary or clean.returncode} in {clean.wall_s:.1f} s")
        total = count_reports(work / "clean")
        growth, rss_first, rss_last, rss_index = rss_growth(clean.samples, total)
        with open(work / "clean-rss.csv", "w", encoding="utf-8") as f:  # seconds, reports written, RSS KiB
            f.writelines(f"{t:.2f},{n},{rss}\n" for t, n, rss in clean.samples)
        first_report = next((t for t, n, _ in clean.samples if n > 0), 1.0)

        out, cache = work / "killed", work / "cache-killed"
        runs: list[Run] = []
        kills = 0
        finished: float | None = None  # wall time of the last run that ended by itself
        while kills < args.kills and len(runs) < 3 * args.kills:
            left = max(0.0, 1 - count_reports(out) / max(1, total)) if out.exists() else 1.0
            expected = first_report + (clean.wall_s - first_report) * left
            if finished is not None:  # everything computed: a run is start-up, planning and index
                expected = min(expected, finished)
            at = rng.uniform(0.2, max(0.5, expected))
            run = batch(args, in_dir, out, cache, work / "killed.log", kill_after=at)
            runs.append(run)
            kills += run.killed
            if not run.killed:
                finished = run.wall_s
            log(f"run {len(runs)} (kills so far {kills}/{args.kills}): at {at:.1f} s of an expected "
                f"{expected:.1f} s -> {'killed' if run.killed else 'had already finished'}; "
                f"{count_reports(out)} reports")
        while True:  # rerun until a run ends by itself
            run = batch(args, in_dir, out, cache, work / "killed.log")
            runs.append(run)
            log(f"rerun: {run.summary or run.returncode} in {run.wall_s:.1f} s")
            if not run.killed and run.returncode in (0, 1):
                break
            if len(runs) > 3 * args.kills + 5:
                raise SystemExit("the series does not finish; see " + str(work / "killed.log"))
        again = batch(args, in_dir, out, cache, work / "killed.log")
        log(f"one more run: {again.summary}")

    verdict = compare(corpus, out, work / "clean", cache)
    result = {
        "articles": args.articles,
        "good": len(corpus.good),
        "bad": len(corpus.bad),
        "kills": kills,
        **{k: verdict[k] for k in ("lost", "duplicated", "mismatched", "integrity", "leftover_temp_files")},
        "rss_growth": None if growth is None else round(growth, 4),
        "wall_s": round(time.monotonic() - t_start, 1),
        "leftover_leases": verdict["leftover_leases"],
        "bad_unaccounted": verdict["bad_unaccounted"],
        "bad_reported_as_errors": verdict["bad_reported_as_errors"],
        "good_failing_in_clean_run": verdict["good_failing_in_clean_run"],
        "recomputed_by_a_rerun_after_the_end": again.counts().get("done"),  # the changing file may be
        "rss_kib_first_tenth": rss_first,
        "rss_kib_last_tenth": rss_last,
        "rss_kib_index_phase": rss_index,
        "clean_run": {"wall_s": round(clean.wall_s, 1), **clean.counts(),
                      "articles_per_hour": round(clean.counts().get("done", 0) * 3600 / clean.wall_s, 1)},
        "killed_series": {"runs": len(runs) + 1, "wall_s": round(sum(r.wall_s for r in runs), 1),
                          "last_run": runs[-1].counts()},
        "changing_file_rewrites": changer.writes,
        "engine": args.model or "fake",
        "examples": verdict["examples"],
        "settings": {"seed": args.seed, "max_words": args.max_words, "workers": args.workers,
                     "cpus": os.cpu_count(), "python": platform.python_version(), "workdir": str(work)},
    }
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000, help="files to make, bad ones included")
    parser.add_argument("--bad-share", type=float, default=0.05, help="share of bad files")
    parser.add_argument("--kills", type=int, default=5, help="runs to kill with SIGKILL")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--max-words", type=int, default=20000, help="batch --max-words (0: none)")
    parser.add_argument("--workers", type=int, default=0, help="batch --workers (0: the default)")
    parser.add_argument("--model", default="", help="a real pack instead of the fake engine, e.g. smollm2-135m")
    parser.add_argument("--model-cache", default="", help="with --model: the cache folder that holds the "
                        "packs (default: $PARALLAX_CACHE_DIR)")
    parser.add_argument("--workdir", default="", help="keep everything here (default: a temporary folder)")
    parser.add_argument("--sample-s", type=float, default=0.25, help="RSS sampling period of the clean run")
    parser.add_argument("--json", action="store_true", help="end stdout with the result as one JSON line")
    args = parser.parse_args()
    result = soak(args)
    ok = (result["lost"] == result["duplicated"] == result["mismatched"] == result["leftover_temp_files"] == 0
          and result["integrity"] == "ok" and result["kills"] == args.kills
          and result["rss_growth"] is not None and result["rss_growth"] <= 0.10)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
