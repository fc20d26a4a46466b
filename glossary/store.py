"""The glossary database: a SQLite file through sqlite-utils, with migrations, CRUD and search.

Design notes:

* The schema is created and upgraded by named, versioned migrations (``sqlite_utils.Migrations``);
  opening an existing file applies only what is missing. ``PRAGMA user_version`` mirrors the number
  of applied migrations so the version is visible to any SQLite tool.
* WAL mode and a busy timeout, so the window and a CLI run (or a worker thread with its own
  ``GlossaryStore``) can use the same file. Every write runs in one ``BEGIN IMMEDIATE``
  transaction: taking the write lock up front means SQLite's busy handler can wait for another
  writer (a deferred transaction that reads first fails at once with "database is locked" when it
  tries to write), and if the lock is still taken after the busy timeout the store retries with
  backoff before giving up with :class:`GlossaryBusyError`. "database is locked" never reaches
  the user as such.
* Opening is careful: a file from a newer Duet (unknown migrations or a higher
  ``user_version``) raises :class:`NewerDatabaseError` before anything is written; a file that
  is not SQLite or is damaged raises :class:`CorruptDatabaseError`; an older schema is copied to
  ``backups/`` (:mod:`glossary.backup`) before it is upgraded. :func:`open_store_safely` is what
  the window and the CLI call: it also sets a damaged file aside and starts a fresh one.
* Text is stored NFC. The same English–Vietnamese pair (compared NFC + case folded) cannot be
  stored twice: :class:`DuplicateTermError` carries the existing id so the UI can offer merge/open.
* Search uses an FTS5 table over *folded* copies of both sides and all variants
  (``reader.text.folding.fold``: marks off, đ → d), so "thuong tuong" finds "Thượng tướng". A
  query is always literal: it is split into word tokens and every token is quoted for FTS5.
  Results are ranked: exact term (or variant) first, then terms starting with the query, then the
  rest by bm25.

The store is plain Python (no Qt); the UI wraps it and emits its own ``glossaryChanged``.
"""

from __future__ import annotations

import json
import os
import random
import re
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils
from sqlite_utils.migrations import Migrations

from glossary.model import STATUSES, Term, clean_variants, pair_key, utc_now
from reader.text.folding import fold

__all__ = [
    "CorruptDatabaseError",
    "DuplicateTermError",
    "GlossaryBusyError",
    "GlossaryError",
    "GlossaryStore",
    "NewerDatabaseError",
    "NotAGlossaryError",
    "SaveReport",
    "TermNotFoundError",
    "inspect_database",
    "open_store_safely",
    "search_key",
]

MIGRATION_SET = "duet_glossary"
_KEY_SEP = "\x1e"  # separates the folded term forms in the ``keys`` column
_TOKEN = re.compile(r"\w+")
_RANK_MAX = 3000  # rank at most this many FTS hits by bm25 (keeps vague queries fast)
_SQLITE_MAGIC = b"SQLite format 3\x00"
_BUSY_CODES = (5, 6)  # SQLITE_BUSY, SQLITE_LOCKED (extended codes share the low byte)
_CORRUPT_CODES = (11, 26)  # SQLITE_CORRUPT, SQLITE_NOTADB


class GlossaryError(Exception):
    """Base class of the glossary's own errors (the CLI prints their message)."""


class DuplicateTermError(GlossaryError):
    """The English–Vietnamese pair is already stored; ``existing_id`` is that entry."""

    def __init__(self, existing_id: int, english: str, vietnamese: str):
        self.existing_id = existing_id
        self.english = english
        self.vietnamese = vietnamese
        super().__init__(
            f'"{english}" = "{vietnamese}" is already in the glossary (entry {existing_id}).'
        )


class NewerDatabaseError(GlossaryError):
    """The file was written by a newer Duet; it is refused and left exactly as it was."""

    def __init__(self, path: Path, found: int, known: int, unknown: list[str]):
        self.path, self.found, self.known, self.unknown = path, found, known, unknown
        super().__init__(
            f"The glossary {path.name} was saved by a newer version of Duet (schema version "
            f"{found}; this version knows up to {known}). Update Duet to open it; the file was "
            "not changed."
        )


class CorruptDatabaseError(GlossaryError):
    """The file is not a readable SQLite database, or SQLite's own check finds damage."""

    def __init__(self, path: Path, detail: str):
        self.path, self.detail = path, detail
        super().__init__(f"The glossary file {path.name} is damaged ({detail}).")


class NotAGlossaryError(GlossaryError):
    """A sound SQLite file that holds something else; refused so it is never altered."""

    def __init__(self, path: Path):
        self.path = path
        super().__init__(
            f"{path.name} is an SQLite database but not a Duet glossary; it was not changed."
        )


class GlossaryBusyError(GlossaryError):
    """Another program held the glossary's write lock for longer than the store waits."""

    def __init__(self):
        super().__init__(
            "The glossary is busy in another Duet window or command; nothing was saved. "
            "Try again in a moment."
        )


class TermNotFoundError(GlossaryError, KeyError):
    """No entry has this id."""

    def __init__(self, term_id: int):
        self.term_id = term_id
        super().__init__(f"There is no glossary entry {term_id}.")

    def __str__(self) -> str:  # KeyError would add quotes
        return self.args[0]


def search_key(text: str) -> str:
    """Folded word tokens joined by single spaces: "Sen. Lt. Gen." → "sen lt gen".

    Used for exact/prefix ranking so punctuation and spacing do not matter.
    """
    return " ".join(_TOKEN.findall(fold(text)))


def _fts_query(text: str) -> str | None:
    """A literal FTS5 query: every token quoted, the last one as a prefix; None if no tokens."""
    tokens = _TOKEN.findall(fold(text))
    if not tokens:
        return None
    # Tokens only hold word characters, so there is no '"' to escape; escape anyway in case
    # the token rule ever changes (FTS5 escapes a quote by doubling it).
    quoted = ['"' + t.replace('"', '""') + '"' for t in tokens]
    quoted[-1] += "*"
    return " ".join(quoted)


# --- migrations ---------------------------------------------------------------------------------

migrations = Migrations(MIGRATION_SET)


@migrations(name="0001_terms")
def _m0001_terms(db: sqlite_utils.Database) -> None:
    db.execute(
        """
        CREATE TABLE terms (
            id INTEGER PRIMARY KEY,
            english TEXT NOT NULL,
            vietnamese TEXT NOT NULL,
            category TEXT NOT NULL DEFAULT 'other',
            english_variants TEXT NOT NULL DEFAULT '[]',
            vietnamese_variants TEXT NOT NULL DEFAULT '[]',
            branch TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            example_en TEXT NOT NULL DEFAULT '',
            example_vi TEXT NOT NULL DEFAULT '',
            source_title TEXT NOT NULL DEFAULT '',
            source_date TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'draft',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            pair_key TEXT NOT NULL UNIQUE,
            en_folded TEXT NOT NULL DEFAULT '',
            vi_folded TEXT NOT NULL DEFAULT '',
            keys TEXT NOT NULL DEFAULT ''
        )
        """
    )
    db.execute("CREATE INDEX terms_category ON terms(category)")
    db.execute("CREATE INDEX terms_english ON terms(english COLLATE NOCASE)")
    # External-content FTS5 over the folded columns; the prefix index keeps typing fast.
    db.execute(
        """
        CREATE VIRTUAL TABLE terms_fts USING fts5(
            en_folded, vi_folded, content='terms', content_rowid='id',
            tokenize='unicode61 remove_diacritics 2', prefix='1 2 3'
        )
        """
    )
    db.executescript(
        """
        CREATE TRIGGER terms_ai AFTER INSERT ON terms BEGIN
            INSERT INTO terms_fts(rowid, en_folded, vi_folded)
            VALUES (new.id, new.en_folded, new.vi_folded);
        END;
        CREATE TRIGGER terms_ad AFTER DELETE ON terms BEGIN
            INSERT INTO terms_fts(terms_fts, rowid, en_folded, vi_folded)
            VALUES ('delete', old.id, old.en_folded, old.vi_folded);
        END;
        CREATE TRIGGER terms_au AFTER UPDATE ON terms BEGIN
            INSERT INTO terms_fts(terms_fts, rowid, en_folded, vi_folded)
            VALUES ('delete', old.id, old.en_folded, old.vi_folded);
            INSERT INTO terms_fts(rowid, en_folded, vi_folded)
            VALUES (new.id, new.en_folded, new.vi_folded);
        END;
        """
    )


@migrations(name="0002_term_keys")
def _m0002_term_keys(db: sqlite_utils.Database) -> None:
    # One row per folded term form, indexed, so "exact" and "starts with" are B-tree range
    # lookups instead of a scan of every FTS hit (100,000 entries must answer in < 20 ms).
    db.execute("CREATE TABLE term_keys (term_id INTEGER NOT NULL, key TEXT NOT NULL)")
    db.execute("CREATE INDEX term_keys_key ON term_keys(key)")
    db.execute("CREATE INDEX term_keys_term ON term_keys(term_id)")
    db.execute(
        """
        CREATE TRIGGER terms_keys_ad AFTER DELETE ON terms BEGIN
            DELETE FROM term_keys WHERE term_id = old.id;
        END
        """
    )
    rows = db.execute("SELECT id, keys FROM terms").fetchall()
    db.conn.executemany(
        "INSERT INTO term_keys (term_id, key) VALUES (?, ?)",
        [(i, k) for i, keys in rows for k in keys.split(_KEY_SEP) if k],
    )


def _known_migrations() -> list[str]:
    return [m.name for m in migrations._migrations]


def _is_busy(exc: sqlite3.Error) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in _BUSY_CODES
    return "locked" in str(exc) or "busy" in str(exc)


def _is_corruption(exc: sqlite3.Error) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in _CORRUPT_CODES
    return "not a database" in str(exc) or "malformed" in str(exc)


def inspect_database(path: str | Path, *, verify: bool = False) -> int:
    """Check an existing file before the store touches it; returns its schema version (0: new).

    Read-only: the file is not changed by this. Raises :class:`NewerDatabaseError`,
    :class:`CorruptDatabaseError` (``verify`` adds ``PRAGMA quick_check``, which reads every
    page) or :class:`NotAGlossaryError`. Other problems (permissions, a lock) are left to the
    normal open, which reports them.
    """
    path = Path(path)
    try:
        if path.stat().st_size == 0:
            return 0
        with open(path, "rb") as fh:
            head = fh.read(len(_SQLITE_MAGIC))
    except OSError:
        return 0
    if head != _SQLITE_MAGIC:
        raise CorruptDatabaseError(path, "it is not an SQLite database")
    try:
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True, timeout=10)
    except sqlite3.Error:
        return 0
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        applied: list[str] = []
        if "_sqlite_migrations" in tables:
            applied = [
                r[0]
                for r in conn.execute(
                    "SELECT name FROM _sqlite_migrations WHERE migration_set = ?",
                    [MIGRATION_SET],
                )
            ]
        if verify:
            result = [r[0] for r in conn.execute("PRAGMA quick_check")]
            if result != ["ok"]:
                raise CorruptDatabaseError(path, "; ".join(result[:3]))
    except sqlite3.Error as exc:
        if _is_corruption(exc):
            raise CorruptDatabaseError(path, str(exc)) from exc
        return 0
    finally:
        conn.close()
    known = _known_migrations()
    unknown = [name for name in applied if name not in known]
    if unknown or version > len(known):
        raise NewerDatabaseError(path, max(version, len(applied)), len(known), unknown)
    user_tables = {t for t in tables if not t.startswith("sqlite_")} - {"_sqlite_migrations"}
    if user_tables and "terms" not in user_tables:
        raise NotAGlossaryError(path)
    return len(applied)


def open_store_safely(
    path: str | Path, *, now: datetime | None = None
) -> tuple[GlossaryStore, str | None]:
    """Open the glossary the way the window and the CLI do; returns (store, notice).

    ``notice`` is None normally. If the file is damaged it is renamed aside (with its -wal/-shm)
    to ``<name>.corrupt-<UTC time>``, a fresh glossary is created, and ``notice`` is a sentence
    to show the user. A file from a newer Duet (:class:`NewerDatabaseError`) or a foreign SQLite
    file (:class:`NotAGlossaryError`) is refused and left untouched: those errors propagate.
    """
    path = Path(path)
    try:
        return GlossaryStore(path, verify=True), None
    except CorruptDatabaseError:
        pass
    stamp = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    aside = path.with_name(f"{path.name}.corrupt-{stamp}")
    os.replace(path, aside)
    for suffix in ("-wal", "-shm", "-journal"):
        extra = Path(str(path) + suffix)
        if extra.exists():
            # Same suffix after the new name, so SQLite tools open the set-aside copy whole.
            os.replace(extra, Path(str(aside) + suffix))
    store = GlossaryStore(path)
    notice = (
        f"The glossary file was damaged; it was kept as {aside.name} and a new, empty "
        "glossary was created."
    )
    from glossary.backup import backup_time, list_backups

    backups = list_backups(path)
    if backups:
        when = backup_time(backups[0])
        day = when.strftime("%Y-%m-%d") if when else "an earlier day"
        notice += f' Use "Restore backup…" to bring back the backup from {day}.'
    return store, notice


# --- rows <-> terms -----------------------------------------------------------------------------

_STORED = (
    "english",
    "vietnamese",
    "category",
    "english_variants",
    "vietnamese_variants",
    "branch",
    "notes",
    "example_en",
    "example_vi",
    "source_title",
    "source_date",
    "status",
    "created_at",
    "updated_at",
)
_SELECT = "id, " + ", ".join(_STORED)


def _keys(term: Term) -> list[str]:
    """The folded forms (both sides, all variants) that exact/prefix ranking looks up."""
    return sorted({search_key(f) for f in (*term.all_english(), *term.all_vietnamese())} - {""})


def _row(term: Term, keys: list[str] | None = None) -> dict:
    """The stored row for a normalised term, with its derived search columns."""
    en_forms = term.all_english()
    vi_forms = term.all_vietnamese()
    keys = _keys(term) if keys is None else keys
    return {
        "english": term.english,
        "vietnamese": term.vietnamese,
        "category": term.category,
        "english_variants": json.dumps(term.english_variants, ensure_ascii=False),
        "vietnamese_variants": json.dumps(term.vietnamese_variants, ensure_ascii=False),
        "branch": term.branch,
        "notes": term.notes,
        "example_en": term.example_en,
        "example_vi": term.example_vi,
        "source_title": term.source_title,
        "source_date": term.source_date,
        "status": term.status,
        "created_at": term.created_at,
        "updated_at": term.updated_at,
        "pair_key": pair_key(term.english, term.vietnamese),
        "en_folded": "\n".join(fold(f) for f in en_forms),
        "vi_folded": "\n".join(fold(f) for f in vi_forms),
        "keys": _KEY_SEP + _KEY_SEP.join(keys) + _KEY_SEP,
    }


def _term(row: tuple) -> Term:
    values = dict(zip(("id", *_STORED), row, strict=False))
    values["english_variants"] = json.loads(values["english_variants"] or "[]")
    values["vietnamese_variants"] = json.loads(values["vietnamese_variants"] or "[]")
    return Term(**values)


@dataclass(slots=True)
class SaveReport:
    """What :meth:`GlossaryStore.add_many` did."""

    added: int = 0
    merged: int = 0
    skipped: int = 0
    ids: list[int] = field(default_factory=list)


# --- the store ----------------------------------------------------------------------------------


class GlossaryStore:
    """One glossary database file. Open it, use it, :meth:`close` it (or use ``with``).

    A connection belongs to the thread that opened it; a worker thread opens its own store on
    the same path (WAL makes that safe).
    """

    def __init__(
        self,
        path: str | Path,
        *,
        busy_timeout_ms: int = 5000,
        retry_seconds: float = 30.0,
        verify: bool = False,
    ):
        """Open (creating if needed) and upgrade the glossary at ``path``.

        Raises :class:`NewerDatabaseError`, :class:`NotAGlossaryError` or
        :class:`CorruptDatabaseError` without writing to the file; ``verify`` also reads every
        page (``PRAGMA quick_check``) to find damage. Prefer :func:`open_store_safely`.
        """
        self.path = Path(path)
        self._retry_seconds = retry_seconds
        memory = str(path) == ":memory:"
        version = 0
        if not memory:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            version = inspect_database(self.path, verify=verify)
        self.db = sqlite_utils.Database(str(path))
        try:
            self.db.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            if not memory:
                self._retrying(self.db.enable_wal)
            self.db.execute("PRAGMA synchronous = NORMAL")
            if not memory and 0 < version < len(_known_migrations()):
                # Upgrading data written by an older Duet: keep a copy of it as it was.
                from glossary.backup import make_safety_copy

                make_safety_copy(self.path, f"before-v{len(_known_migrations())}")
            if self._needs_migration():  # only then take the write lock: opening must not wait
                with self._write():
                    migrations.apply(self.db)
                    applied = len(migrations.applied(self.db))
                    if self.db.execute("PRAGMA user_version").fetchone()[0] != applied:
                        self.db.execute(f"PRAGMA user_version = {applied}")
        except sqlite3.DatabaseError as exc:
            self.db.close()
            if _is_corruption(exc):
                raise CorruptDatabaseError(self.path, str(exc)) from exc
            raise
        except BaseException:
            self.db.close()
            raise

    def _needs_migration(self) -> bool:
        applied = len(migrations.applied(self.db))
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        return applied < len(_known_migrations()) or version != applied

    # -- lifecycle

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> GlossaryStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        """How many migrations this file has had (``PRAGMA user_version``)."""
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    @contextmanager
    def transaction(self) -> Iterator[GlossaryStore]:
        """Group several writes into one transaction (nested calls become savepoints)."""
        with self._write():
            yield self

    @contextmanager
    def _write(self) -> Iterator[None]:
        """One write transaction holding the write lock from the start (savepoint if nested)."""
        conn = self.db.conn
        if conn.in_transaction:
            with self.db.atomic():
                yield
            return
        self._retrying(lambda: conn.execute("BEGIN IMMEDIATE"))
        try:
            yield
        except BaseException:
            if conn.in_transaction:
                conn.rollback()
            raise
        try:
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.rollback()
            raise

    def _retrying(self, action):
        """Run ``action``; while SQLite says busy/locked, retry with growing random pauses."""
        delay = 0.02
        deadline = time.monotonic() + self._retry_seconds
        while True:
            try:
                return action()
            except sqlite3.OperationalError as exc:
                if not _is_busy(exc):
                    raise
                if time.monotonic() >= deadline:
                    raise GlossaryBusyError() from exc
            # Jitter keeps two waiting processes from retrying in lock step.
            time.sleep(delay * (0.5 + random.random()))
            delay = min(delay * 2, 0.5)

    # -- reading

    def get(self, term_id: int) -> Term:
        row = self.db.execute(f"SELECT {_SELECT} FROM terms WHERE id = ?", [term_id]).fetchone()
        if row is None:
            raise TermNotFoundError(term_id)
        return _term(row)

    def find_pair(self, english: str, vietnamese: str) -> Term | None:
        """The entry with this English–Vietnamese pair (NFC, case-insensitive), if any."""
        row = self.db.execute(
            f"SELECT {_SELECT} FROM terms WHERE pair_key = ?", [pair_key(english, vietnamese)]
        ).fetchone()
        return _term(row) if row else None

    def list(
        self, category: str | None = None, *, status: str | None = None, limit: int | None = None
    ) -> list[Term]:
        """All entries (optionally of one category/status), sorted by English term."""
        where, params = self._filters(category, status)
        sql = f"SELECT {_SELECT} FROM terms{where} ORDER BY english COLLATE NOCASE, id"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [_term(r) for r in self.db.execute(sql, params)]

    def iter_terms(self, category: str | None = None) -> Iterator[Term]:
        """Like :meth:`list` but streamed (for big exports)."""
        where, params = self._filters(category, None)
        sql = f"SELECT {_SELECT} FROM terms{where} ORDER BY english COLLATE NOCASE, id"
        for r in self.db.conn.execute(sql, params):
            yield _term(r)

    def count(self, category: str | None = None) -> int:
        where, params = self._filters(category, None)
        return int(self.db.execute(f"SELECT count(*) FROM terms{where}", params).fetchone()[0])

    def categories(self) -> list[str]:
        """Category keys in use, most used first."""
        rows = self.db.execute(
            "SELECT category, count(*) AS n FROM terms GROUP BY category ORDER BY n DESC, category"
        )
        return [r[0] for r in rows]

    def search(self, query: str, *, category: str | None = None, limit: int = 200) -> list[Term]:
        """Entries matching ``query`` on either side or in a variant, best first.

        Folded (no marks, đ → d, case folded), literal, last token matched as a prefix. Order:
        an exact term or variant, then a term or variant starting with the query (shortest
        first), then the other matches by bm25. An empty or punctuation-only query returns [].
        """
        match = _fts_query(query)
        if match is None or limit <= 0:
            return []
        key = search_key(query)
        cat_join = "JOIN terms AS t ON t.id = {col} AND t.category = :category" if category else ""
        params: dict = {"key": key, "hi": key + "\U0010ffff", "category": category}

        # Tiers 0 and 1 from the key index (a range scan in key order, bounded).
        rows = self.db.execute(
            f"""SELECT k.term_id, k.key FROM term_keys AS k {cat_join.format(col="k.term_id")}
                WHERE k.key >= :key AND k.key < :hi ORDER BY k.key LIMIT :n""",
            {**params, "n": limit * 4},
        ).fetchall()
        best: dict[int, tuple[int, int, str]] = {}
        for term_id, k in rows:
            rank = (0 if k == key else 1, len(k), k)
            if term_id not in best or rank < best[term_id]:
                best[term_id] = rank
        ordered = sorted(best, key=best.__getitem__)[:limit]

        # The rest by bm25 — unless the query is so vague (e.g. one letter) that ranking every
        # hit would blow the latency budget; then the hits come in stored order.
        if len(ordered) < limit:
            fts_join = cat_join.format(col="f.rowid")
            base = f"SELECT f.rowid FROM terms_fts AS f {fts_join} WHERE terms_fts MATCH :match"
            params["match"] = match
            probe = self.db.execute(base + " LIMIT :n", {**params, "n": _RANK_MAX + 1}).fetchall()
            if len(probe) > _RANK_MAX:
                hits = [r[0] for r in probe]
            else:
                hits = [
                    r[0]
                    for r in self.db.execute(
                        base + " ORDER BY bm25(terms_fts) LIMIT :n",
                        {**params, "n": limit + len(ordered)},
                    )
                ]
            seen = set(ordered)
            ordered += [i for i in hits if i not in seen][: limit - len(ordered)]
        return self._get_many(ordered)

    def _get_many(self, ids: list[int]) -> list[Term]:
        """Terms for ``ids``, in that order."""
        found: dict[int, Term] = {}
        for chunk in range(0, len(ids), 500):
            part = ids[chunk : chunk + 500]
            marks = ", ".join("?" * len(part))
            for row in self.db.execute(f"SELECT {_SELECT} FROM terms WHERE id IN ({marks})", part):
                found[row[0]] = _term(row)
        return [found[i] for i in ids if i in found]

    # -- writing

    def add(self, term: Term) -> Term:
        """Store a new entry (its ``id`` is ignored) and return it with id and times.

        Raises :class:`DuplicateTermError` if the pair exists and ``ValueError`` if a side is
        empty.
        """
        with self._write():
            return self._insert(term, keep_id=False, keep_times=False)

    def restore(self, term: Term) -> Term:
        """Re-insert a deleted entry with its old id and times (undo of :meth:`delete`)."""
        with self._write():
            return self._insert(term, keep_id=True, keep_times=True)

    def update(self, term: Term) -> Term:
        """Save changes to an existing entry (by ``term.id``); ``updated_at`` is set to now."""
        if term.id is None:
            raise TermNotFoundError(-1)
        t = self._checked(term)
        with self._write():
            old = self.get(term.id)
            clash = self._pair_owner(t.english, t.vietnamese)
            if clash is not None and clash != term.id:
                raise DuplicateTermError(clash, t.english, t.vietnamese)
            t = replace(t, id=old.id, created_at=old.created_at, updated_at=utc_now())
            row = _row(t)
            assignments = ", ".join(f"{c} = :{c}" for c in row)
            self.db.execute(f"UPDATE terms SET {assignments} WHERE id = :id", {**row, "id": t.id})
            self._write_keys(t, replace_old=True)
        return t

    def delete(self, term_id: int) -> Term:
        """Remove an entry and return it (pass it to :meth:`restore` to undo)."""
        with self._write():
            term = self.get(term_id)
            self.db.execute("DELETE FROM terms WHERE id = ?", [term_id])
        return term

    def merge(self, existing_id: int, incoming: Term) -> Term:
        """Merge ``incoming`` into an entry: variants united, empty fields filled, notes appended.

        Fields already set on the existing entry win (the user's own data is never overwritten).
        """
        with self._write():
            old = self.get(existing_id)
            new = self._checked(incoming)
            merged = replace(
                old,
                english_variants=clean_variants(
                    [*old.english_variants, *new.english_variants], old.english
                ),
                vietnamese_variants=clean_variants(
                    [*old.vietnamese_variants, *new.vietnamese_variants], old.vietnamese
                ),
            )
            for name in ("branch", "example_en", "example_vi", "source_title", "source_date"):
                if not getattr(merged, name) and getattr(new, name):
                    merged = replace(merged, **{name: getattr(new, name)})
            if new.notes and new.notes not in old.notes:
                merged = replace(merged, notes=(old.notes + "\n" + new.notes).strip())
            if merged.category == "other" and new.category != "other":
                merged = replace(merged, category=new.category)
            if merged == old:
                return old
            return self.update(merged)

    def add_many(
        self, terms: Iterable[Term], *, on_duplicate: str = "skip", keep_times: bool = False
    ) -> SaveReport:
        """Add many entries in ONE transaction (all or nothing).

        ``on_duplicate``: "skip" leaves the existing entry, "merge" merges into it, "error" raises
        :class:`DuplicateTermError` (and nothing is written). Duplicates inside ``terms`` itself
        are handled the same way. ``keep_times`` keeps the incoming created/updated times.
        """
        if on_duplicate not in ("skip", "merge", "error"):
            raise ValueError(f"on_duplicate must be skip, merge or error, not {on_duplicate!r}")
        report = SaveReport()
        with self._write():
            for term in terms:
                t = self._checked(term)
                owner = self._pair_owner(t.english, t.vietnamese)
                if owner is None:
                    saved = self._insert(t, keep_id=False, keep_times=keep_times, checked=True)
                    report.added += 1
                    report.ids.append(saved.id)
                elif on_duplicate == "error":
                    raise DuplicateTermError(owner, t.english, t.vietnamese)
                elif on_duplicate == "merge":
                    self.merge(owner, t)
                    report.merged += 1
                    report.ids.append(owner)
                else:
                    report.skipped += 1
        return report

    # -- internals

    @staticmethod
    def _filters(category: str | None, status: str | None) -> tuple[str, list]:
        clauses, params = [], []
        if category:
            clauses.append("category = ?")
            params.append(category)
        if status:
            clauses.append("status = ?")
            params.append(status)
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), params

    def _pair_owner(self, english: str, vietnamese: str) -> int | None:
        row = self.db.execute(
            "SELECT id FROM terms WHERE pair_key = ?", [pair_key(english, vietnamese)]
        ).fetchone()
        return int(row[0]) if row else None

    @staticmethod
    def _checked(term: Term) -> Term:
        t = term.normalised()
        if not t.english or not t.vietnamese:
            raise ValueError("Both the English and the Vietnamese term are needed.")
        if t.status not in STATUSES:
            t = replace(t, status="draft")
        return t

    def _write_keys(
        self, term: Term, *, replace_old: bool = False, keys: list[str] | None = None
    ) -> None:
        if replace_old:
            self.db.execute("DELETE FROM term_keys WHERE term_id = ?", [term.id])
        self.db.conn.executemany(
            "INSERT INTO term_keys (term_id, key) VALUES (?, ?)",
            [(term.id, k) for k in (_keys(term) if keys is None else keys)],
        )

    def _insert(
        self, term: Term, *, keep_id: bool, keep_times: bool, checked: bool = False
    ) -> Term:
        """INSERT one entry; the caller holds the transaction. ``checked``: the caller has
        already normalised the term and found its pair free."""
        t = term if checked else self._checked(term)
        if not checked:
            owner = self._pair_owner(t.english, t.vietnamese)
            if owner is not None:
                raise DuplicateTermError(owner, t.english, t.vietnamese)
        now = utc_now()
        t.created_at = t.created_at if keep_times and t.created_at else now
        t.updated_at = t.updated_at if keep_times and t.updated_at else now
        keys = _keys(t)  # computed once: folding is the costly part of a big import
        row = _row(t, keys)
        cols = list(row)
        if keep_id and term.id is not None:
            row["id"] = term.id
            cols.append("id")
        sql = f"INSERT INTO terms ({', '.join(cols)}) VALUES ({', '.join(':' + c for c in cols)})"
        try:
            cur = self.db.conn.execute(sql, row)
        except sqlite3.IntegrityError as exc:  # a race with another connection, or a used id
            owner = self._pair_owner(t.english, t.vietnamese)
            if owner is not None:
                raise DuplicateTermError(owner, t.english, t.vietnamese) from exc
            raise GlossaryError(f"Cannot store the entry: {exc}.") from exc
        t.id = int(row.get("id") or cur.lastrowid)
        self._write_keys(t, keys=keys)
        return t
