"""The reading window as a user meets it: highlights, marks, keyboard, zoom, swap, title."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication

from reader.ui.main_window import window_title


def point_in_sentence(pane, sentence: int) -> QPoint:
    """A viewport point a few characters into a sentence (on its first line)."""
    cursor = QTextCursor(pane.document())
    cursor.setPosition(pane._starts[sentence] + 3)
    return pane.cursorRect(cursor).center()


def hover(pane, point: QPoint) -> None:
    """Move the pointer over a viewport point (a real move event, as a mouse sends it)."""
    event = QMouseEvent(
        QMouseEvent.Type.MouseMove,
        QPointF(point),
        QPointF(pane.viewport().mapToGlobal(point)),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(pane.viewport(), event)


def status(window) -> str:
    return window.status_label.text()


def test_clicking_a_sentence_highlights_it_and_its_counterparts(qtbot, window, session, short_pair):
    session.set_pair(short_pair)
    left, right = window.left_pane, window.right_pane
    # English sentence 3 is the second half of the 2-1 bead (English 2+3 = Vietnamese 1).
    qtbot.mouseClick(left.viewport(), Qt.MouseButton.LeftButton, pos=point_in_sentence(left, 3))
    assert left.highlighted_sentences() == [2, 3]
    assert right.highlighted_sentences() == [1]
    assert status(window).startswith("Bead 3 of 5 · shape 2-1 · confidence 0.90")

    # Clicking on the Vietnamese side works the other way round.
    qtbot.mouseClick(right.viewport(), Qt.MouseButton.LeftButton, pos=point_in_sentence(right, 0))
    assert right.highlighted_sentences() == [0]
    assert left.highlighted_sentences() == [1]


def test_hovering_a_sentence_highlights_its_counterpart(window, session, short_pair):
    session.set_pair(short_pair)
    left, right = window.left_pane, window.right_pane
    hover(right, point_in_sentence(right, 1))
    assert left.highlighted_sentences("hovered") == [2, 3]
    assert right.highlighted_sentences("hovered") == [1]
    assert left.highlighted_sentences("selected") == []  # hovering does not select
    hover(right, QPoint(right.viewport().width() - 3, right.viewport().height() - 3))  # blank area
    assert left.highlighted_sentences("hovered") == []


def char_format_at(pane, position: int) -> QTextCharFormat:
    cursor = QTextCursor(pane.document())
    cursor.setPosition(position + 1)  # the format of the character before the cursor
    return cursor.charFormat()


def test_sentences_without_counterpart_are_greyed_and_say_so(window, session, short_pair):
    session.set_pair(short_pair)
    left, right = window.left_pane, window.right_pane
    # English 0 (the 1-0 bead) and Vietnamese 2 (the 0-1 bead) have no counterpart.
    assert char_format_at(left, left._starts[0]).foreground().color() == left.no_counterpart_colour
    assert "no counterpart in the Vietnamese text" in left.tooltip_for(0)
    assert (
        char_format_at(right, right._starts[2]).foreground().color() == right.no_counterpart_colour
    )
    assert "no counterpart in the English text" in right.tooltip_for(2)
    # An aligned sentence is drawn normally.
    assert char_format_at(left, left._starts[1]).foreground().color() != left.no_counterpart_colour


def test_low_confidence_bead_is_marked(window, session, short_pair):
    session.set_pair(short_pair)
    left, right = window.left_pane, window.right_pane
    dotted = QTextCharFormat.UnderlineStyle.DotLine
    assert char_format_at(left, left._starts[4]).underlineStyle() == dotted  # the 0.3 bead
    assert char_format_at(right, right._starts[3]).underlineStyle() == dotted
    assert char_format_at(left, left._starts[1]).underlineStyle() != dotted  # a confident one
    assert "Uncertain" in left.tooltip_for(4)


def test_keyboard_moves_the_selection_through_beads(qtbot, window, session, short_pair):
    session.set_pair(short_pair)
    window.left_pane.setFocus()
    assert "5 beads" in status(window)
    qtbot.keyClick(window.left_pane, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert status(window).startswith("Bead 1 of 5 · shape 1-0")
    assert window.left_pane.highlighted_sentences() == [0]
    assert window.right_pane.highlighted_sentences() == []
    qtbot.keyClick(window.left_pane, Qt.Key.Key_J)
    assert status(window).startswith("Bead 2 of 5 · shape 1-1")
    assert window.right_pane.highlighted_sentences() == [0]
    qtbot.keyClick(window.left_pane, Qt.Key.Key_J)
    qtbot.keyClick(window.left_pane, Qt.Key.Key_K)
    assert status(window).startswith("Bead 2 of 5")
    qtbot.keyClick(window.left_pane, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert status(window).startswith("Bead 1 of 5")


@pytest.mark.parametrize("sync", [True, False])
def test_keyboard_navigation_keeps_the_selection_in_view(qtbot, window, session, long_pair, sync):
    window.sync_action.setChecked(sync)
    session.set_pair(long_pair)
    window.left_pane.setFocus()
    last = len(long_pair.alignment.beads) - 1
    for _ in range(last):
        qtbot.keyClick(window.left_pane, Qt.Key.Key_J)
    assert session.selected_bead == last - 1
    for pane in (window.left_pane, window.right_pane):
        sentences = pane.sentences_of_bead(session.selected_bead)
        top = pane.sentence_top_in_viewport(sentences[0])
        bottom = pane.sentence_bottom(sentences[-1]) - pane.top_y()
        assert 0 <= top and bottom <= pane.viewport().height(), pane.side
        assert pane.top_y() > 0  # it really had to scroll


def test_zoom_changes_both_panes(qtbot, window, session, short_pair):
    session.set_pair(short_pair)
    before = [pane.font().pointSizeF() for pane in (window.left_pane, window.right_pane)]
    qtbot.keyClick(window.left_pane, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.left_pane, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    bigger = [pane.font().pointSizeF() for pane in (window.left_pane, window.right_pane)]
    assert bigger[0] > before[0] and bigger[1] > before[1]
    assert bigger[0] == bigger[1]
    qtbot.keyClick(window.left_pane, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    smaller = [pane.font().pointSizeF() for pane in (window.left_pane, window.right_pane)]
    assert before[0] < smaller[0] < bigger[0]


def test_swap_sides_puts_vietnamese_on_the_left(qtbot, window, session, short_pair):
    session.set_pair(short_pair)
    assert window.left_pane.toPlainText().startswith("Sentence")
    window.swap_action.trigger()
    left, right = window.left_pane, window.right_pane
    assert left.toPlainText().startswith("Câu") and right.toPlainText().startswith("Sentence")
    assert "Vietnamese" in window.left_header.text()
    # Counterparts still follow the alignment after the swap.
    qtbot.mouseClick(left.viewport(), Qt.MouseButton.LeftButton, pos=point_in_sentence(left, 1))
    assert right.highlighted_sentences() == [2, 3]


def test_window_title_has_article_title_and_date(window, session, sample_paths):
    window.open_pair(*sample_paths)
    assert window.windowTitle() == (
        "Vietnam, US intensify exchange of experience in peacekeeping activities — 2020-07-01 — Duet"
    )
    assert window_title(None) == "Duet"


def test_markup_in_a_file_is_shown_literally(tmp_path, window):
    english = tmp_path / "tags.en.txt"
    english.write_text(
        "A <b>bold</b> claim &amp; a <i>tag</i>.\nSecond <br> line.\n", encoding="utf-8"
    )
    vietnamese = tmp_path / "tags.vi.txt"
    vietnamese.write_text("Một câu <b>đậm</b> ở đây.\nDòng thứ hai.\n", encoding="utf-8")
    window.open_pair(english, vietnamese)
    shown = window.left_pane.toPlainText()
    assert "A <b>bold</b> claim &amp; a <i>tag</i>." in shown
    assert "Second <br> line." in shown
    assert "Một câu <b>đậm</b> ở đây." in window.right_pane.toPlainText()
