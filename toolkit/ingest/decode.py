"""Decode article bytes: byte-order marks, UTF-8 (also slightly damaged), detected code pages."""

from __future__ import annotations

import codecs

from ..core.document import Removed
from ..core.errors import InputError
from .read import show

_BINARY_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (docx/xlsx/epub?)",
    b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "an executable",
    b"SQLite format 3": "an SQLite database",
}
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode(data: bytes, name: str = "<input>") -> tuple[str, str]:
    """Decode article bytes; return ``(text, encoding)``.

    A BOM wins; then strict UTF-8; then UTF-8 with a few damaged bytes (replaced by U+FFFD);
    then charset-normalizer's detection. Binary data and undetectable encodings raise
    :class:`InputError`.
    """
    text, encoding, _ = decode_with_notes(data, name)
    return text, encoding


def decode_with_notes(data: bytes, name: str) -> tuple[str, str, tuple[Removed, ...]]:
    name = show(name)
    if not data:
        raise InputError(f"{name}: file is empty")
    if not data.strip():
        raise InputError(f"{name}: no article text (only whitespace)")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(enc), enc + "-bom", ()
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"{name}: invalid {enc} after its byte-order mark ({exc.reason})"
                ) from None
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise InputError(f"{name}: this is {what}, not a text article")
    try:
        return data.decode("utf-8"), "utf-8", ()
    except UnicodeDecodeError:
        pass
    if _looks_binary(data):
        raise InputError(f"{name}: binary data, not a text article")
    damaged = _damaged_utf8(data)
    if damaged is not None:
        text, bad = damaged
        note = Removed(
            "invalid-bytes", f"{bad} invalid UTF-8 byte sequence(s) replaced with U+FFFD"
        )
        return text, "utf-8", (note,)
    detected = _detect(data)
    if detected is None:
        raise InputError(
            f"{name}: not UTF-8 and its encoding cannot be detected; convert it to UTF-8"
        )
    return (*detected, ())


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls / max(1, len(sample)) > 0.05


def _damaged_utf8(data: bytes) -> tuple[str, int] | None:
    """Decode UTF-8 with a few bad bytes (a truncated download, a stray byte), or return None.

    The file must be demonstrably UTF-8: at least 20 valid non-ASCII characters for every
    invalid sequence. Latin-1 or Windows-1256 text fails this and goes to detection.
    """
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    non_ascii = len(text) - len(text.encode("ascii", "ignore")) - text.count("\ufffd")
    return (text, bad) if 0 < bad and non_ascii >= 20 * bad else None


# Windows-1256 puts ZERO WIDTH NON-JOINER (used inside most Persian words), ZWJ, LRM and RLM at
# 0x9D 0x9E 0xFD 0xFE. charset-normalizer counts those invisible characters as noise, so real
# Persian text loses to Cyrillic code pages (ptcp154) or is not detected at all. Detection is
# therefore also run on a copy with those bytes blanked; the original bytes are then decoded.
_CP1256_FORMAT_BYTES = bytes.maketrans(b"\x9d\x9e\xfd\xfe", b"    ")
# When charset-normalizer scores several code pages exactly the same (same noise, same language
# coherence) it has no evidence either way; we then prefer the code pages of this domain.
_PREFERRED_ENCODINGS = ("cp1256", "cp1252", "latin_1")


def _detect(data: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    probe = data.translate(_CP1256_FORMAT_BYTES)
    if probe != data:
        blanked = list(from_bytes(probe))
        if blanked and (not matches or blanked[0].chaos < matches[0].chaos):
            matches = blanked
    if not matches:
        return None
    top = matches[0]
    tied = [m for m in matches if (m.chaos, m.coherence) == (top.chaos, top.coherence)]

    def preference(encodings: list[str]) -> int:
        return min(
            (_PREFERRED_ENCODINGS.index(e) for e in encodings if e in _PREFERRED_ENCODINGS),
            default=len(_PREFERRED_ENCODINGS),
        )

    for match in sorted(tied, key=lambda m: preference(m.could_be_from_charset)) + matches:
        preferred = [e for e in _PREFERRED_ENCODINGS if e in match.could_be_from_charset]
        for enc in [*preferred, match.encoding]:
            try:
                return data.decode(enc), enc
            except (UnicodeDecodeError, LookupError):
                continue
    return None
