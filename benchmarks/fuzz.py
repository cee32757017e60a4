"""The long fuzzing run: tests/test_fuzz.py with many examples and a random seed, summarized.

    python benchmarks/fuzz.py --examples 10000 --seed 1 --json

Runs pytest on tests/test_fuzz.py (ingest of generated text, Markdown and HTML; every
registered check; compare, summarize and retranslate with the fake engine through every
renderer and the batch index) with ``PARALLAX_FUZZ_EXAMPLES`` and ``PARALLAX_FUZZ_SEED`` set,
and Hypothesis's statistics on. With ``--json`` the last line of stdout is one JSON object:
examples run per test, failures (the falsifying example, shrunk), seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def parse_statistics(output: str) -> dict[str, dict]:
    """Return {test: {"passing": n, "failing": n, "invalid": n}} from --hypothesis-show-statistics."""
    tests: dict[str, dict] = {}
    current = None
    for line in output.splitlines():
        m = re.match(r"^tests/test_fuzz\.py::(\S+):", line.strip())
        if m:
            current = tests.setdefault(m.group(1), {"passing": 0, "failing": 0, "invalid": 0})
            continue
        m = re.search(r"(\d+) passing, (\d+) failing, and (\d+) invalid", line)
        if m and current is not None:
            for key, value in zip(("passing", "failing", "invalid"), m.groups(), strict=True):
                current[key] += int(value)
    return tests


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=10000, help="examples per fuzz test")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    env = dict(os.environ, PARALLAX_FUZZ_EXAMPLES=str(args.examples), PARALLAX_FUZZ_SEED=str(args.seed))
    t0 = time.monotonic()
    r = subprocess.run([sys.executable, "-m", "pytest", "tests/test_fuzz.py", "-q", "-p", "no:cacheprovider",
                        "--hypothesis-show-statistics", "-k", "not 100k"],
                       cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    wall = time.monotonic() - t0
    print(r.stdout[-20000:], file=sys.stderr)
    summary = re.search(r"(\d+) passed|(\d+) failed", r.stdout)
    failures = re.findall(r"Falsifying example: (.*?)(?:\n\n|\Z)", r.stdout, re.DOTALL)
    result = {
        "examples_per_test": args.examples,
        "seed": args.seed,
        "returncode": r.returncode,
        "tests": parse_statistics(r.stdout),
        "failures": [f[:2000] for f in failures],
        "pytest": summary.group(0) if summary else r.stdout.strip().splitlines()[-1:],
        "wall_s": round(wall, 1),
    }
    print(json.dumps(result, ensure_ascii=False) if args.json else json.dumps(result, indent=2, ensure_ascii=False))
    sys.exit(r.returncode)


if __name__ == "__main__":
    main()
