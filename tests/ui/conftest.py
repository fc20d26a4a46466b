"""Fixtures for the window tests: a shown main window and article pairs with a known alignment.

Every window gets its own glossary database in ``tmp_path`` (passed explicitly, never the user's).
"""

from __future__ import annotations

import pytest
from ui_pairs import LONG_SHAPES, SHORT_CONFIDENCES, SHORT_SHAPES, make_pair

from reader.ui.main_window import MainWindow
from reader.ui.pairing import Pair
from reader.ui.session import PairSession


@pytest.fixture
def session():
    return PairSession()


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "glossary" / "test.sqlite3"


@pytest.fixture
def window(qtbot, session, db_path):
    window = MainWindow(session, None, db_path=db_path)
    qtbot.addWidget(window)
    # The screenshot's size: the glossary dock on the right leaves each pane about 420 px.
    window.resize(1280, 800)
    window.show()
    window.fit_glossary_dock()
    qtbot.waitExposed(window)
    yield window
    window.close()  # closes the glossary database


@pytest.fixture
def short_pair(tmp_path) -> Pair:
    return make_pair(tmp_path, SHORT_SHAPES, SHORT_CONFIDENCES, name="short")


@pytest.fixture
def long_pair(tmp_path) -> Pair:
    return make_pair(tmp_path, LONG_SHAPES, name="long")
