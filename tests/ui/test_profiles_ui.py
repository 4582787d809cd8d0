"""Profiles in the window: the first one from Settings, signing in, and what a role sees."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from communitydesk.services.context import Services
from communitydesk.services.people import PersonInput
from communitydesk.ui.dialogs.person_dialog import PersonDialog
from communitydesk.ui.dialogs.sign_in import SignInDialog
from communitydesk.ui.main_window import MainWindow
from communitydesk.ui.panels.settings import SettingsPanel


def test_the_first_profile_is_a_leader_made_in_settings(window: MainWindow, qtbot: QtBot) -> None:
    window.show_area("settings")
    panel = window.stack.currentWidget()
    assert isinstance(panel, SettingsPanel)
    box = panel.profiles_box
    assert box.isEnabled() and box.role.currentData() == "leader"
    qtbot.keyClicks(box.name, "Amina")
    qtbot.keyClicks(box.pin, "2468")
    box.add_button.click()
    assert [box.list.item(r).text() for r in range(box.list.count())] == ["Amina — Group leader"]
    assert window.who.text() == "Amina (Group leader)"
    assert window.switch_action.isVisible()


def test_sign_in_asks_for_the_pin(services: Services, qtbot: QtBot) -> None:
    services.profiles.add("Amina", "leader")
    services.profiles.add("Selam", "volunteer", pin="1357")
    dialog = SignInDialog(services.profiles)
    qtbot.addWidget(dialog)
    names = [dialog.people.item(r).text() for r in range(dialog.people.count())]
    assert names == ["Amina — Group leader", "Selam — Volunteer (looks, takes attendance)"]
    assert not dialog.pin.isVisibleTo(dialog)  # Amina has no PIN
    dialog.people.setCurrentRow(1)
    assert dialog.pin.isVisibleTo(dialog)
    qtbot.keyClicks(dialog.pin, "0000")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.error.text() == "That PIN is not right. Try again."
    assert dialog.signed_in is None
    dialog.pin.clear()
    qtbot.keyClicks(dialog.pin, "1357")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.signed_in is not None and dialog.signed_in.name == "Selam"
    assert services.profiles.current == dialog.signed_in


@pytest.mark.parametrize(("role", "shown"), [("coordinator", True), ("volunteer", False)])
def test_sensitive_notes_are_on_the_form_for_coordinators_only(
    services: Services, qtbot: QtBot, role: str, shown: bool
) -> None:
    profiles = services.profiles
    profiles.add("Amina", "leader")  # the first profile: signed in
    coordinator = profiles.add("Yonas", "coordinator")
    user = profiles.add("Someone", role)
    profiles.sign_in(coordinator.uid)
    hodan = services.people.create(PersonInput("Hodan", "Warsame", sensitive_notes="private"))
    profiles.sign_in(user.uid)

    dialog = PersonDialog(services.people, services.people.get(hodan.uid))
    qtbot.addWidget(dialog)
    assert dialog.shows_sensitive is shown
    assert dialog.sensitive_notes.isVisibleTo(dialog) is shown
    assert (dialog.sensitive_notes.toPlainText() == "private") is shown


def test_the_retention_period_is_set_in_settings(window: MainWindow, qtbot: QtBot) -> None:
    window.show_area("settings")
    panel = window.stack.currentWidget()
    assert isinstance(panel, SettingsPanel)
    box = panel.retention_box
    assert box.years.text() == "without limit"
    box.years.setValue(3)
    box.save_button.click()
    qtbot.waitUntil(lambda: box.pending is None)
    assert window._services.retention.years() == 3
    assert box.found.text() == "0 people are past the time their details are kept."
    assert not box.anonymize_button.isVisibleTo(box)
