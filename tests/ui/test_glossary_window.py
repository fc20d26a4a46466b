"""The glossary as a user meets it in the window: add from the text, marks, tooltips, clicks.

Each test opens the sample pair in a window whose glossary is a fresh database in tmp_path.
"""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent, QTextCursor
from PySide6.QtWidgets import QDialogButtonBox, QToolTip

from glossary.model import Term
from reader.ui.term_editor import guess_category

SEN_LT_GEN = Term(
    "Senior Lieutenant General",
    "Thượng tướng",
    category="rank",
    english_variants=["Sen. Lt. Gen."],
    branch="Vietnam People's Army",
)


@pytest.fixture
def sample_window(window, sample_paths):
    window.open_pair(*sample_paths)
    return window


def select(pane, phrase: str, occurrence: int = 0) -> int:
    """Select the ``occurrence``-th ``phrase`` in a pane, as a mouse drag would; its start."""
    text = pane.toPlainText()
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    pane.select_text(start, start + len(phrase))
    return start


def occurrences(pane, phrase: str) -> list[tuple[int, int]]:
    text, found, start = pane.toPlainText(), [], 0
    while (start := text.find(phrase, start)) >= 0:
        found.append((start, start + len(phrase)))
        start += len(phrase)
    return found


def covered(ranges, span) -> bool:
    return any(a <= span[0] and span[1] <= b for a, b in ranges)


def point_at(pane, position: int) -> QPoint:
    """A viewport point in the middle of the character at ``position``."""
    cursor = QTextCursor(pane.document())
    cursor.setPosition(position)
    left = pane.cursorRect(cursor)
    cursor.setPosition(position + 1)
    right = pane.cursorRect(cursor)
    return QPoint((left.center().x() + right.center().x()) // 2, left.center().y())


def test_add_a_term_from_selections_in_both_panes(qtbot, sample_window):
    window = sample_window
    left, right = window.left_pane, window.right_pane
    select(right, "Thượng tướng")
    select(left, "Sen. Lt. Gen.")
    # Right-click > Add to glossary… on the English selection.
    menu = left.context_menu(QPoint(10, 10))
    action = next(a for a in menu.actions() if a.objectName() == "add-to-glossary")
    assert action.isEnabled() and action.text() == "Add to glossary…"
    action.trigger()
    editor = window.term_editor
    assert editor is not None and editor.isVisible()
    assert editor.english.text() == "Sen. Lt. Gen."
    assert editor.vietnamese.text() == "Thượng tướng"
    assert editor.category.currentData() == "rank"  # guessed
    # The aligned sentence pair is the example, with the article's title and date.
    assert editor.example_en.text().startswith("Following the phone talks")
    assert "Sen. Lt. Gen. Nguyen Chi Vinh" in editor.example_en.text()
    assert "Thượng tướng Nguyễn Chí Vịnh" in editor.example_vi.text()
    assert editor.source_title.text().startswith("Vietnam, US intensify exchange")
    assert editor.source_date.text() == "2020-07-01"

    with qtbot.waitSignal(window.glossary.glossaryChanged):
        qtbot.mouseClick(
            editor.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
        )
    # At once in the panel (selected) ...
    panel = window.glossary_panel
    rows = [(t.english, t.vietnamese, t.category) for t in panel.shown_terms()]
    assert rows == [("Sen. Lt. Gen.", "Thượng tướng", "rank")]
    assert [t.english for t in panel.selected_terms()] == ["Sen. Lt. Gen."]
    assert panel.count_label.text() == "1 entry"
    # ... and underlined wherever it occurs in both panes.
    english_spans, vietnamese_spans = (
        occurrences(left, "Sen. Lt. Gen."),
        occurrences(right, "Thượng tướng"),
    )
    assert len(english_spans) == 2 and len(vietnamese_spans) == 3
    for span in english_spans:
        assert covered(left.term_mark_ranges(), span)
    for span in vietnamese_spans:
        assert covered(right.term_mark_ranges(), span)
    # Nothing else is underlined as a term.
    assert len(left.term_mark_ranges()) == 2 and len(right.term_mark_ranges()) == 3


def test_add_without_selection_says_what_to_do(sample_window):
    menu = sample_window.left_pane.context_menu(QPoint(10, 10))
    action = next(a for a in menu.actions() if a.objectName() == "add-to-glossary")
    assert not action.isEnabled()
    assert sample_window.add_selection_to_glossary(None) is None
    assert "Select a phrase" in sample_window.statusBar().currentMessage()


def test_term_marks_coexist_with_the_sentence_highlight(qtbot, sample_window):
    window = sample_window
    window.glossary.add(SEN_LT_GEN)
    window.session.select_bead(1)
    assert window.left_pane.highlighted_sentences() == [1]
    assert len(window.left_pane.term_mark_ranges()) == 2  # still drawn under the highlight


@pytest.mark.parametrize(
    ("english", "vietnamese", "expected"),
    [
        ("Sen. Lt. Gen.", "", "rank"),
        ("", "Đại tá", "rank"),
        ("", "Thiếu úy", "rank"),
        ("Rear Admiral", "Chuẩn Đô đốc", "rank"),
        ("Deputy Minister of Defence", "Thứ trưởng Bộ Quốc phòng", "title"),
        ("Chief of the General Staff", "", "title"),
        ("US Ambassador", "Đại sứ Hoa Kỳ", "title"),
        ("Defence Ministry", "Bộ Quốc phòng", "organisation"),
        ("Nguyen Chi Vinh", "Nguyễn Chí Vịnh", "other"),
        ("", "Ủy viên Trung ương Đảng", "other"),  # ủy (member) is not úy (a rank syllable)
    ],
)
def test_category_guess(english, vietnamese, expected):
    assert guess_category(english, vietnamese) == expected


def test_clicking_a_marked_term_marks_its_translation_in_the_counterpart(qtbot, sample_window):
    window = sample_window
    window.glossary.add(SEN_LT_GEN)
    left, right = window.left_pane, window.right_pane
    start = left.toPlainText().index("Sen. Lt. Gen.")
    qtbot.mouseClick(left.viewport(), Qt.MouseButton.LeftButton, pos=point_at(left, start + 5))
    # The clicked term and, in the aligned Vietnamese sentence only, its translation.
    assert left.term_highlight_ranges() == [(start, start + len("Sen. Lt. Gen."))]
    highlighted = [right.toPlainText()[a:b] for a, b in right.term_highlight_ranges()]
    assert highlighted == ["Thượng tướng"]
    (a, _b) = right.term_highlight_ranges()[0]
    assert a == right.toPlainText().index("Thượng tướng")  # the first, in sentence 0
    assert right.highlighted_sentences() == [0]  # the bead is selected as usual

    # Clicking plain text clears the term highlights.
    plain = left.toPlainText().index("phone talks")
    qtbot.mouseClick(left.viewport(), Qt.MouseButton.LeftButton, pos=point_at(left, plain))
    assert left.term_highlight_ranges() == [] and right.term_highlight_ranges() == []


def test_hovering_a_marked_term_shows_translation_and_category(qtbot, sample_window):
    window = sample_window
    window.glossary.add(SEN_LT_GEN)
    left, right = window.left_pane, window.right_pane

    def tooltip_at(pane, phrase: str) -> str:
        point = point_at(pane, pane.toPlainText().index(phrase) + 2)
        event = QHelpEvent(QEvent.Type.ToolTip, point, pane.viewport().mapToGlobal(point))
        QToolTip.hideText()
        qtbot.waitUntil(lambda: not QToolTip.isVisible())
        pane.viewportEvent(event)
        qtbot.waitUntil(QToolTip.isVisible)
        return QToolTip.text()

    assert tooltip_at(left, "Sen. Lt. Gen.") == (
        "Thượng tướng · Military rank · Vietnam People's Army"
    )
    assert tooltip_at(right, "Thượng tướng") == (
        "Senior Lieutenant General (Sen. Lt. Gen.) · Military rank · Vietnam People's Army"
    )
    # Elsewhere the sentence's own tooltip is unchanged.
    assert tooltip_at(left, "phone talks").startswith("Bead ")
    QToolTip.hideText()


def test_glossary_changes_remark_the_panes_and_feed_the_aligner(qtbot, window, sample_paths):
    seen_terms = []

    def recording_aligner(source, target, terms=()):
        from reader.align import align

        seen_terms.append(tuple(terms))
        return align(source, target, terms=terms)

    window.session.aligner = recording_aligner
    window.glossary.add(SEN_LT_GEN)
    window.open_pair(*sample_paths)
    assert ("Senior Lieutenant General", "Thượng tướng") in seen_terms[-1]
    assert ("Sen. Lt. Gen.", "Thượng tướng") in seen_terms[-1]  # variants too
    assert len(window.left_pane.term_mark_ranges()) == 2
    # Deleting the entry removes its marks, undo brings them back.
    window.glossary.delete(window.glossary.all_terms()[0].id)
    assert window.left_pane.term_mark_ranges() == []
    window.glossary.undo_stack.undo()
    assert len(window.left_pane.term_mark_ranges()) == 2


def test_a_store_error_is_a_message_not_a_traceback(qtbot, sample_window, monkeypatch):
    window = sample_window

    def locked(term):
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(window.glossary.store, "add", locked)
    with qtbot.waitSignal(window.errorShown) as shown:
        assert window.glossary.add(SEN_LT_GEN) is None
    assert "locked" in shown.args[0] and "Traceback" not in shown.args[0]
    assert window.glossary_panel.shown_terms() == []


def test_a_glossary_file_that_cannot_be_opened_is_reported(qtbot, tmp_path, session):
    from reader.ui.main_window import MainWindow

    not_a_glossary = tmp_path / "other.sqlite3"
    with sqlite3.connect(not_a_glossary) as connection:
        connection.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    window = MainWindow(session, None, db_path=not_a_glossary)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.errorShown) as shown:
        window.show()
    assert "cannot be opened" in shown.args[0]
    assert not window.glossary_panel.isEnabled()
    assert window.open_term_editor() is None  # explained, not crashed
    window.close()
