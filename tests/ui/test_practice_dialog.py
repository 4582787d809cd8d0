from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from communitydesk.services.accounts import AccountInput
from communitydesk.services.attendance import AttendanceState
from communitydesk.services.context import Services
from communitydesk.services.organization import OrganizationProfile
from communitydesk.services.people import PersonInput
from communitydesk.services.practices import PracticeInput
from communitydesk.services.programs import ProgramInput
from communitydesk.services.sessions import SessionInput
from communitydesk.services.transactions import SplitInput, TransactionInput
from communitydesk.ui.dialogs.practice_dialog import PracticeDialog
from communitydesk.ui.tasks import TaskRunner


@pytest.fixture
def tasks(qapp: QApplication) -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.wait_for_done()


def _dialog(services: Services, tasks: TaskRunner, qtbot: QtBot, uid: str = "") -> PracticeDialog:
    record = services.practices.get(uid) if uid else None
    dialog = PracticeDialog(
        services.practices, services.practice_evidence, services.programs, tasks, record
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.busy)
    return dialog


def _tick(dialog: PracticeDialog, label: str, qtbot: QtBot) -> None:
    checks = dialog.program_checks
    item = checks.findItems(label, Qt.MatchFlag.MatchExactly)[0]
    checks.setCurrentItem(item)
    qtbot.keyClick(checks, Qt.Key.Key_Space)


def test_a_problem_shows_beside_its_field_and_nothing_typed_is_lost(
    organized: Services, tasks: TaskRunner, qtbot: QtBot
) -> None:
    dialog = _dialog(organized, tasks, qtbot)
    dialog.tabs.setCurrentIndex(1)
    qtbot.keyClicks(dialog.answers["purpose"], "Parents help children with homework.")
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    error = dialog.fields["name"].error
    qtbot.waitUntil(error.isVisible)
    assert error.text() == "Give the practice a name."
    assert dialog.tabs.currentIndex() == 0  # the About tab, where the name is
    assert dialog.answers["purpose"].toPlainText() == "Parents help children with homework."
    assert organized.practices.list() == ()


def test_the_ccr_values_show_only_when_asked_for(
    organized: Services, tasks: TaskRunner, qtbot: QtBot
) -> None:
    dialog = _dialog(organized, tasks, qtbot)
    dialog.tabs.setCurrentIndex(2)
    assert not dialog.ccr_values.isVisible()
    qtbot.keyClick(dialog.uses_ccr, Qt.Key.Key_Space)
    assert dialog.ccr_values.isVisible()
    qtbot.keyClicks(dialog.name, "Seniors' tea")
    qtbot.keyClicks(dialog.ccr_values.boxes["inclusion"][0], "Everyone is greeted by name.")
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: bool(dialog.saved_uid))
    saved = organized.practices.get(dialog.saved_uid)
    assert saved.uses_ccr_values
    assert saved.ccr_values["inclusion"].how == "Everyone is greeted by name."


def test_the_evidence_tab_shows_the_figures_after_refresh(
    organized: Services, tasks: TaskRunner, qtbot: QtBot
) -> None:
    club = organized.programs.create(ProgramInput("Homework club"))
    organized.sessions.create(SessionInput(club.uid, date.today() - timedelta(days=10)))
    organized.sessions.create(SessionInput(club.uid, date.today() - timedelta(days=3)))
    uid = organized.practices.save(
        PracticeInput("Parents as tutors", program_uids=(club.uid,), figures=("sessions_held",))
    )
    dialog = _dialog(organized, tasks, qtbot, uid)
    dialog.tabs.setCurrentIndex(3)
    assert dialog.figure_checks["sessions_held"].text() == "Sessions held"
    qtbot.mouseClick(dialog.refresh_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.shown_evidence is not None and not dialog.busy)
    assert dialog.figure_checks["sessions_held"].text() == "Sessions held: 2"
    assert dialog.figure_checks["sessions_held"].isChecked()
    assert dialog.figure_checks["unique_participants"].text() == "Unique participants: 0"
    assert "for the chosen programs" in dialog.evidence_status.text()
    qtbot.keyClick(dialog.figure_checks["volunteers"], Qt.Key.Key_Space)
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: bool(dialog.saved_uid))
    assert organized.practices.get(uid).figures == ("sessions_held", "volunteers")


def test_a_period_ending_before_it_starts_is_shown_beside_the_end(
    organized: Services, tasks: TaskRunner, qtbot: QtBot
) -> None:
    dialog = _dialog(organized, tasks, qtbot)
    dialog.evidence_from.set_value(date(2026, 5, 1))
    dialog.evidence_to.set_value(date(2026, 4, 1))
    qtbot.keyClicks(dialog.name, "Tea")
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    error = dialog.fields["evidence_to"].error
    qtbot.waitUntil(error.isVisible)
    assert error.text() == "The period cannot end before it starts."
    assert dialog.tabs.currentIndex() == 3


def test_the_figures_are_in_the_organization_s_currency_and_newcomer_window(
    organized: Services, tasks: TaskRunner, qtbot: QtBot
) -> None:
    profile = organized.organization.require()
    organized.organization.update(
        OrganizationProfile(**{**vars(profile), "currency": "EUR", "newcomer_years": 3})
    )
    club = organized.programs.create(ProgramInput("Homework club"))
    day = date.today() - timedelta(days=10)
    session = organized.sessions.create(SessionInput(club.uid, day))
    amina = organized.people.create(PersonInput("Amina", "Farah")).uid
    organized.attendance.save(session.uid, AttendanceState(frozenset({amina})))
    food = next(c.uid for c in organized.categories.tree() if c.code == "food")
    account = organized.accounts.create(AccountInput("Main chequing", day)).uid
    split = SplitInput(food, 30_00, program_uid=club.uid)
    organized.transactions.create(TransactionInput(day, "expense", 30_00, account, (split,)))
    uid = organized.practices.save(PracticeInput("Parents as tutors", program_uids=(club.uid,)))
    dialog = _dialog(organized, tasks, qtbot, uid)
    dialog.tabs.setCurrentIndex(3)
    qtbot.mouseClick(dialog.refresh_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.shown_evidence is not None and not dialog.busy)
    assert dialog.figure_checks["cost_per_participant"].text() == "Cost per participant: €30.00"
    assert dialog.figure_checks["newcomers"].text() == "Newcomers (arrived within 3 years): 0"
    chart = dialog.figure_checks["attendance_trend"].text()
    assert chart.startswith("Attendance by month: a chart of ")
