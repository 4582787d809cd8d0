from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QTabWidget
from pytestqt.qtbot import QtBot

from communitydesk.services.people import PersonInput
from communitydesk.services.volunteers import VolunteerInput
from communitydesk.ui.dialogs.choose_person import ChoosePersonDialog
from communitydesk.ui.dialogs.volunteer_dialog import VolunteerDialog
from communitydesk.ui.main_window import MainWindow
from communitydesk.ui.panels.volunteers import VolunteersPanel


def test_the_volunteers_tab_shows_what_comes_due(window: MainWindow, qtbot: QtBot) -> None:
    services = window._services
    uid = services.people.create(PersonInput("Amina", "Farah")).uid
    services.volunteers.enroll(uid, VolunteerInput(date(2024, 1, 1)))
    today = date.today()
    services.volunteers.add_check(
        uid, "screening", "Police check", date(2020, 1, 1), date(today.year - 1, 1, 1)
    )
    panel = _volunteers_panel(window, qtbot)
    volunteers = services.dashboard.summary().volunteers
    assert panel.count.text() == f"{volunteers} volunteers"
    rows = [
        [item.text() if (item := panel.due.item(r, c)) else "" for c in range(4)]
        for r in range(panel.due.rowCount())
    ]
    assert rows[0][:2] == ["Amina Farah", "Screening: Police check"]
    assert rows[0][3] == "expired"


def test_recording_a_volunteer(window: MainWindow, qtbot: QtBot) -> None:
    services = window._services
    uid = services.people.create(PersonInput("Yonas", "Haile")).uid
    services.people.create(PersonInput("Selam", "Tesfay"))
    dialog = VolunteerDialog(services.volunteers, services.people, uid, "Yonas Haile")
    qtbot.addWidget(dialog)
    assert not dialog.roles_box.isEnabled()
    qtbot.keyClicks(dialog.skills, "Driving, Tigrinya interpretation")
    qtbot.keyClicks(dialog.emergency_phone, "6135550190")
    dialog.save()
    assert dialog.roles_box.isEnabled()
    assert dialog.emergency_phone.text() == "(613) 555-0190"

    qtbot.keyClicks(dialog.role, "Phone tree")
    qtbot.keyClicks(dialog.backup.search, "Selam")
    qtbot.waitUntil(lambda: not dialog.backup.busy)
    dialog.add_role_button.click()
    assert dialog.roles.item(0).text() == "Phone tree — backup: Selam Tesfay"

    dialog.add_check_button.click()
    assert dialog.error.text() == "Name the screening or training."
    qtbot.keyClicks(dialog.check_name, "Police check")
    dialog.expires.setChecked(True)
    dialog.add_check_button.click()
    assert dialog.checks.count() == 1 and "expires" in dialog.checks.item(0).text()

    detail = services.volunteers.get(uid)
    assert detail is not None
    assert detail.volunteer.skills == "Driving, Tigrinya interpretation"
    assert [c.name for c in detail.checks] == ["Police check"]


def _volunteers_panel(window: MainWindow, qtbot: QtBot) -> VolunteersPanel:
    window.show()
    window.show_area("people")
    tabs = window.panels["people"]
    assert isinstance(tabs, QTabWidget)
    tabs.setCurrentIndex(2)
    panel = tabs.widget(2)
    assert isinstance(panel, VolunteersPanel)
    qtbot.waitUntil(lambda: panel.list.rowCount() > 0)
    return panel


def _names(panel: VolunteersPanel) -> list[str]:
    return [row.display_name for row in panel._rows]


def _when_modal(kind: type[QDialog], act: Callable[[QDialog], None]) -> None:
    """Act on the next modal dialog of `kind`; close it if the act fails, so no test hangs."""
    tries = [0]

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, kind):
            tries[0] += 1
            if tries[0] < 250:
                QTimer.singleShot(20, run)
            return
        try:
            act(dialog)
        except BaseException:
            dialog.reject()
            raise

    QTimer.singleShot(0, run)


def test_make_someone_a_volunteer_then_undo(window: MainWindow, qtbot: QtBot) -> None:
    panel = _volunteers_panel(window, qtbot)
    window._services.people.create(PersonInput("Zewdi", "Kahsay"))
    before = len(panel._rows)

    def choose(dialog: QDialog) -> None:
        assert isinstance(dialog, ChoosePersonDialog)
        qtbot.keyClicks(dialog.picker.search, "Zewdi")
        qtbot.waitUntil(lambda: not dialog.picker.busy)
        assert dialog.chosen()[1] == "Zewdi Kahsay"
        _when_modal(VolunteerDialog, record)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    def record(dialog: QDialog) -> None:
        assert isinstance(dialog, VolunteerDialog)
        qtbot.keyClicks(dialog.skills, "Cooking")
        dialog.save()
        dialog.reject()  # closed with the window's button: the record is saved already

    _when_modal(ChoosePersonDialog, choose)
    panel.new_button.click()
    qtbot.waitUntil(lambda: "Zewdi Kahsay" in _names(panel))
    assert panel.undo_button.text() == "Undo: add Zewdi Kahsay"

    window.activateWindow()  # back from the dialogs
    qtbot.waitUntil(window.isActiveWindow)
    panel.list.setFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(panel._rows) == before)
    assert "Zewdi Kahsay" not in _names(panel)


def test_someone_stops_volunteering_then_undo(window: MainWindow, qtbot: QtBot) -> None:
    panel = _volunteers_panel(window, qtbot)
    panel.list.selectRow(0)
    leaving = panel._rows[0]
    detail = window._services.volunteers.get(leaving.person_uid)

    panel.stop_button.click()
    qtbot.waitUntil(lambda: leaving.display_name not in _names(panel))
    assert window._services.volunteers.get(leaving.person_uid) is None

    panel.undo_button.click()
    qtbot.waitUntil(lambda: leaving.display_name in _names(panel))
    assert window._services.volunteers.get(leaving.person_uid) == detail
