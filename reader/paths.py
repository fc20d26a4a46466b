"""Where Duet keeps its files: the user's data, config and cache folders, and the bundled resources.

This is the only module that decides file locations. Tests redirect every folder by setting
``DUET_DATA_DIR``, ``DUET_CONFIG_DIR`` and ``DUET_CACHE_DIR`` (see ``tests/conftest.py``), so no
test ever touches a real user's glossary.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

import platformdirs

from reader import APP_NAME, ORG_NAME


def _folder(env_var: str, default: str) -> Path:
    override = os.environ.get(env_var)
    path = Path(override) if override else Path(default)
    path.mkdir(parents=True, exist_ok=True)
    return path


def data_dir() -> Path:
    """The user's data folder (the glossary database and its backups live here)."""
    return _folder("DUET_DATA_DIR", platformdirs.user_data_dir(APP_NAME, ORG_NAME))


def config_dir() -> Path:
    """The user's config folder (settings)."""
    return _folder("DUET_CONFIG_DIR", platformdirs.user_config_dir(APP_NAME, ORG_NAME))


def cache_dir() -> Path:
    """The user's cache folder (anything that can be rebuilt)."""
    return _folder("DUET_CACHE_DIR", platformdirs.user_cache_dir(APP_NAME, ORG_NAME))


def default_glossary_path() -> Path:
    """The glossary database: ``--db`` beats ``DUET_DB``, which beats the data folder."""
    override = os.environ.get("DUET_DB")
    return Path(override) if override else data_dir() / "glossary.sqlite3"


def resource_path(*parts: str) -> Path:
    """A file shipped inside the installed package (``duet_resources``)."""
    root = resources.files("duet_resources")
    return Path(str(root.joinpath(*parts)))


def sample_pair() -> tuple[Path, Path]:
    """The article pair the app opens when it is given none."""
    folder = resource_path("samples")
    return folder / "vna-2020-07-01.en.txt", folder / "vna-2020-07-01.vi.txt"
