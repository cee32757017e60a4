"""Articles per hour of ``batch --engine ray`` against 1, 2 and 4 worker processes on a local cluster.

    python benchmarks/ray_scaling.py --articles 96 --per-prompt 0.05 --workers 1,2,4 --json

A real local Ray cluster (tests/ray_cluster.py: ``ray start --head`` with no CPUs and four
worker nodes of one CPU each, separate processes) runs the batch of ``--articles`` small
articles (tests/batch_corpus.py) with the fake engine slowed to a fixed ``--per-prompt`` delay
(every paragraph costs a fixed number of prompts, so a fixed delay per paragraph). Each worker
count runs on its own output and cache. ``--local`` adds the same with ``--engine local
--workers N`` (processes on this machine, no Ray).

Reported per run: wall seconds, articles/hour over the whole run (start-up included) and in
steady state (between the first and the last report written), and the speed-up over one
worker. The ideal for one worker is 3600 / (prompts per article x delay); with a fixed delay
the work is waiting, so N workers can approach N times that even on a small machine.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from batch_corpus import make_corpus
from ray_cluster import LocalCluster

SCRIPT = ROOT / "tests" / "batch_corpus.py"


def log(text: str) -> None:
    print(f"[scaling] {text}", file=sys.stderr, flush=True)


def prompts_per_article(in_dir: Path) -> float:
    """Return the mean number of prompts the fake engine answers per article (no delay)."""
    from toolkit import compare
    from toolkit.backends.embedder import FakeEmbedder
    from toolkit.backends.fake import FakeGenerator

    paths = sorted(p for p in in_dir.rglob("*") if p.suffix in (".txt", ".md"))
    gen = FakeGenerator()
    for p in paths:
        compare(p, generator=gen, embedder=FakeEmbedder())
    return len(gen.prompts) / len(paths)


def run(in_dir: Path, work: Path, name: str, engine: str, workers: int, per_prompt: float,
        env: dict[str, str]) -> dict:
    out = work / f"out-{name}"
    t0 = time.time()
    r = subprocess.run([sys.executable, str(SCRIPT), "run", str(in_dir), str(out), str(work / f"cache-{name}"),
                        "--engine", engine, "--workers", str(workers), "--per-prompt", str(per_prompt)],
                       capture_output=True, text=True, env=env, check=False)
    wall = time.time() - t0
    m = re.search(r"done (\d+), cached (\d+), failed (\d+)", r.stdout)
    done = int(m.group(1)) if m else 0
    times = sorted(p.stat().st_mtime for p in out.rglob("*.json"))
    steady = (len(times) - 1) * 3600 / (times[-1] - times[0]) if len(times) > 1 and times[-1] > times[0] else None
    result = {"engine": engine, "workers": workers, "done": done, "returncode": r.returncode,
              "wall_s": round(wall, 1), "articles_per_hour": round(done * 3600 / wall, 1),
              "steady_articles_per_hour": None if steady is None else round(steady, 1)}
    if r.returncode != 0:
        result["stderr"] = r.stderr[-1000:]
    log(json.dumps(result))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=96)
    parser.add_argument("--per-prompt", type=float, default=0.05, help="seconds of fake-engine delay per prompt")
    parser.add_argument("--workers", default="1,2,4")
    parser.add_argument("--local", action="store_true", help="also run --engine local --workers N")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    counts = [int(x) for x in args.workers.split(",")]
    work = Path(tempfile.mkdtemp(prefix="parallax-scaling-"))
    in_dir = work / "in"
    make_corpus(in_dir, args.articles, bad=False)
    prompts = prompts_per_article(in_dir)
    ideal = 3600 / (prompts * args.per_prompt)
    log(f"{args.articles} articles, {prompts:.1f} prompts each: ideal {ideal:.0f} articles/hour per worker")
    runs = []
    t0 = time.time()
    with LocalCluster(workers=max(counts), cpus_per_worker=1, head_cpus=0) as cluster:
        log(f"cluster of {max(counts)} worker nodes up in {time.time() - t0:.0f} s")
        env = cluster.env(RAY_ADDRESS=cluster.address)
        for n in counts:
            runs.append(run(in_dir, work, f"ray-{n}", "ray", n, args.per_prompt, env))
    if args.local:
        env = dict(os.environ)
        env.pop("RAY_ADDRESS", None)
        for n in counts:
            runs.append(run(in_dir, work, f"local-{n}", "local", n, args.per_prompt, env))
    for r in runs:
        base = next(x for x in runs if x["engine"] == r["engine"] and x["workers"] == counts[0])
        r["speedup"] = round(r["articles_per_hour"] / base["articles_per_hour"], 2)
        if r["steady_articles_per_hour"] and base["steady_articles_per_hour"]:
            r["steady_speedup"] = round(r["steady_articles_per_hour"] / base["steady_articles_per_hour"], 2)
    result = {"articles": args.articles, "per_prompt_s": args.per_prompt, "prompts_per_article": round(prompts, 2),
              "ideal_articles_per_hour_per_worker": round(ideal, 1), "cpus": os.cpu_count(), "runs": runs}
    print(json.dumps(result) if args.json else json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
