"""--segments lines: Parallax's scores and paired tests equal the sacrebleu command's."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import toolkit
from toolkit.backends.embedder import FakeEmbedder

ROOT = Path(__file__).resolve().parent.parent
VERSIONS = ROOT / "samples" / "versions"


def _paragraphs(path: Path) -> list[str]:
    return re.split(r"\n\s*\n", path.read_text(encoding="utf-8").strip())


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    """A line-aligned test set: article, two systems, a reference, one paragraph per line."""
    tmp = tmp_path_factory.mktemp("lines")
    base = _paragraphs(ROOT / "samples" / "caucasus-moscow-baku.txt")[:-4]  # without tags and comment form
    ref = _paragraphs(VERSIONS / "caucasus-moscow-baku.ref.txt")
    worse = _paragraphs(VERSIONS / "caucasus-moscow-baku.truncated.txt")
    mixed = [r if k % 3 else b for k, (b, r) in enumerate(zip(base, ref))]
    assert len(base) == len(ref) == len(worse)
    out = {}
    for name, lines in (("base", base), ("mixed", mixed), ("worse", worse), ("ref", ref)):
        out[name] = tmp / f"{name}.txt"
        out[name].write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def _sacrebleu(files, *test: str) -> list[dict]:
    """Run the sacrebleu command; return per system {metric: (score, mean, ci, p)} from its table.

    (Its ``-f json`` output fails on paired tests in sacrebleu 2.6: float32 is not JSON
    serializable; the text table, at 4 decimals, is what users read anyway.)
    """
    exe = shutil.which("sacrebleu", path=os.path.dirname(sys.executable)) or shutil.which("sacrebleu")
    assert exe, "the sacrebleu command is installed with the sacrebleu package"
    proc = subprocess.run(
        [exe, str(files["ref"]), "-i", str(files["base"]), str(files["mixed"]), str(files["worse"]),
         "-m", "bleu", "chrf", "ter", *test, "-w", "4", "--no-color", "-f", "text"],
        capture_output=True, text=True, timeout=600, check=False, env={**os.environ, "SACREBLEU_SEED": "12345"},
    )
    assert proc.returncode == 0, proc.stderr
    rows: list[dict] = []
    for line in proc.stdout.splitlines():
        cells = [c.strip() for c in line.split("│")[1:-1]]
        if len(cells) != 4:
            continue
        m = [re.fullmatch(r"([\d.]+)(?: \(([\d.]+) ± ([\d.]+)\))?", c) for c in cells[1:]]
        if all(m) and cells[0]:
            rows.append({metric: [float(x) if x else None for x in g.groups()] + [None]
                         for metric, g in zip(("BLEU", "chrF", "TER"), m)})
            continue
        ps = [re.fullmatch(r"\(p = ([\d.]+)\)\*?", c) for c in cells[1:]]
        if all(ps) and rows:
            for metric, g in zip(("BLEU", "chrF", "TER"), ps):
                rows[-1][metric][3] = float(g.group(1))
    assert len(rows) == 3, proc.stdout
    return rows


@pytest.fixture(scope="module")
def ours(files):
    return toolkit.compare(files["base"], embedder=FakeEmbedder(), strategies="none", segments="lines",
                           versions={"mixed": files["mixed"], "worse": files["worse"]},
                           reference=files["ref"], bootstrap=300, trials=500).versions


def test_lines_scores_intervals_and_paired_bootstrap_equal_sacrebleu(files, ours):
    theirs = _sacrebleu(files, "--paired-bs", "--paired-bs-n", "300")
    for row, name in zip(theirs, ("article", "mixed", "worse")):
        mine = next(s for s in ours.scores if s.name == name)
        for metric, (score, mean, ci, p) in row.items():
            assert round(mine.score(metric), 2) == round(score, 2), (name, metric)
            lo, hi = mine.interval(metric)
            assert abs((lo + hi) / 2 - mean) < 6e-5 and abs((hi - lo) / 2 - ci) < 6e-5, (name, metric)
            if name != "article":
                assert abs(ours.p_value(name, metric) - p) < 6e-5, (name, metric)


def test_lines_approximate_randomization_equals_sacrebleu(files, ours):
    theirs = _sacrebleu(files, "--paired-ar", "--paired-ar-n", "500")
    for row, name in zip(theirs[1:], ("mixed", "worse")):
        for metric, (score, _, _, p) in row.items():
            assert round(next(s for s in ours.scores if s.name == name).score(metric), 2) == round(score, 2)
            assert abs(ours.p_value(name, metric, "approximate-randomization") - p) < 6e-5, (name, metric)


def test_lines_are_segments_one_to_one(files, ours):
    assert ours.segments == "lines"
    assert len(ours.paragraphs) == len(files["base"].read_text().splitlines())
    cell = ours.paragraphs[4].cell("mixed")
    assert cell.aligned_from == ("s0.p5",) and cell.text == files["mixed"].read_text().splitlines()[4]
