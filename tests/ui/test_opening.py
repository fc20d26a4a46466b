"""Opening pairs: errors keep the old pair, large pairs load off the UI thread, drops, screenshot."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QImage
from PySide6.QtWidgets import QApplication
from ui_pairs import SHORT_SHAPES, write_pair

from reader.align import align
from reader.ui.app import run_gui

BAD_FILES = {
    "empty": b"",
    "binary": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
    "not utf-8": "Café crème à la française.".encode("latin-1"),
}


@pytest.mark.parametrize("kind", list(BAD_FILES))
def test_bad_file_shows_error_and_keeps_the_open_pair(
    qtbot, tmp_path, window, session, sample_paths, kind
):
    window.open_pair(*sample_paths)
    old_pair, old_text = session.pair, window.left_pane.toPlainText()
    bad = tmp_path / "bad.vi.txt"
    bad.write_bytes(BAD_FILES[kind])

    with qtbot.waitSignal(window.errorShown) as shown:
        window.open_pair(sample_paths[0], bad)
    message = shown.args[0]
    assert message.startswith("bad.vi.txt: ")  # names the file and gives a reason
    assert "Traceback" not in message
    assert window.error_box is not None and window.error_box.text() == message
    assert session.pair is old_pair
    assert window.left_pane.toPlainText() == old_text
    assert "Vietnam, US intensify" in window.windowTitle()


def test_missing_file_shows_error(qtbot, tmp_path, window, sample_paths):
    with qtbot.waitSignal(window.errorShown) as shown:
        window.open_pair(tmp_path / "nowhere.en.txt", sample_paths[1])
    assert "does not exist" in shown.args[0]


def test_large_pair_loads_in_a_worker_with_progress(qtbot, tmp_path, window, session):
    """While the aligner works, the window keeps handling events and shows a busy indicator."""
    english, vietnamese, _beads = write_pair(tmp_path, SHORT_SHAPES)
    release = threading.Event()
    worker_threads = []

    def slow_aligner(source, target, terms=()):
        worker_threads.append(threading.current_thread())
        assert release.wait(10)
        return align(source, target, terms=terms)

    session.aligner = slow_aligner
    window._progress_timer.setInterval(20)
    window.open_pair(english, vietnamese, background=True)
    # The UI thread is free: the progress indicator appears while the aligner is still blocked.
    qtbot.waitUntil(window.progress.isVisible, timeout=5000)
    assert session.pair is None and session.busy
    with qtbot.waitSignal(session.alignmentChanged, timeout=10000):
        release.set()
    assert worker_threads and worker_threads[0] is not threading.main_thread()
    assert not window.progress.isVisible()
    assert window.left_pane.toPlainText().startswith("Sentence 0")


def test_a_newer_request_wins_over_a_slower_older_one(
    qtbot, tmp_path, window, session, sample_paths
):
    english, vietnamese, _beads = write_pair(tmp_path, SHORT_SHAPES)
    window.open_pair(english, vietnamese, background=True)
    window.open_pair(*sample_paths, background=True)
    qtbot.waitUntil(lambda: not session.busy, timeout=10000)
    assert "Vietnam, US intensify" in window.windowTitle()


def drop_files(window, paths) -> None:
    """Drag files over the window and drop them, as a file manager does."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    where, action = QPointF(200, 200), Qt.DropAction.CopyAction
    buttons, modifiers = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    # A drag-enter event takes an integer point (Qt 6), a drop event a QPointF.
    enter = QDragEnterEvent(where.toPoint(), action, mime, buttons, modifiers)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(window, QDropEvent(where, action, mime, buttons, modifiers))


def test_dropping_two_files_opens_them_english_on_the_left(qtbot, window, session, sample_paths):
    english, vietnamese = sample_paths
    with qtbot.waitSignal(session.alignmentChanged):
        drop_files(window, [vietnamese, english])  # the "wrong" order
    assert session.pair.source.path == english
    assert window.left_pane.toPlainText().startswith("Vietnam, US intensify")


def test_dropping_one_file_explains_what_is_needed(qtbot, window, sample_paths):
    with qtbot.waitSignal(window.errorShown) as shown:
        drop_files(window, [sample_paths[0]])
    assert "two files" in shown.args[0]


def test_screenshot_writes_a_png_of_the_window(qapp, tmp_path):
    output = tmp_path / "shot" / "s.png"
    assert run_gui(None, None, screenshot=output) == 0
    image = QImage(str(output))
    assert (image.width(), image.height()) == (1280, 800)
    # The selected pair is visible: its highlight colour is in the picture.
    from reader.ui.pane import SentencePane

    selected = SentencePane().selected_colour
    colours = {
        QColor(image.pixel(x, y)).rgb() for x in range(0, 1280, 3) for y in range(60, 780, 3)
    }
    assert selected.rgb() in colours
    assert len(colours) > 20  # text, not a blank window


def test_screenshot_of_a_bad_pair_fails_cleanly(qapp, tmp_path, capsys):
    empty = tmp_path / "empty.en.txt"
    empty.write_bytes(b"")
    assert run_gui(empty, empty.with_name("x.vi.txt"), screenshot=tmp_path / "s.png") == 1
    assert not (tmp_path / "s.png").exists()
    assert "duet:" in capsys.readouterr().err
