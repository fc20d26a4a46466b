"""The Vietnamese interface: choosing the language, the shipped catalogue, and translated menus."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from reader.ui import i18n
from reader.ui.main_window import MainWindow
from reader.ui.session import PairSession

REPO = Path(__file__).resolve().parents[2]
TS_FILE = REPO / "resources" / "i18n" / "duet_vi.ts"


@pytest.fixture
def vietnamese(qapp):
    translator = i18n.install_translator(qapp, "vi")
    assert translator is not None
    yield translator
    QApplication.removeTranslator(translator)


def menu_titles(window: MainWindow) -> list[str]:
    return [action.text() for action in window.menuBar().actions()]


@pytest.mark.parametrize(
    ("choice", "ui_languages", "expected"),
    [
        ("vi", ["en-US"], "vi"),
        ("en", ["vi-VN"], "en"),
        ("system", ["vi-Latn-VN", "vi-VN", "vi"], "vi"),
        ("system", ["en-GB", "vi-VN"], "en"),
        ("system", ["de-DE", "vi_VN"], "vi"),  # LANGUAGE=de:vi: the first language Duet has
        ("system", ["de-DE", "fr"], "en"),
        ("system", ["C"], "en"),
    ],
)
def test_language_follows_the_setting_then_the_system(choice, ui_languages, expected):
    assert i18n.resolve_language(choice, ui_languages) == expected


def test_unknown_stored_choice_means_system(tmp_path):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    assert i18n.stored_choice(settings) == "system"
    settings.setValue(i18n.LANGUAGE_KEY, "klingon")
    assert i18n.stored_choice(settings) == "system"
    settings.setValue(i18n.LANGUAGE_KEY, "vi")
    assert i18n.stored_choice(settings) == "vi"
    assert i18n.stored_choice(None) == "system"


def test_english_and_a_missing_catalogue_install_nothing(qapp, monkeypatch, tmp_path):
    assert i18n.install_translator(qapp, "en") is None
    monkeypatch.setattr(i18n, "qm_path", lambda language: tmp_path / "absent.qm")
    assert i18n.install_translator(qapp, "vi") is None


def test_with_the_vietnamese_translator_the_menus_are_vietnamese(qtbot, vietnamese):
    window = MainWindow(PairSession(), None)
    qtbot.addWidget(window)
    titles = menu_titles(window)
    assert titles[0] == "&Tệp"  # File
    assert "&Xem" in titles and "Đ&i tới" in titles  # View, Go
    assert window.open_action.text() == "&Mở cặp văn bản…"
    assert window.status_label.text().startswith("Chưa mở cặp văn bản nào.")


def test_without_a_translator_the_menus_are_english(qtbot):
    window = MainWindow(PairSession(), None)
    qtbot.addWidget(window)
    assert menu_titles(window)[0] == "&File"


def test_view_language_menu_stores_the_choice_for_the_next_start(qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(PairSession(), settings)
    qtbot.addWidget(window)
    view_menu = window.menuBar().actions()[2].menu()
    assert view_menu.title() == "&View"
    language = next(a.menu() for a in view_menu.actions() if a.menu() is not None)
    choices = {action.data(): action for action in language.actions()}
    assert set(choices) == {"system", "en", "vi"}
    assert choices["system"].isChecked()

    choices["vi"].trigger()
    assert choices["vi"].isChecked() and not choices["system"].isChecked()
    reread = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    assert reread.value(i18n.LANGUAGE_KEY) == "vi"
    assert "next time" in window.statusBar().currentMessage()


def test_every_string_in_the_catalogue_is_translated_and_keeps_its_placeholders():
    messages = list(ET.parse(TS_FILE).getroot().iter("message"))
    assert len(messages) > 100
    for message in messages:
        source, translation = message.findtext("source"), message.find("translation")
        assert translation.get("type") not in ("unfinished",), source
        assert translation.text, source
        for placeholder in ("{0}", "{1}", "{2}", "{3:.2f}", "{2:.2f}"):
            assert source.count(placeholder) == translation.text.count(placeholder), source


def lrelease() -> str | None:
    beside_python = Path(sys.executable).with_name("pyside6-lrelease")
    return str(beside_python) if beside_python.exists() else shutil.which("pyside6-lrelease")


@pytest.mark.skipif(lrelease() is None, reason="pyside6-lrelease not installed")
def test_shipped_qm_is_compiled_from_the_ts(tmp_path):
    """`make translations` was run after the last edit of duet_vi.ts."""
    built = tmp_path / "duet_vi.qm"
    subprocess.run([lrelease(), str(TS_FILE), "-qm", str(built)], check=True, capture_output=True)
    assert built.read_bytes() == i18n.qm_path("vi").read_bytes()
