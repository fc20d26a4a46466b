"""The term editor: every field of a glossary entry, with spelling marks and duplicate handling.

Spelling: English term fields are checked with pyspellchecker (plus the British and rank
vocabulary, and every word of the glossary's English terms); Vietnamese term fields against the
syllables of the open articles and the glossary (:class:`~glossary.spelling.VietnameseChecker`).
Unknown words get a red wavy underline from a QSyntaxHighlighter, their suggestions are at the
top of the field's context menu, and a hint line under the form lists them.

Saving a pair that is already in the glossary does not fail silently: the editor emits
``duplicateFound`` and (unless ``ask_on_duplicate`` is off, as in tests) opens a non-blocking box
offering "Open existing" or "Merge"; :meth:`TermEditor.resolve_duplicate` does what was chosen,
so tests can drive it without a modal box.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QKeyEvent,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from glossary.model import CATEGORIES, STATUSES, Term, category_key
from glossary.store import DuplicateTermError
from reader.ui.glossary_service import GlossaryService, category_label, status_label

Flag = tuple[int, int, str, list[str]]
Checker = Callable[[str], list[Flag]]

# -- guessing the category of a new entry -----------------------------------------------------------

_TITLE = re.compile(
    r"\b(?:minister|ambassador|secretary|chief|chairman|chairwoman|president|director|"
    r"commissar|commander|attach[eé]|consul|envoy|spokesperson|spokesman|premier|"
    r"bộ trưởng|thứ trưởng|đại sứ|chủ tịch|tổng bí thư|bí thư|tư lệnh|chính ủy|chính uỷ|"
    r"giám đốc|cục trưởng|tham mưu trưởng|người phát ngôn|thủ tướng|lãnh sự|tùy viên)\b",
    re.IGNORECASE,
)
_RANK = re.compile(
    r"(?:\b(?:general|colonel|admiral|lieutenant|major|captain|brigadier|ensign|sergeant|"
    r"corporal|marshal|commodore)\b|\b(?:lt|lieut|gen|col|maj|capt|adm|brig|cmdr|sgt)\.|"
    r"\b(?:tướng|tá|úy|uý|đô đốc|nguyên soái|thống tướng)\b)",
    re.IGNORECASE,
)
_ORGANISATION = re.compile(
    r"\b(?:ministry|department|council|committee|commission|academy|agency|office|army|navy|"
    r"air force|command|bộ quốc phòng|bộ ngoại giao|cục|tổng cục|hội đồng|ủy ban|uỷ ban|"
    r"học viện|quân đội|hải quân|quân chủng|binh chủng)\b",
    re.IGNORECASE,
)


def guess_category(*texts: str) -> str:
    """ "rank", "title", "organisation" or "other" from the words of the term.

    Titles are tried first: "Chief of the General Staff" and "General Secretary" are posts, not
    ranks, although they contain "General".
    """
    text = unicodedata.normalize("NFC", " ".join(t for t in texts if t))
    for key, pattern in (("title", _TITLE), ("rank", _RANK), ("organisation", _ORGANISATION)):
        if pattern.search(text):
            return key
    return "other"


def split_variants(text: str) -> list[str]:
    """Variants typed one per line or separated by " | "."""
    parts = re.split(r"\n|\|", text)
    return [" ".join(part.split()) for part in parts if part.strip()]


# -- spelling -------------------------------------------------------------------------------------


class SpellHighlighter(QSyntaxHighlighter):
    """Red wavy underline under every word the checker flags."""

    def __init__(self, document, checker: Checker):
        super().__init__(document)
        self.checker = checker
        self.flag_format = QTextCharFormat()
        self.flag_format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
        self.flag_format.setUnderlineColor(QColor("#d32f2f"))

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt override
        for start, end, _word, _suggestions in self.checker(text):
            self.setFormat(start, end - start, self.flag_format)


class SpellField(QPlainTextEdit):
    """A text field with spelling marks; ``single_line`` makes it behave like a QLineEdit."""

    def __init__(
        self,
        checker: Checker | None = None,
        *,
        single_line: bool = False,
        lines: int = 2,
        placeholder: str = "",
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.single_line = single_line
        self.checker = checker
        self.setTabChangesFocus(True)
        self.setPlaceholderText(placeholder)
        metrics = self.fontMetrics()
        margins = int(self.document().documentMargin() * 2 + self.frameWidth() * 2 + 4)
        if single_line:
            self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self.setFixedHeight(metrics.lineSpacing() + margins)
        else:
            self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
            self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self.setFixedHeight(metrics.lineSpacing() * lines + margins)
        self.highlighter = SpellHighlighter(self.document(), checker) if checker else None

    def text(self) -> str:
        return self.toPlainText().strip()

    def setText(self, text: str) -> None:  # noqa: N802 - mirrors QLineEdit
        self.setPlainText(" ".join(text.split()) if self.single_line else text)
        if self.highlighter is not None:
            self.highlighter.rehighlight()

    def unknown_words(self) -> list[Flag]:
        return self.checker(self.toPlainText()) if self.checker else []

    def flagged_ranges(self) -> list[tuple[int, int]]:
        """The underlined ranges as drawn (from the blocks' layout formats)."""
        ranges = []
        block = self.document().begin()
        while block.isValid():
            for span in block.layout().formats():
                if (
                    span.format.underlineStyle()
                    == QTextCharFormat.UnderlineStyle.SpellCheckUnderline
                ):
                    ranges.append(
                        (block.position() + span.start, block.position() + span.start + span.length)
                    )
            block = block.next()
        return ranges

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if self.single_line and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.ignore()  # let the dialog take Return as "Save"
            return
        super().keyPressEvent(event)

    def insertFromMimeData(self, source) -> None:  # noqa: N802 - Qt override
        if self.single_line and source.hasText():
            self.insertPlainText(" ".join(source.text().split()))
            return
        super().insertFromMimeData(source)

    def suggestions_at(self, position: int) -> tuple[Flag | None, list[str]]:
        for flag in self.unknown_words():
            if flag[0] <= position <= flag[1]:
                return flag, flag[3]
        return None, []

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 - Qt override
        menu = self.createStandardContextMenu(event.pos())
        position = self.cursorForPosition(event.pos()).position()
        flag, suggestions = self.suggestions_at(position)
        if flag is not None:
            first = menu.actions()[0] if menu.actions() else None
            if suggestions:
                for suggestion in suggestions:
                    action = menu.addAction(suggestion)
                    action.triggered.connect(
                        lambda _checked=False, f=flag, s=suggestion: self.replace_word(f, s)
                    )
                    menu.insertAction(first, action)
            else:
                none = menu.addAction(self.tr("No suggestions"))
                none.setEnabled(False)
                menu.insertAction(first, none)
            menu.insertSeparator(first)
        menu.exec(event.globalPos())
        menu.deleteLater()

    def replace_word(self, flag: Flag, replacement: str) -> None:
        start, end, word, _ = flag
        if word[:1].isupper():
            replacement = replacement[:1].upper() + replacement[1:]
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(replacement)


# -- the dialog -----------------------------------------------------------------------------------


class TermEditor(QDialog):
    """Add a new entry (``term.id is None``) or edit one; saves through the GlossaryService."""

    termSaved = Signal(object)  # the stored Term
    duplicateFound = Signal(int, str)  # existing entry id, the message shown to the user

    def __init__(
        self,
        service: GlossaryService,
        term: Term | None = None,
        *,
        vocabulary_texts=(),
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.service = service
        self.term = term or Term("", "")
        self.ask_on_duplicate = True
        self.duplicate_id: int | None = None
        self.duplicate_box: QMessageBox | None = None
        self.vietnamese_checker = service.vietnamese_checker(vocabulary_texts)
        self.setMinimumWidth(620)

        english_check = service.english_unknown_words
        vietnamese_check = self.vietnamese_checker.unknown_words
        self.english = SpellField(
            english_check, single_line=True, placeholder=self.tr("e.g. Senior Lieutenant General")
        )
        self.vietnamese = SpellField(
            vietnamese_check, single_line=True, placeholder=self.tr("e.g. Thượng tướng")
        )
        self.category = QComboBox()
        self.category.setEditable(True)  # categories are extensible: type a new one
        keys = list(CATEGORIES) + [k for k in service.categories() if k not in CATEGORIES]
        for key in keys:
            self.category.addItem(category_label(key), key)
        self.english_variants = SpellField(
            english_check,
            lines=2,
            placeholder=self.tr("One per line, or separated by |  (e.g. Sen. Lt. Gen.)"),
        )
        self.vietnamese_variants = SpellField(
            vietnamese_check, lines=2, placeholder=self.tr("One per line, or separated by |")
        )
        self.branch = QLineEdit()
        self.branch.setPlaceholderText(self.tr("e.g. Vietnam People's Army, US Navy"))
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 14)
        self.example_en = SpellField(None, lines=4)
        self.example_vi = SpellField(None, lines=4)
        self.source_title = QLineEdit()
        self.source_date = QLineEdit()
        self.source_date.setPlaceholderText("YYYY-MM-DD")
        self.status = QComboBox()
        for status in STATUSES:
            self.status.addItem(status_label(status), status)
        self.spelling_hint = QLabel()
        self.spelling_hint.setWordWrap(True)
        self.spelling_hint.setObjectName("spelling-hint")
        self.spelling_hint.setStyleSheet("color: #b71c1c;")

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for label, widget in (
            (self.tr("&English:"), self.english),
            (self.tr("&Vietnamese:"), self.vietnamese),
            (self.tr("&Category:"), self.category),
            (self.tr("English &variants:"), self.english_variants),
            (self.tr("Vietnamese v&ariants:"), self.vietnamese_variants),
            (self.tr("&Branch or country:"), self.branch),
            (self.tr("&Notes:"), self.notes),
            (self.tr("Example (English):"), self.example_en),
            (self.tr("Example (Vietnamese):"), self.example_vi),
            (self.tr("Source &title:"), self.source_title),
            (self.tr("Source &date:"), self.source_date),
            (self.tr("&Status:"), self.status),
        ):
            form.addRow(label, widget)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.spelling_hint)
        layout.addWidget(self.buttons)

        for field in (
            self.english,
            self.vietnamese,
            self.english_variants,
            self.vietnamese_variants,
        ):
            field.textChanged.connect(self.update_spelling_hint)
        self.english.textChanged.connect(self._update_save)
        self.vietnamese.textChanged.connect(self._update_save)
        self.show_term(self.term)

    # -- fields ----------------------------------------------------------------------------------

    def show_term(self, term: Term) -> None:
        """Fill the fields from ``term`` (a new one has ``id`` None)."""
        self.term = term
        self.setWindowTitle(
            self.tr("New glossary entry") if term.id is None else self.tr("Edit glossary entry")
        )
        self.english.setText(term.english)
        self.vietnamese.setText(term.vietnamese)
        index = self.category.findData(term.category)
        if index < 0:
            self.category.addItem(category_label(term.category), term.category)
            index = self.category.count() - 1
        self.category.setCurrentIndex(index)
        self.english_variants.setText("\n".join(term.english_variants))
        self.vietnamese_variants.setText("\n".join(term.vietnamese_variants))
        self.branch.setText(term.branch)
        self.notes.setPlainText(term.notes)
        self.example_en.setText(term.example_en)
        self.example_vi.setText(term.example_vi)
        self.source_title.setText(term.source_title)
        self.source_date.setText(term.source_date)
        self.status.setCurrentIndex(max(0, self.status.findData(term.status)))
        self.update_spelling_hint()
        self._update_save()

    def current_term(self) -> Term:
        """The entry as the fields say now."""
        index = self.category.currentIndex()
        typed = self.category.currentText().strip()
        if index >= 0 and typed == self.category.itemText(index):
            category = self.category.itemData(index)
        else:
            category = category_key(typed)
        return Term(
            english=self.english.text(),
            vietnamese=self.vietnamese.text(),
            category=category,
            english_variants=split_variants(self.english_variants.toPlainText()),
            vietnamese_variants=split_variants(self.vietnamese_variants.toPlainText()),
            branch=self.branch.text(),
            notes=self.notes.toPlainText(),
            example_en=self.example_en.text(),
            example_vi=self.example_vi.text(),
            source_title=self.source_title.text(),
            source_date=self.source_date.text(),
            status=self.status.currentData(),
            created_at=self.term.created_at,
            updated_at=self.term.updated_at,
            id=self.term.id,
        )

    def _update_save(self) -> None:
        ready = bool(self.english.text() and self.vietnamese.text())
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(ready)

    def update_spelling_hint(self) -> None:
        notes = []
        for field in (
            self.english,
            self.vietnamese,
            self.english_variants,
            self.vietnamese_variants,
        ):
            for _start, _end, word, suggestions in field.unknown_words():
                if suggestions:
                    notes.append(self.tr("“{0}” → {1}").format(word, ", ".join(suggestions[:3])))
                else:
                    notes.append(self.tr("“{0}” (no suggestion)").format(word))
        if notes:
            self.spelling_hint.setText(
                self.tr("Check the spelling: {0}").format("; ".join(dict.fromkeys(notes)))
            )
        else:
            self.spelling_hint.setText("")
        self.spelling_hint.setVisible(bool(notes))

    # -- saving ----------------------------------------------------------------------------------

    def save(self) -> bool:
        """Store the entry; on a duplicate pair, offer to open or merge it (returns False)."""
        term = self.current_term()
        try:
            saved = self.service.add(term) if term.id is None else self.service.update(term)
        except DuplicateTermError as duplicate:
            self._offer_duplicate(duplicate)
            return False
        if saved is None:
            return False  # the service has reported why
        self.term = saved
        self.termSaved.emit(saved)
        self.accept()
        return True

    def _offer_duplicate(self, duplicate: DuplicateTermError) -> None:
        self.duplicate_id = duplicate.existing_id
        message = self.tr(
            "“{0}” = “{1}” is already in the glossary. Open the existing entry, or merge this "
            "one into it (its variants and empty fields are added)?"
        ).format(duplicate.english, duplicate.vietnamese)
        self.duplicateFound.emit(duplicate.existing_id, message)
        if not self.ask_on_duplicate:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question, self.tr("Already in the glossary"), message, parent=self
        )
        open_button = box.addButton(self.tr("Open existing"), QMessageBox.ButtonRole.AcceptRole)
        merge_button = box.addButton(self.tr("Merge"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(merge_button)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def chosen(button) -> None:
            if button is open_button:
                self.resolve_duplicate("open")
            elif button is merge_button:
                self.resolve_duplicate("merge")

        box.buttonClicked.connect(chosen)
        box.open()
        self.duplicate_box = box

    def resolve_duplicate(self, choice: str) -> bool:
        """After ``duplicateFound``: "open" shows the existing entry, "merge" merges into it."""
        existing_id, self.duplicate_id = self.duplicate_id, None
        if existing_id is None or choice not in ("open", "merge"):
            return False
        if choice == "open":
            existing = self.service.get(existing_id)
            if existing is None:
                return False
            self.show_term(existing)
            return True
        incoming = self.current_term()
        stack = self.service.undo_stack
        stack.beginMacro(self.tr("Merge into an existing entry"))
        merged = self.service.merge(existing_id, incoming)
        if merged is not None and incoming.id is not None and incoming.id != existing_id:
            self.service.delete(incoming.id)  # an edited entry became the other one: keep one
        stack.endMacro()
        if merged is None:
            return False
        self.term = merged
        self.termSaved.emit(merged)
        self.accept()
        return True
