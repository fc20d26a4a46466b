"""The Qt layer: the only package that imports PySide6. Widgets wrap the Qt-free core.

Importing this package also guards against a PySide6 defect: PySide6 6.12.0 on Python 3.11 drops
a reference to ``None`` on every call of a method that returns nothing (``QTextCursor.insertText``,
``QScrollBar.setValue``, ...). Python 3.11 counts references to ``None`` (3.12 made it immortal),
so after a few thousand such calls the interpreter aborts with "none_dealloc: deallocating None".
When a quick probe shows the defect, ``None`` is given the practically endless reference count that
Python 3.12 gives it. The proper fix is to avoid that PySide6 release (see pyproject.toml).
"""

from __future__ import annotations

import ctypes
import sys

# Far beyond any number of calls in a session, yet far from overflowing a signed 64-bit count.
_IMMORTAL_REFERENCES = 1 << 40


def _pyside_drops_none_references() -> bool:
    from PySide6.QtCore import QPointF

    point = QPointF()
    before = sys.getrefcount(None)
    for _ in range(64):
        point.setX(1.0)  # returns nothing: a correct binding leaves None's count unchanged
    return sys.getrefcount(None) < before - 32


def _guard_none_refcount() -> None:
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return  # None is immortal there; nothing can free it
    if _pyside_drops_none_references():
        # ob_refcnt is the first field of every CPython object, at the object's address.
        ctypes.c_ssize_t.from_address(id(None)).value += _IMMORTAL_REFERENCES


_guard_none_refcount()
