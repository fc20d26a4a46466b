"""One reading pane: a document's paragraphs shown literally, with sentence hit-testing and highlights.

The pane is a view of one side ("source" = English, "target" = Vietnamese) of a
:class:`~reader.ui.pairing.Pair`. It inserts the text with ``QTextCursor.insertText`` only, never as
HTML, so a file containing ``<b>`` shows ``<b>``. While inserting it records where each sentence
starts and ends in the Qt document (Qt counts UTF-16 units, Python counts code points, so positions
are taken from the cursor rather than computed).

Persistent marks are character formats in the document: a sentence without counterpart is greyed
and italic, a sentence in a low-confidence bead has a dotted underline. The transient selection and
hover highlights are ExtraSelections, so changing them never touches the document.

Glossary terms are marked with a subtle underline drawn as *layout formats* (what
QSyntaxHighlighter uses): they are laid over the character formats without changing the document,
stay when the window is resized or zoomed, coexist with the sentence highlights, and are replaced
block by block when the glossary changes. ExtraSelections would be repainted from a list of all
marks on every hover, which does not scale to thousands of marks. The short-lived highlight of a
clicked term and of its translation in the counterpart is an ExtraSelection.
"""

from __future__ import annotations

import re
import time
from bisect import bisect_right
from dataclasses import dataclass

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEvent,
    QPointF,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFont,
    QMouseEvent,
    QPalette,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextLayout,
)
from PySide6.QtWidgets import QMenu, QTextEdit, QToolTip, QWidget

from glossary.matcher import TermMatcher
from glossary.model import Term
from reader.ui.glossary_service import category_label
from reader.ui.pairing import Pair

# Below this confidence a bead is marked as doubtful.
LOW_CONFIDENCE = 0.5
# Showing a pair inserts its text in slices of about this much UI-thread time, from a zero timer,
# so a huge article never freezes the window; a normal article fits in the first slice.
# Both panes fill in the same turn of the event loop, so a turn costs twice this.
FILL_SLICE_SECONDS = 0.025
# A paragraph longer than this is shown as several blocks without spacing between them, split at
# a space that becomes the block break (so no position moves): Qt inserts into and lays out one
# block in time proportional to its length, and a 20 MB line would freeze the window for seconds.
FILL_PIECE_CHARS = 4_000

# QT_TRANSLATE_NOOP marks them for lupdate; language_name() translates them when shown.
_LANGUAGE_NAMES = {
    "source": QT_TRANSLATE_NOOP("SentencePane", "English"),
    "target": QT_TRANSLATE_NOOP("SentencePane", "Vietnamese"),
}
# Characters outside the BMP take two UTF-16 units in Qt's positions, one in Python's.
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def language_name(side: str) -> str:
    """ "English" or "Vietnamese", translated."""
    return QCoreApplication.translate("SentencePane", _LANGUAGE_NAMES[side])


def side_lang(side: str) -> str:
    """The matcher's language code of a side: "en" for the source, "vi" for the target."""
    return "en" if side == "source" else "vi"


def _utf16_length(text: str) -> int:
    return len(text) + len(_ASTRAL.findall(text))


@dataclass(frozen=True, slots=True)
class TermMark:
    """A glossary term found in the pane: Qt document positions, its sentence and entries."""

    start: int
    end: int
    sentence: int
    term_ids: tuple[int, ...]
    text: str


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
    termClicked = Signal(object)  # the TermMark clicked (after sentenceClicked), or None
    addToGlossaryRequested = Signal()  # context menu "Add to glossary…" on a selection
    shown = Signal()  # the side asked for by show_side is fully in the pane (marks included)

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
        self._matcher: TermMatcher | None = None
        self._terms_by_id: dict[int, Term] = {}
        self._term_marks: list[TermMark] = []
        self._mark_starts: list[int] = []
        self._marked_blocks: set[int] = set()
        self._term_highlights: list[tuple[int, int]] = []  # (start, end) of a clicked term etc.
        # An unfinished insertion: (pair, document, starts, ends, steps) filled by _fill_timer.
        self._filling: tuple | None = None
        self._fill_timer = QTimer(self)
        self._fill_timer.setInterval(0)
        self._fill_timer.timeout.connect(self._fill_slice)
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
        # Term marks: an underline in a muted accent, visible yet quieter than the text.
        self.term_underline_colour = blend(base, accent, 0.7)
        text = palette.color(QPalette.ColorRole.Text)
        # A warm tint for the clicked term and its translation, distinct from the bead colours.
        self.term_highlight_colour = blend(
            base, QColor("#f2c94c"), 0.55 if text.lightness() < 128 else 0.35
        )

    # -- content -----------------------------------------------------------------------------------

    @property
    def sentence_count(self) -> int:
        return len(self._starts)

    @property
    def filling(self) -> bool:
        """True while a large side is still being inserted (the pane shows nothing meanwhile)."""
        return self._filling is not None

    def show_side(self, pair: Pair | None, side: str) -> None:
        """Show ``side`` of ``pair`` (or nothing); rebuilds the document and clears highlights.

        The text goes into a new document in slices of about FILL_SLICE_SECONDS; a small pair
        is done before this returns, a huge one continues from a zero timer while the window
        stays responsive (``filling`` is True, ``shown`` is emitted at the end). Until then the
        pane is empty and has no pair; a newer call cancels the unfinished insertion.
        """
        self._fill_timer.stop()
        self._filling = None
        self.side = side
        self.selected_bead = self.hovered_bead = -1
        self._hovered_sentence = -1
        document = QTextDocument(self)
        document.setUndoRedoEnabled(False)
        document.setDefaultFont(self.font())
        document.setDocumentMargin(18)
        starts: list[int] = []
        ends: list[int] = []
        cursor = QTextCursor(document)
        steps = self._fill(cursor, pair, side, starts, ends) if pair is not None else iter(())
        self._filling = (pair, cursor, starts, ends, steps)
        # Until the text is all in, the pane knows no pair (no sentences to hit or highlight).
        self.pair, self._starts, self._ends = None, [], []
        self._term_marks, self._mark_starts, self._marked_blocks = [], [], set()
        self._term_highlights = []
        self._set_document(QTextDocument(self))  # empty until the text is in
        self.setExtraSelections([])
        self._fill_slice()

    def _set_document(self, document: QTextDocument) -> None:
        previous, self._own_document = self._own_document, document
        self.setDocument(document)
        if previous is not None:
            previous.deleteLater()  # ours (parented to the pane); Qt only frees its own default

    def _fill_slice(self) -> None:
        """Insert text for about FILL_SLICE_SECONDS; finish, or come back from the zero timer."""
        if self._filling is None:
            self._fill_timer.stop()
            return
        pair, cursor, starts, ends, steps = self._filling
        deadline = time.perf_counter() + FILL_SLICE_SECONDS
        # The document is not shown while it fills, so nothing is laid out per piece.
        for _ in steps:
            if time.perf_counter() >= deadline:
                if not self._fill_timer.isActive():
                    self._fill_timer.start()
                return
        self._fill_timer.stop()
        self._filling = None
        self.pair, self._starts, self._ends = pair, starts, ends
        self._set_document(cursor.document())
        self._mark_terms()  # also applies the selection and hover highlights asked for meanwhile
        self.shown.emit()

    def _fill(self, cursor: QTextCursor, pair: Pair, side: str, starts, ends):
        """Insert ``side`` of ``pair`` at ``cursor``; a generator that yields between pieces."""
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

        joined_format = QTextBlockFormat(paragraph_format)
        joined_format.setBottomMargin(0)

        def insert(piece: str, char_format: QTextCharFormat):
            offset = 0
            while len(piece) - offset > FILL_PIECE_CHARS - cursor.positionInBlock():
                # The block is full: break it at the next space (which the break replaces).
                room = max(FILL_PIECE_CHARS - cursor.positionInBlock(), 0)
                space = piece.find(" ", offset + room)
                if space < 0:
                    break  # no space to break at: the rest goes into this block
                if space > offset:
                    cursor.insertText(piece[offset:space], char_format)
                cursor.setBlockFormat(joined_format)
                cursor.insertBlock(paragraph_format, char_format)
                offset = space + 1
                yield
            cursor.insertText(piece[offset:], char_format)
            yield

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
                    yield from insert(text[position : sentence.start], plain)
                starts.append(cursor.position())
                char_format = QTextCharFormat(formats[alignment.bead_of(side, index)])
                if is_title:
                    char_format.setFontWeight(QFont.Weight.Bold)
                yield from insert(sentence.text, char_format)
                ends.append(cursor.position())
                position = sentence.end
            if paragraph.end > position:
                yield from insert(text[position : paragraph.end], plain)
            yield

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
        selections.extend(self._term_highlight_selections())
        self.setExtraSelections(selections)

    def _term_highlight_selections(self) -> list:
        selections = []
        for start, end in self._term_highlights:
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.document())
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            highlight = QTextCharFormat()
            highlight.setBackground(self.term_highlight_colour)
            selection.cursor = cursor
            selection.format = highlight
            selections.append(selection)
        return selections

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
        """The last sentence whose top is at or above document y (-1 if none).

        A galloping search from the start, then a binary one: asking for a sentence's top lays
        the document out down to it, so near the top of a book only the top is laid out.
        """
        count = self.sentence_count
        low, step = 0, 1
        while low + step - 1 < count and self.sentence_top(low + step - 1) <= y:
            low, step = low + step, step * 2
        high = min(count, low + step - 1)
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
            if self.side == "source":
                return self.tr("This sentence has no counterpart in the Vietnamese text.")
            return self.tr("This sentence has no counterpart in the English text.")
        summary = self.tr("Bead {0} · shape {1} · confidence {2:.2f}").format(
            bead_index + 1, bead.shape, bead.confidence
        )
        if bead.confidence < LOW_CONFIDENCE:
            return self.tr("Uncertain alignment: check this pair. ({0})").format(summary)
        return summary

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.ToolTip:
            mark = self.term_mark_at(self.position_at(event.pos()))
            if mark is not None:
                text = self.term_tooltip(mark)
            else:
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
            point = event.position().toPoint()
            sentence = self.sentence_at(point)
            if sentence >= 0:
                self.sentenceClicked.emit(sentence)
            self.termClicked.emit(self.term_mark_at(self.position_at(point)))

    def context_menu(self, point) -> QMenu:
        """The right-click menu at a viewport point: Copy, Select All, and Add to glossary…"""
        menu = self.createStandardContextMenu(point)
        menu.addSeparator()
        action = menu.addAction(self.tr("Add to glossary…"))
        action.setObjectName("add-to-glossary")
        has_selection = bool(self.selected_phrase())
        action.setEnabled(has_selection)
        if not has_selection:
            action.setToolTip(self.tr("Select a phrase first"))
        action.triggered.connect(self.addToGlossaryRequested)
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 - Qt override
        menu = self.context_menu(event.pos())
        menu.exec(event.globalPos())
        menu.deleteLater()

    def _set_hovered_sentence(self, sentence: int) -> None:
        if sentence != self._hovered_sentence:
            self._hovered_sentence = sentence
            self.sentenceHovered.emit(sentence)

    # -- selections --------------------------------------------------------------------------------

    def selected_phrase(self) -> str:
        """The selected text on one line (Qt separates paragraphs with U+2029)."""
        text = self.textCursor().selectedText().replace("\u2029", " ").replace("\u2028", " ")
        return " ".join(text.split())

    def selection_sentence(self) -> int:
        """The sentence where the selection starts (or the cursor is), -1 if none."""
        if not self._starts:
            return -1
        index = bisect_right(self._starts, self.textCursor().selectionStart()) - 1
        return max(index, 0)

    def select_text(self, start: int, end: int) -> None:
        """Select document positions ``start``–``end`` (as a drag with the mouse would)."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    # -- glossary terms ----------------------------------------------------------------------------

    def set_terms(self, matcher: TermMatcher | None, terms_by_id: dict[int, Term]) -> None:
        """Mark every occurrence of the glossary's terms (and variants); call once per change."""
        self._matcher, self._terms_by_id = matcher, terms_by_id
        self._mark_terms()

    def _mark_terms(self) -> None:
        marks: list[TermMark] = []
        if self._matcher is not None and self.pair is not None and self._starts:
            lang = side_lang(self.side)
            for index, sentence in enumerate(self.pair.document(self.side).sentences):
                found = self._matcher.find(sentence.text, lang)
                marks.extend(self._to_marks(index, sentence.text, found))
        self._term_marks = marks
        self._mark_starts = [mark.start for mark in marks]
        self._term_highlights = []
        self._draw_term_marks()
        self.set_highlight(self.selected_bead, self.hovered_bead)

    def _to_marks(self, sentence: int, text: str, matches) -> list[TermMark]:
        base = self._starts[sentence]
        astral = bool(_ASTRAL.search(text))
        marks = []
        for match in matches:
            start = match.start + (
                _utf16_length(text[: match.start]) - match.start if astral else 0
            )
            length = _utf16_length(match.matched_text) if astral else match.end - match.start
            marks.append(
                TermMark(
                    base + start,
                    base + start + length,
                    sentence,
                    match.term_ids,
                    match.matched_text,
                )
            )
        return marks

    def _draw_term_marks(self) -> None:
        """Lay the underline over the marked ranges, block by block (the document is untouched)."""
        document = self.document()
        underline = QTextCharFormat()
        underline.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        underline.setUnderlineColor(self.term_underline_colour)
        by_block: dict[int, list] = {}
        for mark in self._term_marks:
            block = document.findBlock(mark.start)
            if not block.isValid():
                continue
            span = QTextLayout.FormatRange()
            span.start = mark.start - block.position()
            span.length = mark.end - mark.start
            span.format = underline
            by_block.setdefault(block.blockNumber(), []).append(span)
        low, high = None, None
        for number in self._marked_blocks | set(by_block):
            block = document.findBlockByNumber(number)
            if not block.isValid() or block.layout() is None:
                continue
            block.layout().setFormats(by_block.get(number, []))
            end = block.position() + block.length()
            low = block.position() if low is None else min(low, block.position())
            high = end if high is None else max(high, end)
        if low is not None:
            # One relayout of the changed span: per block, each call relayouts and re-measures
            # the document (seconds for a book).
            document.markContentsDirty(low, high - low)
        self._marked_blocks = set(by_block)

    @property
    def term_marks(self) -> list[TermMark]:
        return list(self._term_marks)

    def term_mark_ranges(self) -> list[tuple[int, int]]:
        """The underlined (start, end) ranges as drawn: read back from the blocks' layouts."""
        ranges = []
        block = self.document().begin()
        while block.isValid():
            layout = block.layout()
            for span in layout.formats() if layout is not None else ():
                if span.format.underlineStyle() == QTextCharFormat.UnderlineStyle.SingleUnderline:
                    ranges.append(
                        (block.position() + span.start, block.position() + span.start + span.length)
                    )
            block = block.next()
        return ranges

    def term_mark_at(self, position: int) -> TermMark | None:
        if position < 0 or not self._term_marks:
            return None
        index = bisect_right(self._mark_starts, position) - 1
        if index >= 0 and position < self._term_marks[index].end:
            return self._term_marks[index]
        return None

    def position_at(self, point) -> int:
        """The document position of the character under a viewport point, -1 if none."""
        document_point = QPointF(
            point.x() + self.horizontalScrollBar().value(),
            point.y() + self.verticalScrollBar().value(),
        )
        layout = self.document().documentLayout()
        position = layout.hitTest(document_point, Qt.HitTestAccuracy.ExactHit)
        if position < 0:
            return -1
        # hitTest gives the nearest cursor position: step back onto the character when the
        # point is in the right half of it.
        cursor = QTextCursor(self.document())
        cursor.setPosition(position)
        if position > 0 and self.cursorRect(cursor).center().x() > point.x():
            return position - 1
        return position

    def term_tooltip(self, mark: TermMark) -> str:
        """ "Thượng tướng · Military rank" — the translation(s) of a marked term."""
        lines = []
        for term_id in mark.term_ids:
            term = self._terms_by_id.get(term_id)
            if term is None:
                continue
            if self.side == "source":
                translation, variants = term.vietnamese, term.vietnamese_variants
            else:
                translation, variants = term.english, term.english_variants
            line = translation
            if variants:
                line += f" ({', '.join(variants)})"
            details = [category_label(term.category)]
            if term.branch:
                details.append(term.branch)
            lines.append(" · ".join([line, *details]))
        return "\n".join(lines)

    def find_term_in_sentences(self, sentences, term_ids) -> list[tuple[int, int]]:
        """Where any of ``term_ids`` occurs in the given sentences (document positions)."""
        if self._matcher is None or self.pair is None:
            return []
        lang = side_lang(self.side)
        wanted = set(term_ids)
        found = []
        for index in sentences:
            text = self.pair.document(self.side).sentences[index].text
            matches = [m for m in self._matcher.find(text, lang) if wanted & set(m.term_ids)]
            found.extend((mark.start, mark.end) for mark in self._to_marks(index, text, matches))
        return found

    def set_term_highlights(self, ranges: list[tuple[int, int]]) -> None:
        """Highlight a clicked term or its translation (cleared by the next call)."""
        self._term_highlights = list(ranges)
        self.set_highlight(self.selected_bead, self.hovered_bead)

    def term_highlight_ranges(self) -> list[tuple[int, int]]:
        """The term highlights as drawn (read back from the ExtraSelections)."""
        return [
            (s.cursor.selectionStart(), s.cursor.selectionEnd())
            for s in self.extraSelections()
            if s.format.background().color() == self.term_highlight_colour
        ]

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._update_colours()
            pair = self._filling[0] if self._filling is not None else self.pair
            if pair is not None:
                self.show_side(pair, self.side)
