from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from communitydesk.ui.dialogs.crash import CrashDialog, crash_report
from communitydesk.ui.main_window import MainWindow
from communitydesk.ui.panels.settings import SettingsPanel


def _report() -> str:
    try:
        empty: dict[str, int] = {}
        empty["missing"]
    except KeyError:
        kind, value, tb = sys.exc_info()
        assert kind is not None and value is not None
        return crash_report(kind, value, tb)
    raise AssertionError


def test_crash_dialog_offers_a_copyable_report(qtbot: QtBot, tmp_path: Path) -> None:
    report = _report()
    assert "CommunityDesk" in report and "KeyError: 'missing'" in report
    dialog = CrashDialog(report, tmp_path / "logs" / "communitydesk.log")
    qtbot.addWidget(dialog)
    assert "KeyError" in dialog.text.toPlainText()
    assert str(tmp_path / "logs") in dialog.log_label.text()
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == report
    assert dialog.copy_button.text() == "Copied"


def _settings(window: MainWindow) -> SettingsPanel:
    window.show_area("settings")
    panel = window.panels["settings"]
    assert isinstance(panel, SettingsPanel)
    return panel


def test_editing_the_profile(window: MainWindow, qtbot: QtBot) -> None:
    panel = _settings(window)
    panel.form.legal_name.clear()
    qtbot.keyClicks(panel.form.legal_name, "Association des familles Riverside inc.")
    panel.form.mission.setPlainText("Accueillir les familles.")
    panel.save_button.click()
    profile = window._services.organization.require()
    assert profile.legal_name == "Association des familles Riverside inc."
    assert profile.mission == "Accueillir les familles."
    # The window is rebuilt with the new profile; the saved value is on the new form.
    assert _settings(window).form.legal_name.text() == "Association des familles Riverside inc."


def test_a_bad_email_is_shown_next_to_the_field(window: MainWindow, qtbot: QtBot) -> None:
    panel = _settings(window)
    panel.show()
    panel.form.email.clear()
    qtbot.keyClicks(panel.form.email, "info at riverside")
    panel.save_button.click()
    error = panel.form.fields["email"].error
    assert error.isVisible()
    assert error.text() == "This does not look like an e-mail address."
    assert window._services.organization.require().email == "info@riverside-families.example.org"


def test_back_up_from_settings(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    panel = _settings(window)
    target = tmp_path / "usb" / "backup.sqlite3"
    panel.backup_to(target)
    qtbot.waitUntil(lambda: "verified" in panel.backup_label.text(), timeout=5000)
    assert target.exists()
    assert panel.backup_button.isEnabled()


def test_replacing_the_sample_with_our_own_organization(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from communitydesk.services.organization import OrganizationProfile
    from communitydesk.ui.app import Session
    from communitydesk.ui.panels.dashboard import DashboardPanel

    services = window._services
    asked: list[bool] = []

    def ask(self: Session) -> bool:
        asked.append(True)
        services.organization.create(OrganizationProfile(name="Somali Parents' Association"))
        return True

    monkeypatch.setattr(Session, "ask_for_organization", ask)
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: QMessageBox.StandardButton.Yes)
    panel = _settings(window)
    assert panel.start_over_button.isVisibleTo(window)
    panel.start_over_button.click()
    qtbot.waitUntil(lambda: bool(asked) and window.isVisible(), timeout=5000)
    assert window.windowTitle().startswith("Somali Parents' Association")
    dashboard = window.stack.currentWidget()
    assert isinstance(dashboard, DashboardPanel)
    qtbot.waitUntil(lambda: dashboard.cards["people"].value.text() == "0")
    assert not dashboard.sample_banner.isVisibleTo(window)
    assert list(services.paths.backups.glob("before-discard-sample-*.sqlite3"))
