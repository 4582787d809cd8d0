"""Guards against known faults of the Qt binding the project runs on."""

from __future__ import annotations

import sys

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication


def test_event_loops_keep_none_alive(qapp: QApplication) -> None:
    # PySide6 6.12.0 decrements None's reference count on each call; on Python 3.11, where None
    # is not immortal, the process dies with "deallocating None" after enough dialogs.
    before = sys.getrefcount(None)
    for _ in range(100):
        qapp.processEvents()
        loop = QEventLoop()
        QTimer.singleShot(0, loop.quit)
        loop.exec()
    assert sys.getrefcount(None) >= before - 20
