"""The Flag: one thing a reader should look at. Imports nothing from the package."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Flag:
    """``kind`` names the problem (``added-date``, ``leftover-script`` ...); ``text`` quotes it."""

    kind: str
    text: str = ""
    detail: str = ""
