"""Copies of the glossary database: rolling daily backups, safety copies, restore.

Where: a ``backups`` folder next to the database file (for the default database that is
``reader.paths.data_dir()/backups``). Next to the file rather than always in the data folder, so a
glossary opened with ``--db`` or ``DUET_DB`` keeps its backups with it and a restore never mixes
two glossaries.

Names: ``<stem>-<UTC yyyymmddTHHMMSSZ>-<kind>.sqlite3`` (no colons, so valid on Windows; any
SQLite tool opens them). Kinds:

* ``daily``: :func:`make_daily_backup`, at most one per UTC day, the newest ``keep`` (7) kept.
* ``before-v<N>``: taken by the store before it upgrades an older schema to version N.
* ``before-restore``: the database as it was just before :func:`restore_backup` replaced it.

Safety copies are never rotated away (they are rare and each marks an event a user may want to
undo). Every copy is made with SQLite's online backup API (consistent even while another
connection writes), written to a temporary name, checked with ``PRAGMA quick_check`` and only then
renamed into place, so a crash or a damaged source never leaves a half copy that looks like a
backup, and a damaged database never pushes good backups out of the rotation.

Plain Python, no Qt; the window calls these from its "Restore backup…" action.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

__all__ = [
    "BACKUP_DIR_NAME",
    "BackupError",
    "backup_dir",
    "backup_time",
    "copy_database",
    "list_backups",
    "make_daily_backup",
    "make_safety_copy",
    "restore_backup",
]

BACKUP_DIR_NAME = "backups"
_STAMP_FORMAT = "%Y%m%dT%H%M%SZ"


class BackupError(Exception):
    """A backup could not be made or restored; the message is a sentence for the user.

    (Subclassed by nothing and raised before anything is replaced: the live glossary is unchanged
    whenever this is raised.)
    """


def backup_dir(db_path: str | Path) -> Path:
    """The folder that holds the backups of ``db_path`` (not created here)."""
    return Path(db_path).parent / BACKUP_DIR_NAME


def _stamp(now: datetime | None) -> str:
    now = now or datetime.now(UTC)
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    return now.astimezone(UTC).strftime(_STAMP_FORMAT)


def _pattern(db_path: Path) -> re.Pattern[str]:
    return re.compile(rf"^{re.escape(db_path.stem)}-(\d{{8}}T\d{{6}}Z)-([a-z0-9-]+)\.sqlite3$")


def _backups(db_path: Path, kind: str | None = None) -> list[tuple[str, Path]]:
    """(stamp, path) of the backups of ``db_path``, newest first."""
    folder = backup_dir(db_path)
    if not folder.is_dir():
        return []
    pattern = _pattern(db_path)
    found = []
    for entry in folder.iterdir():
        match = pattern.match(entry.name)
        if match and (kind is None or match.group(2) == kind) and entry.is_file():
            found.append((match.group(1), entry))
    found.sort(key=lambda item: (item[0], item[1].name), reverse=True)
    return found


def list_backups(db_path: str | Path) -> list[Path]:
    """Every backup of ``db_path`` (daily and safety copies), newest first."""
    return [path for _, path in _backups(Path(db_path))]


def backup_time(backup_path: str | Path) -> datetime | None:
    """When a backup was taken (UTC), read from its name; None for a foreign name."""
    match = re.search(r"-(\d{8}T\d{6}Z)-[a-z0-9-]+\.sqlite3$", Path(backup_path).name)
    if not match:
        return None
    return datetime.strptime(match.group(1), _STAMP_FORMAT).replace(tzinfo=UTC)


def _copy_database(source: Path, destination: Path, *, timeout: float = 5.0) -> None:
    """Copy a database page by page with SQLite's backup API (consistent even while in use)."""
    src = _connect_ro(source)
    try:
        dst = sqlite3.connect(destination, timeout=timeout)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def _connect_ro(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)


def _check(path: Path, pragma: str = "quick_check") -> str | None:
    """None if ``path`` is a sound SQLite database holding a glossary, else what is wrong."""
    try:
        conn = _connect_ro(path)
        try:
            result = [r[0] for r in conn.execute(f"PRAGMA {pragma}")]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return f"it cannot be read as a database ({exc})"
    if result != ["ok"]:
        return "it is damaged (" + "; ".join(result[:3]) + ")"
    if "terms" not in tables:
        return "it is not a Duet glossary"
    return None


def copy_database(source: str | Path, destination: str | Path) -> Path:
    """Copy a live SQLite database with the backup API, atomically; returns ``destination``.

    The copy is written under a temporary name, checked, and renamed into place. Raises
    :class:`BackupError` (leaving no file behind) if the source cannot be read or the copy is
    not sound.
    """
    source, destination = Path(source), Path(destination)
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        _copy_database(source, partial)
        problem = _check(partial)
        if problem is not None:
            raise BackupError(f"The copy of {source.name} was not made: {problem}.")
        os.replace(partial, destination)
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{source.name} could not be copied ({exc}).") from exc
    except OSError as exc:
        raise BackupError(f"{source.name} could not be copied ({exc.strerror or exc}).") from exc
    finally:
        partial.unlink(missing_ok=True)
    return destination


def make_safety_copy(db_path: str | Path, kind: str, *, now: datetime | None = None) -> Path:
    """A backup of ``db_path`` that rotation never deletes (``kind`` e.g. "before-v2")."""
    db_path = Path(db_path)
    name = f"{db_path.stem}-{_stamp(now)}-{kind}.sqlite3"
    return copy_database(db_path, backup_dir(db_path) / name)


def make_daily_backup(
    db_path: str | Path, *, keep: int = 7, now: datetime | None = None
) -> Path | None:
    """Back up ``db_path`` unless today's (UTC) backup exists; keep the newest ``keep`` dailies.

    Returns the new backup, or None when there was nothing to do (no database yet, or already
    backed up today). Raises :class:`BackupError` if the database cannot be copied soundly; the
    existing backups are then left as they are.
    """
    db_path = Path(db_path)
    if not db_path.is_file() or db_path.stat().st_size == 0:
        return None
    stamp = _stamp(now)
    dailies = _backups(db_path, "daily")
    if any(existing[:8] == stamp[:8] for existing, _ in dailies):
        return None
    made = copy_database(db_path, backup_dir(db_path) / f"{db_path.stem}-{stamp}-daily.sqlite3")
    for _, old in _backups(db_path, "daily")[max(keep, 1) :]:
        old.unlink(missing_ok=True)
    return made


def restore_backup(db_path: str | Path, backup_path: str | Path) -> Path | None:
    """Replace the glossary at ``db_path`` with ``backup_path``; returns the safety copy.

    The backup is checked first (``PRAGMA integrity_check``, a glossary, not from a newer Duet);
    if it is not sound, :class:`BackupError` is raised and nothing changes. The current database
    is then copied to a ``before-restore`` backup (returned; None if there was no database), and
    the backup's content is written into the live file with the backup API, so other open
    connections (the window's store) see the restored entries at their next query. The restored
    file is brought to the current schema before returning.
    """
    from glossary.store import GlossaryStore, NewerDatabaseError, inspect_database

    db_path, backup_path = Path(db_path), Path(backup_path)
    if not backup_path.is_file():
        raise BackupError(f"The backup {backup_path.name} does not exist.")
    problem = _check(backup_path, "integrity_check")
    if problem is not None:
        raise BackupError(f"The backup {backup_path.name} cannot be restored: {problem}.")
    try:
        inspect_database(backup_path)
    except NewerDatabaseError as exc:
        raise BackupError(
            f"The backup {backup_path.name} was made by a newer version of Duet; "
            "update Duet to restore it."
        ) from exc

    safety: Path | None = None
    if db_path.is_file() and db_path.stat().st_size > 0:
        try:
            safety = make_safety_copy(db_path, "before-restore")
        except BackupError:
            # The current file is damaged: keep its raw bytes instead of a checked copy.
            safety = backup_dir(db_path) / f"{db_path.stem}-{_stamp(None)}-before-restore.sqlite3"
            safety.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(db_path, safety)
            wal = Path(str(db_path) + "-wal")
            if wal.is_file():
                shutil.copy2(wal, Path(str(safety) + "-wal"))
            _replace_file(db_path, backup_path)
            GlossaryStore(db_path).close()
            return safety
    try:
        _copy_database(backup_path, db_path, timeout=30)
    except sqlite3.DatabaseError:
        _replace_file(db_path, backup_path)  # e.g. a page size the live file cannot take
    GlossaryStore(db_path).close()  # apply any migration the older backup lacks
    return safety


def _replace_file(db_path: Path, backup_path: Path) -> None:
    """Last resort when the live file cannot take a backup-API copy: swap the file itself."""
    staged = copy_database(backup_path, db_path.with_name(db_path.name + ".restoring"))
    for suffix in ("-wal", "-shm"):
        Path(str(db_path) + suffix).unlink(missing_ok=True)
    os.replace(staged, db_path)
