"""The reading window: two panes side by side, menus and shortcuts, status bar, and their wiring.

The window owns no reading logic. It asks the :class:`~reader.ui.session.PairSession` to open
pairs and to move the selection, and refreshes its panes, title and status bar from the session's
``alignmentChanged`` and ``selectionChanged`` signals. Errors go through :meth:`MainWindow.show_error`,
which first emits ``errorShown`` (tests listen to it) and then opens a non-blocking message box.

The glossary comes in as a :class:`~glossary.store.GlossaryStore` (or is opened from ``db_path``)
wrapped in a :class:`~reader.ui.glossary_service.GlossaryService`; its ``glossaryChanged`` signal
refreshes the dockable panel, the term marks in both panes and the term pairs the aligner gets.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from glossary.backup import backup_time
from glossary.model import Term
from glossary.store import GlossaryStore
from reader import APP_NAME
from reader.paths import default_glossary_path
from reader.text.loading import language_warning
from reader.ui.dialogs import OpenPairDialog
from reader.ui.glossary_panel import GlossaryPanel
from reader.ui.glossary_service import GlossaryService, open_store
from reader.ui.i18n import language_menu
from reader.ui.pairing import Pair, order_as_english_vietnamese
from reader.ui.pane import LOW_CONFIDENCE, SentencePane, TermMark, language_name, other_side
from reader.ui.session import PairSession
from reader.ui.sync import ScrollSync
from reader.ui.term_editor import TermEditor, guess_category

# Show the progress indicator only for work that lasts long enough to be noticed.
PROGRESS_DELAY_MS = 500
TITLE_MAX_CHARS = 80
# The glossary dock's width when it first appears on the right.
GLOSSARY_DOCK_WIDTH = 420
STATUS_MESSAGE_MS = 6000


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
        return QCoreApplication.translate(
            "MainWindow", "No pair open. Use File > Open pair (Ctrl+O) or drop two files here."
        )
    beads = pair.alignment.beads
    if not 0 <= bead_index < len(beads):
        return QCoreApplication.translate(
            "MainWindow", "{0} beads · click a sentence, or press J / Alt+Down to step through them"
        ).format(len(beads))
    bead = beads[bead_index]
    text = QCoreApplication.translate(
        "MainWindow", "Bead {0} of {1} · shape {2} · confidence {3:.2f}"
    ).format(bead_index + 1, len(beads), bead.shape, bead.confidence)
    if bead.one_sided:
        if not bead.target:
            text += QCoreApplication.translate("MainWindow", " · no Vietnamese counterpart")
        else:
            text += QCoreApplication.translate("MainWindow", " · no English counterpart")
    elif bead.confidence < LOW_CONFIDENCE:
        text += QCoreApplication.translate("MainWindow", " · uncertain")
    return text


class RestoreBackupDialog(QDialog):
    """Lists the glossary's backups, newest first, by the local time they were taken."""

    def __init__(self, backups: list[Path], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Restore a glossary backup"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Replace the glossary with a backup. The glossary as it is now is kept as a "
                "backup too, so a restore can be undone the same way."
            )
            if backups
            else self.tr("There are no backups of this glossary yet.")
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget()
        for path in backups:
            taken = backup_time(path)
            when = taken.astimezone().strftime("%Y-%m-%d %H:%M") if taken else path.name
            item = QListWidgetItem(self.tr("{0} · {1}").format(when, path.name))
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        layout.addWidget(self.list, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = self.buttons.addButton(
            self.tr("&Restore"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.restore_button.setEnabled(bool(backups))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def chosen(self) -> Path | None:
        item = self.list.currentItem()
        return Path(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None


class MainWindow(QMainWindow):
    """Duet's main window; ``session``, ``settings`` and the glossary ``store`` are passed in,
    never looked up globally. Without ``store`` the window opens the one at ``db_path`` (default:
    the user's data folder) and closes it with the window."""

    errorShown = Signal(str)  # emitted with the message before the message box appears

    def __init__(
        self,
        session: PairSession,
        settings: QSettings | None = None,
        *,
        db_path: Path | None = None,
        store: GlossaryStore | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.session = session
        self.settings = settings
        self.db_path = Path(db_path) if db_path is not None else default_glossary_path()
        self.left_side = "source"
        self.hovered_bead = -1
        self.zoom_steps = 0
        self.error_box: QMessageBox | None = None
        self.term_editor: TermEditor | None = None
        self.starter_box: QMessageBox | None = None
        self.restore_dialog: RestoreBackupDialog | None = None

        self._owns_store = store is None
        store_notice = ""
        if store is None:
            store, store_notice = open_store(self.db_path)
        self.glossary = GlossaryService(store, self)
        if self._owns_store:
            self.glossary.start_daily_backup()  # in a worker; a failure is only logged

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
            pane.termClicked.connect(lambda mark, p=pane: self._on_term_clicked(p, mark))
            pane.addToGlossaryRequested.connect(lambda p=pane: self.add_selection_to_glossary(p))
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter
        self.setCentralWidget(splitter)
        self.sync = ScrollSync(self.left_pane, self.right_pane, self)

        self.glossary_panel = GlossaryPanel(self.glossary)
        self.glossary_dock = QDockWidget(self.tr("Glossary"), self)
        self.glossary_dock.setObjectName("glossary-dock")
        self.glossary_dock.setWidget(self.glossary_panel)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.glossary_dock)
        self.resizeDocks([self.glossary_dock], [GLOSSARY_DOCK_WIDTH], Qt.Orientation.Horizontal)

        self._build_actions()
        self._build_status_bar()
        self.setAcceptDrops(True)
        self._restore_settings()

        session.alignmentChanged.connect(self._on_alignment_changed)
        session.selectionChanged.connect(self._on_selection_changed)
        session.loadFailed.connect(self.show_error)
        session.busyChanged.connect(self._on_busy_changed)
        self.glossary.errorOccurred.connect(self.show_error)
        self.glossary.glossaryChanged.connect(self._on_glossary_changed)
        self.glossary_panel.editRequested.connect(self.open_term_editor)
        self.glossary_panel.statusMessage.connect(self.show_status_message)
        self._on_glossary_changed()
        self._on_alignment_changed()
        if store_notice:
            # After construction, so that whoever listens to errorShown is connected.
            QTimer.singleShot(0, lambda: self.show_error(store_notice))

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
            self.tr("&Open pair…"),
            [QKeySequence.StandardKey.Open],
            self.choose_pair,
            tip=self.tr("Open an English article and its Vietnamese translation"),
        )
        quit_action = self._action(self.tr("&Quit"), [QKeySequence.StandardKey.Quit], self.close)
        self.swap_action = self._action(
            self.tr("&Swap sides"),
            ["Ctrl+Shift+S"],
            self.swap_sides,
            tip=self.tr("Show the other language on the left"),
        )
        self.sync_action = self._action(
            self.tr("S&ynchronised scrolling"),
            ["Ctrl+L"],
            self._on_sync_toggled,
            checkable=True,
            tip=self.tr("Scroll the other pane along, sentence by sentence"),
        )
        self.sync_action.setChecked(True)
        self.zoom_in_action = self._action(
            self.tr("Zoom &in"), ["Ctrl+=", QKeySequence.StandardKey.ZoomIn], lambda: self.zoom(+1)
        )
        self.zoom_out_action = self._action(
            self.tr("Zoom &out"),
            ["Ctrl+-", QKeySequence.StandardKey.ZoomOut],
            lambda: self.zoom(-1),
        )
        reset_zoom = self._action(
            self.tr("&Reset zoom"), ["Ctrl+0"], lambda: self.zoom(-self.zoom_steps)
        )
        self.next_action = self._action(
            self.tr("&Next pair"),
            ["Alt+Down", "J"],
            lambda: self.step_bead(+1),
            tip=self.tr("Select the next aligned pair (Alt+Down or J)"),
        )
        self.previous_action = self._action(
            self.tr("&Previous pair"),
            ["Alt+Up", "K"],
            lambda: self.step_bead(-1),
            tip=self.tr("Select the previous aligned pair (Alt+Up or K)"),
        )
        self.add_selection_action = self._action(
            self.tr("Add &selection to glossary…"),
            ["Ctrl+G"],
            lambda: self.add_selection_to_glossary(None),
            tip=self.tr("Add the phrase selected in a text (and in the other text) as an entry"),
        )
        self.restore_action = self._action(
            self.tr("&Restore backup…"),
            slot=self.choose_backup,
            tip=self.tr("Replace the glossary with one of its daily or safety backups"),
        )
        panel = self.glossary_panel
        self.addAction(panel.undo_action)  # Ctrl+Z anywhere in the window undoes a glossary edit
        self.addAction(panel.redo_action)

        menus = self.menuBar()
        file_menu = menus.addMenu(self.tr("&File"))
        file_menu.addAction(self.open_action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        edit_menu = menus.addMenu(self.tr("&Edit"))
        edit_menu.addAction(panel.undo_action)
        edit_menu.addAction(panel.redo_action)
        view_menu = menus.addMenu(self.tr("&View"))
        toggle_glossary = self.glossary_dock.toggleViewAction()
        toggle_glossary.setText(self.tr("&Glossary panel"))
        toggle_glossary.setShortcut(QKeySequence("Ctrl+Shift+G"))
        for action in (
            self.swap_action,
            self.sync_action,
            toggle_glossary,
            None,
            self.zoom_in_action,
            self.zoom_out_action,
            reset_zoom,
        ):
            view_menu.addSeparator() if action is None else view_menu.addAction(action)
        view_menu.addSeparator()
        view_menu.addMenu(language_menu(self, self.settings))
        go_menu = menus.addMenu(self.tr("&Go"))
        go_menu.addAction(self.previous_action)
        go_menu.addAction(self.next_action)
        glossary_menu = menus.addMenu(self.tr("G&lossary"))
        for action in (
            self.add_selection_action,
            panel.add_action,
            panel.edit_action,
            panel.delete_action,
            None,
            panel.export_all_action,
            panel.export_shown_action,
            panel.import_action,
            panel.starter_action,
            None,
            self.restore_action,
        ):
            glossary_menu.addSeparator() if action is None else glossary_menu.addAction(action)

        toolbar = self.addToolBar(self.tr("Reading"))
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
        self.progress.setFormat(self.tr("Aligning…"))
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
                self.tr(
                    "Drop two files at once, the English article and its Vietnamese translation "
                    "(got {0})."
                ).format(len(paths))
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
        language = language_name(side)
        if pair is None:
            return language
        document = pair.document(side)
        name = document.path.name if document.path is not None else ""
        count = QCoreApplication.translate("MainWindow", "{0} sentences").format(
            len(document.sentences)
        )
        return f"<b>{language}</b> · {_escape(name)} · {count}"

    def _on_alignment_changed(self) -> None:
        self._show_pair()
        self.setWindowTitle(window_title(self.session.pair))
        self._on_selection_changed(self.session.selected_bead)
        warning = self.language_warning(self.session.pair)
        if warning:
            self.show_status_message(warning)  # a hint, never a reason to refuse the pair

    def language_warning(self, pair: Pair | None) -> str:
        """Translated hints when a side seems to be in the other language ("" if none)."""
        if pair is None:
            return ""
        hints = []
        # The check reads the beginning only; slicing keeps it cheap for a book.
        if language_warning(pair.source.text[:20_000], "en"):
            hints.append(
                self.tr("The English side looks like Vietnamese; check the files are not swapped.")
            )
        if language_warning(pair.target.text[:20_000], "vi"):
            hints.append(
                self.tr(
                    "The Vietnamese side does not look like Vietnamese; check the files are not "
                    "swapped."
                )
            )
        return " ".join(hints)

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

    def fit_glossary_dock(self) -> None:
        """Give the glossary dock its usual width (after the window got its size)."""
        self.resizeDocks([self.glossary_dock], [GLOSSARY_DOCK_WIDTH], Qt.Orientation.Horizontal)

    def show_status_message(self, message: str) -> None:
        self.statusBar().showMessage(message, STATUS_MESSAGE_MS)

    # -- the glossary ------------------------------------------------------------------------------

    def _on_glossary_changed(self) -> None:
        """Refresh what is derived from the glossary: term marks and the aligner's term pairs."""
        matcher, terms = self.glossary.matcher(), self.glossary.terms_by_id()
        for pane in (self.left_pane, self.right_pane):
            pane.set_terms(matcher, terms)
        self.session.terms = self.glossary.aligner_pairs()

    def _other_pane(self, pane: SentencePane) -> SentencePane:
        return self.right_pane if pane is self.left_pane else self.left_pane

    def _on_term_clicked(self, pane: SentencePane, mark: TermMark | None) -> None:
        """Mark the clicked term and its translation in the aligned counterpart sentence(s)."""
        other = self._other_pane(pane)
        if mark is None:
            pane.set_term_highlights([])
            other.set_term_highlights([])
            return
        bead = pane.bead_of_sentence(mark.sentence)
        found = other.find_term_in_sentences(other.sentences_of_bead(bead), mark.term_ids)
        pane.set_term_highlights([(mark.start, mark.end)])
        other.set_term_highlights(found)
        if not found:
            self.show_status_message(
                self.tr("“{0}”: its translation is not in the counterpart sentence.").format(
                    mark.text
                )
            )

    def new_term_from_selection(self, pane: SentencePane) -> Term:
        """A new entry pre-filled from the text: the selection in ``pane``, the selection in the
        other pane as the other side, the aligned sentence pair as example, a guessed category."""
        other = self._other_pane(pane)
        phrase, other_phrase = pane.selected_phrase(), other.selected_phrase()
        english, vietnamese = (
            (phrase, other_phrase) if pane.side == "source" else (other_phrase, phrase)
        )
        term = Term(english, vietnamese, category=guess_category(english, vietnamese))
        pair = self.session.pair
        if pair is not None:
            bead_index = pane.bead_of_sentence(pane.selection_sentence())
            if bead_index >= 0:
                bead = pair.alignment.beads[bead_index]
                term.example_en = " ".join(pair.source.sentences[i].text for i in bead.source)
                term.example_vi = " ".join(pair.target.sentences[i].text for i in bead.target)
            term.source_title = pair.source.title or pair.target.title or ""
            term.source_date = pair.source.date or pair.target.date or ""
        return term

    def add_selection_to_glossary(self, pane: SentencePane | None = None) -> TermEditor | None:
        """Right-click > Add to glossary…: open the editor pre-filled from the selection."""
        if pane is None:  # from the menu: the pane with a selection, the focused one first
            panes = sorted((self.left_pane, self.right_pane), key=lambda p: not p.hasFocus())
            pane = next((p for p in panes if p.selected_phrase()), None)
        if pane is None or not pane.selected_phrase():
            self.show_status_message(self.tr("Select a phrase in one of the texts first."))
            return None
        return self.open_term_editor(self.new_term_from_selection(pane))

    def open_term_editor(self, term: Term | None = None) -> TermEditor | None:
        """Open the term editor (non-blocking) on a new or an existing entry."""
        if not self.glossary.available:
            self.show_error(
                self.tr("The glossary is not available: its database could not be opened.")
            )
            return None
        pair = self.session.pair
        vocabulary = [pair.target.text] if pair is not None else []
        if self.term_editor is not None:
            self.term_editor.close()
        editor = TermEditor(self.glossary, term, vocabulary_texts=vocabulary, parent=self)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.termSaved.connect(lambda saved: self.glossary_panel.select_term(saved.id))
        editor.destroyed.connect(lambda *_: self._forget_editor(editor))
        editor.open()
        self.term_editor = editor
        return editor

    def _forget_editor(self, editor: TermEditor) -> None:
        if self.term_editor is editor:
            self.term_editor = None

    def starter_offer_needed(self) -> bool:
        """First start with an empty glossary, and the user has not answered the offer yet."""
        if self.settings is None or not self.glossary.available:
            return False
        if self.settings.value("glossary/starter_offered", False, type=bool):
            return False
        return self.glossary.count() == 0

    def offer_starter(self) -> QMessageBox | None:
        """Offer the starter set in a box that does not block; asked once, in real use only
        (the screenshot and the tests have no settings, so they never see it)."""
        if not self.starter_offer_needed():
            return None
        self.settings.setValue("glossary/starter_offered", True)
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Start with a glossary?"),
            self.tr(
                "Your glossary is empty. Load the reviewed starter set of military ranks and "
                "official titles (Vietnam People's Army, US armed forces, defence and diplomatic "
                "posts)? You can also load it later from Glossary > Load starter glossary…"
            ),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        load = box.addButton(self.tr("Load starter set"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Not now"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(load)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(
            lambda button: self.glossary_panel.load_starter() if button is load else None
        )
        box.open()
        self.starter_box = box
        return box

    def choose_backup(self) -> RestoreBackupDialog | None:
        """Glossary > Restore backup…: list the backups (non-blocking); accepting restores."""
        if not self.glossary.available:
            self.show_error(
                self.tr("The glossary is not available: its database could not be opened.")
            )
            return None
        dialog = RestoreBackupDialog(self.glossary.backups(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(
            lambda: self.restore_from(dialog.chosen()) if dialog.chosen() else None
        )
        dialog.open()
        self.restore_dialog = dialog
        return dialog

    def restore_from(self, backup: Path) -> bool:
        """Restore the glossary from ``backup``; the panel and the term marks refresh."""
        if not self.glossary.restore(Path(backup)):
            return False
        self.show_status_message(
            self.tr("Glossary restored from {0}. The previous state was kept as a backup.").format(
                Path(backup).name
            )
        )
        return True

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
        self.glossary.wait_for_idle()  # an import writes through its own connection
        super().closeEvent(event)
        if self._owns_store and self.glossary.store is not None:
            self.glossary.store.close()
            self.glossary.store = None
            self._owns_store = False


def _escape(text: str) -> str:
    """File names go into a rich-text label; show them literally."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
