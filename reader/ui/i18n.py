"""The interface language: English (the source strings) or Vietnamese (the shipped ``.qm``).

The user's choice is ``"system"``, ``"en"`` or ``"vi"``, stored in QSettings under
:data:`LANGUAGE_KEY` by View > Language. ``"system"`` follows ``QLocale.system()``, which on Linux
reads ``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES`` and ``LANG``. A new choice applies from the next
start: widgets built before a translator is installed do not retranslate themselves, and rebuilding
the window mid-session would lose the reader's place.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QSettings, QTranslator
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMainWindow, QMenu, QWidget

from reader.paths import resource_path

LANGUAGE_KEY = "ui/language"
CHOICES = ("system", "en", "vi")
TRANSLATED = ("vi",)  # languages with a .qm; English is the source text and needs none
STATUS_TIMEOUT_MS = 8000


def stored_choice(settings: QSettings | None) -> str:
    """The choice in the settings, ``"system"`` when there is none or it is not one we know."""
    if settings is None:
        return "system"
    choice = str(settings.value(LANGUAGE_KEY, "system"))
    return choice if choice in CHOICES else "system"


def resolve_language(choice: str, ui_languages: list[str] | None = None) -> str:
    """``"en"`` or ``"vi"`` for a choice; ``"system"`` takes the first of the system's preferred
    languages that Duet has (``LANGUAGE=de:vi`` gives Vietnamese), else English."""
    if choice in ("en", "vi"):
        return choice
    if ui_languages is None:
        ui_languages = QLocale.system().uiLanguages()
    for tag in ui_languages:
        primary = tag.replace("_", "-").split("-")[0].lower()
        if primary in ("en", "vi"):
            return primary
    return "en"


def qm_path(language: str):
    """The compiled translation shipped in the package for ``language``."""
    return resource_path("i18n", f"duet_{language}.qm")


def install_translator(app: QCoreApplication, language: str) -> QTranslator | None:
    """Install Duet's translator for ``language``; None for English or when the .qm is missing
    (then the interface is English rather than broken)."""
    if language not in TRANSLATED:
        return None
    translator = QTranslator(app)
    if not translator.load(str(qm_path(language))):
        return None
    app.installTranslator(translator)
    return translator


def apply_language(app: QCoreApplication, settings: QSettings | None) -> QTranslator | None:
    """Install the translator the settings (or, failing them, the system locale) ask for."""
    return install_translator(app, resolve_language(stored_choice(settings)))


def language_menu(window: QWidget, settings: QSettings | None) -> QMenu:
    """View > Language: System / English / Tiếng Việt, stored in ``settings`` for the next start."""
    menu = QMenu(QCoreApplication.translate("Language", "&Language"), window)
    group = QActionGroup(menu)
    group.setExclusive(True)
    current = stored_choice(settings)
    # Each language is named in itself, so a reader can find theirs whatever the interface shows.
    labels = {
        "system": QCoreApplication.translate("Language", "&System language"),
        "en": "English",
        "vi": "Tiếng Việt",
    }
    for choice in CHOICES:
        action = QAction(labels[choice], menu)
        action.setCheckable(True)
        action.setChecked(choice == current)
        action.setData(choice)
        group.addAction(action)
        menu.addAction(action)
    group.triggered.connect(lambda action: _choose(window, settings, action.data()))
    return menu


def _choose(window: QWidget, settings: QSettings | None, choice: str) -> None:
    if settings is not None:
        settings.setValue(LANGUAGE_KEY, choice)
        settings.sync()
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(
            QCoreApplication.translate(
                "Language", "The new language applies the next time Duet starts."
            ),
            STATUS_TIMEOUT_MS,
        )
