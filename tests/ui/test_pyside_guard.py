"""The window survives long sessions even on a PySide6 release that leaks references to None."""

from __future__ import annotations

import sys

from PySide6.QtGui import QTextCursor, QTextDocument

import reader.ui  # noqa: F401 - importing the Qt layer installs the guard


def test_many_calls_that_return_nothing_do_not_exhaust_none(qapp):
    document = QTextDocument()
    cursor = QTextCursor(document)
    # Python 3.11 starts with a few thousand references to None; a leaking binding would have
    # aborted the interpreter long before the end of this loop.
    cursor.insertText("some text")
    for _ in range(20_000):
        cursor.setPosition(3)  # returns nothing
    assert cursor.position() == 3
    assert sys.getrefcount(None) > 1_000
