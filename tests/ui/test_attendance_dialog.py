"""Taking attendance at the door, by keyboard alone: names, newcomers, head counts, undo."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from communitydesk.core.i18n import without_isolates
from communitydesk.services.attendance import AttendanceState, HeadCountLine
from communitydesk.services.context import Services
from communitydesk.services.people import PersonInput
from communitydesk.services.programs import ProgramInput, VenueInput
from communitydesk.services.sessions import SessionInput
from communitydesk.services.sign_in_sheet import SignInSheetService
from communitydesk.ui.dialogs.attendance_dialog import AttendanceDialog
from communitydesk.ui.tasks import TaskRunner

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def tasks(qapp: QApplication) -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.wait_for_done()


Opener = Callable[..., AttendanceDialog]


@pytest.fixture(autouse=True)
def _no_unexpected_question(monkeypatch: pytest.MonkeyPatch) -> None:
    # A question nobody answers would wait forever: a test that expects one answers it itself.
    def unexpected(*args: object) -> object:
        raise AssertionError(f"Unexpected question: {args[2]}")

    monkeypatch.setattr(QMessageBox, "question", unexpected)


@pytest.fixture
def open_sheet(organized: Services, tasks: TaskRunner, qtbot: QtBot) -> Iterator[Opener]:
    """Opens the attendance window of a session, and closes it after the test, unasked."""
    dialogs: list[AttendanceDialog] = []

    def open_dialog(session: str, printing: bool = False) -> AttendanceDialog:
        sign_in = SignInSheetService(organized.database) if printing else None
        dialog = AttendanceDialog(
            session, organized.attendance, organized.people, tasks, sign_in=sign_in
        )
        dialogs.append(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: not dialog.busy)
        return dialog

    yield open_dialog
    for dialog in dialogs:
        dialog.done(0)
        dialog.deleteLater()


@pytest.fixture
def club(organized: Services) -> dict[str, str]:
    """A program with two sessions, and people to find by name."""
    hall = organized.programs.create_venue(VenueInput("St. Mark's hall"))
    program = organized.programs.create(ProgramInput("Seniors' circle", venue_uid=hall.uid)).uid
    uids = {
        "last": organized.sessions.create(SessionInput(program, date(2026, 1, 6))).uid,
        "today": organized.sessions.create(
            SessionInput(program, date(2026, 1, 13), time(14), time(16), topic="Flu clinic")
        ).uid,
    }
    for key, person in {
        "lan": PersonInput("Lan", "Tran"),
        "lina": PersonInput("Lina", "Tran"),
        "minh": PersonInput("Minh", "Pham"),
        "amal": PersonInput("أمل", "حداد", latin_name="Amal Haddad"),
    }.items():
        uids[key] = organized.people.create(person).uid
    return uids


def _type_and_tick(dialog: AttendanceDialog, qtbot: QtBot, text: str, downs: int = 0) -> None:
    qtbot.keyClicks(dialog.search.box, text)
    qtbot.waitUntil(lambda: not dialog.busy)
    for _ in range(downs):
        qtbot.keyClick(dialog.search.box, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.search.box, Qt.Key.Key_Return)


def _shown(dialog: AttendanceDialog) -> list[str]:
    return [
        without_isolates(dialog.present_list.item(i).text())
        for i in range(dialog.present_list.count())
    ]


def _keys(
    dialog: AttendanceDialog,
    qtbot: QtBot,
    *keys: Qt.Key | str,
    modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    """Type into whatever has the focus, as a person at the keyboard would."""
    for key in keys:
        focused = dialog.focusWidget()
        assert focused is not None
        if isinstance(key, str):
            qtbot.keyClicks(focused, key)
        else:
            qtbot.keyClick(focused, key, modifier)


def _save(dialog: AttendanceDialog, qtbot: QtBot) -> None:
    with qtbot.waitSignal(dialog.saved):
        qtbot.keyClick(dialog.search.box, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: not dialog.busy)


def test_attendance_is_taken_by_keyboard_alone(
    organized: Services, club: dict[str, str], open_sheet: Opener, qtbot: QtBot
) -> None:
    dialog = open_sheet(club["today"])
    assert dialog.program.text() == "Seniors' circle"
    assert " ".join(dialog.when.text().split()) == (
        "Tuesday, January 13, 2026 · 2:00 p.m. – 4:00 p.m. · St. Mark's hall"
    )
    assert without_isolates(dialog.topic.text()) == "Topic: Flu clinic"
    assert dialog.focusWidget() is dialog.search.box
    assert dialog.present_count.text() == "0 present by name"

    # Two people called Tran: Down goes to the second, Enter ticks her and empties the box.
    qtbot.keyClicks(dialog.search.box, "tran")
    qtbot.waitUntil(lambda: not dialog.busy)
    assert dialog.search.results.count() == 2
    qtbot.keyClick(dialog.search.box, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.search.box, Qt.Key.Key_Return)
    assert dialog.search.box.text() == ""
    assert dialog.isVisible()  # Enter ticks; it never closes the window
    # Typed fast: Enter before the matches arrive ticks the best one when they do.
    qtbot.keyClicks(dialog.search.box, "amal")
    qtbot.keyClick(dialog.search.box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.busy)
    _type_and_tick(dialog, qtbot, "minh")
    assert _shown(dialog) == ["Lina Tran", "Minh Pham", "أمل حداد · Amal Haddad"]
    assert dialog.present_count.text() == "3 present by name"
    assert dialog.has_unsaved_changes()

    # Alt+P goes to the list; Space unticks the one selected there, then the next is selected.
    _keys(dialog, qtbot, Qt.Key.Key_P, modifier=ALT)
    assert dialog.focusWidget() is dialog.present_list
    assert dialog.present_list.currentItem().text() == "Minh Pham"  # the last one ticked
    _keys(dialog, qtbot, Qt.Key.Key_Space)
    assert _shown(dialog) == ["Lina Tran", "أمل حداد · Amal Haddad"]
    assert dialog.present_list.currentRow() == 1

    _save(dialog, qtbot)
    sheet = organized.attendance.sheet(club["today"])
    assert [a.name for a in sheet.present] == ["Lina Tran", "أمل حداد"]
    assert sheet.state.head_counts == ()
    assert not dialog.has_unsaved_changes()
    assert dialog.undo_button.isVisible()
    assert dialog.overall.text() == "In all: 2 people present (2 by name, 0 without names)"
    # Someone already ticked is marked so in the matches.
    qtbot.keyClicks(dialog.search.box, "lina")
    qtbot.waitUntil(lambda: not dialog.busy)
    assert dialog.search.results.item(0).text() == "Lina Tran (present)"


def test_same_as_last_session(
    organized: Services, club: dict[str, str], open_sheet: Opener, qtbot: QtBot
) -> None:
    organized.attendance.save(club["last"], AttendanceState(frozenset({club["lan"], club["minh"]})))
    dialog = open_sheet(club["today"])
    _type_and_tick(dialog, qtbot, "lan")
    qtbot.keyClick(dialog.search.box, Qt.Key.Key_L, ALT)  # Same as last session
    qtbot.waitUntil(lambda: dialog.present_list.count() == 2 and not dialog.busy)
    assert _shown(dialog) == ["Lan Tran", "Minh Pham"]
    assert dialog.notice.text() == "1 person from the last session added."
    _save(dialog, qtbot)
    assert organized.attendance.sheet(club["today"]).state.present == {club["lan"], club["minh"]}

    first = open_sheet(club["last"])
    first.same_button.click()
    qtbot.waitUntil(lambda: not first.busy)
    assert first.notice.text() == "No earlier session of this program has attendance yet."


def test_a_newcomer_is_added_and_ticked(
    organized: Services, club: dict[str, str], open_sheet: Opener, qtbot: QtBot
) -> None:
    dialog = open_sheet(club["today"])
    _type_and_tick(dialog, qtbot, "minh")
    qtbot.keyClicks(dialog.search.box, "thi ng")
    qtbot.waitUntil(lambda: not dialog.busy)
    assert dialog.search.hint.isVisible()
    assert dialog.search.hint.text() == "Nobody by that name: is it a newcomer?"
    qtbot.keyClick(dialog.search.box, Qt.Key.Key_Escape)
    assert not dialog.search.hint.isVisible()
    qtbot.keyClick(dialog.search.box, Qt.Key.Key_N, ALT)  # Add a newcomer
    qtbot.waitUntil(lambda: dialog.newcomer_dialog is not None)
    newcomer = dialog.newcomer_dialog
    assert newcomer is not None and newcomer.isVisible()
    qtbot.waitUntil(lambda: newcomer.focusWidget() is newcomer.given_name)
    qtbot.keyClick(newcomer.given_name, Qt.Key.Key_Return)  # nothing typed yet
    assert newcomer.given_field.error.text() == "Write at least a first name."
    qtbot.keyClicks(newcomer.given_name, "Thi")
    qtbot.keyClicks(newcomer.family_name, "Nguyen")
    qtbot.keyClicks(newcomer.phone, "613 555 0144")
    qtbot.keyClick(newcomer.phone, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.busy and not newcomer.isVisible())

    assert _shown(dialog) == ["Minh Pham", "Thi Nguyen"]
    assert dialog.notice.text() == "Thi Nguyen was added to the roster and is present."
    # The newcomer is in the roster and present already; Minh waits for the save.
    assert [a.name for a in organized.attendance.sheet(club["today"]).present] == ["Thi Nguyen"]
    assert dialog.has_unsaved_changes()
    _save(dialog, qtbot)
    names = [a.name for a in organized.attendance.sheet(club["today"]).present]
    assert names == ["Minh Pham", "Thi Nguyen"]


def test_a_volunteer_profile_cannot_add_a_newcomer_and_loses_nothing(
    organized: Services, club: dict[str, str], open_sheet: Opener, qtbot: QtBot
) -> None:
    organized.profiles.add("Leila", "leader")
    sam = organized.profiles.add("Sam", "volunteer", "1234")
    organized.profiles.sign_in(sam.uid, "1234")
    dialog = open_sheet(club["today"])
    _type_and_tick(dialog, qtbot, "minh")
    dialog.newcomer_button.click()
    newcomer = dialog.newcomer_dialog
    assert newcomer is not None
    qtbot.keyClicks(newcomer.given_name, "Thi")
    qtbot.keyClick(newcomer.given_name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.busy)
    assert newcomer.isVisible()
    assert newcomer.error.text() == "The profile signed in can look at this but not change it."
    assert newcomer.given_name.text() == "Thi"
    newcomer.reject()
    qtbot.waitUntil(dialog.isActiveWindow)  # back to the names, typed keys go there
    assert _shown(dialog) == ["Minh Pham"]
    _save(dialog, qtbot)  # a volunteer takes attendance
    assert [a.name for a in organized.attendance.sheet(club["today"]).present] == ["Minh Pham"]


def test_someone_named_from_a_head_count_is_counted_once(
    organized: Services, club: dict[str, str], open_sheet: Opener, qtbot: QtBot
) -> None:
    dialog = open_sheet(club["today"])
    assert dialog.head_counts.total.text() == (
        "No head counts: everyone present is named in the list."
    )
    _type_and_tick(dialog, qtbot, "amal")
    _type_and_tick(dialog, qtbot, "lan")
    qtbot.keyClick(dialog.search.box, Qt.Key.Key_R, ALT)  # Add a row
    qtbot.waitUntil(lambda: len(dialog.head_counts.rows) == 1)  # a mnemonic clicks after a blink
    [row] = dialog.head_counts.rows
    assert dialog.focusWidget() is row.age_band
    # Letters choose in a list; Tab goes on to the next box of the row.
    _keys(dialog, qtbot, "25", Qt.Key.Key_Tab, "w", Qt.Key.Key_Tab, "arab", Qt.Key.Key_Tab, "40")
    assert row.line() == HeadCountLine("25-44", "woman", "ar", 40)
    assert row.remaining.text() == "40"

    # Amal was among the 40 counted at the door, then gave her name.
    _keys(dialog, qtbot, Qt.Key.Key_P, modifier=ALT)
    _keys(dialog, qtbot, Qt.Key.Key_Down)
    assert without_isolates(dialog.present_list.currentItem().text()) == "أمل حداد · Amal Haddad"
    _keys(dialog, qtbot, Qt.Key.Key_G, modifier=ALT)
    assert dialog.focusWidget() is dialog.counted_in
    assert without_isolates(dialog.counted_in.itemText(1)) == (
        "Group 1: 25-44 · Women and girls · Arabic"
    )
    _keys(dialog, qtbot, Qt.Key.Key_Down)
    assert _shown(dialog)[1] == "أمل حداد · Amal Haddad — counted in group 1"
    assert row.remaining.text() == "39"
    assert dialog.head_counts.total.text() == (
        "40 people counted in these groups, 1 of them named in the list."
    )
    assert dialog.overall.text() == "In all: 41 people present (2 by name, 39 without names)"

    _save(dialog, qtbot)
    sheet = organized.attendance.sheet(club["today"])
    group = HeadCountLine("25-44", "woman", "ar", 40)
    assert sheet.state.head_counts == (group,)
    assert sheet.state.links == ((club["amal"], group.key),)
    assert organized.sessions.get(club["today"]).present == 41

    # The saved sheet opens as it was left.
    again = open_sheet(club["today"])
    assert _shown(again) == _shown(dialog)
    assert again.overall.text() == dialog.overall.text()
    # Removing the group drops the link with it.
    again.head_counts.rows[0].remove.click()
    assert _shown(again)[1] == "أمل حداد · Amal Haddad"
    assert again.overall.text() == "In all: 2 people present (2 by name, 0 without names)"


def test_a_save_can_be_undone_while_the_window_is_open(
    organized: Services, club: dict[str, str], open_sheet: Opener, qtbot: QtBot
) -> None:
    group = HeadCountLine("65+", "", "", 3)
    organized.attendance.save(club["today"], AttendanceState(frozenset({club["lan"]}), (group,)))
    dialog = open_sheet(club["today"])
    assert _shown(dialog) == ["Lan Tran"]
    assert not dialog.undo_button.isVisible()
    _type_and_tick(dialog, qtbot, "minh")
    dialog.head_counts.rows[0].remove.click()
    _save(dialog, qtbot)
    assert organized.sessions.get(club["today"]).present == 2

    with qtbot.waitSignal(dialog.saved):
        dialog.undo_button.click()
    qtbot.waitUntil(lambda: not dialog.busy)
    assert organized.attendance.sheet(club["today"]).state == AttendanceState(
        frozenset({club["lan"]}), (group,)
    )
    assert _shown(dialog) == ["Lan Tran"]
    assert [r.line() for r in dialog.head_counts.rows] == [group]
    assert dialog.notice.text() == "The last save was undone."
    assert not dialog.undo_button.isVisible()
    assert not dialog.has_unsaved_changes()


def test_a_refused_save_keeps_the_window_and_everything_typed(
    organized: Services, club: dict[str, str], open_sheet: Opener, qtbot: QtBot
) -> None:
    dialog = open_sheet(club["today"])
    _type_and_tick(dialog, qtbot, "lan")
    _type_and_tick(dialog, qtbot, "minh")
    dialog.head_counts.add_button.click()
    dialog.head_counts.rows[0].people.setValue(1)
    for index in range(2):  # two people named from a group of one
        dialog.present_list.setCurrentRow(index)
        dialog.counted_in.setCurrentIndex(1)
        dialog.counted_in.activated.emit(1)

    qtbot.keyClick(dialog.search.box, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: not dialog.busy)
    assert dialog.error.isVisible()
    assert dialog.error.text() == "More people are named from a head count than it counted."
    assert dialog.isVisible()
    assert _shown(dialog) == ["Lan Tran — counted in group 1", "Minh Pham — counted in group 1"]
    assert dialog.has_unsaved_changes()
    assert organized.attendance.sheet(club["today"]).state == AttendanceState()

    dialog.head_counts.rows[0].people.setValue(2)
    _save(dialog, qtbot)
    assert not dialog.error.isVisible()
    assert organized.sessions.get(club["today"]).present == 2


def test_closing_with_unsaved_changes_asks_first(
    organized: Services,
    club: dict[str, str],
    open_sheet: Opener,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save]
    asked: list[str] = []

    def ask(_parent: object, _title: str, text: str, *_args: object) -> object:
        asked.append(text)
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", ask)
    dialog = open_sheet(club["today"])
    qtbot.keyClick(dialog.search.box, Qt.Key.Key_Escape)  # nothing changed: closes at once
    assert not dialog.isVisible() and asked == []

    dialog = open_sheet(club["today"])
    _type_and_tick(dialog, qtbot, "lan")
    qtbot.keyClicks(dialog.search.box, "mi")
    qtbot.keyClick(dialog.search.box, Qt.Key.Key_Escape)  # the first Escape empties the box
    assert dialog.search.box.text() == "" and asked == []
    qtbot.keyClick(dialog.search.box, Qt.Key.Key_Escape)  # Cancel: stays open
    assert dialog.isVisible() and asked == ["Save the attendance before closing?"]
    qtbot.keyClick(dialog.search.box, Qt.Key.Key_Escape)  # Save: saved, then closed
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert [a.name for a in organized.attendance.sheet(club["today"]).present] == ["Lan Tran"]


def test_the_sign_in_sheet_is_previewed(
    organized: Services, club: dict[str, str], open_sheet: Opener, qtbot: QtBot
) -> None:
    organized.attendance.save(club["last"], AttendanceState(frozenset({club["lan"], club["amal"]})))
    assert open_sheet(club["today"]).print_button.isHidden()
    dialog = open_sheet(club["today"], printing=True)
    assert dialog.print_button.isVisible()
    dialog.print_button.click()
    qtbot.waitUntil(lambda: dialog.preview_dialog is not None and dialog.preview_dialog.isVisible())
    preview = dialog.preview_dialog
    assert preview is not None
    assert preview.windowTitle() == "Seniors' circle"
    assert preview.pdf.pageCount() == 1
    table = preview.document.sections[0].table
    assert table is not None
    assert [row[0] for row in table.rows] == ["Lan Tran", "أمل حداد\nAmal Haddad"]
    preview.close()
