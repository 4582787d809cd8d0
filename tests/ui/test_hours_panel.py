"""The volunteer hours panel: log hours as typed, see totals and their value, undo, print."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtTest import QAbstractItemModelTester, QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from communitydesk.core.i18n import without_isolates
from communitydesk.services.context import Services
from communitydesk.services.hours_statement import HoursStatementService
from communitydesk.services.people import PersonInput
from communitydesk.services.programs import ProgramInput
from communitydesk.services.sessions import SessionInput
from communitydesk.ui.dialogs.hours_dialog import HoursDialog
from communitydesk.ui.panels.hours import HoursPanel
from communitydesk.ui.qt_language import apply_language
from communitydesk.ui.tasks import TaskRunner


@pytest.fixture
def tasks(qtbot: QtBot) -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.wait_for_done()
    qtbot.waitUntil(lambda: not runner.busy)


def _panel(organized: Services, tasks: TaskRunner, qtbot: QtBot) -> HoursPanel:
    panel = HoursPanel(
        organized.volunteer_hours,
        HoursStatementService(organized.database),
        organized.programs,
        organized.sessions,
        organized.people,
        tasks,
        "CAD",
    )
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitUntil(lambda: not panel.busy)
    return panel


def _cells(model: QAbstractItemModel) -> list[list[str]]:
    return [
        [without_isolates(str(model.index(r, c).data() or "")) for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def test_logging_hours_shows_totals_value_and_undo(
    organized: Services, tasks: TaskRunner, qtbot: QtBot
) -> None:
    amina = organized.people.create(PersonInput("Amina", "Farah")).uid
    program = organized.programs.create(ProgramInput("Homework club")).uid
    organized.sessions.create(SessionInput(program, date.today(), topic="Fractions"))
    panel = _panel(organized, tasks, qtbot)
    QAbstractItemModelTester(panel.totals_model)
    QAbstractItemModelTester(panel.entries_model)
    assert without_isolates(panel.summary.text()).startswith("No volunteer hours between Jan 1,")
    assert not panel.statement_button.isEnabled() and not panel.remove_button.isEnabled()

    panel.log_button.click()
    dialog = panel.dialog
    assert isinstance(dialog, HoursDialog) and dialog.isVisible()
    qtbot.keyClicks(dialog.volunteer.search, "Amina")
    qtbot.waitUntil(lambda: not dialog.volunteer.busy)
    assert dialog.volunteer.uid() == amina
    assert dialog.time_read.text() == "hours, or hours:minutes"
    qtbot.keyClicks(dialog.time_given, "1;")
    assert dialog.time_read.text() == "Write 2, 1.5 or 1:30"
    dialog.time_given.clear()
    qtbot.keyClicks(dialog.time_given, "1:30")
    assert dialog.time_read.text() == "= 1 h 30 min"
    qtbot.keyClicks(dialog.role, "Tutor")
    dialog.program.setCurrentIndex(dialog.program.findText("Homework club"))
    qtbot.waitUntil(lambda: not dialog.busy)
    assert dialog.session.count() == 2 and dialog.session.itemText(1).endswith("Fractions")
    dialog.session.setCurrentIndex(1)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: dialog.saved is not None and not panel.busy)
    assert not dialog.isVisible()

    assert _cells(panel.totals_model)[0][:3] == ["Amina Farah", "1.5 h", "1"]
    assert panel.selected_volunteer() is not None  # the volunteer just logged is shown
    summary = without_isolates(panel.summary.text())
    assert summary.startswith("<b>1.5 hours given by 1 volunteer between Jan 1,")
    assert without_isolates(panel.value.text()) == "In-kind value: $37.50 (at $25.00 an hour)"
    assert panel.entries_title.text() == "<b>Entries of Amina Farah</b>"
    entry = _cells(panel.entries_model)[0]
    assert (entry[2], entry[3], entry[4]) == ("Homework club", "Tutor", "1.5 h")
    assert panel.entries.isColumnHidden(1)  # the volunteer's own entries: no name column

    panel.entries.selectRow(0)
    assert panel.remove_button.isEnabled()
    panel.remove_button.click()
    qtbot.waitUntil(lambda: not panel.busy)
    assert panel.totals_model.rowCount() == 0 and panel.entries_model.rowCount() == 0
    undo = without_isolates(panel.undo_button.text())
    assert undo == f"Undo: remove Amina Farah's hours of {entry[0]}"
    panel.undo_button.click()
    qtbot.waitUntil(lambda: not panel.busy)
    assert _cells(panel.totals_model)[0][:2] == ["Amina Farah", "1.5 h"]
    assert organized.volunteer_hours.totals()[0].minutes == 90


def test_the_hours_statement_has_the_total(
    organized: Services, tasks: TaskRunner, qtbot: QtBot
) -> None:
    from communitydesk.services.volunteer_hours import HoursInput

    hodan = organized.people.create(PersonInput("Hodan", "Abdi")).uid
    today = date.today()
    for minutes in (120, 45):
        organized.volunteer_hours.log(HoursInput(hodan, date(today.year, 1, 1), minutes))
    panel = _panel(organized, tasks, qtbot)
    assert _cells(panel.totals_model)[0][:3] == ["Hodan Abdi", "2.75 h", "2"]
    assert panel.entries_title.text() == "<b>Latest entries of all volunteers in the period</b>"
    panel.totals.selectRow(0)
    qtbot.waitUntil(lambda: not panel.busy)
    assert panel.statement_button.isEnabled()
    panel.statement_button.click()
    qtbot.waitUntil(lambda: panel.preview_dialog is not None and panel.preview_dialog.isVisible())
    assert panel.preview_dialog is not None and panel.statement is not None
    text = panel.statement.text()
    assert "This is to confirm that Hodan Abdi gave 2.75 hours of volunteer time" in text
    assert "Cercle des aînés" in text
    assert panel.preview_dialog.pdf.pageCount() == 1
    panel.preview_dialog.close()


def test_in_arabic_the_chosen_volunteer_stays_chosen_after_a_refresh(
    qapp: QApplication, organized: Services, tasks: TaskRunner, qtbot: QtBot
) -> None:
    from communitydesk.services.volunteer_hours import HoursInput

    apply_language(qapp, "ar")
    for given in ("Amina", "Yonas"):
        uid = organized.people.create(PersonInput(given, "Farah")).uid
        organized.volunteer_hours.log(HoursInput(uid, date(date.today().year, 1, 1), 60))
    panel = _panel(organized, tasks, qtbot)
    assert panel.layoutDirection() == Qt.LayoutDirection.RightToLeft
    cell = panel.totals.visualRect(panel.totals_model.index(1, 0))
    QTest.mouseClick(panel.totals.viewport(), Qt.MouseButton.LeftButton, pos=cell.center())
    qtbot.waitUntil(lambda: not panel.busy)
    chosen = panel.selected_volunteer()
    assert chosen is not None and chosen.volunteer in panel.entries_title.text()
    panel.refresh()  # as after an undo: the rows are read again
    qtbot.waitUntil(lambda: not panel.busy)
    again = panel.selected_volunteer()
    assert again is not None and again.person_uid == chosen.person_uid
    assert {entry.person_uid for entry in map(panel.entries_model.row_at, range(1))} == {
        chosen.person_uid
    }
