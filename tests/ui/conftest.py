from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from communitydesk.services.context import Services
from communitydesk.ui.app import Session
from communitydesk.ui.main_window import MainWindow
from communitydesk.ui.qt_language import apply_language


@pytest.fixture(autouse=True)
def _qt_english(qapp: QApplication) -> Iterator[None]:
    apply_language(qapp, "en")
    yield
    apply_language(qapp, "en")


@pytest.fixture
def session(qapp: QApplication, sample: Services) -> Session:
    return Session(qapp, sample, "en")


@pytest.fixture
def window(session: Session, qtbot: object) -> Iterator[MainWindow]:
    opened = session.open_window()
    qtbot.addWidget(opened)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: not opened.tasks.busy)  # type: ignore[attr-defined]
    yield opened
    opened.tasks.wait_for_done()
