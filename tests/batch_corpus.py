"""Build a folder of small articles for the batch tests, and run a (slow) batch from a subprocess.

    python tests/batch_corpus.py make IN_DIR [N]             # N articles + 2 bad files
    python tests/batch_corpus.py run IN_DIR OUT_DIR CACHE_DIR [SLEEP] [--engine ray] [--workers N]
                                     [--per-prompt S]

``run`` uses the fake generator and embedder; SLEEP seconds per generation call (and S seconds
per prompt of a call, a fixed cost per paragraph) make it slow enough to be killed midway
(tests/test_batch_kill.py, tests/test_ray_cluster.py).
"""

from __future__ import annotations

import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from toolkit.backends.fake import FakeGenerator

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "caucasus-moscow-baku.txt"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


def _blocks() -> tuple[str, list[tuple[str, list[str]]]]:
    """Return the sample's title and its sections (heading, paragraphs cut to two sentences)."""
    text = SAMPLE.read_text(encoding="utf-8")
    blocks = [b.strip() for b in text.split("\n\n") if b.strip()][1:]  # drop the "news" tag line
    title, rest = blocks[0], blocks[1:]
    sections: list[tuple[str, list[str]]] = [("", [])]
    for b in rest:
        if len(b) < 120 and not b.endswith("."):
            sections.append((b, []))
        else:
            sentences = re.split(r"(?<=[.;])\s+", b)
            sections[-1][1].append(" ".join(sentences[:2]))
    return title, [s for s in sections if s[1]]


def article_text(i: int) -> str:
    """Return article ``i``: a small, distinct variation of the sample (2 sections, 2-3 paragraphs)."""
    title, sections = _blocks()
    a, b = sections[i % len(sections)], sections[(i + 1) % len(sections)]
    parts = [f"{title} ({i})", ""]
    for k, (heading, paragraphs) in enumerate((a, b)):
        if heading:
            parts += [heading, ""]
        for p in paragraphs[: 2 if k else 1 + i % 2]:
            parts += [p.replace("Baku", "Baku" if i % 3 else "Bakou") + f" Report {i}.", ""]
    return "\n".join(parts)


def make_corpus(root: Path, n: int = 20, bad: bool = True) -> list[str]:
    """Write ``n`` articles in nested folders (txt and md), plus an empty file and a PNG if ``bad``."""
    rels = []
    for i in range(n):
        folder = ("", "world", "world/caucasus", "world/caucasus/2025", "opinion")[i % 5]
        name = f"article-{i:02d}.{'md' if i % 4 == 3 else 'txt'}"
        rel = f"{folder}/{name}".lstrip("/")
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(article_text(i), encoding="utf-8")
        rels.append(rel)
    if bad:
        (root / "broken").mkdir(parents=True, exist_ok=True)
        (root / "broken" / "empty.txt").write_bytes(b"")
        (root / "broken" / "chart.html").write_bytes(PNG + bytes(range(256)) * 4)
    return sorted(rels)


@dataclass
class SlowGenerator(FakeGenerator):
    """The fake generator at a fixed cost: ``sleep`` s per call and ``per_prompt`` s per prompt.

    At module level, so spawned worker processes find it; Ray workers receive it by value (this
    file runs as ``__main__``).
    """

    sleep: float = 0.0
    per_prompt: float = 0.0

    def generate(self, prompts, decoding):
        time.sleep(self.sleep + self.per_prompt * len(prompts))
        return super().generate(prompts, decoding)


def main(argv: list[str]) -> int:
    if argv[0] == "make":
        make_corpus(Path(argv[1]), int(argv[2]) if len(argv) > 2 else 20)
        return 0
    import argparse

    from toolkit.backends.embedder import FakeEmbedder
    from toolkit.batch import run_batch
    from toolkit.core.config import Settings

    parser = argparse.ArgumentParser(prog="batch_corpus.py run")
    parser.add_argument("in_dir")
    parser.add_argument("out_dir")
    parser.add_argument("cache_dir")
    parser.add_argument("sleep", nargs="?", type=float, default=0.0)
    parser.add_argument("--engine", default="local")
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--per-prompt", type=float, default=0.0)
    args = parser.parse_args(argv[1:])

    generator = SlowGenerator(sleep=args.sleep, per_prompt=args.per_prompt)
    report = run_batch(args.in_dir, args.out_dir, Settings(cache_dir=args.cache_dir), generator=generator,
                       embedder=FakeEmbedder(), engine=args.engine, workers=args.workers)
    print(report.summary(), flush=True)
    return report.exit_code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
