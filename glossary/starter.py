"""The reviewed starter term base shipped in ``resources/starter_glossary.csv``.

The file is in our own CSV export format (see :mod:`glossary.exchange`), so it can be read,
edited in a spreadsheet and re-exported without loss. Every row's notes say what it was checked
against; ``docs/glossary.md`` lists the references. Loading is idempotent: pairs already in the
glossary are skipped (or merged, if asked), so the user can reload the set at any time.
"""

from __future__ import annotations

from pathlib import Path

from glossary.exchange import apply_import, read_csv
from glossary.model import Term
from glossary.store import GlossaryError, GlossaryStore, SaveReport

STARTER_FILE = "starter_glossary.csv"


def starter_path() -> Path:
    """Where the starter CSV is: the installed resources, else the source tree."""
    try:
        from reader.paths import resource_path

        path = resource_path(STARTER_FILE)
        if path.is_file():
            return path
    except (ImportError, ModuleNotFoundError, TypeError):  # resources not installed
        pass
    return Path(__file__).resolve().parent.parent / "resources" / STARTER_FILE


def starter_terms() -> list[Term]:
    """The starter entries (not stored anywhere)."""
    preview = read_csv(starter_path())
    if preview.errors:  # a broken shipped file is a bug, say so clearly
        raise GlossaryError(f"The starter glossary is damaged: {preview.errors[0]}.")
    return [t for _, t in preview.entries] + [t for _, t, _ in preview.duplicates]


def load_starter(store: GlossaryStore, *, on_duplicate: str = "skip") -> SaveReport:
    """Add the starter set in one transaction; existing pairs are skipped (or merged)."""
    preview = read_csv(starter_path(), store)
    report = apply_import(store, preview, on_duplicate=on_duplicate)
    return report
