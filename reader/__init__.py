"""Duet: read an English article and its Vietnamese translation side by side, sentence against sentence.

The application's identity is defined here once; the CLI, the window, the desktop file and the
packaging read it from this module.
"""

APP_ID = "io.github.duet_reader.Duet"
APP_NAME = "Duet"
ORG_NAME = "duet-reader"
__version__ = "0.1.0"
