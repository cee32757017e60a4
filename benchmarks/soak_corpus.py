"""Make a folder of N articles of real shapes with a share of bad files, for benchmarks/soak.py.

Good articles are variations of the page shapes in ``tests/data/pages`` and the sample: numbers
changed, paragraphs dropped or swapped, one sentence made unique, plain text turned into
Markdown or HTML now and then, CRLF line ends, a UTF-8 byte-order mark, Latin-1 where the text
allows it. They lie in a folder tree by site and day, as a newsroom's archive would.

Bad files cycle through the kinds a crawler leaves behind: binary data, empty and blank files,
a file over the size limit (sparse), a very long article, wrong and mixed encodings, deeply
nested and unclosed HTML, a symlink loop, a broken symlink, an unreadable file (mode 000, and a
named pipe, which even root cannot read as a file), a folder named like an article, and one file
that keeps changing while the runs read it (:class:`Changer`).

Everything is deterministic for a seed, except the changing file's content.

    python benchmarks/soak_corpus.py OUT_DIR --articles 200 --bad-share 0.05
"""

from __future__ import annotations

import argparse
import html
import os
import random
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Self

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "tests" / "data" / "pages"
SAMPLE = ROOT / "samples" / "caucasus-moscow-baku.txt"
MB = 2**20
VOLATILE = "incoming/live-updates.txt"  # the file that changes while it is read

BAD_KINDS = (  # in this order, so a small corpus has the hardest ones
    "changing", "nested-html", "symlink-loop", "unreadable", "named-pipe", "binary", "empty",
    "over-limit", "long", "mixed-encoding", "unclosed-html", "utf16-no-bom", "cp1256", "blank",
    "broken-symlink", "folder", "nul-bytes",
)
NAMES = ["Aliyev", "Putin", "Pashinyan", "Erdogan", "Pezeshkian", "Lavrov", "Bayramov", "Mirzoyan",
         "Tokayev", "Mirziyoyev", "Kobakhidze", "Araghchi"]
PLACES = ["Baku", "Moscow", "Yerevan", "Tbilisi", "Ankara", "Tehran", "Astana", "Tashkent", "Aktau",
          "Grozny", "Ganja", "Gyumri"]


@dataclass(frozen=True)
class Corpus:
    root: Path
    good: tuple[str, ...]  # relative paths of the good articles
    bad: tuple[tuple[str, str], ...]  # (relative path, kind)


def base_pages() -> list[Path]:
    pages = sorted(p for p in PAGES.iterdir() if p.suffix in (".txt", ".md", ".html"))
    return [*pages, SAMPLE]


# ----------------------------------------------------------------------------- good articles
def _vary_text(text: str, rng: random.Random, i: int) -> str:
    """Vary plain text or Markdown by blocks: numbers, names, dropped and swapped paragraphs."""
    blocks = re.split(r"\n\s*\n", text.strip("\n"))
    head, body = blocks[:2], blocks[2:]
    if len(body) > 3:
        body = [b for b in body if rng.random() > 0.15 or len(b) < 60] or body
        if rng.random() < 0.5:
            a, b = rng.sample(range(len(body)), 2)
            if len(body[a]) > 80 and len(body[b]) > 80:  # swap two paragraphs, never a heading
                body[a], body[b] = body[b], body[a]
    blocks = [_vary_words(b, rng) if len(b) > 80 else b for b in head + body]
    long_ones = [k for k, b in enumerate(blocks) if len(b) > 80 and not b.lstrip().startswith(("#", "<"))]
    k = rng.choice(long_ones) if long_ones else len(blocks) - 1
    blocks[k] = blocks[k].rstrip() + f" The agency's file number was {i + 1000}."  # unique content
    return "\n\n".join(blocks) + "\n"


def _vary_words(block: str, rng: random.Random) -> str:
    block = re.sub(r"\b\d{1,4}\b", lambda m: str(int(m.group()) + rng.randint(0, 3)) if rng.random() < 0.3
                   else m.group(), block)
    for names in (NAMES, PLACES):
        for name in names:
            if name in block and rng.random() < 0.3:
                block = block.replace(name, rng.choice(names))
    return block


def _vary_html(text: str, rng: random.Random, i: int) -> str:
    paragraphs = list(re.finditer(r"<p>([^<]{80,})</p>", text))
    out, pos = [], 0
    for m in paragraphs:
        out.append(text[pos:m.start(1)])
        out.append(_vary_words(m.group(1), rng))
        pos = m.end(1)
    out.append(text[pos:])
    text = "".join(out)
    unique = f"<p>The agency's file number was {i + 1000}, its editors said on Monday evening.</p>"
    return text.replace("</article>", unique + "</article>", 1) if "</article>" in text else text.replace(
        "</body>", unique + "</body>", 1)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _as_markdown(text: str) -> str:
    blocks = _lines(text)
    out = [f"# {blocks[0].strip()}"]
    for b in blocks[1:]:
        short = len(b) < 70 and not b.rstrip().endswith((".", "!", "?", ":", "—", "\"", "”"))
        out.append(f"## {b.strip()}" if short else b)
    return "\n\n".join(out) + "\n"


def _as_html(text: str, i: int) -> str:
    blocks = _lines(text)
    title = html.escape(blocks[0].strip())
    body = []
    for b in blocks[1:]:
        short = len(b) < 70 and not b.rstrip().endswith((".", "!", "?", ":"))
        body.append(f"<h2>{html.escape(b.strip())}</h2>" if short else f"<p>{html.escape(' '.join(b.split()))}</p>")
    nav = "<nav><a href='/'>Home</a> <a href='/world'>World</a> <a href='/economy'>Economy</a></nav>"
    return (f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title></head>"
            f"<body><header>{nav}</header><main><article><h1>{title}</h1>\n" + "\n".join(body)
            + f"\n</article></main><footer>© Caspian Wire {2020 + i % 6}</footer></body></html>\n")


def good_article(base: Path, rng: random.Random, i: int) -> tuple[str, bytes]:
    """Return (suffix, bytes) of good article ``i`` made from page ``base``."""
    text = base.read_text(encoding="utf-8")
    suffix = base.suffix
    if suffix == ".html":
        text = _vary_html(text, rng, i)
    else:
        text = _vary_text(text, rng, i)
        roll = rng.random()
        if suffix == ".txt" and roll < 0.15:
            text, suffix = _as_markdown(text), ".md"
        elif suffix == ".txt" and roll < 0.3:
            text, suffix = _as_html(text, i), ".html"
    if rng.random() < 0.1:
        text = text.replace("\n", "\r\n")
    roll = rng.random()
    if roll < 0.05:
        return suffix, b"\xef\xbb\xbf" + text.encode("utf-8")
    if roll < 0.1 and suffix != ".html":
        try:
            return suffix, text.encode("latin-1")
        except UnicodeEncodeError:
            pass
    return suffix, text.encode("utf-8")


# ----------------------------------------------------------------------------- bad files
def _words(rng: random.Random, n: int) -> str:
    vocab = ("the minister said talks with baku would continue despite tensions over the crash of a "
             "plane near grozny while analysts in moscow expect trade across the caspian to grow")
    vocab = vocab.split()
    return " ".join(rng.choice(vocab) for _ in range(n))


def _long_article(rng: random.Random, words: int) -> str:
    """Return an article of about ``words`` words made of real paragraphs of the base pages."""
    paragraphs = [b for p in base_pages() if p.suffix != ".html"
                  for b in re.split(r"\n\s*\n", p.read_text(encoding="utf-8")) if len(b) > 150]
    out, n = ["A very long report from the Caspian"], 0
    while n < words:
        b = rng.choice(paragraphs)
        out.append(b)
        n += len(b.split())
    return "\n\n".join(out) + "\n"


PERSIAN = ("خبرگزاری مهر، گروه بین‌الملل: روابط مسکو و باکو پس از سقوط هواپیمای مسافربری آذربایجان "
           "وارد مرحله تازه‌ای شده است. رئیس‌جمهور آذربایجان از روسیه خواست مسئولیت این حادثه را بپذیرد.")


def write_bad(root: Path, rel: str, kind: str, rng: random.Random) -> None:
    """Write bad file ``rel`` of ``kind`` under ``root``."""
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "binary":
        path.write_bytes(b"\x89PNG\r\n\x1a\n" + rng.randbytes(rng.randint(512, 8192)))
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "blank":
        path.write_bytes(b" \n\t\r\n\x00\n" * rng.randint(1, 50))
    elif kind == "over-limit":  # sparse: 51 MB on paper, nothing on disk
        with open(path, "wb") as f:
            f.truncate(51 * MB)
    elif kind == "long":
        path.write_text(_long_article(rng, 25_000), encoding="utf-8")  # over soak.py's --max-words
    elif kind == "utf16-no-bom":
        path.write_bytes(("Baku talks\n\n" + PERSIAN + "\n\n" + _words(rng, 60) + ".\n").encode("utf-16-le"))
    elif kind == "cp1256":
        path.write_bytes(("مذاکرات باکو\n\n" + PERSIAN.replace("ی", "ي").replace("\u200c", " ") + "\n")
                         .encode("cp1256", "replace"))
    elif kind == "mixed-encoding":
        english = ("Talks in Baku\n\n" + _words(rng, 80).capitalize() + ".\n\n").encode("utf-8")
        path.write_bytes(english + PERSIAN.replace("\u200c", " ").encode("cp1256", "replace")
                         + "\n\nRéforme des retraites à Paris.\n".encode("latin-1"))
    elif kind == "nested-html":
        depth = rng.choice((2_000, 20_000, 100_000))
        path.write_text("<html><body>" + "<div>" * depth + "<p>" + _words(rng, 60) + ".</p>" + "</div>" * depth
                        + "</body></html>", encoding="utf-8")
    elif kind == "unclosed-html":
        tags = "".join(rng.choice(("<div>", "<p>", "<b>", "<i>", "<span class='x", "<table><tr><td>", "<ul><li>"))
                       + _words(rng, 8) for _ in range(rng.randint(200, 3000)))
        path.write_text("<!DOCTYPE html><html><head><title>Unclosed" + tags, encoding="utf-8")
    elif kind == "symlink-loop":
        other = path.with_name(path.stem + "-b" + path.suffix)
        path.symlink_to(other.name)
        other.symlink_to(path.name)
    elif kind == "broken-symlink":
        path.symlink_to("nowhere/never.txt")
    elif kind == "unreadable":  # mode 000: an error for a normal user; root reads it anyway
        path.write_text("Secret article\n\n" + _words(rng, 40).capitalize() + ".\n", encoding="utf-8")
        path.chmod(0)
    elif kind == "named-pipe":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
        (path / "notes.bin").write_bytes(rng.randbytes(64))
    elif kind == "nul-bytes":
        path.write_bytes(("Baku\n\n" + _words(rng, 50)).encode("utf-8").replace(b" ", b"\x00", 20))
    elif kind == "changing":
        Changer(path).write_once(rng)
    else:
        raise ValueError(kind)


class Changer:
    """Rewrite one file again and again (truncate, then write in pieces) while runs read it."""

    def __init__(self, path: Path, period: float = 0.02) -> None:
        self.path, self.period = path, period
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.writes = 0

    def write_once(self, rng: random.Random) -> None:
        text = "Live updates\n\n" + "\n\n".join(
            f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d} " + _words(rng, rng.randint(10, 40)).capitalize() + "."
            for _ in range(rng.randint(3, 12))) + "\n"
        data = text.encode("utf-8")
        with open(self.path, "wb") as f:  # in place: a reader may see it half-written
            cut = rng.randint(0, len(data))
            f.write(data[:cut])
            f.flush()
            f.write(data[cut:])
        self.writes += 1

    def __enter__(self) -> Self:
        rng = random.Random()

        def loop() -> None:
            while not self._stop.wait(self.period):
                self.write_once(rng)

        self._thread = threading.Thread(target=loop, daemon=True, name="soak-changer")
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()


# ----------------------------------------------------------------------------- the corpus
def make_corpus(root: Path, articles: int, bad_share: float, seed: int = 0) -> Corpus:
    """Write ``articles`` files under ``root``, ``round(articles * bad_share)`` of them bad."""
    rng = random.Random(seed)
    n_bad = round(articles * bad_share)
    n_good = articles - n_bad
    bases = base_pages()
    sites = ["caspian-wire", "tehran-daily", "south-caucasus", "central-asia", "world-desk"]
    good = []
    for i in range(n_good):
        base = bases[rng.randrange(len(bases))]
        suffix, data = good_article(base, rng, i)
        folder = f"{sites[i % len(sites)]}/2026-{1 + (i // 200) % 12:02d}-{1 + (i // 10) % 28:02d}"
        rel = f"{folder}/{base.stem[4:]}-{i:05d}{suffix}"
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        good.append(rel)
    bad = []
    for j in range(n_bad):
        kind = BAD_KINDS[j % len(BAD_KINDS)]
        if kind == "changing" and any(k == "changing" for _, k in bad):
            kind = "binary"  # one changing file is enough (its writer runs beside the batch)
        suffix = {"nested-html": ".html", "unclosed-html": ".html", "binary": rng.choice((".txt", ".html"))}.get(
            kind, rng.choice((".txt", ".md")) if kind not in ("changing",) else ".txt")
        rel = VOLATILE if kind == "changing" else \
            f"{sites[j % len(sites)]}/2026-01-{1 + j % 28:02d}/bad-{kind}-{j:04d}{suffix}"
        write_bad(root, rel, kind, rng)
        bad.append((rel, kind))
        if kind == "symlink-loop":  # its second link is a bad file too
            bad.append((rel.rsplit(".", 1)[0] + "-b." + rel.rsplit(".", 1)[1], kind))
    return Corpus(root, tuple(sorted(good)), tuple(sorted(bad)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--bad-share", type=float, default=0.05)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    corpus = make_corpus(args.out, args.articles, args.bad_share, args.seed)
    print(f"{len(corpus.good)} good articles and {len(corpus.bad)} bad files under {args.out}")


if __name__ == "__main__":
    main()
