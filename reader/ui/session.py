"""The reading session: the open pair, the selected bead, and loading new pairs off the UI thread.

Widgets never load or align anything themselves. They ask the session to open a pair and refresh
when it emits ``alignmentChanged`` (a new pair or a new alignment) or ``selectionChanged`` (the
selected bead). Loading runs in a worker thread when the files are large; the worker only computes
a :class:`~reader.ui.pairing.Pair` and hands it back through a queued signal, so every widget is
touched on the UI thread only.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from reader.align import align
from reader.text.loading import TextLoadError
from reader.ui.pairing import Aligner, Pair, is_large, load_pair


class _WorkerSignals(QObject):
    # Carries the request number so that a slow, superseded load cannot replace a newer pair.
    finished = Signal(int, object)
    failed = Signal(int, str)


class _LoadPairTask(QRunnable):
    """Loads and aligns one pair in a pool thread; reports through queued signals."""

    def __init__(self, request: int, english: Path, vietnamese: Path, terms, aligner):
        super().__init__()
        self.request, self.english, self.vietnamese = request, english, vietnamese
        self.terms, self.aligner = terms, aligner
        self.signals = _WorkerSignals()

    def run(self) -> None:
        try:
            pair = load_pair(self.english, self.vietnamese, terms=self.terms, aligner=self.aligner)
        except Exception as error:  # noqa: BLE001 - any failure must reach the user, not kill us
            self.signals.failed.emit(self.request, describe_load_error(error))
        else:
            self.signals.finished.emit(self.request, pair)


def describe_load_error(error: Exception) -> str:
    """The sentence shown to the user; unexpected errors also go to stderr for bug reports."""
    if isinstance(error, TextLoadError):
        return str(error)
    traceback.print_exception(error, file=sys.stderr)
    return f"The pair could not be opened because of an internal error: {error!r}"


class PairSession(QObject):
    """Owns the current pair and selection; the one source the panes and status bar read from."""

    alignmentChanged = Signal()  # a new pair (or a new alignment of it) is current
    selectionChanged = Signal(int)  # the selected bead index, -1 for none
    loadFailed = Signal(str)  # a user-facing reason; the previous pair stays current
    busyChanged = Signal(bool)  # a background load started (True) or ended (False)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        terms: Sequence[tuple[str, str]] = (),
        aligner: Aligner = align,
    ):
        super().__init__(parent)
        self.pair: Pair | None = None
        self.selected_bead = -1
        self.terms = tuple(terms)
        self.aligner = aligner
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._latest_request = 0
        self._pending: dict[int, _WorkerSignals] = {}

    # -- opening ----------------------------------------------------------------------------------

    def open_pair(self, english: Path, vietnamese: Path, *, background: bool | None = None) -> None:
        """Load and align a pair; emits alignmentChanged, or loadFailed and keeps the old pair.

        ``background=None`` decides by file size; small pairs load at once, which keeps the
        common case simple and immediate.
        """
        english, vietnamese = Path(english), Path(vietnamese)
        self._latest_request += 1
        request = self._latest_request
        if background is None:
            background = is_large(english, vietnamese)
        if not background:
            try:
                pair = load_pair(english, vietnamese, terms=self.terms, aligner=self.aligner)
            except Exception as error:  # noqa: BLE001
                self._on_failed(request, describe_load_error(error))
            else:
                self._on_finished(request, pair)
            return
        task = _LoadPairTask(request, english, vietnamese, self.terms, self.aligner)
        task.signals.finished.connect(self._on_finished)
        task.signals.failed.connect(self._on_failed)
        self._pending[request] = task.signals  # keep it alive until it reports
        if len(self._pending) == 1:
            self.busyChanged.emit(True)
        self._pool.start(task)

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def wait_for_idle(self, msecs: int = -1) -> bool:
        """Block until background work is done (used at shutdown and by --screenshot)."""
        return self._pool.waitForDone(msecs)

    @Slot(int, object)
    def _on_finished(self, request: int, pair: Pair) -> None:
        self._forget(request)
        if request != self._latest_request:
            return  # superseded by a newer request
        self.set_pair(pair)

    @Slot(int, str)
    def _on_failed(self, request: int, message: str) -> None:
        self._forget(request)
        if request == self._latest_request:
            self.loadFailed.emit(message)

    def _forget(self, request: int) -> None:
        if self._pending.pop(request, None) is not None and not self._pending:
            self.busyChanged.emit(False)

    # -- state ------------------------------------------------------------------------------------

    def set_pair(self, pair: Pair) -> None:
        """Make ``pair`` current (also how tests show a hand-made alignment)."""
        self.pair = pair
        self.selected_bead = -1
        self.alignmentChanged.emit()
        self.selectionChanged.emit(-1)

    @property
    def bead_count(self) -> int:
        return len(self.pair.alignment.beads) if self.pair else 0

    def select_bead(self, index: int) -> None:
        """Select a bead (clamped to the alignment); -1 clears the selection."""
        if self.pair is None or self.bead_count == 0:
            index = -1
        elif index >= 0:
            index = max(0, min(index, self.bead_count - 1))
        if index != self.selected_bead:
            self.selected_bead = index
            self.selectionChanged.emit(index)

    def select_sentence(self, side: str, sentence: int) -> None:
        if self.pair is not None and sentence >= 0:
            self.select_bead(self.pair.alignment.bead_of(side, sentence))

    def step(self, delta: int) -> None:
        """Move the selection by ``delta`` beads; from no selection, start at the first/last."""
        if self.bead_count == 0:
            return
        if self.selected_bead < 0:
            self.select_bead(0 if delta > 0 else self.bead_count - 1)
        else:
            self.select_bead(self.selected_bead + delta)
