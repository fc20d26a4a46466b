"""Fixtures for the window tests: a shown main window and article pairs with a known alignment."""

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
def window(qtbot, session):
    window = MainWindow(session, None)
    qtbot.addWidget(window)
    window.resize(1000, 640)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def short_pair(tmp_path) -> Pair:
    return make_pair(tmp_path, SHORT_SHAPES, SHORT_CONFIDENCES, name="short")


@pytest.fixture
def long_pair(tmp_path) -> Pair:
    return make_pair(tmp_path, LONG_SHAPES, name="long")
