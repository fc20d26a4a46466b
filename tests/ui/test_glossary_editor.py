"""The term editor: fields, spelling marks and suggestions, duplicates offered as merge or open."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox

from glossary.model import Term


def test_editing_an_entry_from_the_panel(qtbot, window):
    general = window.glossary.add(Term("General", "Đại tướng", category="rank"))
    panel = window.glossary_panel
    panel.select_term(general.id)
    panel.edit_action.trigger()
    editor = window.term_editor
    assert editor.windowTitle() == "Edit glossary entry"
    editor.english_variants.setText("Gen.\nGen")
    editor.status.setCurrentIndex(editor.status.findData("approved"))
    with qtbot.waitSignal(editor.termSaved):
        editor.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    saved = window.glossary.get(general.id)
    assert saved.english_variants == ["Gen.", "Gen"] and saved.status == "approved"
    assert panel.shown_terms()[0].status == "approved"
    # One undo step brings the old entry back.
    window.glossary.undo_stack.undo()
    assert window.glossary.get(general.id).status == "draft"


def test_save_needs_both_sides(qtbot, window):
    editor = window.open_term_editor(None)
    save = editor.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert not save.isEnabled()
    editor.english.setText("Colonel")
    assert not save.isEnabled()
    editor.vietnamese.setText("Thượng tá")
    assert save.isEnabled()


def test_unknown_english_words_are_underlined_with_suggestions(qtbot, window, sample_paths):
    window.open_pair(*sample_paths)
    editor = window.open_term_editor(None)
    editor.english.setText("Senior Lieutnant General of Defence")
    # Only the typo is underlined; "Defence" (British) is known.
    assert editor.english.flagged_ranges() == [(7, 16)]
    assert "“Lieutnant” → lieutenant" in editor.spelling_hint.text()
    flag, suggestions = editor.english.suggestions_at(10)
    assert flag[2] == "Lieutnant" and suggestions[0] == "lieutenant"
    editor.english.replace_word(flag, suggestions[0])
    assert editor.english.text() == "Senior Lieutenant General of Defence"
    assert editor.english.flagged_ranges() == []
    assert not editor.spelling_hint.isVisible()


def test_vietnamese_typos_of_words_in_the_article_are_flagged(qtbot, window, sample_paths):
    window.open_pair(*sample_paths)
    editor = window.open_term_editor(None)
    editor.vietnamese.setText("Thượng tuớng")  # the tone mark on the wrong vowel
    assert editor.vietnamese.flagged_ranges() == [(7, 12)]
    assert "“tuớng” → tướng" in editor.spelling_hint.text()
    editor.vietnamese.setText("Thượng tướng")  # as in the article
    assert editor.vietnamese.flagged_ranges() == []


def test_adding_a_duplicate_offers_merge(qtbot, window):
    window.glossary.add(Term("General", "Đại tướng", category="rank"))
    editor = window.open_term_editor(Term("general", "Đại tướng", english_variants=["Gen."]))
    with qtbot.waitSignal(editor.duplicateFound) as found:
        editor.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert "already in the glossary" in found.args[1]
    box = editor.duplicate_box
    assert box is not None and box.isVisible()  # asked without blocking
    merge = next(button for button in box.buttons() if button.text() == "Merge")
    with qtbot.waitSignal(editor.termSaved):
        merge.click()
    assert window.glossary.count() == 1
    assert window.glossary.all_terms()[0].english_variants == ["Gen."]


def test_adding_a_duplicate_can_open_the_existing_entry(qtbot, window):
    existing = window.glossary.add(Term("Ambassador", "Đại sứ", category="title", notes="mine"))
    editor = window.open_term_editor(Term("Ambassador", "Đại sứ"))
    editor.ask_on_duplicate = False  # driven directly: no box
    with qtbot.waitSignal(editor.duplicateFound):
        assert editor.save() is False
    assert editor.duplicate_box is None
    assert editor.resolve_duplicate("open")
    assert editor.windowTitle() == "Edit glossary entry"
    assert editor.term.id == existing.id and editor.notes.toPlainText() == "mine"
    assert window.glossary.count() == 1
