"""The glossary panel: the term list with live search, category filter, add/edit/delete with undo,
export, CSV import with a preview, and the starter set.

The panel holds no glossary logic. It shows what :meth:`GlossaryService.find` returns (a ranked
search while there is a query, the sorted list otherwise) in a :class:`TermTableModel` over a
plain list of Terms, calls one service method per action, and refreshes when the service emits
``glossaryChanged``. Adding and editing are delegated to the window (``editRequested``) because
the term editor needs the open articles for its Vietnamese spelling vocabulary.

Dialogs that ask something (export/import file choice, import preview, starter confirmation) are
thin shells around methods that do the work with explicit arguments (:meth:`GlossaryPanel.export_to`,
:meth:`GlossaryPanel.preview_import`, :meth:`GlossaryPanel.load_starter`), so tests drive those.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QRadioButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from glossary.exchange import ImportPreview
from glossary.model import CATEGORIES, Term
from reader.ui.glossary_service import GlossaryService, category_label, status_label

# At most this many rows of each kind are listed in the import preview (the counts are exact).
PREVIEW_ROWS = 200


class TermTableModel(QAbstractTableModel):
    """A plain list of Terms as four columns: English, Vietnamese, category, status."""

    TermRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent=None):
        super().__init__(parent)
        self.terms: list[Term] = []
        self.headers = [
            self.tr("English"),
            self.tr("Vietnamese"),
            self.tr("Category"),
            self.tr("Status"),
        ]

    def set_terms(self, terms: list[Term]) -> None:
        self.beginResetModel()
        self.terms = list(terms)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008 - Qt override
        return 0 if parent.isValid() else len(self.terms)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008 - Qt override
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.terms):
            return None
        term = self.terms[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return term.english
            if column == 1:
                return term.vietnamese
            if column == 2:
                return category_label(term.category)
            return status_label(term.status)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(term)
        if role == self.TermRole:
            return term
        return None

    def _tooltip(self, term: Term) -> str:
        lines = [f"{term.english} = {term.vietnamese}"]
        if term.english_variants:
            lines.append(self.tr("English variants: {0}").format(" | ".join(term.english_variants)))
        if term.vietnamese_variants:
            lines.append(
                self.tr("Vietnamese variants: {0}").format(" | ".join(term.vietnamese_variants))
            )
        if term.branch:
            lines.append(self.tr("Branch: {0}").format(term.branch))
        if term.notes:
            notes = term.notes if len(term.notes) < 300 else term.notes[:299] + "…"
            lines.append(notes)
        return "\n".join(lines)

    def term_at(self, row: int) -> Term | None:
        return self.terms[row] if 0 <= row < len(self.terms) else None

    def row_of(self, term_id: int) -> int:
        for row, term in enumerate(self.terms):
            if term.id == term_id:
                return row
        return -1


class ImportPreviewDialog(QDialog):
    """What a CSV import would do: counts, duplicates and bad rows by line number; skip or merge."""

    def __init__(self, preview: ImportPreview, parent: QWidget | None = None):
        super().__init__(parent)
        self.preview = preview
        name = preview.path.name if preview.path else ""
        self.setWindowTitle(self.tr("Import {0}").format(name) if name else self.tr("Import"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)

        self.summary = QLabel(self._summary())
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)

        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details.setPlainText(self._details())
        self.details.setVisible(bool(preview.errors or preview.duplicates))
        layout.addWidget(self.details, 1)

        self.skip_button = QRadioButton(self.tr("&Skip entries already in the glossary"))
        self.merge_button = QRadioButton(
            self.tr("&Merge them into the existing entries (variants and empty fields are added)")
        )
        self.skip_button.setChecked(True)
        self.choice = QButtonGroup(self)
        for button in (self.skip_button, self.merge_button):
            self.choice.addButton(button)
            button.setEnabled(bool(preview.duplicates) and preview.ok)
            layout.addWidget(button)

        self.refusal = QLabel()
        self.refusal.setWordWrap(True)
        self.refusal.setStyleSheet("color: #c62828; font-weight: bold;")
        if preview.errors:
            self.refusal.setText(
                self.tr(
                    "Nothing will be imported: the file has bad rows ({0}). Correct them (see the "
                    "line numbers above) and import the file again."
                ).format(len(preview.errors))
            )
        elif preview.rows_parsed == 0:
            self.refusal.setText(self.tr("The file has no entries to import."))
        self.refusal.setVisible(bool(self.refusal.text()))
        layout.addWidget(self.refusal)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(
            self.tr("&Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setEnabled(preview.ok and preview.rows_parsed > 0)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def on_duplicate(self) -> str:
        return "merge" if self.merge_button.isChecked() else "skip"

    def _summary(self) -> str:
        p = self.preview
        parts = [
            self.tr("Rows read: {0}").format(p.rows_parsed),
            self.tr("new: {0}").format(len(p.entries)),
            self.tr("already in the glossary or repeated: {0}").format(len(p.duplicates)),
        ]
        if p.errors:
            parts.append(self.tr("bad rows: {0}").format(len(p.errors)))
        return " · ".join(parts)

    def _details(self) -> str:
        p = self.preview
        lines = []
        if p.errors:
            lines.append(self.tr("Bad rows:"))
            lines += [
                self.tr("  line {0}: {1}").format(e.line, e.reason) for e in p.errors[:PREVIEW_ROWS]
            ]
            if len(p.errors) > PREVIEW_ROWS:
                lines.append(self.tr("  … and {0} more").format(len(p.errors) - PREVIEW_ROWS))
        if p.duplicates:
            if lines:
                lines.append("")
            lines.append(self.tr("Already in the glossary or repeated:"))
            lines += [
                self.tr("  line {0}: {1} = {2}").format(line, t.english, t.vietnamese)
                for line, t, _existing in p.duplicates[:PREVIEW_ROWS]
            ]
            if len(p.duplicates) > PREVIEW_ROWS:
                lines.append(self.tr("  … and {0} more").format(len(p.duplicates) - PREVIEW_ROWS))
        return "\n".join(lines)


class GlossaryPanel(QWidget):
    """The dock's content; ``service`` is passed in."""

    editRequested = Signal(object)  # a Term to edit, or None for a new entry
    statusMessage = Signal(str)  # a short confirmation for the status bar

    EXPORT_FILTERS = ("csv", "tsv", "tbx")

    def __init__(self, service: GlossaryService, parent: QWidget | None = None):
        super().__init__(parent)
        self.service = service
        self.import_dialog: ImportPreviewDialog | None = None
        self.starter_box: QMessageBox | None = None

        self.search_field = QLineEdit()
        self.search_field.setPlaceholderText(self.tr("Search (accents optional)"))
        self.search_field.setClearButtonEnabled(True)
        self.search_field.textChanged.connect(self.refresh)
        self.category_filter = QComboBox()
        self.category_filter.setToolTip(self.tr("Show one category only"))
        self.category_filter.currentIndexChanged.connect(self.refresh)

        self.model = TermTableModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        # Category and status are short and repetitive: narrow columns leave room for the terms.
        for column, width in ((2, 92), (3, 76)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        header.setHighlightSections(False)
        self.view.doubleClicked.connect(
            lambda index: self.edit_term(self.model.term_at(index.row()))
        )
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)

        self.add_action = self._action(
            self.tr("&Add…"), self.tr("Add an entry"), lambda: self.editRequested.emit(None)
        )
        self.edit_action = self._action(
            self.tr("&Edit…"), self.tr("Edit the selected entry"), self.edit_selected
        )
        self.delete_action = self._action(
            self.tr("&Delete"),
            self.tr("Delete the selected entries (Ctrl+Z undoes it)"),
            self.delete_selected,
        )
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.undo_action = service.undo_stack.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        # The stack's action is named after the step ("Undo Delete “General”"): right for the
        # menu, too long for a button; the button says "Undo" and tells the step in its tooltip.
        self.undo_button_action = QAction(self.tr("Undo"), self)
        self.undo_button_action.triggered.connect(service.undo_stack.undo)
        self.undo_button_action.setEnabled(service.undo_stack.canUndo())
        service.undo_stack.canUndoChanged.connect(self.undo_button_action.setEnabled)
        service.undo_stack.undoTextChanged.connect(
            lambda text: self.undo_button_action.setToolTip(
                self.tr("Undo {0} (Ctrl+Z)").format(text)
            )
        )
        self.redo_action = service.undo_stack.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Redo))
        self.export_all_action = self._action(
            self.tr("Export glossary…"),
            self.tr("Export every entry as CSV, TSV (OmegaT) or TBX"),
            lambda: self.choose_export(only_shown=False),
        )
        self.export_shown_action = self._action(
            self.tr("Export entries shown…"),
            self.tr("Export the entries the search and filter show"),
            lambda: self.choose_export(only_shown=True),
        )
        self.import_action = self._action(
            self.tr("Import CSV…"),
            self.tr("Import entries from a CSV file, with a preview"),
            self.choose_import,
        )
        self.starter_action = self._action(
            self.tr("Load starter glossary…"),
            self.tr("Add the reviewed set of ranks and titles (entries already present are kept)"),
            self.ask_load_starter,
        )
        self.view.addAction(self.delete_action)

        buttons = QHBoxLayout()
        buttons.setSpacing(4)
        for action in (
            self.add_action,
            self.edit_action,
            self.delete_action,
            self.undo_button_action,
        ):
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            buttons.addWidget(button)
        buttons.addStretch(1)
        more = QToolButton()
        more.setText(self.tr("More"))
        more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(more)
        for action in (
            self.export_all_action,
            self.export_shown_action,
            None,
            self.import_action,
            self.starter_action,
        ):
            menu.addSeparator() if action is None else menu.addAction(action)
        more.setMenu(menu)
        self.more_menu = menu
        buttons.addWidget(more)

        self.count_label = QLabel()
        self.count_label.setObjectName("glossary-count")
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)  # busy indicator: the import reports no steps
        self.busy_bar.setFormat(self.tr("Importing…"))
        self.busy_bar.setTextVisible(True)
        self.busy_bar.hide()
        filters = QHBoxLayout()
        filters.addWidget(self.search_field, 1)
        filters.addWidget(self.category_filter)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.count_label)
        layout.addWidget(self.busy_bar)

        self.setEnabled(service.available)
        service.glossaryChanged.connect(self._on_glossary_changed)
        service.importBusyChanged.connect(self._on_import_busy)
        service.importFinished.connect(self._on_import_finished)
        self._fill_categories()
        self.refresh()

    def _action(self, text: str, tip: str, slot) -> QAction:
        action = QAction(text, self)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        return action

    # -- the list --------------------------------------------------------------------------------

    @property
    def category(self) -> str | None:
        return self.category_filter.currentData()

    @property
    def filtered(self) -> bool:
        return bool(self.search_field.text().strip() or self.category)

    def _fill_categories(self) -> None:
        current = self.category
        keys = list(CATEGORIES) + [k for k in self.service.categories() if k not in CATEGORIES]
        self.category_filter.blockSignals(True)
        self.category_filter.clear()
        self.category_filter.addItem(self.tr("All categories"), None)
        for key in keys:
            self.category_filter.addItem(category_label(key), key)
        self.category_filter.setCurrentIndex(max(0, self.category_filter.findData(current)))
        self.category_filter.blockSignals(False)

    def refresh(self) -> None:
        """Show what the search box and the category filter ask for (live, as the user types)."""
        selected = {t.id for t in self.selected_terms()}
        terms = self.service.find(self.search_field.text(), self.category)
        self.model.set_terms(terms)
        for term_id in selected:
            row = self.model.row_of(term_id)
            if row >= 0:
                self.view.selectRow(row)
        total = self.service.count()
        if self.filtered:
            self.count_label.setText(self.tr("{0} of {1} entries").format(len(terms), total))
        elif total == 1:
            self.count_label.setText(self.tr("1 entry"))
        else:
            self.count_label.setText(self.tr("{0} entries").format(total))
        self.export_shown_action.setEnabled(self.filtered and bool(terms))
        self._update_buttons()

    def _on_glossary_changed(self) -> None:
        self._fill_categories()
        self.refresh()

    def shown_terms(self) -> list[Term]:
        return list(self.model.terms)

    def selected_terms(self) -> list[Term]:
        rows = sorted({index.row() for index in self.view.selectionModel().selectedRows()})
        return [self.model.terms[row] for row in rows if row < len(self.model.terms)]

    def select_term(self, term_id: int) -> bool:
        row = self.model.row_of(term_id)
        if row >= 0:
            self.view.selectRow(row)
            self.view.scrollTo(self.model.index(row, 0))
        return row >= 0

    def _update_buttons(self) -> None:
        count = len(self.selected_terms())
        self.edit_action.setEnabled(count == 1)
        self.delete_action.setEnabled(count > 0)

    # -- actions ---------------------------------------------------------------------------------

    def edit_selected(self) -> None:
        terms = self.selected_terms()
        if terms:
            self.edit_term(terms[0])

    def edit_term(self, term: Term | None) -> None:
        if term is not None:
            self.editRequested.emit(term)

    def delete_selected(self) -> int:
        """Delete the selected entries (one undo step); returns how many were deleted."""
        terms = self.selected_terms()
        if not terms:
            return 0
        stack = self.service.undo_stack
        if len(terms) > 1:
            stack.beginMacro(self.tr("Delete {0} entries").format(len(terms)))
        deleted = sum(self.service.delete(term.id) is not None for term in terms)
        if len(terms) > 1:
            stack.endMacro()
        if deleted:
            self.statusMessage.emit(
                self.tr("Deleted: {0}. Undo with Ctrl+Z.").format(
                    ", ".join(f"“{t.english}”" for t in terms[:3])
                    + (" …" if len(terms) > 3 else "")
                )
            )
        return deleted

    def export_filters(self) -> dict[str, str]:
        return {
            "csv": self.tr("CSV spreadsheet, UTF-8 (*.csv)"),
            "tsv": self.tr("OmegaT glossary, tab separated (*.tsv *.txt)"),
            "tbx": self.tr("TBX-Basic termbase (*.tbx)"),
        }

    def choose_export(self, *, only_shown: bool) -> None:
        filters = self.export_filters()
        path, chosen = QFileDialog.getSaveFileName(
            self,
            self.tr("Export entries shown") if only_shown else self.tr("Export glossary"),
            "glossary.csv",
            ";;".join(filters.values()),
        )
        if not path:
            return
        fmt = next((key for key, text in filters.items() if text == chosen), "csv")
        suffix = Path(path).suffix.lower().lstrip(".")
        if suffix in self.EXPORT_FILTERS:
            fmt = suffix  # the typed extension says it more precisely than the filter
        elif not suffix:
            path += f".{fmt}"
        self.export_to(Path(path), fmt, only_shown=only_shown)

    def export_to(self, path: Path, fmt: str = "csv", *, only_shown: bool = False) -> int | None:
        """Export the whole glossary (or the entries shown) to ``path``; returns the count."""
        terms = self.shown_terms() if only_shown else None
        written = self.service.export(Path(path), fmt, terms)
        if written is not None:
            self.statusMessage.emit(
                self.tr("Exported {0} entries to {1}.").format(written, Path(path).name)
            )
        return written

    def choose_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Import glossary entries"),
            "",
            self.tr("CSV files (*.csv *.tsv *.txt);;All files (*)"),
        )
        if path:
            self.preview_import(Path(path))

    def preview_import(self, path: Path) -> ImportPreviewDialog | None:
        """Read ``path`` and open the preview (non-blocking); accepting it imports."""
        preview = self.service.read_import(Path(path))
        if preview is None:
            return None  # unreadable: the service has reported why
        dialog = ImportPreviewDialog(preview, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.apply_import(dialog))
        dialog.open()
        self.import_dialog = dialog
        return dialog

    def apply_import(self, dialog: ImportPreviewDialog) -> bool:
        """Start the import in the background (the panel shows it is busy); False if refused."""
        return self.service.apply_import_in_background(dialog.preview, dialog.on_duplicate())

    def _on_import_busy(self, busy: bool) -> None:
        self.busy_bar.setVisible(busy)
        self.import_action.setEnabled(not busy)
        self.starter_action.setEnabled(not busy)

    def _on_import_finished(self, report) -> None:
        self.statusMessage.emit(
            self.tr("Imported: {0} added, {1} merged, {2} skipped.").format(
                report.added, report.merged, report.skipped
            )
        )

    def ask_load_starter(self) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Load starter glossary"),
            self.tr(
                "Add the reviewed starter set: the officer ranks of the Vietnam People's Army and "
                "the US armed forces, and common titles from defence and diplomatic news. Entries "
                "already in your glossary are kept as they are."
            ),
            QMessageBox.StandardButton.Cancel,
            self,
        )
        load = box.addButton(self.tr("Load"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(load)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(lambda button: self.load_starter() if button is load else None)
        box.open()
        self.starter_box = box

    def load_starter(self) -> bool:
        report = self.service.load_starter()
        if report is None:
            return False
        self.statusMessage.emit(
            self.tr("Starter glossary: {0} added, {1} already there.").format(
                report.added, report.skipped + report.merged
            )
        )
        return True
