"""File > Open pair through its dialog, and view settings that survive a restart."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialogButtonBox

from reader.ui.dialogs import OpenPairDialog
from reader.ui.main_window import MainWindow
from reader.ui.session import PairSession


def test_open_dialog_needs_both_files(qtbot, sample_paths):
    dialog = OpenPairDialog()
    qtbot.addWidget(dialog)
    open_button = dialog.buttons.button(QDialogButtonBox.StandardButton.Open)
    assert not open_button.isEnabled()
    dialog.english_field.setText(str(sample_paths[0]))
    assert not open_button.isEnabled()
    dialog.vietnamese_field.setText(f"  {sample_paths[1]} ")
    assert open_button.isEnabled()
    assert dialog.paths() == sample_paths


def test_file_open_pair_opens_what_the_dialog_returns(qtbot, monkeypatch, window, sample_paths):
    def accept_sample(dialog):
        dialog.english_field.setText(str(sample_paths[0]))
        dialog.vietnamese_field.setText(str(sample_paths[1]))
        return OpenPairDialog.DialogCode.Accepted

    monkeypatch.setattr(OpenPairDialog, "exec", accept_sample)
    window.open_action.trigger()
    assert window.session.pair is not None
    assert window.session.pair.source.path == sample_paths[0]


def test_sync_and_zoom_are_remembered(qtbot, tmp_path):
    settings_file = str(tmp_path / "settings.ini")
    first = MainWindow(PairSession(), QSettings(settings_file, QSettings.Format.IniFormat))
    qtbot.addWidget(first)
    default_size = first.left_pane.font().pointSizeF()
    first.sync_action.setChecked(False)
    first.zoom_in_action.trigger()
    first.close()

    second = MainWindow(PairSession(), QSettings(settings_file, QSettings.Format.IniFormat))
    qtbot.addWidget(second)
    assert not second.sync_action.isChecked()
    assert not second.sync.enabled
    assert second.left_pane.font().pointSizeF() > default_size
    assert second.right_pane.font().pointSizeF() == second.left_pane.font().pointSizeF()
