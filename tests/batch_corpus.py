"""Build a folder of small articles for the batch tests, and run a (slow) batch from a subprocess.

    python tests/batch_corpus.py make IN_DIR [N]             # N articles + 2 bad files
    python tests/batch_corpus.py run IN_DIR OUT_DIR CACHE_DIR [SLEEP]

``run`` uses the fake generator and embedder; SLEEP seconds per generation call make it slow
enough to be killed midway (tests/test_batch_kill.py).
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

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


def main(argv: list[str]) -> int:
    if argv[0] == "make":
        make_corpus(Path(argv[1]), int(argv[2]) if len(argv) > 2 else 20)
        return 0
    from toolkit.backends.embedder import FakeEmbedder
    from toolkit.backends.fake import FakeGenerator
    from toolkit.batch import run_batch
    from toolkit.core.config import Settings

    in_dir, out_dir, cache_dir = argv[1:4]
    sleep = float(argv[4]) if len(argv) > 4 else 0.0

    class SlowGenerator(FakeGenerator):
        def generate(self, prompts, decoding):
            time.sleep(sleep)
            return super().generate(prompts, decoding)

    report = run_batch(in_dir, out_dir, Settings(cache_dir=cache_dir), generator=SlowGenerator(),
                       embedder=FakeEmbedder())
    print(report.summary(), flush=True)
    return report.exit_code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
