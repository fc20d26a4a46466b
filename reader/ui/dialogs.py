"""File > Open pair: a small dialog that takes the English file and the Vietnamese file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class OpenPairDialog(QDialog):
    """Two path fields with Browse buttons; OK is enabled once both are filled in."""

    def __init__(
        self,
        parent: QWidget | None = None,
        english: Path | None = None,
        vietnamese: Path | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Open pair"))
        self.setMinimumWidth(560)
        self.english_field = QLineEdit(str(english) if english else "")
        self.vietnamese_field = QLineEdit(str(vietnamese) if vietnamese else "")
        self.english_field.setPlaceholderText(self.tr("The English article"))
        self.vietnamese_field.setPlaceholderText(self.tr("Its Vietnamese translation"))

        form = QFormLayout()
        for label, field in (
            (self.tr("&English:"), self.english_field),
            (self.tr("&Vietnamese:"), self.vietnamese_field),
        ):
            row = QHBoxLayout()
            row.addWidget(field, 1)
            browse = QPushButton(self.tr("Browse…"))
            browse.setAutoDefault(False)
            browse.clicked.connect(lambda _checked=False, target=field: self._browse(target))
            row.addWidget(browse)
            form.addRow(label, row)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        for field in (self.english_field, self.vietnamese_field):
            field.textChanged.connect(self._update_ok)
        self._update_ok()

    def paths(self) -> tuple[Path, Path]:
        return (
            Path(self.english_field.text().strip()).expanduser(),
            Path(self.vietnamese_field.text().strip()).expanduser(),
        )

    def _update_ok(self) -> None:
        filled = bool(self.english_field.text().strip() and self.vietnamese_field.text().strip())
        self.buttons.button(QDialogButtonBox.StandardButton.Open).setEnabled(filled)

    def _browse(self, field: QLineEdit) -> None:
        start = field.text().strip() or self._other_folder(field)
        text_files = self.tr("Text files (*.txt *.text *.md);;All files (*)")
        chosen, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Choose a text file"), start, text_files
        )
        if chosen:
            field.setText(chosen)

    def _other_folder(self, field: QLineEdit) -> str:
        """Start browsing where the other file is: the two halves of a pair usually sit together."""
        other = self.vietnamese_field if field is self.english_field else self.english_field
        text = other.text().strip()
        return str(Path(text).parent) if text else ""
