from __future__ import annotations

import os
from pathlib import Path

import pytest

from toolkit.backends.embedder import FakeEmbedder
from toolkit.backends.fake import FakeGenerator

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "caucasus-moscow-baku.txt"


@pytest.fixture
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture
def fake() -> FakeGenerator:
    return FakeGenerator()


@pytest.fixture
def fake_embedder() -> FakeEmbedder:
    return FakeEmbedder()


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch):
    """Tests see no PARALLAX_* settings from the developer's shell (except the cache dir)."""
    for key in list(os.environ):
        if key.startswith("PARALLAX_") and key != "PARALLAX_CACHE_DIR":
            monkeypatch.delenv(key)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
