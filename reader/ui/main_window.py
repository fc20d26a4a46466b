"""The reading window: two panes side by side, menus and shortcuts, status bar, and their wiring.

The window owns no reading logic. It asks the :class:`~reader.ui.session.PairSession` to open
pairs and to move the selection, and refreshes its panes, title and status bar from the session's
``alignmentChanged`` and ``selectionChanged`` signals. Errors go through :meth:`MainWindow.show_error`,
which first emits ``errorShown`` (tests listen to it) and then opens a non-blocking message box.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from reader import APP_NAME
from reader.ui.dialogs import OpenPairDialog
from reader.ui.i18n import language_menu
from reader.ui.pairing import Pair, order_as_english_vietnamese
from reader.ui.pane import LANGUAGE_NAMES, LOW_CONFIDENCE, SentencePane, other_side
from reader.ui.session import PairSession
from reader.ui.sync import ScrollSync

# Show the progress indicator only for work that lasts long enough to be noticed.
PROGRESS_DELAY_MS = 500
TITLE_MAX_CHARS = 80


def window_title(pair: Pair | None) -> str:
    """ "<article title> — <date> — Duet", falling back to the file names."""
    if pair is None:
        return APP_NAME
    title = pair.source.title or pair.target.title
    if not title:
        names = [doc.path.name for doc in (pair.source, pair.target) if doc.path is not None]
        title = " / ".join(names)
    if len(title) > TITLE_MAX_CHARS:
        title = title[: TITLE_MAX_CHARS - 1].rstrip() + "…"
    date = pair.source.date or pair.target.date
    parts = [part for part in (title, date, APP_NAME) if part]
    return " — ".join(parts)


def bead_status(pair: Pair | None, bead_index: int) -> str:
    """The status bar line: "Bead n of N · shape 2-1 · confidence 0.93"."""
    if pair is None:
        return "No pair open. Use File > Open pair (Ctrl+O) or drop two files here."
    beads = pair.alignment.beads
    if not 0 <= bead_index < len(beads):
        return f"{len(beads)} beads · click a sentence, or press J / Alt+Down to step through them"
    bead = beads[bead_index]
    text = f"Bead {bead_index + 1} of {len(beads)} · shape {bead.shape} · confidence {bead.confidence:.2f}"
    if bead.one_sided:
        missing = "Vietnamese" if not bead.target else "English"
        text += f" · no {missing} counterpart"
    elif bead.confidence < LOW_CONFIDENCE:
        text += " · uncertain"
    return text


class MainWindow(QMainWindow):
    """Duet's main window; ``session`` and ``settings`` are passed in, never looked up globally."""

    errorShown = Signal(str)  # emitted with the message before the message box appears

    def __init__(
        self,
        session: PairSession,
        settings: QSettings | None = None,
        *,
        db_path: Path | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.session = session
        self.settings = settings
        self.db_path = db_path  # the glossary database, used once the glossary panel exists
        self.left_side = "source"
        self.hovered_bead = -1
        self.zoom_steps = 0
        self.error_box: QMessageBox | None = None

        self.left_pane, self.right_pane = SentencePane(), SentencePane()
        self.left_header, self.right_header = QLabel(), QLabel()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        for pane, header in (
            (self.left_pane, self.left_header),
            (self.right_pane, self.right_header),
        ):
            header.setContentsMargins(6, 2, 6, 2)
            header.setTextFormat(Qt.TextFormat.RichText)
            column = QWidget()
            layout = QVBoxLayout(column)
            layout.setContentsMargins(0, 0, 0, 0)
            layout.setSpacing(2)
            layout.addWidget(header)
            layout.addWidget(pane, 1)
            splitter.addWidget(column)
            pane.sentenceClicked.connect(
                lambda sentence, p=pane: self._on_sentence_clicked(p, sentence)
            )
            pane.sentenceHovered.connect(
                lambda sentence, p=pane: self._on_sentence_hovered(p, sentence)
            )
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter
        self.setCentralWidget(splitter)
        self.sync = ScrollSync(self.left_pane, self.right_pane, self)

        self._build_actions()
        self._build_status_bar()
        self.setAcceptDrops(True)
        self._restore_settings()

        session.alignmentChanged.connect(self._on_alignment_changed)
        session.selectionChanged.connect(self._on_selection_changed)
        session.loadFailed.connect(self.show_error)
        session.busyChanged.connect(self._on_busy_changed)
        self._on_alignment_changed()

    # -- construction ------------------------------------------------------------------------------

    def _action(self, text: str, shortcuts=(), slot=None, *, checkable=False, tip="") -> QAction:
        action = QAction(text, self)
        # Standard keys may already be one of the explicit ones (Ctrl+- is ZoomOut); a duplicate
        # makes the shortcut ambiguous and then it does nothing.
        sequences: list[QKeySequence] = []
        for shortcut in shortcuts:
            sequence = QKeySequence(shortcut)
            if not sequence.isEmpty() and sequence not in sequences:
                sequences.append(sequence)
        action.setShortcuts(sequences)
        action.setCheckable(checkable)
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        if slot is not None:
            (action.toggled if checkable else action.triggered).connect(slot)
        self.addAction(action)  # shortcuts work even while the menu bar is hidden
        return action

    def _build_actions(self) -> None:
        self.open_action = self._action(
            "&Open pair…",
            [QKeySequence.StandardKey.Open],
            self.choose_pair,
            tip="Open an English article and its Vietnamese translation",
        )
        quit_action = self._action("&Quit", [QKeySequence.StandardKey.Quit], self.close)
        self.swap_action = self._action(
            "&Swap sides",
            ["Ctrl+Shift+S"],
            self.swap_sides,
            tip="Show the other language on the left",
        )
        self.sync_action = self._action(
            "S&ynchronised scrolling",
            ["Ctrl+L"],
            self._on_sync_toggled,
            checkable=True,
            tip="Scroll the other pane along, sentence by sentence",
        )
        self.sync_action.setChecked(True)
        self.zoom_in_action = self._action(
            "Zoom &in", ["Ctrl+=", QKeySequence.StandardKey.ZoomIn], lambda: self.zoom(+1)
        )
        self.zoom_out_action = self._action(
            "Zoom &out", ["Ctrl+-", QKeySequence.StandardKey.ZoomOut], lambda: self.zoom(-1)
        )
        reset_zoom = self._action("&Reset zoom", ["Ctrl+0"], lambda: self.zoom(-self.zoom_steps))
        self.next_action = self._action(
            "&Next pair",
            ["Alt+Down", "J"],
            lambda: self.step_bead(+1),
            tip="Select the next aligned pair (Alt+Down or J)",
        )
        self.previous_action = self._action(
            "&Previous pair",
            ["Alt+Up", "K"],
            lambda: self.step_bead(-1),
            tip="Select the previous aligned pair (Alt+Up or K)",
        )

        menus = self.menuBar()
        file_menu = menus.addMenu("&File")
        file_menu.addAction(self.open_action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        view_menu = menus.addMenu("&View")
        for action in (
            self.swap_action,
            self.sync_action,
            None,
            self.zoom_in_action,
            self.zoom_out_action,
            reset_zoom,
        ):
            view_menu.addSeparator() if action is None else view_menu.addAction(action)
        view_menu.addSeparator()
        view_menu.addMenu(language_menu(self, self.settings))
        go_menu = menus.addMenu("&Go")
        go_menu.addAction(self.previous_action)
        go_menu.addAction(self.next_action)

        toolbar = self.addToolBar("Reading")
        toolbar.setObjectName("reading-toolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (
            self.open_action,
            None,
            self.previous_action,
            self.next_action,
            None,
            self.swap_action,
            self.sync_action,
        ):
            toolbar.addSeparator() if action is None else toolbar.addAction(action)

    def _build_status_bar(self) -> None:
        self.status_label = QLabel()
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy indicator: the aligner reports no steps
        self.progress.setMaximumWidth(160)
        self.progress.setFormat("Aligning…")
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.statusBar().addWidget(self.status_label, 1)
        self.statusBar().addPermanentWidget(self.progress)
        self._progress_timer = QTimer(self)
        self._progress_timer.setSingleShot(True)
        self._progress_timer.setInterval(PROGRESS_DELAY_MS)
        self._progress_timer.timeout.connect(self.progress.show)

    def _restore_settings(self) -> None:
        if self.settings is None:
            return
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        splitter_state = self.settings.value("window/splitter")
        if splitter_state is not None:
            self.splitter.restoreState(splitter_state)
        self.sync_action.setChecked(self.settings.value("view/sync", True, type=bool))
        self.zoom(int(self.settings.value("view/zoom", 0, type=int)))

    def _save_settings(self) -> None:
        if self.settings is None:
            return
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        pair = self.session.pair
        if pair is not None and pair.source.path is not None and pair.target.path is not None:
            # Reopened on the next start by reader.ui.app.remembered_pair, if both still exist.
            self.settings.setValue("session/english", str(pair.source.path))
            self.settings.setValue("session/vietnamese", str(pair.target.path))
        self.settings.setValue("view/sync", self.sync_action.isChecked())
        self.settings.setValue("view/zoom", self.zoom_steps)
        self.settings.sync()

    # -- what the user does ------------------------------------------------------------------------

    def choose_pair(self) -> None:
        """File > Open pair: ask for two files, then open them."""
        pair = self.session.pair
        dialog = OpenPairDialog(
            self,
            pair.source.path if pair else None,
            pair.target.path if pair else None,
        )
        if dialog.exec() == OpenPairDialog.DialogCode.Accepted:
            self.open_pair(*dialog.paths())

    def open_pair(self, english: Path, vietnamese: Path, *, background: bool | None = None) -> None:
        """Open a pair; on failure the error is shown and the current pair stays."""
        self.session.open_pair(english, vietnamese, background=background)

    def open_dropped(self, paths: list[Path]) -> None:
        """Two dropped files become a pair, whichever order they come in."""
        if len(paths) != 2:
            self.show_error(
                f"Drop two files at once, the English article and its Vietnamese translation "
                f"(got {len(paths)})."
            )
            return
        self.open_pair(*order_as_english_vietnamese(paths[0], paths[1]))

    def step_bead(self, delta: int) -> None:
        """Select the next (+1) or previous (-1) bead and bring it into view in both panes."""
        self.session.step(delta)
        if self.session.selected_bead >= 0:
            self.sync.reveal_bead(self.session.selected_bead)

    def swap_sides(self) -> None:
        self.left_side = other_side(self.left_side)
        self._show_pair()
        self._on_selection_changed(self.session.selected_bead)
        if self.session.selected_bead >= 0:
            self.sync.reveal_bead(self.session.selected_bead)

    def zoom(self, steps: int) -> None:
        """Zoom both panes together, so that counterparts stay comparable."""
        if steps == 0:
            return
        self.zoom_steps += steps
        for pane in (self.left_pane, self.right_pane):
            pane.zoom_by(steps)
        self.sync.resync()

    def show_error(self, message: str) -> None:
        """Report a problem: emit ``errorShown``, then show a message box that does not block."""
        self.errorShown.emit(message)
        box = QMessageBox(
            QMessageBox.Icon.Warning, APP_NAME, message, QMessageBox.StandardButton.Ok, self
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.error_box = box

    # -- refreshing from the session ---------------------------------------------------------------

    def pane_for(self, side: str) -> SentencePane:
        return self.left_pane if side == self.left_side else self.right_pane

    def _show_pair(self) -> None:
        pair = self.session.pair
        self.left_pane.show_side(pair, self.left_side)
        self.right_pane.show_side(pair, other_side(self.left_side))
        for pane, header in (
            (self.left_pane, self.left_header),
            (self.right_pane, self.right_header),
        ):
            header.setText(self._header_text(pair, pane.side))
        self.hovered_bead = -1

    @staticmethod
    def _header_text(pair: Pair | None, side: str) -> str:
        language = LANGUAGE_NAMES[side]
        if pair is None:
            return language
        document = pair.document(side)
        name = document.path.name if document.path is not None else ""
        count = len(document.sentences)
        return f"<b>{language}</b> · {_escape(name)} · {count} sentences"

    def _on_alignment_changed(self) -> None:
        self._show_pair()
        self.setWindowTitle(window_title(self.session.pair))
        self._on_selection_changed(self.session.selected_bead)

    def _on_selection_changed(self, bead: int) -> None:
        for pane in (self.left_pane, self.right_pane):
            pane.set_highlight(bead, self.hovered_bead)
        self.status_label.setText(bead_status(self.session.pair, bead))

    def _on_sentence_clicked(self, pane: SentencePane, sentence: int) -> None:
        self.session.select_sentence(pane.side, sentence)

    def _on_sentence_hovered(self, pane: SentencePane, sentence: int) -> None:
        bead = pane.bead_of_sentence(sentence)
        if bead != self.hovered_bead:
            self.hovered_bead = bead
            for each in (self.left_pane, self.right_pane):
                each.set_highlight(self.session.selected_bead, bead)

    def _on_sync_toggled(self, enabled: bool) -> None:
        self.sync.set_enabled(enabled)

    def _on_busy_changed(self, busy: bool) -> None:
        if busy:
            self._progress_timer.start()
        else:
            self._progress_timer.stop()
            self.progress.hide()

    # -- events ------------------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        event.acceptProposedAction()
        # Open after the drop returns, so the source application is not kept waiting.
        QTimer.singleShot(0, lambda: self.open_dropped(paths))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self._save_settings()
        self.session.wait_for_idle()  # a worker must not outlive the objects it reports to
        super().closeEvent(event)


def _escape(text: str) -> str:
    """File names go into a rich-text label; show them literally."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
