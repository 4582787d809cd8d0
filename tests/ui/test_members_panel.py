from __future__ import annotations

from PySide6.QtWidgets import QTabWidget
from pytestqt.qtbot import QtBot

from communitydesk.services.people import PersonInput
from communitydesk.ui.dialogs.membership_dialogs import KindsDialog, RecordMembershipDialog
from communitydesk.ui.main_window import MainWindow
from communitydesk.ui.panels.members import MembersPanel


def test_kinds_record_renew_and_mark_paid(window: MainWindow, qtbot: QtBot) -> None:
    services = window._services
    kinds = KindsDialog(services.membership, "CAD")
    qtbot.addWidget(kinds)
    qtbot.keyClicks(kinds.name, "Youth circle")
    qtbot.keyClicks(kinds.dues, "25.5.0")
    kinds.add_button.click()
    assert kinds.error.text() == "Write an amount, e.g. 25.00."
    kinds.dues.clear()
    qtbot.keyClicks(kinds.dues, "$25.50")
    kinds.add_button.click()
    shown = [kinds.kinds.item(row).text() for row in range(kinds.kinds.count())]
    assert "Youth circle — $25.50 — 12 months" in shown

    services.people.create(PersonInput("Hodan", "Warsame"))
    record = RecordMembershipDialog(services.membership, services.people)
    qtbot.addWidget(record)
    record.accept()
    assert record.error.text() == "Choose a person and a kind of membership."
    qtbot.keyClicks(record.picker.search, "Hodan")
    qtbot.waitUntil(lambda: not record.picker.busy)
    assert record.picker.choices.currentText().startswith("Hodan Warsame")
    record.kind.setCurrentIndex(record.kind.findText("Youth circle"))
    record.accept()
    assert record.result() == RecordMembershipDialog.DialogCode.Accepted

    window.show_area("people")
    tabs = window.panels["people"]
    assert isinstance(tabs, QTabWidget)
    tabs.setCurrentIndex(3)
    panel = tabs.widget(3)
    assert isinstance(panel, MembersPanel)
    qtbot.waitUntil(lambda: panel.members.rowCount() > 0)

    def hodan() -> tuple[int, list[str]]:
        for row in range(panel.members.rowCount()):
            cells = [item.text() if (item := panel.members.item(row, c)) else "" for c in range(5)]
            if cells[0] == "Hodan Warsame":
                return row, cells
        raise AssertionError("Hodan is not listed")

    row, cells = hodan()
    assert cells[1] == "Youth circle" and cells[3] == "\u2066$25.50\u2069" and cells[4] == "due"
    panel.members.selectRow(row)
    panel.paid_button.click()
    qtbot.waitUntil(lambda: hodan()[1][4] == "paid")
    assert panel.undo_button.text() == "Undo: dues paid by Hodan Warsame"

    panel.undo_button.click()
    qtbot.waitUntil(lambda: hodan()[1][4] == "due")

    row, _cells = hodan()
    panel.members.selectRow(row)
    panel.cancel_button.click()  # recorded by mistake: taken back, then undone
    qtbot.waitUntil(lambda: "Hodan Warsame" not in _member_names(panel))
    panel.undo_button.click()
    qtbot.waitUntil(lambda: "Hodan Warsame" in _member_names(panel))


def _member_names(panel: MembersPanel) -> list[str]:
    return [
        item.text() if (item := panel.members.item(row, 0)) else ""
        for row in range(panel.members.rowCount())
    ]
