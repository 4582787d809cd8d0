from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TypeVar

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QTabWidget
from pytestqt.qtbot import QtBot

from communitydesk.core.i18n import format_date
from communitydesk.services.people import PersonInput
from communitydesk.ui.dialogs.contact_dialog import ContactDialog
from communitydesk.ui.dialogs.household_dialog import HouseholdDialog
from communitydesk.ui.main_window import MainWindow
from communitydesk.ui.panels.households import HouseholdsPanel

T = TypeVar("T", bound=QDialog)


def _panel(window: MainWindow, qtbot: QtBot) -> HouseholdsPanel:
    window.show_area("people")
    tabs = window.panels["people"]
    assert isinstance(tabs, QTabWidget)
    tabs.setCurrentIndex(1)
    panel = tabs.widget(1)
    assert isinstance(panel, HouseholdsPanel)
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0)
    return panel


def test_households_are_listed_and_searchable(window: MainWindow, qtbot: QtBot) -> None:
    panel = _panel(window, qtbot)
    total = window._services.dashboard.summary().households
    assert panel.count.text() == f"{total} households"
    QAbstractItemModelTester(panel.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    first = panel.model.row_at(0)
    qtbot.keyClicks(panel.search, first.name[:3].upper() if first.name.isascii() else first.name)
    qtbot.waitUntil(lambda: panel._pending is None and not panel._debounce.isActive())
    assert all(
        first.name[:3].lower() in panel.model.row_at(r).name.lower()
        for r in range(panel.model.rowCount())
    )


def test_a_new_household_gets_its_members(window: MainWindow, qtbot: QtBot) -> None:
    services = window._services
    grandma = services.people.create(PersonInput("Bà Mai", "Lê", birth_year=1950)).uid
    dialog = HouseholdDialog(services.households, services.people, services.support)
    qtbot.addWidget(dialog)
    assert not dialog.members_box.isVisibleTo(dialog)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.name_field.error.text() == "Give the household a name, e.g. the family name."
    qtbot.keyClicks(dialog.name, "Le family")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.detail is not None

    opened = HouseholdDialog(
        services.households,
        services.people,
        services.support,
        services.households.get(dialog.detail.uid),
    )
    qtbot.addWidget(opened)
    qtbot.keyClicks(opened.picker.search, "Ba Mai")
    qtbot.waitUntil(lambda: not opened.picker.busy)
    assert opened.picker.uid() == grandma
    opened.role.setCurrentIndex(opened.role.findData("grandparent"))
    opened.add_button.click()
    assert opened.members.count() == 1
    assert opened.members.item(0).text() == "★ Bà Mai Lê — Grandparent (born 1950)"
    opened.members.setCurrentRow(0)
    opened.remove_button.click()
    assert opened.members.count() == 0
    assert services.people.get(grandma).household == ""


def test_delete_a_household_then_undo_with_ctrl_z(window: MainWindow, qtbot: QtBot) -> None:
    panel = _panel(window, qtbot)
    panel.table.setFocus()
    panel.table.selectRow(0)
    chosen = panel.model.row_at(0)
    members = window._services.households.get(chosen.uid).members
    before = panel.model.rowCount()

    panel.delete_button.click()
    qtbot.waitUntil(lambda: panel._pending is None and panel.model.rowCount() == before - 1)
    assert panel.undo_button.text() == f"Undo: delete {chosen.name}"

    qtbot.keyClick(panel.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: panel._pending is None and panel.model.rowCount() == before)
    assert window._services.households.get(chosen.uid).members == members
    assert not panel.undo_button.isEnabled()


def test_undo_an_edit_made_in_the_household_window(window: MainWindow, qtbot: QtBot) -> None:
    panel = _panel(window, qtbot)
    services = window._services
    newcomer = services.people.create(PersonInput("Selam", "Tesfay")).uid
    panel.table.selectRow(0)
    chosen = panel.model.row_at(0)

    def edit(dialog: HouseholdDialog) -> None:
        dialog.name.setText("Renamed")
        dialog.picker.search.setText("Selam Tesfay")
        qtbot.waitUntil(lambda: not dialog.picker.busy)
        dialog.add_button.click()
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    QTimer.singleShot(0, lambda: edit(_open_dialog()))
    panel.open_button.click()
    qtbot.waitUntil(lambda: panel._pending is None)
    assert services.people.get(newcomer).household == "Renamed"
    assert panel.undo_button.text() == "Undo: edit Renamed"

    panel.undo_button.click()
    qtbot.waitUntil(lambda: panel._pending is None)
    assert services.households.get(chosen.uid).household.name == chosen.name
    assert services.people.get(newcomer).household == ""


def _open_dialog() -> HouseholdDialog:
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, HouseholdDialog)
    return dialog


def test_log_a_contact_with_a_family_member(window: MainWindow, qtbot: QtBot) -> None:
    panel = _panel(window, qtbot)
    services = window._services
    panel.table.selectRow(0)
    chosen = panel.model.row_at(0)
    member = services.households.get(chosen.uid).members[0]

    def log(dialog: ContactDialog) -> None:
        dialog.with_whom.setCurrentIndex(dialog.with_whom.findData(member.uid))
        dialog.kind.setCurrentIndex(dialog.kind.findData("accompaniment"))
        dialog.minutes.setValue(90)
        qtbot.keyClicks(dialog.note, "Hospital appointment, went well")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    def in_household(dialog: HouseholdDialog) -> None:
        before = dialog.contacts.count()
        QTimer.singleShot(0, lambda: _on_modal(ContactDialog, log))
        dialog.log_button.click()
        assert dialog.contacts.count() == before + 1
        assert (
            dialog.contacts.item(0)
            .text()
            .startswith(
                f"{format_date(date.today())} — Accompaniment to an appointment — "
                f"{member.display_name} (90 min"
            )
        )
        assert dialog.contacts.item(0).text().endswith(": Hospital appointment, went well")
        dialog.reject()

    QTimer.singleShot(0, lambda: _on_modal(HouseholdDialog, in_household))
    panel.open_button.click()
    qtbot.waitUntil(lambda: panel._pending is None)
    row = next(r for r in panel.model._rows if r.uid == chosen.uid)
    assert row.last_contact == date.today()
    column = panel.model.headers()
    assert list(column.values())[-1] == "Last contact"


def _on_modal(kind: type[T], act: Callable[[T], None]) -> None:
    dialog = QApplication.activeModalWidget()
    if not isinstance(dialog, kind):
        QTimer.singleShot(20, lambda: _on_modal(kind, act))
        return
    act(dialog)
