"""Automatic backups from the window, and restoring one from the list."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from communitydesk.ui.app import Session
from communitydesk.ui.dialogs.backups_dialog import BackupsDialog
from communitydesk.ui.main_window import MainWindow
from communitydesk.ui.panels.settings import SettingsPanel


def test_the_window_backs_up_when_due(window: MainWindow, qtbot: QtBot) -> None:
    backups = window._services.paths.backups
    window.backup_if_due()
    qtbot.waitUntil(lambda: not window.tasks.busy)
    made = list(backups.glob("auto-*.sqlite3"))
    assert len(made) == 1
    assert window.statusBar().currentMessage().startswith("Backed up automatically at ")
    window.backup_if_due()  # a few minutes later: not due again
    qtbot.waitUntil(lambda: not window.tasks.busy)
    assert list(backups.glob("auto-*.sqlite3")) == made
    assert window.backup_warning.text() == ""


def test_restore_a_copy_from_the_list(
    session: Session, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = session.open_window()  # not given to qtbot: the restore closes and deletes it
    services = session.services
    services.maintenance.backup_if_due()
    name = services.organization.require().name
    services.organization.update(replace(services.organization.require(), name="Renamed since"))

    window.show_area("settings")
    panel = window.stack.currentWidget()
    assert isinstance(panel, SettingsPanel)
    panel.backups_button.click()
    dialog = panel.backups_dialog
    assert isinstance(dialog, BackupsDialog)
    qtbot.waitUntil(lambda: dialog.pending is None)
    assert dialog.table.rowCount() == 1
    cells = [dialog.table.item(0, c).text() for c in range(4)]  # type: ignore[union-attr]
    assert cells[1] == "automatic"
    assert cells[2] == str(services.dashboard.summary().people)

    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda *_a: None)
    dialog.restore_selected()
    qtbot.waitUntil(lambda: session.window is not window)
    assert session.window is not None
    qtbot.addWidget(session.window)
    assert session.services.organization.require().name == name
    assert session.window.windowTitle() == f"{name} — CommunityDesk"
    assert any(services.paths.backups.glob("before-restore-*.sqlite3"))
    session.window.tasks.wait_for_done()
