"""The glossary as the window sees it: one store, one ``glossaryChanged`` signal, one undo stack.

Every glossary action in the UI goes through :class:`GlossaryService`: it calls one core function
(``GlossaryStore.add``, ``exchange.apply_import``, ...), then emits ``glossaryChanged``; the panel
and the panes refresh from that signal. What is derived from the glossary (the
:class:`~glossary.matcher.TermMatcher`, the term pairs for the aligner, the spelling vocabulary) is
rebuilt lazily once per change, never per paint.

Store failures (a locked or damaged database, a full disk) never escape as tracebacks: they are
turned into one sentence and emitted as ``errorOccurred``, which the window shows through its
usual error path. Only :class:`~glossary.store.DuplicateTermError` is raised to the caller, because
the term editor offers "Open existing" / "Merge" for it.
"""

from __future__ import annotations

import sqlite3
import sys
import threading
import traceback
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QObject,
    QRunnable,
    QThreadPool,
    Signal,
    Slot,
)
from PySide6.QtGui import QUndoCommand, QUndoStack

from glossary.backup import BackupError, list_backups, make_daily_backup, restore_backup
from glossary.exchange import ImportPreview, apply_import, export_store_csv, export_terms, read_csv
from glossary.matcher import TermMatcher
from glossary.model import Term, category_display
from glossary.spelling import EnglishChecker, VietnameseChecker
from glossary.starter import load_starter
from glossary.store import (
    DuplicateTermError,
    GlossaryError,
    GlossaryStore,
    SaveReport,
    open_store_safely,
)

T = TypeVar("T")

# What a store call may raise that is the user's situation, not our bug.
STORE_ERRORS = (GlossaryError, sqlite3.Error, OSError, ValueError)
# The aligner gets every English form × Vietnamese form of a term, but not without bound.
MAX_FORM_PAIRS_PER_TERM = 12
# Rows the panel shows for a search (the store ranks them; nobody reads further down).
SEARCH_LIMIT = 1000


# The core's category and status names, marked for translation (the core is Qt-free).
_CATEGORY_LABELS = {
    "rank": QT_TRANSLATE_NOOP("Glossary", "Military rank"),
    "title": QT_TRANSLATE_NOOP("Glossary", "Official title"),
    "organisation": QT_TRANSLATE_NOOP("Glossary", "Organisation"),
    "other": QT_TRANSLATE_NOOP("Glossary", "Other"),
}
_STATUS_LABELS = {
    "draft": QT_TRANSLATE_NOOP("Glossary", "Draft"),
    "approved": QT_TRANSLATE_NOOP("Glossary", "Approved"),
}


def category_label(key: str) -> str:
    """The translated display name of a category key (an unknown key is shown as itself)."""
    if key in _CATEGORY_LABELS:
        return QCoreApplication.translate("Glossary", _CATEGORY_LABELS[key])
    return category_display(key)


def status_label(status: str) -> str:
    if status in _STATUS_LABELS:
        return QCoreApplication.translate("Glossary", _STATUS_LABELS[status])
    return status


def open_store(path: Path) -> tuple[GlossaryStore | None, str]:
    """Open the glossary database; returns (store, a notice to show or "").

    A damaged file is set aside and replaced by a new glossary (the notice says so); a file
    that cannot be used at all (newer Duet, not a glossary, unreadable) gives (None, why).
    """
    try:
        store, notice = open_store_safely(path)
        return store, notice or ""
    except STORE_ERRORS as error:
        return None, QCoreApplication.translate(
            "GlossaryService", "The glossary {0} cannot be opened: {1}"
        ).format(path, describe(error))


def describe(error: Exception) -> str:
    """One user-facing sentence for a store error."""
    if isinstance(error, sqlite3.OperationalError) and "locked" in str(error):
        return QCoreApplication.translate(
            "GlossaryService",
            "the glossary database is locked by another program; try again in a moment.",
        )
    text = str(error).strip() or type(error).__name__
    return text if text.endswith(".") else text + "."


_checker_lock = threading.Lock()


@cache
def _english_checker() -> EnglishChecker:
    return EnglishChecker()


def shared_english_checker() -> EnglishChecker:
    """pyspellchecker's dictionary with the British and rank vocabulary (about a second to build).

    Built once per process and only read afterwards; glossary words are accepted separately
    (see :meth:`GlossaryService.english_unknown_words`), so sharing it changes nothing.
    """
    with _checker_lock:
        return _english_checker()


def warm_up_spelling() -> None:
    """Build the English checker in a background thread, so the first term editor opens at once."""
    threading.Thread(target=shared_english_checker, name="duet-spelling", daemon=True).start()


class _Command(QUndoCommand):
    """An undoable glossary change whose first ``redo`` has already happened."""

    def __init__(self, service: GlossaryService, text: str, undo, redo):
        super().__init__(text)
        self._service, self._undo, self._redo = service, undo, redo
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False  # the action itself already ran (and could report a duplicate)
            return
        self._service._guarded(self._redo)
        self._service.glossaryChanged.emit()

    def undo(self) -> None:
        self._service._guarded(self._undo)
        self._service.glossaryChanged.emit()


class _ImportSignals(QObject):
    finished = Signal(object)  # the SaveReport
    failed = Signal(str)  # a user-facing sentence


class _ImportTask(QRunnable):
    """Writes a checked import preview through its own store on the same file (WAL makes a
    second connection safe); reports through queued signals, never touching a widget."""

    def __init__(self, path: Path, preview: ImportPreview, on_duplicate: str):
        super().__init__()
        self.path, self.preview, self.on_duplicate = path, preview, on_duplicate
        self.signals = _ImportSignals()

    def run(self) -> None:
        try:
            store = GlossaryStore(self.path)
            try:
                report = apply_import(store, self.preview, on_duplicate=self.on_duplicate)
            finally:
                store.close()
        except STORE_ERRORS as error:
            self.signals.failed.emit(describe(error))
        except Exception as error:  # noqa: BLE001 - any failure must reach the user
            traceback.print_exception(error, file=sys.stderr)
            self.signals.failed.emit(
                QCoreApplication.translate(
                    "GlossaryService", "The import failed because of an internal error: {0!r}"
                ).format(error)
            )
        else:
            self.signals.finished.emit(report)


class _BackupTask(QRunnable):
    """Makes today's rolling backup of the glossary file; a failure is only logged."""

    def __init__(self, path: Path):
        super().__init__()
        self.path = path

    def run(self) -> None:
        try:
            make_daily_backup(self.path)
        except BackupError as error:
            print(f"duet: no daily backup of the glossary: {error}", file=sys.stderr)
        except Exception as error:  # noqa: BLE001 - a backup must never take the app down
            traceback.print_exception(error, file=sys.stderr)


class GlossaryService(QObject):
    """The open glossary; passed to the panel, the editor and the window (never global)."""

    glossaryChanged = Signal()
    errorOccurred = Signal(str)  # a user-facing sentence; the window shows it
    importBusyChanged = Signal(bool)  # a background import started (True) or ended (False)
    importFinished = Signal(object)  # the SaveReport of a background import (after the change)

    def __init__(self, store: GlossaryStore | None, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self.undo_stack = QUndoStack(self)
        self._terms: list[Term] | None = None
        self._matcher: TermMatcher | None = None
        self._english_words: set[str] | None = None
        self.glossaryChanged.connect(self._forget_derived)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._import_task: _ImportTask | None = None

    @property
    def available(self) -> bool:
        return self.store is not None

    # -- derived data, rebuilt once per change ----------------------------------------------------

    def _forget_derived(self) -> None:
        self._terms = self._matcher = self._english_words = None

    def all_terms(self) -> list[Term]:
        if self._terms is None:
            self._terms = self._guarded(lambda: self.store.list(), []) if self.store else []
        return self._terms

    def terms_by_id(self) -> dict[int, Term]:
        return {term.id: term for term in self.all_terms()}

    def matcher(self) -> TermMatcher:
        if self._matcher is None:
            self._matcher = TermMatcher(self.all_terms())
        return self._matcher

    def aligner_pairs(self) -> tuple[tuple[str, str], ...]:
        """Known (English, Vietnamese) pairs for the aligner: main forms and variants crossed."""
        pairs: list[tuple[str, str]] = []
        for term in self.all_terms():
            crossed = [(en, vi) for en in term.all_english() for vi in term.all_vietnamese()]
            pairs.extend(crossed[:MAX_FORM_PAIRS_PER_TERM])
        return tuple(pairs)

    def english_unknown_words(self, text: str):
        """Unknown English words of ``text`` (start, end, word, suggestions); glossary words pass."""
        if self._english_words is None:
            words: set[str] = set()
            for term in self.all_terms():
                for form in term.all_english():
                    words.update(part.casefold() for part in form.replace(".", " ").split())
            self._english_words = words
        flags = shared_english_checker().unknown_words(text)
        return [flag for flag in flags if flag[2].casefold() not in self._english_words]

    def vietnamese_checker(self, texts: Iterable[str] = ()) -> VietnameseChecker:
        """A checker that knows the given texts (the open articles) and the glossary's terms."""
        checker = VietnameseChecker(texts)
        checker.add_texts(form for term in self.all_terms() for form in term.all_vietnamese())
        return checker

    # -- reading ----------------------------------------------------------------------------------

    def count(self) -> int:
        return self._guarded(lambda: self.store.count(), 0) if self.store else 0

    def categories(self) -> list[str]:
        return self._guarded(lambda: self.store.categories(), []) if self.store else []

    def get(self, term_id: int) -> Term | None:
        return self._guarded(lambda: self.store.get(term_id)) if self.store else None

    def find(self, query: str, category: str | None = None) -> list[Term]:
        """What the panel shows: a search (ranked) or, for an empty query, the list."""
        if self.store is None:
            return []
        if query.strip():
            return self._guarded(
                lambda: self.store.search(query, category=category, limit=SEARCH_LIMIT), []
            )
        return self._guarded(lambda: self.store.list(category), [])

    # -- writing (each: one core call, then glossaryChanged) --------------------------------------

    def add(self, term: Term) -> Term | None:
        """Store a new entry. Raises DuplicateTermError; other failures are reported, → None."""
        try:
            saved = self.store.add(term)
        except DuplicateTermError:
            raise
        except STORE_ERRORS as error:
            self._report(error)
            return None
        self._push(
            self.tr("Add “{0}”").format(saved.english),
            undo=lambda: self.store.delete(saved.id),
            redo=lambda: self.store.restore(saved),
        )
        self.glossaryChanged.emit()
        return saved

    def update(self, term: Term) -> Term | None:
        """Save an edited entry. Raises DuplicateTermError if it now equals another entry."""
        before = self.get(term.id)
        if before is None:
            return None
        try:
            saved = self.store.update(term)
        except DuplicateTermError:
            raise
        except STORE_ERRORS as error:
            self._report(error)
            return None
        self._push(
            self.tr("Edit “{0}”").format(saved.english),
            undo=lambda: self.store.update(before),
            redo=lambda: self.store.update(saved),
        )
        self.glossaryChanged.emit()
        return saved

    def merge(self, existing_id: int, incoming: Term) -> Term | None:
        """Merge ``incoming`` into an existing entry (variants united, empty fields filled)."""
        before = self.get(existing_id)
        if before is None:
            return None
        merged = self._guarded(lambda: self.store.merge(existing_id, incoming))
        if merged is None:
            return None
        self._push(
            self.tr("Merge into “{0}”").format(merged.english),
            undo=lambda: self.store.update(before),
            redo=lambda: self.store.update(merged),
        )
        self.glossaryChanged.emit()
        return merged

    def delete(self, term_id: int) -> Term | None:
        """Delete an entry; undoable (Ctrl+Z restores it with its id and times)."""
        deleted = self._guarded(lambda: self.store.delete(term_id))
        if deleted is None:
            return None
        self._push(
            self.tr("Delete “{0}”").format(deleted.english),
            undo=lambda: self.store.restore(deleted),
            redo=lambda: self.store.delete(deleted.id),
        )
        self.glossaryChanged.emit()
        return deleted

    def load_starter(self) -> SaveReport | None:
        """Add the reviewed starter set (pairs already present are skipped)."""
        report = self._guarded(lambda: load_starter(self.store))
        if report is not None:
            self.undo_stack.clear()  # earlier commands may refer to a glossary that changed
            self.glossaryChanged.emit()
        return report

    def read_import(self, path: Path) -> ImportPreview | None:
        """Read and check a CSV file; nothing is written."""
        return self._guarded(lambda: read_csv(path, self.store))

    def apply_import(self, preview: ImportPreview, on_duplicate: str) -> SaveReport | None:
        """Write a checked preview in one transaction (refused if it has bad rows)."""
        report = self._guarded(lambda: apply_import(self.store, preview, on_duplicate=on_duplicate))
        if report is not None:
            self.undo_stack.clear()
            self.glossaryChanged.emit()
        return report

    @property
    def importing(self) -> bool:
        return self._import_task is not None

    def apply_import_in_background(self, preview: ImportPreview, on_duplicate: str) -> bool:
        """Start writing a checked preview in a worker thread (one transaction, as
        :meth:`apply_import`); ``importFinished`` or ``errorOccurred`` follows. False if an
        import is already running or no glossary is open."""
        if self.store is None:
            self.errorOccurred.emit(self.tr("No glossary database is open."))
            return False
        if self._import_task is not None:
            self.errorOccurred.emit(self.tr("An import is already running; wait for it to end."))
            return False
        if str(self.store.path) == ":memory:":  # a second connection would see another database
            report = self.apply_import(preview, on_duplicate)
            if report is not None:
                self.importFinished.emit(report)
            return report is not None
        task = _ImportTask(self.store.path, preview, on_duplicate)
        task.signals.finished.connect(self._on_import_finished)
        task.signals.failed.connect(self._on_import_failed)
        self._import_task = task
        self.importBusyChanged.emit(True)
        self._pool.start(task)
        return True

    @Slot(object)
    def _on_import_finished(self, report: SaveReport) -> None:
        self._import_task = None
        self.importBusyChanged.emit(False)
        self.undo_stack.clear()
        self.glossaryChanged.emit()
        self.importFinished.emit(report)

    @Slot(str)
    def _on_import_failed(self, message: str) -> None:
        self._import_task = None
        self.importBusyChanged.emit(False)
        self.errorOccurred.emit(message)

    def start_daily_backup(self) -> bool:
        """Back up the glossary file in a worker thread (at most one a day, seven kept)."""
        if self.store is None or str(self.store.path) == ":memory:":
            return False
        self._pool.start(_BackupTask(self.store.path))
        return True

    def backups(self) -> list[Path]:
        """The backups of the open glossary, newest first."""
        if self.store is None or str(self.store.path) == ":memory:":
            return []
        return list_backups(self.store.path)

    def restore(self, backup: Path) -> bool:
        """Replace the glossary's content with ``backup`` (the current one is kept as a
        "before-restore" backup); then everything derived from the glossary refreshes."""
        if self.store is None:
            self.errorOccurred.emit(self.tr("No glossary database is open."))
            return False
        self.wait_for_idle()  # not while an import or a backup writes
        try:
            restore_backup(self.store.path, backup)
        except (BackupError, *STORE_ERRORS) as error:
            self._report(error)
            return False
        self.undo_stack.clear()  # the commands refer to entries of the replaced glossary
        self.glossaryChanged.emit()
        return True

    def wait_for_idle(self, msecs: int = -1) -> bool:
        """Block until background glossary work is done (before the store is closed)."""
        return self._pool.waitForDone(msecs)

    def export(self, path: Path, fmt: str, terms: list[Term] | None = None) -> int | None:
        """Export ``terms`` (None: the whole glossary) as csv, tsv or tbx; the number written."""
        if terms is None and fmt == "csv":
            return self._guarded(lambda: export_store_csv(self.store, path))
        chosen = self.all_terms() if terms is None else terms
        return self._guarded(lambda: export_terms(chosen, path, fmt))

    # -- plumbing ---------------------------------------------------------------------------------

    def _push(self, text: str, *, undo: Callable, redo: Callable) -> None:
        self.undo_stack.push(_Command(self, text, undo, redo))

    def _guarded(self, call: Callable[[], T], default: T | None = None) -> T | None:
        if self.store is None:
            self.errorOccurred.emit(self.tr("No glossary database is open."))
            return default
        try:
            return call()
        except STORE_ERRORS as error:
            self._report(error)
            return default

    def _report(self, error: Exception) -> None:
        self.errorOccurred.emit(describe(error))
