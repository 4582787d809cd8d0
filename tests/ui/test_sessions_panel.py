from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, time, timedelta
from typing import TypeVar

import pytest
from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox
from pytestqt.qtbot import QtBot

from communitydesk.core.i18n import format_date, without_isolates
from communitydesk.services.attendance import AttendanceState
from communitydesk.services.context import Services
from communitydesk.services.people import PersonInput
from communitydesk.services.programs import ProgramInput, VenueInput
from communitydesk.services.sessions import SessionInput
from communitydesk.ui.dialogs.session_dialog import SessionDialog
from communitydesk.ui.panels.sessions import SessionColumn, SessionsPanel, months_from
from communitydesk.ui.tasks import TaskRunner

D = TypeVar("D", bound=QDialog)
TODAY = date.today()


@pytest.fixture
def tasks(qapp: QApplication) -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.wait_for_done()


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _panel(services: Services, tasks: TaskRunner, qtbot: QtBot) -> SessionsPanel:
    panel = SessionsPanel(
        services.sessions, services.programs, services.attendance, services.people, tasks
    )
    qtbot.addWidget(panel)
    panel.resize(1000, 600)
    panel.show()
    qtbot.waitExposed(panel)
    qtbot.waitUntil(lambda: not panel.busy and panel._loaded)
    return panel


def _on_modal(kind: type[D], act: Callable[[D], None], tries: int = 250) -> None:
    dialog = QApplication.activeModalWidget()
    if not isinstance(dialog, kind):
        if tries:
            QTimer.singleShot(20, lambda: _on_modal(kind, act, tries - 1))
        return
    try:
        act(dialog)
    except BaseException:
        dialog.done(0)
        raise


def _column(panel: SessionsPanel, column: SessionColumn) -> list[str]:
    model = panel.model
    return [str(model.index(row, column).data()) for row in range(model.rowCount())]


def _programs(services: Services) -> tuple[str, str]:
    hall = services.programs.create_venue(VenueInput("St. Mark's hall"))
    circle = services.programs.create(ProgramInput("Seniors circle", venue_uid=hall.uid)).uid
    club = services.programs.create(ProgramInput("Homework club")).uid
    return circle, club


def test_a_weekly_series_made_in_the_dialog(
    organized: Services, tasks: TaskRunner, qtbot: QtBot
) -> None:
    circle, _club = _programs(organized)
    panel = _panel(organized, tasks, qtbot)
    QAbstractItemModelTester(panel.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    assert panel.model.rowCount() == 0
    first = TODAY - timedelta(weeks=3)

    def fill(dialog: SessionDialog) -> None:
        assert dialog.program.currentText() == "Homework club"  # the first by name
        assert dialog.venue.currentText() == "No set venue"
        dialog.program.setCurrentIndex(dialog.program.findData(circle))
        assert dialog.venue.currentText() == "Usual venue: St. Mark's hall"
        dialog.held_on.setDate(_qdate(first))
        dialog.starts_at.check.click()
        dialog.starts_at.edit.setTime(dialog.starts_at.edit.time().fromString("14:00", "HH:mm"))
        qtbot.keyClicks(dialog.topic, "Tea and stories")
        assert without_isolates(dialog.series_count.text()).startswith("One session, on ")
        dialog.repeat.setCurrentIndex(dialog.repeat.findData("weekly"))
        dialog.until.setDate(_qdate(first + timedelta(weeks=1)))
        assert without_isolates(dialog.series_count.text()).startswith(
            f"2 sessions, the last on {format_date(first + timedelta(weeks=1), 'long')}."
        )
        dialog.until.setDate(_qdate(first - timedelta(days=1)))
        assert dialog.series_count.text() == "The last date comes before the first session."
        dialog.until.setDate(_qdate(first + timedelta(weeks=6)))
        assert without_isolates(dialog.series_count.text()).startswith(
            f"7 sessions, the last on {format_date(first + timedelta(weeks=6), 'long')}."
        )
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    QTimer.singleShot(0, lambda: _on_modal(SessionDialog, fill))
    panel.new_button.click()
    qtbot.waitUntil(lambda: not panel.busy and panel.model.rowCount() == 7)
    dates = [first + timedelta(weeks=n) for n in range(6, -1, -1)]  # newest first
    assert _column(panel, SessionColumn.DATE) == [format_date(day) for day in dates]
    assert set(_column(panel, SessionColumn.VENUE)) == {"St. Mark's hall"}
    assert set(_column(panel, SessionColumn.TOPIC)) == {"Tea and stories"}
    assert set(_column(panel, SessionColumn.TIME)) == {"2:00\u202fp.m."}
    planned = sum(day > TODAY for day in dates)
    assert panel.count.text() == f"7 sessions ({planned} planned)"
    present = _column(panel, SessionColumn.PRESENT)
    assert present == ["planned"] * planned + ["—"] * (7 - planned)
    font = panel.model.index(0, 0).data(Qt.ItemDataRole.FontRole)
    assert font is not None and font.italic()
    assert panel.model.index(6, 0).data(Qt.ItemDataRole.FontRole) is None
    assert panel.undo_button.text() == "Undo: add 7 sessions of Seniors circle"

    panel.undo_button.click()
    qtbot.waitUntil(lambda: not panel.busy and panel.model.rowCount() == 0)
    assert organized.sessions.sessions(circle) == ()


def test_filter_by_program_and_period(organized: Services, tasks: TaskRunner, qtbot: QtBot) -> None:
    circle, club = _programs(organized)
    for weeks in (1, 2, 30):
        organized.sessions.create(SessionInput(circle, TODAY - timedelta(weeks=weeks)))
    organized.sessions.create(SessionInput(club, TODAY - timedelta(days=3), time(16), time(17)))
    panel = _panel(organized, tasks, qtbot)
    assert (panel.start.date(), panel.end.date()) == (
        _qdate(months_from(TODAY, -3)),
        _qdate(months_from(TODAY, 1)),
    )
    assert _column(panel, SessionColumn.PROGRAM) == [
        "Homework club",
        "Seniors circle",
        "Seniors circle",
    ]
    assert without_isolates(_column(panel, SessionColumn.TIME)[0]) == (
        "4:00\u202fp.m. – 5:00\u202fp.m."
    )
    assert [panel.program.itemText(i) for i in range(panel.program.count())] == [
        "All programs",
        "Homework club",
        "Seniors circle",
    ]

    panel.program.setCurrentIndex(panel.program.findData(circle))
    qtbot.waitUntil(lambda: not panel.busy and panel.model.rowCount() == 2)
    assert set(_column(panel, SessionColumn.PROGRAM)) == {"Seniors circle"}

    panel.start.setDate(_qdate(TODAY - timedelta(weeks=40)))  # further back: the old one too
    qtbot.waitUntil(lambda: not panel.busy and panel.model.rowCount() == 3)

    panel.show_program(club)
    assert panel.program.currentText() == "Homework club"
    qtbot.waitUntil(lambda: not panel.busy and panel.model.rowCount() == 1)
    panel.show_program("")
    qtbot.waitUntil(lambda: not panel.busy and panel.model.rowCount() == 4)


def test_delete_a_session_then_undo(organized: Services, tasks: TaskRunner, qtbot: QtBot) -> None:
    circle, _club = _programs(organized)
    for days in (1, 8):
        organized.sessions.create(SessionInput(circle, TODAY - timedelta(days=days)))
    panel = _panel(organized, tasks, qtbot)
    panel.table.selectRow(0)
    chosen = panel.selected()
    assert chosen is not None

    panel.delete_button.click()
    qtbot.waitUntil(lambda: not panel.busy and panel.model.rowCount() == 1)
    assert without_isolates(panel.undo_button.text()) == (
        f"Undo: delete the session of {format_date(chosen.held_on)}"
    )
    assert [s.uid for s in organized.sessions.sessions(circle)] != [chosen.uid]

    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not panel.busy and panel.model.rowCount() == 2)
    assert organized.sessions.get(chosen.uid) == chosen


def test_a_planned_session_opens_its_form_and_cannot_take_attendance_yet(
    organized: Services, tasks: TaskRunner, qtbot: QtBot
) -> None:
    circle, _club = _programs(organized)
    organized.sessions.create(SessionInput(circle, TODAY + timedelta(days=5), topic="Picnic"))
    panel = _panel(organized, tasks, qtbot)
    panel.table.setFocus()
    panel.table.selectRow(0)
    assert not panel.attendance_button.isEnabled()

    def move(dialog: SessionDialog) -> None:
        assert not dialog.repeat_box.isVisibleTo(dialog)  # one session never becomes a series
        assert dialog.topic.text() == "Picnic"
        dialog.topic.selectAll()
        qtbot.keyClicks(dialog.topic, "Picnic in the park")
        dialog.held_on.setDate(_qdate(TODAY + timedelta(days=70)))  # past the period shown
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    QTimer.singleShot(0, lambda: _on_modal(SessionDialog, move))
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: not panel.busy and _column(panel, SessionColumn.TOPIC) == ["Picnic in the park"]
    )
    assert panel.end.date() == _qdate(TODAY + timedelta(days=70))  # the period grew to show it
    assert panel.undo_button.text().startswith("Undo: edit the session of ")


def test_take_attendance_opens_the_sheet_and_its_save_shows_here(
    organized: Services, tasks: TaskRunner, qtbot: QtBot
) -> None:
    pytest.importorskip("communitydesk.ui.dialogs.attendance_dialog")
    circle, _club = _programs(organized)
    held = organized.sessions.create(SessionInput(circle, TODAY - timedelta(days=2)))
    lan = organized.people.create(PersonInput("Lan", "Tran")).uid
    panel = _panel(organized, tasks, qtbot)
    panel.table.selectRow(0)
    assert panel.attendance_button.isEnabled()

    panel.table.doubleClicked.emit(panel.model.index(0, SessionColumn.TOPIC))
    dialog = panel.attendance_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.windowTitle() == "Attendance: Seniors circle")

    organized.attendance.save(held.uid, AttendanceState(frozenset({lan})))
    dialog.saved.emit()
    qtbot.waitUntil(lambda: not panel.busy and _column(panel, SessionColumn.PRESENT) == ["1"])
    dialog.reject()
