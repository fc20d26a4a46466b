"""Test-wide set-up: offscreen Qt, and every data/config/cache folder redirected into tmp_path."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# CI explores the same examples on every run, so a red build is reproducible; developers' runs
# stay random and keep finding new cases (as one did: sentencex panicking on "A\u2028.").
settings.register_profile("ci", derandomize=True, deadline=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def isolated_user_folders(tmp_path, monkeypatch):
    """No test reads or writes a real user's glossary, settings or cache."""
    home = tmp_path / "home"
    for name in ("data", "config", "cache"):
        (home / name).mkdir(parents=True)
    monkeypatch.setenv("DUET_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("DUET_CONFIG_DIR", str(home / "config"))
    monkeypatch.setenv("DUET_CACHE_DIR", str(home / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.delenv("DUET_DB", raising=False)
    return home


@pytest.fixture
def sample_paths():
    from reader.paths import sample_pair

    return sample_pair()
