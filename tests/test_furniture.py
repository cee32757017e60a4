"""Site furniture learned across a folder in ``parallax batch``, and --keep-boilerplate."""

from __future__ import annotations

import json
from pathlib import Path

from toolkit.backends.embedder import FakeEmbedder
from toolkit.backends.fake import FakeGenerator
from toolkit.batch import run_batch
from toolkit.core.config import Settings
from toolkit.ingest.furniture import learn

# Furniture a page-level classifier keeps (each is a sentence), but that recurs on every page.
A_FOOTER = "Caspian Weekly is published every Thursday by the independent Caspian media group."
A_PROMO = "Join the thousands of readers who receive our morning briefing in their inbox every day."
B_HEADER = "Breaking news and analysis from the heart of the Persian Gulf region since 1998"
B_NOTE = "This report was prepared by our newsroom with contributions from our correspondents."

STORIES = [
    (
        "Port workers end strike after pay deal",
        "Port workers ended a three-day strike on Monday after the company agreed to raise "
        "wages by fifteen percent, the union said.",
        "Ships that had been waiting outside the port began unloading their cargo at noon.",
    ),
    (
        "City council approves new bus lanes",
        "The city council approved the construction of forty kilometres of new bus lanes on "
        "Tuesday, the mayor's office announced.",
        "The first lanes will open on the main avenues of the city before the end of the summer.",
    ),
    (
        "Drought reduces pistachio harvest",
        "The pistachio harvest fell by a third this year because of the drought and late frosts, "
        "growers in the province said.",
        "Exporters warned that prices on foreign markets are likely to rise in the coming months.",
    ),
]


def _site(root: Path, name: str, lead: list[str], tail: list[str]) -> None:
    (root / name).mkdir(parents=True)
    for i, (title, one, two) in enumerate(STORIES):
        lines = [*lead, title, one, two, *tail]
        (root / name / f"story-{i}.txt").write_text("\n\n".join(lines) + "\n", encoding="utf-8")


def _pages(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    _site(root, "caspian-weekly", [], [A_FOOTER, A_PROMO])
    _site(root, "gulf-times", [B_HEADER], [B_NOTE])
    return root


def test_learn_finds_lines_shared_by_a_folder_only(tmp_path):
    root = _pages(tmp_path)
    pages = [(p.relative_to(root).as_posix(), p.read_bytes()) for p in sorted(root.rglob("*.txt"))]
    found = learn(pages)
    assert {f: sorted(x for x, _ in v.lines) for f, v in found.items()} == {
        "caspian-weekly": sorted([A_FOOTER, A_PROMO]),
        "gulf-times": sorted([B_HEADER, B_NOTE]),
    }
    assert learn(pages[:1]) == {}  # one file is no evidence
    same = [("x/a.txt", pages[0][1]), ("x/b.txt", pages[0][1])]
    assert learn(same) == {}  # a copy of a page is not a second page


def test_batch_removes_folder_furniture_and_lists_it_once(tmp_path):
    root = _pages(tmp_path)
    out = tmp_path / "out"
    settings = Settings(cache_dir=str(tmp_path / "cache"))
    report = run_batch(root, out, settings, generator=FakeGenerator(), embedder=FakeEmbedder())
    assert (report.done, report.failed) == (6, 0)
    for site, lines in (
        ("caspian-weekly", [A_FOOTER, A_PROMO]),
        ("gulf-times", [B_HEADER, B_NOTE]),
    ):
        for i, (title, one, _) in enumerate(STORIES):
            data = json.loads((out / site / f"story-{i}.txt.json").read_text(encoding="utf-8"))
            text = json.dumps([p["original"] for s in data["sections"] for p in s["paragraphs"]])
            assert data["title"] == title and one in text
            assert not any(line in text for line in lines)
            furniture = [r for r in data["metadata"]["removed"] if r["kind"] == "site-furniture"]
            assert sorted(r["text"] for r in furniture) == sorted(lines)
            assert all("recurs in 3 of 3 files" in r["reason"] for r in furniture)
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "Site furniture removed from every file (4 lines)" in index
    for line in (A_FOOTER, A_PROMO, B_HEADER, B_NOTE):
        assert index.count(line) == 1

    kept = tmp_path / "kept"
    settings = Settings(cache_dir=str(tmp_path / "cache"), keep_boilerplate=True)
    run_batch(root, kept, settings, generator=FakeGenerator(), embedder=FakeEmbedder())
    data = json.loads((kept / "gulf-times" / "story-0.txt.json").read_text(encoding="utf-8"))
    assert B_NOTE in json.dumps(data, ensure_ascii=False)
    assert "Site furniture" not in (kept / "index.html").read_text(encoding="utf-8")
