"""One reading pane: a document's paragraphs shown literally, with sentence hit-testing and highlights.

The pane is a view of one side ("source" = English, "target" = Vietnamese) of a
:class:`~reader.ui.pairing.Pair`. It inserts the text with ``QTextCursor.insertText`` only, never as
HTML, so a file containing ``<b>`` shows ``<b>``. While inserting it records where each sentence
starts and ends in the Qt document (Qt counts UTF-16 units, Python counts code points, so positions
are taken from the cursor rather than computed).

Persistent marks are character formats in the document: a sentence without counterpart is greyed
and italic, a sentence in a low-confidence bead has a dotted underline. The transient selection and
hover highlights are ExtraSelections, so changing them never touches the document.
"""

from __future__ import annotations

from bisect import bisect_right

from PySide6.QtCore import QEvent, QPointF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QMouseEvent,
    QPalette,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QTextEdit, QToolTip, QWidget

from reader.ui.pairing import Pair

# Below this confidence a bead is marked as doubtful.
LOW_CONFIDENCE = 0.5

LANGUAGE_NAMES = {"source": "English", "target": "Vietnamese"}


def other_side(side: str) -> str:
    return "target" if side == "source" else "source"


def blend(base: QColor, accent: QColor, amount: float) -> QColor:
    """``amount`` of ``accent`` over ``base``: highlight colours that suit light and dark themes."""
    return QColor.fromRgbF(
        base.redF() + (accent.redF() - base.redF()) * amount,
        base.greenF() + (accent.greenF() - base.greenF()) * amount,
        base.blueF() + (accent.blueF() - base.blueF()) * amount,
    )


class SentencePane(QTextEdit):
    """A read-only view of one document of the pair, sentence-aware."""

    sentenceClicked = Signal(int)  # sentence index on this pane's side
    sentenceHovered = Signal(int)  # sentence under the pointer, -1 when none

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setAcceptDrops(False)  # dropped files go to the window, which opens them as a pair
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.viewport().setMouseTracking(True)
        self.side = "source"
        self.pair: Pair | None = None
        self._starts: list[int] = []  # Qt document position of each sentence's first character
        self._ends: list[int] = []
        self._hovered_sentence = -1
        self._own_document: QTextDocument | None = None
        self.selected_bead = -1
        self.hovered_bead = -1
        self._update_colours()

    # -- colours -----------------------------------------------------------------------------------

    def _update_colours(self) -> None:
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        accent = palette.color(QPalette.ColorRole.Highlight)
        self.selected_colour = blend(base, accent, 0.38)
        self.hover_colour = blend(base, accent, 0.16)
        self.no_counterpart_colour = palette.color(QPalette.ColorRole.PlaceholderText)
        self.doubt_colour = QColor("#d9822b")  # orange reads on light and dark backgrounds

    # -- content -----------------------------------------------------------------------------------

    @property
    def sentence_count(self) -> int:
        return len(self._starts)

    def show_side(self, pair: Pair | None, side: str) -> None:
        """Show ``side`` of ``pair`` (or nothing); rebuilds the document and clears highlights."""
        self.pair, self.side = pair, side
        self.selected_bead = self.hovered_bead = -1
        self._hovered_sentence = -1
        document = QTextDocument(self)
        document.setUndoRedoEnabled(False)
        document.setDefaultFont(self.font())
        document.setDocumentMargin(18)
        self._starts, self._ends = [], []
        if pair is not None:
            self._fill(document, pair, side)
        previous, self._own_document = self._own_document, document
        self.setDocument(document)
        self.setExtraSelections([])
        if previous is not None:
            previous.deleteLater()  # ours (parented to the pane); Qt only frees its own default

    def _fill(self, document: QTextDocument, pair: Pair, side: str) -> None:
        source = pair.document(side)
        alignment = pair.alignment
        text = source.text
        spacing = self.fontMetrics().lineSpacing()
        paragraph_format = QTextBlockFormat()
        paragraph_format.setBottomMargin(spacing * 0.75)
        paragraph_format.setLineHeight(
            125, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value
        )
        plain = QTextCharFormat()
        formats = self._sentence_formats(pair, side)
        by_paragraph: dict[int, list[int]] = {}
        for index, sentence in enumerate(source.sentences):
            by_paragraph.setdefault(sentence.paragraph, []).append(index)

        cursor = QTextCursor(document)
        cursor.beginEditBlock()
        for number, paragraph in enumerate(source.paragraphs):
            if number:
                cursor.insertBlock(paragraph_format, plain)
            else:
                cursor.setBlockFormat(paragraph_format)
            is_title = (
                number == 0
                and source.title is not None
                and text[paragraph.start : paragraph.end] == source.title
            )
            position = paragraph.start
            for index in by_paragraph.get(number, ()):
                sentence = source.sentences[index]
                if sentence.start > position:
                    cursor.insertText(text[position : sentence.start], plain)
                self._starts.append(cursor.position())
                char_format = QTextCharFormat(formats[alignment.bead_of(side, index)])
                if is_title:
                    char_format.setFontWeight(QFont.Weight.Bold)
                cursor.insertText(sentence.text, char_format)
                self._ends.append(cursor.position())
                position = sentence.end
            if paragraph.end > position:
                cursor.insertText(text[position : paragraph.end], plain)
        cursor.endEditBlock()

    def _sentence_formats(self, pair: Pair, side: str) -> list[QTextCharFormat]:
        """One character format per bead: plain, greyed (no counterpart) or dotted (doubtful)."""
        plain = QTextCharFormat()
        greyed = QTextCharFormat()
        greyed.setForeground(self.no_counterpart_colour)
        greyed.setFontItalic(True)
        doubtful = QTextCharFormat()
        doubtful.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
        doubtful.setUnderlineColor(self.doubt_colour)
        formats = []
        for bead in pair.alignment.beads:
            if bead.one_sided:
                formats.append(greyed)
            elif bead.confidence < LOW_CONFIDENCE:
                formats.append(doubtful)
            else:
                formats.append(plain)
        return formats

    def sentences_of_bead(self, bead: int) -> tuple[int, ...]:
        """This side's sentence indices in bead ``bead`` (empty for a one-sided bead of the other side)."""
        if self.pair is None or not 0 <= bead < len(self.pair.alignment.beads):
            return ()
        chosen = self.pair.alignment.beads[bead]
        return chosen.source if self.side == "source" else chosen.target

    def bead_of_sentence(self, sentence: int) -> int:
        if self.pair is None or not 0 <= sentence < self.sentence_count:
            return -1
        return self.pair.alignment.bead_of(self.side, sentence)

    # -- highlights --------------------------------------------------------------------------------

    def set_highlight(self, selected_bead: int, hovered_bead: int) -> None:
        """Highlight this side's sentences of the selected and of the hovered bead."""
        self.selected_bead, self.hovered_bead = selected_bead, hovered_bead
        selections = []
        for bead, colour in (
            (hovered_bead, self.hover_colour),
            (selected_bead, self.selected_colour),
        ):
            if bead < 0 or (bead == selected_bead and colour is self.hover_colour):
                continue
            for sentence in self.sentences_of_bead(bead):
                selection = QTextEdit.ExtraSelection()
                cursor = QTextCursor(self.document())
                cursor.setPosition(self._starts[sentence])
                cursor.setPosition(self._ends[sentence], QTextCursor.MoveMode.KeepAnchor)
                highlight = QTextCharFormat()
                highlight.setBackground(colour)
                selection.cursor = cursor
                selection.format = highlight
                selections.append(selection)
        self.setExtraSelections(selections)

    def highlighted_sentences(self, role: str = "selected") -> list[int]:
        """Sentence indices painted with the ``role`` ("selected" or "hovered") colour right now.

        Read back from the pane's ExtraSelections, i.e. from what is actually drawn.
        """
        colour = self.selected_colour if role == "selected" else self.hover_colour
        found = []
        for selection in self.extraSelections():
            if selection.format.background().color() != colour:
                continue
            index = bisect_right(self._starts, selection.cursor.selectionStart()) - 1
            if index >= 0:
                found.append(index)
        return sorted(found)

    # -- geometry ----------------------------------------------------------------------------------

    def sentence_at(self, point) -> int:
        """Sentence under a viewport point, or -1 (margins, blank space, gaps between sentences)."""
        if not self._starts:
            return -1
        layout = self.document().documentLayout()
        document_point = QPointF(
            point.x() + self.horizontalScrollBar().value(),
            point.y() + self.verticalScrollBar().value(),
        )
        position = layout.hitTest(document_point, Qt.HitTestAccuracy.ExactHit)
        if position < 0:
            return -1
        index = bisect_right(self._starts, position) - 1
        if index >= 0 and position <= self._ends[index]:
            return index
        return -1

    def _line_extent(self, position: int) -> tuple[float, float]:
        """Top and bottom, in document pixels, of the text line holding ``position``."""
        document = self.document()
        block = document.findBlock(position)
        rect = document.documentLayout().blockBoundingRect(block)  # also forces layout
        line = block.layout().lineForTextPosition(position - block.position())
        if not line.isValid():
            return rect.top(), rect.bottom()
        top = block.layout().position().y() + line.y()
        return top, top + line.height()

    def sentence_top(self, sentence: int) -> float:
        """Document y of the top of a sentence's first line (compare with the scroll value)."""
        return self._line_extent(self._starts[sentence])[0]

    def sentence_bottom(self, sentence: int) -> float:
        end = max(self._starts[sentence], self._ends[sentence] - 1)
        return self._line_extent(end)[1]

    def sentence_top_in_viewport(self, sentence: int) -> float:
        return self.sentence_top(sentence) - self.verticalScrollBar().value()

    def last_sentence_above(self, y: float) -> int:
        """The last sentence whose top is at or above document y (-1 if none); binary search."""
        low, high = 0, self.sentence_count
        while low < high:
            middle = (low + high) // 2
            if self.sentence_top(middle) <= y:
                low = middle + 1
            else:
                high = middle
        return low - 1

    def top_y(self) -> float:
        return float(self.verticalScrollBar().value())

    def scroll_to_y(self, y: float) -> None:
        self.verticalScrollBar().setValue(round(y))

    # -- zoom --------------------------------------------------------------------------------------

    def zoom_by(self, steps: int) -> None:
        """Zoom in (positive) or out; the document's default font follows the widget's."""
        if steps > 0:
            self.zoomIn(steps)
        elif steps < 0:
            self.zoomOut(-steps)
        self.document().setDefaultFont(self.font())

    # -- events ------------------------------------------------------------------------------------

    def tooltip_for(self, sentence: int) -> str:
        """What hovering a sentence explains: missing counterpart, doubtful or plain bead."""
        bead_index = self.bead_of_sentence(sentence)
        if bead_index < 0:
            return ""
        bead = self.pair.alignment.beads[bead_index]
        if bead.one_sided:
            other = LANGUAGE_NAMES[other_side(self.side)]
            return f"This sentence has no counterpart in the {other} text."
        summary = f"Bead {bead_index + 1} · shape {bead.shape} · confidence {bead.confidence:.2f}"
        if bead.confidence < LOW_CONFIDENCE:
            return f"Uncertain alignment: check this pair. ({summary})"
        return summary

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.ToolTip:
            text = self.tooltip_for(self.sentence_at(event.pos()))
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
            return True
        if event.type() == QEvent.Type.Leave:
            self._set_hovered_sentence(-1)
        return super().viewportEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        self._set_hovered_sentence(self.sentence_at(event.position().toPoint()))
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        super().mouseReleaseEvent(event)
        # A drag that selected text is a copy gesture, not a click on a sentence.
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            sentence = self.sentence_at(event.position().toPoint())
            if sentence >= 0:
                self.sentenceClicked.emit(sentence)

    def _set_hovered_sentence(self, sentence: int) -> None:
        if sentence != self._hovered_sentence:
            self._hovered_sentence = sentence
            self.sentenceHovered.emit(sentence)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._update_colours()
            if self.pair is not None:
                self.show_side(self.pair, self.side)
