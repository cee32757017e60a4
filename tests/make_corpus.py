"""Build the corpus of bad inputs (issue 7) in a directory.

Small text cases are committed under ``tests/data/bad-inputs/`` and copied; binary, oddly
encoded, large and file-system cases are generated here, so no large or binary file is
committed. Everything is deterministic (fixed seeds).

    python tests/make_corpus.py /tmp/corpus     # look at the files
"""

from __future__ import annotations

import os
import random
import shutil
import struct
import sys
import zlib
from pathlib import Path

COMMITTED = Path(__file__).resolve().parent / "data" / "bad-inputs"

# Persian news prose with ZERO WIDTH NON-JOINER inside words (بین‌الملل), as real text has it.
PERSIAN = (
    "خبرگزاری مهر، گروه بین‌الملل: روابط مسکو و باکو پس از سقوط هواپیمای مسافربری آذربایجان "
    "وارد مرحله تازه‌ای شده است.\n"
    "رئیس‌جمهور آذربایجان از روسیه خواست مسئولیت این حادثه را بپذیرد و غرامت بپردازد. "
    "مقام‌های روس در ابتدا هرگونه نقش را رد کردند.\n"
    "کارشناسان می‌گویند این بحران نشان می‌دهد که توازن قدرت در قفقاز جنوبی در حال تغییر است "
    "و ترکیه نیز نقش پررنگ‌تری پیدا کرده است.\n"
    "The Kremlin said on Monday that talks with Baku would continue. "
    "وزارت خارجه ایران نیز خواستار خویشتنداری دو طرف شد.\n"
)
# Windows-1256 has no U+06CC FARSI YEH or Persian digits: legacy Persian files use U+064A.
PERSIAN_CP1256 = PERSIAN.replace("ی", "ي")
LATIN = (
    "Réforme des retraites\n\n"
    "Le président a annoncé mercredi une réforme des retraites très contestée. À Paris, des "
    "milliers de manifestants ont défilé derrière les banderoles des syndicats.\n\n"
    "« Nous ne céderons pas », a déclaré la secrétaire générale. Les négociations reprendront à "
    "l'Élysée jeudi.\n\n"
    "Die Bundesregierung hat am Donnerstag neue Maßnahmen gegen die hohen Energiepreise "
    "beschlossen. In München und Köln demonstrierten tausende Menschen. Über die Gasumlage wird "
    "weiter gestritten.\n"
)
ENGLISH_WORDS = (
    "the minister said on monday that talks with baku would continue despite tensions over the "
    "crash of a passenger plane near grozny in december while analysts in moscow and tehran "
    "expect trade across the caspian sea to grow again next year"
).split()

MB = 2**20


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(ENGLISH_WORDS) for _ in range(rng.randint(8, 25))]
    return " ".join(words).capitalize() + "."


def _png() -> bytes:
    """Return a valid 8x8 grey PNG image."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    raw = b"".join(b"\x00" + bytes(range(0, 256, 32)) for _ in range(8))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def _big_article(rng: random.Random, size: int) -> str:
    parts = ["Caspian trade after the crisis\n"]
    total = 0
    i = 0
    while total < size:
        if i % 8 == 0:
            parts.append(f"\nPart {i // 8 + 1} of the report on Caspian trade\n")
        para = " ".join(_sentence(rng) for _ in range(rng.randint(3, 8)))
        parts.append("\n" + para + "\n")
        total += len(para) + 2
        i += 1
    return "".join(parts)


def build_corpus(dest: str | Path) -> dict[str, Path]:
    """Write every corpus file into ``dest``; return ``{case name: path}``."""
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    rng = random.Random(7)
    out: dict[str, Path] = {}

    def write(name: str, data: bytes) -> None:
        path = dest / name
        path.unlink(missing_ok=True)  # a second run: unreadable.txt is mode 000
        path.write_bytes(data)
        out[name] = path

    for f in sorted(COMMITTED.iterdir()):
        out[f.name] = Path(shutil.copyfile(f, dest / f.name))

    write("photo.png", _png())
    write("binary-noise.txt", bytes(rng.randrange(256) for _ in range(4096)))  # invalid UTF-8, binary
    write("high-byte-noise.txt", bytes(rng.randrange(128, 256) for _ in range(4096)))  # invalid UTF-8, no code page
    utf8 = PERSIAN.encode("utf-8")
    # a stray byte, and a download cut in the middle of the last character
    write("damaged-utf8.txt", utf8[:200] + b"\xff" + utf8[200:] + "گ".encode("utf-8")[:1])
    write("utf16le-bom.txt", b"\xff\xfe" + PERSIAN.encode("utf-16-le"))
    write("utf16be-bom.txt", b"\xfe\xff" + PERSIAN.encode("utf-16-be"))
    write("cp1256.txt", PERSIAN_CP1256.encode("cp1256"))
    write("latin1.txt", LATIN.encode("latin-1"))
    write("nul-bytes.txt", LATIN.encode("utf-8").replace(b". ", b".\x00 ").replace(b"\n\n", b"\n\x00\n"))
    write("bidi-override.txt", (
        "Baku statement\n\nThe minister said the fee was \u202e0001 USD\u202c and the deadline "
        "\u2067March 3\u2069 is final. It was the last word on the matter.\n").encode("utf-8"))
    write("article-5mb.txt", _big_article(rng, 5 * MB).encode("utf-8"))
    words = " ".join(_sentence(rng) for _ in range(1500)).split()[:20000]
    write("paragraph-20k-words.txt", ("Caspian trade\n\n" + " ".join(words) + "\n").encode("utf-8"))
    line = ""
    while len(line) < 200_000:
        line += _sentence(rng) + " "
    write("line-200k.txt", (line[:199_999].rstrip() + ".").ljust(200_000, ".").encode("utf-8"))
    # a 200,000-character heading line: once a catastrophic regex backtrack
    write("heading-200k.md", ("# Baku" + " " * 199_989 + "talks\n\nThe talks resumed on Monday.\n").encode("utf-8"))

    big = dest / "too-large.txt"  # sparse: 51 MB on paper, nothing on disk
    with open(big, "wb") as f:
        f.truncate(51 * MB)
    out[big.name] = big

    directory = dest / "a-directory.txt"
    directory.mkdir(exist_ok=True)
    out[directory.name] = directory

    loop = dest / "symlink-loop.txt"
    if not os.path.lexists(loop):
        loop.symlink_to(loop.name)  # points at itself
    out[loop.name] = loop

    broken = dest / "broken-symlink.txt"
    if not os.path.lexists(broken):
        broken.symlink_to("nowhere.txt")
    out[broken.name] = broken

    fifo = dest / "named-pipe.txt"
    if not fifo.exists():
        os.mkfifo(fifo)
    out[fifo.name] = fifo

    write("unreadable.txt", b"Secret article\n\nNobody may read this file.\n")
    os.chmod(out["unreadable.txt"], 0)

    write("deleted.txt", b"Vanishing article\n\nThis file is deleted before it is read.\n")
    write("bad\nname.png", _png())  # a newline in the name must not split the error line
    out["missing.txt"] = dest / "missing.txt"  # never created
    return out


if __name__ == "__main__":
    for name, path in build_corpus(sys.argv[1] if len(sys.argv) > 1 else "corpus").items():
        print(f"{name!r:32} {path}")
