"""The glossary panel: live search, filter, delete and undo, export, CSV import, starter set."""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from glossary.model import Term
from reader.ui.main_window import MainWindow
from reader.ui.session import PairSession


def rows(panel) -> list[tuple[str, str]]:
    return [(t.english, t.vietnamese) for t in panel.shown_terms()]


def test_live_search_finds_vietnamese_typed_without_accents(qtbot, window):
    panel = window.glossary_panel
    assert panel.load_starter()
    total = window.glossary.count()
    assert total >= 60 and panel.count_label.text() == f"{total} entries"
    qtbot.keyClicks(panel.search_field, "thuong tuong")
    # Updated while typing, best match first.
    assert rows(panel)[0] == ("Senior Lieutenant General", "Thượng tướng")
    assert panel.count_label.text().endswith(f"of {total} entries")
    panel.search_field.clear()
    qtbot.keyClicks(panel.search_field, "dai su")
    assert rows(panel)[0][1] == "Đại sứ"
    # A prefix works while typing; clearing shows the whole list again.
    panel.search_field.clear()
    qtbot.keyClicks(panel.search_field, "Sen. Lt")
    assert ("Senior Lieutenant General", "Thượng tướng") in rows(panel)
    panel.search_field.clear()
    assert len(rows(panel)) == total


def test_category_filter(qtbot, window):
    panel = window.glossary_panel
    panel.load_starter()
    panel.category_filter.setCurrentIndex(panel.category_filter.findData("title"))
    assert panel.shown_terms() and all(t.category == "title" for t in panel.shown_terms())
    qtbot.keyClicks(panel.search_field, "dai")
    assert all(t.category == "title" for t in panel.shown_terms())
    assert ("Ambassador", "Đại sứ") in rows(panel)
    assert ("General", "Đại tướng") not in rows(panel)  # a rank


def test_delete_and_undo_with_ctrl_z(qtbot, window):
    panel = window.glossary_panel
    general = window.glossary.add(Term("General", "Đại tướng", category="rank"))
    window.glossary.add(Term("Colonel", "Thượng tá", category="rank"))
    assert panel.select_term(general.id)
    with qtbot.waitSignal(window.glossary.glossaryChanged):
        panel.delete_action.trigger()
    assert ("General", "Đại tướng") not in rows(panel)
    assert window.glossary.count() == 1
    assert "Delete “General”" in panel.undo_button_action.toolTip()

    window.left_pane.setFocus()
    qtbot.keyClick(window.left_pane, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert ("General", "Đại tướng") in rows(panel)
    restored = window.glossary.get(general.id)  # same entry: id and times kept
    assert restored.created_at == general.created_at
    assert window.glossary.count() == 2
    # The next step back is the one before the delete.
    assert "Add “Colonel”" in panel.undo_button_action.toolTip()


def test_export_through_the_ui_writes_an_excel_friendly_csv(qtbot, window, tmp_path):
    panel = window.glossary_panel
    window.glossary.add(
        Term(
            "Senior Lieutenant General",
            "Thượng tướng",
            category="rank",
            english_variants=["Sen. Lt. Gen.", "Colonel General"],
            notes="=not a formula",
        )
    )
    window.glossary.add(Term("Ambassador", "Đại sứ", category="title"))
    out = tmp_path / "out.csv"
    assert panel.export_to(out, "csv") == 2
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads the diacritics right
    assert b"\r\n" in data
    with open(out, encoding="utf-8-sig", newline="") as handle:
        table = list(csv.reader(handle))
    assert table[0][:3] == ["English", "Vietnamese", "Category"]
    header = table[0]
    row = next(r for r in table[1:] if r[0] == "Senior Lieutenant General")
    record = dict(zip(header, row, strict=True))
    assert record["Vietnamese"] == "Thượng tướng"
    assert record["Category"] == "Military rank"
    assert record["English variants"] == "Sen. Lt. Gen. | Colonel General"
    assert record["Notes"] == "'=not a formula"  # neutralised
    assert "Exported 2 entries" in window.statusBar().currentMessage()


def test_export_of_the_entries_shown_in_the_chosen_format(qtbot, window, tmp_path, monkeypatch):
    panel = window.glossary_panel
    panel.load_starter()
    qtbot.keyClicks(panel.search_field, "dai su")
    shown = panel.shown_terms()
    assert panel.export_shown_action.isEnabled()
    target = tmp_path / "shown"  # no extension: the chosen filter decides
    tbx_filter = panel.export_filters()["tbx"]
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *args, **kw: (str(target), tbx_filter))
    )
    panel.export_shown_action.trigger()
    written = tmp_path / "shown.tbx"
    namespace = {"t": "urn:iso:std:iso:30042:ed-2"}
    entries = ET.parse(written).getroot().findall(".//t:conceptEntry", namespace)
    assert len(entries) == len(shown) < window.glossary.count()


def write(path, text: str):
    path.write_text(text, encoding="utf-8")
    return path


def test_import_preview_reports_a_bad_row_by_line_and_writes_nothing(qtbot, window, tmp_path):
    panel = window.glossary_panel
    source = write(
        tmp_path / "mixed.csv",
        "English,Vietnamese\nGeneral,Đại tướng\nColonel,\nAmbassador,Đại sứ\n",
    )
    dialog = panel.preview_import(source)
    assert dialog is not None and dialog.isVisible()
    assert "line 3: the Vietnamese term is empty" in dialog.details.toPlainText()
    assert "bad rows: 1" in dialog.summary.text()
    assert not dialog.import_button.isEnabled()
    assert dialog.refusal.isVisible() and "Nothing will be imported" in dialog.refusal.text()
    # Even if it were accepted somehow, nothing is written and the user is told why.
    with qtbot.waitSignal(window.errorShown) as shown:
        dialog.accept()
    assert "Nothing was imported" in shown.args[0]
    assert window.glossary.count() == 0 and panel.shown_terms() == []


def test_import_merges_duplicates_when_asked(qtbot, window, tmp_path):
    panel = window.glossary_panel
    window.glossary.add(Term("General", "Đại tướng", category="rank"))
    source = write(
        tmp_path / "own.csv",
        "English,Vietnamese,English variants\nGeneral,Đại tướng,Gen.\nAmbassador,Đại sứ,\n",
    )
    dialog = panel.preview_import(source)
    assert "new: 1" in dialog.summary.text()
    assert "already in the glossary or repeated: 1" in dialog.summary.text()
    assert "line 2: General = Đại tướng" in dialog.details.toPlainText()
    assert dialog.import_button.isEnabled()
    dialog.merge_button.setChecked(True)
    with qtbot.waitSignal(window.glossary.glossaryChanged):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert sorted(rows(panel)) == [("Ambassador", "Đại sứ"), ("General", "Đại tướng")]
    general = next(t for t in panel.shown_terms() if t.english == "General")
    assert general.english_variants == ["Gen."]
    assert "1 added, 1 merged" in window.statusBar().currentMessage()


def test_starter_set_is_offered_once_on_first_start(qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(PairSession(), settings, db_path=tmp_path / "fresh.sqlite3")
    qtbot.addWidget(window)
    window.show()
    box = window.offer_starter()
    assert box is not None and box.isVisible()  # non-blocking
    load = next(b for b in box.buttons() if b.text() == "Load starter set")
    with qtbot.waitSignal(window.glossary.glossaryChanged):
        load.click()
    assert window.glossary.count() >= 60
    assert window.glossary_panel.count_label.text().endswith("entries")
    assert window.offer_starter() is None  # asked once
    window.close()


def test_no_starter_offer_without_settings_or_when_declined(qtbot, tmp_path, window):
    assert window.offer_starter() is None  # tests and --screenshot have no settings
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    other = MainWindow(PairSession(), settings, db_path=tmp_path / "fresh.sqlite3")
    qtbot.addWidget(other)
    box = other.offer_starter()
    not_now = next(
        b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.RejectRole
    )
    not_now.click()
    assert other.glossary.count() == 0
    other.close()
    again = MainWindow(PairSession(), settings, db_path=tmp_path / "fresh.sqlite3")
    qtbot.addWidget(again)
    assert again.offer_starter() is None
    again.close()
