"""Turning encryption on and off from Settings, and the recovery key shown once."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot

from communitydesk.db.engine import is_encrypted
from communitydesk.ui import app as app_module
from communitydesk.ui.app import Session
from communitydesk.ui.dialogs.encryption_dialog import EncryptionDialog
from communitydesk.ui.panels.settings import SettingsPanel


def test_the_passphrase_is_typed_twice_and_long_enough(qtbot: QtBot) -> None:
    dialog = EncryptionDialog(turn_on=True)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.passphrase, "short")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.error.text() == "Choose a passphrase of at least 8 characters."
    dialog.passphrase.setText("our cedar tree")
    qtbot.keyClicks(dialog.again, "our cedar tre")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.error.text() == "The two passphrases differ; type them again."
    assert dialog.result() == 0


def test_encrypt_from_settings_then_turn_it_off(
    session: Session, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(app_module, "show_recovery_key", lambda _w, key: shown.append(key))
    monkeypatch.setattr(QMessageBox, "information", lambda *_a: None)
    paths = session.services.paths
    people = session.services.dashboard.summary().people
    window = session.open_window()
    window.show_area("settings")
    panel = window.stack.currentWidget()
    assert isinstance(panel, SettingsPanel)
    assert panel.encryption_button.text() == "Encrypt the data…"

    panel.encryption_requested.emit("our cedar tree 1987", True)
    qtbot.waitUntil(lambda: session.window is not window, timeout=20_000)
    assert is_encrypted(paths.database) and len(shown) == 1 and len(shown[0]) == 29
    assert session.services.dashboard.summary().people == people

    reopened = session.window
    assert reopened is not None
    window = reopened
    window.show_area("settings")
    panel = window.stack.currentWidget()
    assert isinstance(panel, SettingsPanel)
    assert panel.encryption_button.text() == "Turn encryption off…"
    panel.encryption_requested.emit("our cedar tree 1987", False)
    qtbot.waitUntil(lambda: session.window is not window, timeout=20_000)
    assert not is_encrypted(paths.database)
    assert session.services.dashboard.summary().people == people
    assert session.window is not None
    session.window.tasks.wait_for_done()
    session.window.close()
