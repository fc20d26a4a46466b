"""Starting the GUI: the QApplication, the main window on a pair, and ``--screenshot``.

``reader.cli`` calls :func:`run_gui`; nothing outside ``reader.ui`` imports Qt, so the command-line
paths that do not open a window stay fast.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from reader import APP_ID, APP_NAME, ORG_NAME, __version__
from reader.paths import config_dir, resource_path, sample_pair

SCREENSHOT_SIZE = (1280, 800)


def create_application():
    """The QApplication (reused if one exists, as under pytest-qt), named after the app."""
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        app = QApplication([sys.argv[0] if sys.argv else APP_NAME])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName(ORG_NAME)
    app.setApplicationVersion(__version__)
    # The desktop matches windows to io.github.duet_reader.Duet.desktop and its icon by this id.
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(QIcon(str(resource_path("icons", f"{APP_ID}.svg"))))
    return app


def open_settings():
    """The user's settings file in Duet's config folder (tests redirect that folder)."""
    from PySide6.QtCore import QSettings

    return QSettings(str(config_dir() / "settings.ini"), QSettings.Format.IniFormat)


def remembered_pair(settings) -> tuple[Path, Path] | None:
    """The pair open when Duet last closed, if both files still exist (else None: the sample)."""
    english, vietnamese = settings.value("session/english"), settings.value("session/vietnamese")
    if not english or not vietnamese:
        return None
    paths = Path(str(english)), Path(str(vietnamese))
    return paths if all(path.is_file() for path in paths) else None


def run_gui(
    en_path: Path | None,
    vi_path: Path | None,
    *,
    screenshot: Path | None = None,
    db_path: Path | None = None,
) -> int:
    """Open the reading window on a pair (the bundled sample when none is given).

    With ``screenshot``, render the window offscreen at 1280x800 with one aligned pair selected,
    write it as PNG and return instead of entering the event loop. Returns the exit code.
    """
    if screenshot is not None:
        # No display is needed for a picture; respect an explicit choice of platform.
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = create_application()

    from PySide6.QtCore import QTimer

    from reader.ui.glossary_service import warm_up_spelling
    from reader.ui.i18n import apply_language
    from reader.ui.main_window import MainWindow
    from reader.ui.session import PairSession

    # A screenshot ignores the user's settings (see _render) but follows the locale: LANGUAGE=vi.
    settings = None if screenshot is not None else open_settings()
    apply_language(app, settings)
    if en_path is None or vi_path is None:
        en_path, vi_path = (settings is not None and remembered_pair(settings)) or sample_pair()
    if screenshot is not None:
        return render_screenshot(Path(en_path), Path(vi_path), Path(screenshot), db_path=db_path)

    session = PairSession()
    # The window opens the glossary at db_path (default: DUET_DB or the data folder) and owns it.
    window = MainWindow(session, settings, db_path=db_path)
    window.show()
    window.open_pair(Path(en_path), Path(vi_path))
    # First start with an empty glossary: offer the starter set, once, without blocking.
    QTimer.singleShot(0, window.offer_starter)
    warm_up_spelling()
    return app.exec()


def render_screenshot(
    en_path: Path, vi_path: Path, output: Path, *, db_path: Path | None = None
) -> int:
    """Render the window with the pair loaded and a bead selected; write a PNG of 1280x800."""
    from PySide6.QtCore import qInstallMessageHandler

    app = create_application()
    previous_handler = qInstallMessageHandler(_quiet_offscreen_messages)
    try:
        return _render(app, en_path, vi_path, output, db_path)
    finally:
        qInstallMessageHandler(previous_handler)


# The offscreen platform warns about window features it lacks; that is expected for a picture.
_OFFSCREEN_NOISE = ("does not support propagateSizeHints",)


def _quiet_offscreen_messages(kind, context, message: str) -> None:
    if not any(noise in message for noise in _OFFSCREEN_NOISE):
        print(message, file=sys.stderr)


def _render(app, en_path: Path, vi_path: Path, output: Path, db_path: Path | None) -> int:
    from PySide6.QtCore import QEventLoop, Qt
    from PySide6.QtWidgets import QApplication

    from reader.ui.main_window import MainWindow
    from reader.ui.session import PairSession

    session = PairSession()
    # No settings: the picture must not depend on the user's zoom or window size.
    window = MainWindow(session, None, db_path=db_path)
    errors: list[str] = []
    session.loadFailed.connect(errors.append)
    window.resize(*SCREENSHOT_SIZE)
    window.show()
    window.fit_glossary_dock()
    window.open_pair(en_path, vi_path)
    if session.busy:
        loop = QEventLoop()
        session.busyChanged.connect(lambda busy: None if busy else loop.quit())
        loop.exec()
    if errors or session.pair is None:
        print(f"duet: {errors[0] if errors else 'the pair could not be opened.'}", file=sys.stderr)
        window.close()
        return 1
    bead = showcase_bead(session.pair)
    if bead >= 0:
        session.select_bead(bead)
        window.sync.reveal_bead(bead)
    app.processEvents()
    picture = window.grab()
    if (
        picture.size().width() != SCREENSHOT_SIZE[0]
        or picture.size().height() != SCREENSHOT_SIZE[1]
    ):
        picture = picture.scaled(
            *SCREENSHOT_SIZE,
            Qt.AspectRatioMode.IgnoreAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    output.parent.mkdir(parents=True, exist_ok=True)
    saved = picture.save(str(output), "PNG")
    window.close()
    window.deleteLater()
    QApplication.processEvents()
    if not saved:
        print(f"duet: cannot write the screenshot to {output}.", file=sys.stderr)
        return 1
    return 0


def showcase_bead(pair) -> int:
    """The bead the screenshot selects: the first n:m pair (it shows alignment best), else the
    first two-sided bead after the opening one, else none."""
    beads = pair.alignment.beads
    for index, bead in enumerate(beads):
        if len(bead.source) + len(bead.target) > 2 and not bead.one_sided:
            return index
    two_sided = [index for index, bead in enumerate(beads) if not bead.one_sided]
    later = [index for index in two_sided if index >= 2]
    if later:
        return later[0]
    return two_sided[0] if two_sided else -1
