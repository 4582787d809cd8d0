from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMainWindow, QMessageBox
from pytestqt.qtbot import QtBot

from communitydesk.core.instance import FolderLock
from communitydesk.core.paths import DataPaths
from communitydesk.ui.app import run_app
from communitydesk.ui.single_instance import ShowRequests, ask_running_window_to_show


def test_a_second_start_brings_the_open_window_forward(qtbot: QtBot, tmp_path: Path) -> None:
    assert not ask_running_window_to_show(tmp_path)  # nothing open yet
    window = QMainWindow()
    qtbot.addWidget(window)
    ShowRequests(tmp_path, window)
    assert not window.isVisible()

    assert ask_running_window_to_show(tmp_path)
    qtbot.waitUntil(window.isVisible)


def test_a_locked_folder_is_not_opened_twice(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = DataPaths(tmp_path / "data").ensure()
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: said.append(text))
    with FolderLock(paths.lock_file):  # another window has it, and does not answer
        assert run_app(paths, "en", language_forced=True) == 1
    assert said and "already open on this data folder" in said[0]
    assert not paths.database.exists()  # nothing was opened, let alone written
