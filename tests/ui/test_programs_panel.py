from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import TypeVar

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QListWidget
from pytestqt.qtbot import QtBot

from communitydesk.core.i18n import _
from communitydesk.services.context import Services, open_data_folder
from communitydesk.services.people import PersonInput
from communitydesk.services.programs import ProgramInput, VenueInput
from communitydesk.services.sessions import SessionInput
from communitydesk.ui.dialogs.program_dialog import ProgramDialog
from communitydesk.ui.dialogs.venue_dialog import VenueDialog, VenuesDialog
from communitydesk.ui.panels.programs import ProgramColumn, ProgramsPanel
from communitydesk.ui.qt_language import apply_language
from communitydesk.ui.tasks import TaskRunner

D = TypeVar("D", bound=QDialog)


@pytest.fixture
def tasks(qapp: QApplication) -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.wait_for_done()


def _panel(services: Services, tasks: TaskRunner, qtbot: QtBot) -> ProgramsPanel:
    panel = ProgramsPanel(services.programs, services.lookups, services.people, tasks, "CAD")
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    qtbot.waitUntil(lambda: not panel.busy and panel.new_button.isEnabled())
    return panel


def _on_modal(kind: type[D], act: Callable[[D], None], tries: int = 250) -> None:
    """Act on the next modal dialog of `kind`; close it if the act fails, so no test hangs."""
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


def _tick(checks: QListWidget, label: str, qtbot: QtBot) -> None:
    """Tick an entry the way a keyboard user does: go to it, press Space."""
    item = checks.findItems(label, Qt.MatchFlag.MatchExactly)[0]
    checks.setCurrentItem(item)
    qtbot.keyClick(checks, Qt.Key.Key_Space)
    assert item.checkState() == Qt.CheckState.Checked


def _cells(panel: ProgramsPanel, row: int) -> list[str]:
    model = panel.model
    return [str(model.index(row, column).data()) for column in range(model.columnCount())]


@pytest.mark.parametrize(
    ("language", "typed", "shown"),
    [("en", "45.00", "$45.00"), ("fr", "45,00", "45,00\xa0$")],
)
def test_create_a_program_with_a_new_venue_by_typing(
    organized: Services,
    tasks: TaskRunner,
    qapp: QApplication,
    qtbot: QtBot,
    language: str,
    typed: str,
    shown: str,
) -> None:
    apply_language(qapp, language)
    leader = organized.people.create(PersonInput("Lan", "Tran")).uid
    panel = _panel(organized, tasks, qtbot)
    QAbstractItemModelTester(panel.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    assert panel.model.rowCount() == 0
    populations = ("Seniors / elders", "Newcomers") if language == "en" else ("Aînés", "Parents")
    category = "Seniors" if language == "en" else "Aînés"

    def venue(dialog: VenueDialog) -> None:
        qtbot.keyClicks(dialog.name, "St. Mark's hall")
        qtbot.keyClicks(dialog.transit, "Bus 7")
        qtbot.keyClicks(dialog.rental, typed)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    def program(dialog: ProgramDialog) -> None:
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
        qtbot.waitUntil(lambda: not dialog.busy)
        assert dialog.fields["name"].error.text() == _("Give the program a name.")
        assert dialog.fields["name"].error.isVisibleTo(dialog)
        qtbot.keyClicks(dialog.name, "Seniors circle")
        dialog.category.setCurrentIndex(dialog.category.findText(category))
        _tick(dialog.populations, populations[0], qtbot)
        _tick(dialog.populations, populations[1], qtbot)
        QTimer.singleShot(0, lambda: _on_modal(VenueDialog, venue))
        dialog.venue.setFocus()
        qtbot.keyClick(dialog.venue, Qt.Key.Key_End)  # the last entry: "New venue…"
        assert dialog.venue.currentText() == "St. Mark's hall"
        qtbot.keyClicks(dialog.leader.search, "Lan")
        qtbot.waitUntil(lambda: not dialog.leader.busy)
        assert dialog.leader.uid() == leader
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    QTimer.singleShot(0, lambda: _on_modal(ProgramDialog, program))
    panel.new_button.click()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1 and not panel.busy)
    cells = _cells(panel, 0)
    assert cells[ProgramColumn.NAME] == "Seniors circle"
    assert cells[ProgramColumn.CATEGORY] == category
    assert cells[ProgramColumn.LEADER] == "Lan Tran"
    assert cells[ProgramColumn.VENUE] == "St. Mark's hall"
    assert cells[ProgramColumn.HELD] == "0"
    assert cells[ProgramColumn.STATUS] == _("Ongoing")
    assert panel.count.text().startswith("1 ")

    # Kept in the data folder: another opening of it reads the same.
    again = open_data_folder(organized.paths)
    try:
        [saved] = again.programs.programs()
        [hall] = again.programs.venues()
    finally:
        again.close()
    assert (saved.category, saved.leader_uid, saved.venue_uid) == ("seniors", leader, hall.uid)
    assert set(saved.populations) == (
        {"seniors", "newcomers"} if language == "en" else {"seniors", "parents"}
    )
    assert (hall.name, hall.transit, hall.rental_cents) == ("St. Mark's hall", "Bus 7", 4500)

    def venues(dialog: VenuesDialog) -> None:
        qtbot.waitUntil(lambda: dialog.table.rowCount() == 1)
        cells = [item.text() if (item := dialog.table.item(0, c)) else "" for c in range(3)]
        assert cells == ["St. Mark's hall", "", shown]
        dialog.reject()

    QTimer.singleShot(0, lambda: _on_modal(VenuesDialog, venues))
    panel.venues_button.click()


def test_edit_a_program_then_undo(organized: Services, tasks: TaskRunner, qtbot: QtBot) -> None:
    hall = organized.programs.create_venue(VenueInput("Library room", rental_cents=2000))
    created = organized.programs.create(
        ProgramInput("Homework club", category="school_success", venue_uid=hall.uid)
    )
    panel = _panel(organized, tasks, qtbot)

    def edit(dialog: ProgramDialog) -> None:
        assert dialog.name.text() == "Homework club"
        assert dialog.venue.currentText() == "Library room"
        dialog.name.selectAll()
        qtbot.keyClicks(dialog.name, "Homework and reading club")
        _tick(dialog.issues, "Children's school success", qtbot)
        dialog.ends_on.check.setChecked(True)
        assert not dialog.ongoing.isEnabled()  # an end date says when it ends
        dialog.ends_on.edit.setDate(dialog.ends_on.edit.date().addYears(1))
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    panel.table.setFocus()
    panel.table.selectRow(0)
    QTimer.singleShot(0, lambda: _on_modal(ProgramDialog, edit))
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not panel.busy and _cells(panel, 0)[0] == "Homework and reading club")
    assert _cells(panel, 0)[ProgramColumn.STATUS].startswith("Until ")  # still listed
    assert organized.programs.get(created.uid).issues == ("school_success",)
    assert panel.undo_button.text() == "Undo: edit Homework and reading club"

    panel.undo_button.click()
    qtbot.waitUntil(lambda: not panel.busy and _cells(panel, 0)[0] == "Homework club")
    assert organized.programs.get(created.uid).as_input() == created.as_input()


def test_delete_a_program_then_undo_brings_it_back(
    organized: Services, tasks: TaskRunner, qtbot: QtBot
) -> None:
    choir = organized.programs.create(ProgramInput("Choir", category="cultural_events"))
    organized.programs.create(ProgramInput("Youth soccer", category="recreation"))
    organized.sessions.create(SessionInput(choir.uid, date(2026, 1, 10)))
    panel = _panel(organized, tasks, qtbot)
    assert [_cells(panel, r)[0] for r in range(2)] == ["Choir", "Youth soccer"]
    assert _cells(panel, 0)[ProgramColumn.HELD] == (
        "1" if date(2026, 1, 10) <= date.today() else "0"
    )

    panel.table.selectRow(0)
    panel.delete_button.click()
    qtbot.waitUntil(lambda: not panel.busy and panel.model.rowCount() == 1)
    assert _cells(panel, 0)[0] == "Youth soccer"
    assert organized.sessions.sessions(start=date(2026, 1, 1), end=date(2026, 1, 31)) == ()
    assert panel.undo_button.text() == "Undo: delete Choir"

    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not panel.busy and panel.model.rowCount() == 2)
    assert _cells(panel, 0)[0] == "Choir"
    assert len(organized.sessions.sessions(choir.uid)) == 1


def test_ended_programs_show_on_request_and_sessions_can_be_asked_for(
    organized: Services, tasks: TaskRunner, qtbot: QtBot
) -> None:
    organized.programs.create(ProgramInput("Winter coats drive", ongoing=False))
    running = organized.programs.create(ProgramInput("Seniors circle"))
    panel = _panel(organized, tasks, qtbot)
    assert [_cells(panel, r)[0] for r in range(panel.model.rowCount())] == ["Seniors circle"]

    panel.show_ended.click()
    qtbot.waitUntil(lambda: not panel.busy and panel.model.rowCount() == 2)
    assert _cells(panel, 1)[ProgramColumn.STATUS] == "Ended"

    panel.table.selectRow(0)
    with qtbot.waitSignal(panel.program_chosen) as chosen:
        panel.sessions_button.click()
    assert chosen.args == [running.uid]


def test_a_bad_amount_is_shown_next_to_the_rental_cost(
    organized: Services, tasks: TaskRunner, qtbot: QtBot
) -> None:
    dialog = VenueDialog(organized.programs, tasks, "CAD")
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.name, "Community centre")
    qtbot.keyClicks(dialog.rental, "12.345")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.fields["rental_cents"].error.text() == "An amount has at most two decimals."
    assert organized.programs.venues() == ()
    dialog.rental.clear()
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: not dialog.busy)
    assert dialog.saved is not None and dialog.saved.rental_cents is None
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_venues_are_edited_and_deleted_with_undo(
    organized: Services, tasks: TaskRunner, qtbot: QtBot
) -> None:
    organized.programs.create_venue(VenueInput("Library room", rental_cents=0))
    organized.programs.create_venue(VenueInput("مركز الجالية", address="45 Bank St\nOttawa"))
    dialog = VenuesDialog(organized.programs, tasks, "CAD")
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.busy and dialog.table.rowCount() == 2)
    rows = [
        [item.text() if (item := dialog.table.item(r, c)) else "" for c in range(3)]
        for r in range(2)
    ]
    assert rows == [["Library room", "", "free"], ["مركز الجالية", "45 Bank St, Ottawa", ""]]

    def rename(form: VenueDialog) -> None:
        assert form.rental.text() == "$0.00"
        form.name.selectAll()
        qtbot.keyClicks(form.name, "Library, room B")
        form.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    dialog.table.selectRow(0)
    QTimer.singleShot(0, lambda: _on_modal(VenueDialog, rename))
    dialog.edit_button.click()
    qtbot.waitUntil(lambda: not dialog.busy and _first_name(dialog) == "Library, room B")

    dialog.table.selectRow(1)
    dialog.delete_button.click()
    qtbot.waitUntil(lambda: not dialog.busy and dialog.table.rowCount() == 1)
    assert [venue.name for venue in organized.programs.venues()] == ["Library, room B"]
    assert dialog.undo_button.text() == "Undo: delete مركز الجالية"
    dialog.undo_button.click()
    qtbot.waitUntil(lambda: not dialog.busy and dialog.table.rowCount() == 2)
    assert dialog.changed


def _first_name(dialog: VenuesDialog) -> str:
    item = dialog.table.item(0, 0)
    return item.text() if item else ""
