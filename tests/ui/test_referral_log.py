"""The referral log: a referral made from it shows in it and, once due, on the call list; the
filters and the order are the database's; deleting several is one step to undo."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from PySide6.QtCore import QItemSelectionModel, QPoint, Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from communitydesk.core.i18n import format_date
from communitydesk.services.context import Services
from communitydesk.services.referrals import ReferralFilter
from communitydesk.ui.dialogs.outcome_dialog import OutcomeDialog
from communitydesk.ui.dialogs.referral_dialog import ReferralDialog
from communitydesk.ui.panels.follow_ups import FollowUpColumn, FollowUpsPanel
from communitydesk.ui.panels.referral_log import LogColumn, ReferralLogPanel
from communitydesk.ui.tasks import TaskRunner
from communitydesk.ui.widgets.dates import qdate
from tests.ui.test_referral_dialog import TODAY, Seeded, on_modal, pick, refer, save, seed


@pytest.fixture
def tasks(qapp: QApplication) -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.wait_for_done()


@pytest.fixture
def seeded(organized: Services) -> Seeded:
    return seed(organized)


def _panel(services: Services, tasks: TaskRunner, qtbot: QtBot) -> ReferralLogPanel:
    panel = ReferralLogPanel(
        services.referrals,
        services.directory,
        services.people,
        services.households,
        services.lookups,
        tasks,
    )
    qtbot.addWidget(panel)
    panel.resize(1000, 640)
    panel.show()
    qtbot.waitUntil(lambda: not panel.busy and panel.model.has_loaded)
    return panel


def _column(panel: ReferralLogPanel, column: LogColumn) -> list[str]:
    model = panel.model
    return [str(model.index(row, column).data()) for row in range(model.rowCount())]


def _settled(panel: ReferralLogPanel, qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: not panel.busy)


def test_a_new_referral_shows_in_the_log_and_once_due_on_the_call_list(
    organized: Services, seeded: Seeded, tasks: TaskRunner, qtbot: QtBot
) -> None:
    panel = _panel(organized, tasks, qtbot)
    QAbstractItemModelTester(panel.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    assert panel.count.text() == "No referrals yet: record the first one with “New referral…”."

    def fill(dialog: ReferralDialog) -> None:
        qtbot.waitUntil(lambda: not dialog.busy)
        assert dialog.windowTitle() == "New referral"
        pick(dialog.person.search, qtbot, "Lan", lambda: dialog.busy)
        pick(dialog.service.search, qtbot, "doctor", lambda: dialog.busy)
        dialog.referred_on.setDate(qdate(TODAY - timedelta(days=7)))
        qtbot.keyClicks(dialog.reason, "No family doctor")
        save(dialog)

    on_modal(ReferralDialog, fill)
    panel.new_button.click()
    qtbot.waitUntil(lambda: not panel.busy and panel.model.rowCount() == 1)
    assert panel.count.text() == "1 referral"
    row = [str(panel.model.index(0, c).data()) for c in LogColumn]
    assert row == [
        "Lan Tran",
        "Family doctor list",
        "CLSC Côte-des-Neiges",
        "Health",
        format_date(TODAY - timedelta(days=7)),
        format_date(TODAY),  # a week after the referral
        "",
        "",
    ]
    assert panel.undo_button.text() == "Undo: refer Lan Tran to Family doctor list"

    calls = FollowUpsPanel(
        organized.referrals,
        organized.directory,
        organized.people,
        organized.households,
        organized.lookups,
        tasks,
    )
    qtbot.addWidget(calls)
    calls.show()
    qtbot.waitUntil(lambda: not calls.busy and calls.model.rowCount() == 1)
    assert calls.model.index(0, FollowUpColumn.DUE).data() == "Today"

    panel.undo_button.click()  # the referral is taken back
    qtbot.waitUntil(lambda: not panel.busy and panel.model.rowCount() == 0)
    assert organized.referrals.due_count(TODAY) == 0


def test_the_filters_search_period_category_and_outcome(
    organized: Services, seeded: Seeded, tasks: TaskRunner, qtbot: QtBot
) -> None:
    food = refer(organized, seeded.food_bank, seeded.amina, days_ago=40)
    refer(organized, seeded.doctors, seeded.lan, days_ago=3)
    jobs = refer(organized, seeded.jobs, seeded.omar, days_ago=20)
    organized.referrals.record_outcome(food, "connected", TODAY - timedelta(days=30))
    organized.referrals.record_outcome(jobs, "waiting", TODAY)
    panel = _panel(organized, tasks, qtbot)
    assert _column(panel, LogColumn.WHO) == ["Lan Tran", "Omar Haddad", "Amina Haddad"]
    assert _column(panel, LogColumn.OUTCOME) == ["", "Waiting", "Connected"]
    assert panel.count.text() == "3 referrals"

    qtbot.keyClicks(panel.search, "haddad")
    _settled(panel, qtbot)
    assert _column(panel, LogColumn.WHO) == ["Omar Haddad", "Amina Haddad"]
    qtbot.keyClicks(panel.search, " moisson")  # every word: the person and the service's place
    _settled(panel, qtbot)
    assert _column(panel, LogColumn.WHO) == ["Amina Haddad"]
    panel.search.clear()
    _settled(panel, qtbot)

    panel.outcome.setCurrentIndex(panel.outcome.findText("No outcome yet"))
    _settled(panel, qtbot)
    assert _column(panel, LogColumn.WHO) == ["Lan Tran"]
    panel.outcome.setCurrentIndex(panel.outcome.findText("Connected"))
    _settled(panel, qtbot)
    assert _column(panel, LogColumn.WHO) == ["Amina Haddad"]
    panel.outcome.setCurrentIndex(0)
    _settled(panel, qtbot)

    panel.category.setCurrentIndex(panel.category.findText("Employment & credentials"))
    _settled(panel, qtbot)
    assert _column(panel, LogColumn.WHO) == ["Omar Haddad"]
    panel.category.setCurrentIndex(0)
    _settled(panel, qtbot)

    panel.period.setCurrentIndex(panel.period.findText("The last 30 days"))
    _settled(panel, qtbot)
    assert _column(panel, LogColumn.WHO) == ["Lan Tran", "Omar Haddad"]
    panel.start.setDate(qdate(TODAY - timedelta(days=45)))
    panel.end.setDate(qdate(TODAY - timedelta(days=10)))
    _settled(panel, qtbot)
    assert panel.period.currentText() == "Dates chosen"
    assert _column(panel, LogColumn.WHO) == ["Omar Haddad", "Amina Haddad"]
    panel.period.setCurrentIndex(panel.period.findText("Any time"))
    _settled(panel, qtbot)
    assert not panel.start.isEnabled()
    assert panel.count.text() == "3 referrals"

    panel.search.setText("nobody like this")
    _settled(panel, qtbot)
    assert panel.count.text() == "No referrals match these filters."


def test_a_click_on_a_header_sorts_in_the_database(
    organized: Services, seeded: Seeded, tasks: TaskRunner, qtbot: QtBot
) -> None:
    refer(organized, seeded.food_bank, seeded.lan, days_ago=2)
    refer(organized, seeded.jobs, seeded.amina, days_ago=1)
    refer(organized, seeded.doctors, seeded.omar, days_ago=3)
    panel = _panel(organized, tasks, qtbot)
    header = panel.table.horizontalHeader()

    def click(column: LogColumn) -> None:
        where = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
        qtbot.mouseClick(
            header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(where, header.height() // 2)
        )
        _settled(panel, qtbot)

    click(LogColumn.WHO)
    assert _column(panel, LogColumn.WHO) == ["Amina Haddad", "Lan Tran", "Omar Haddad"]
    click(LogColumn.WHO)
    assert _column(panel, LogColumn.WHO) == ["Omar Haddad", "Lan Tran", "Amina Haddad"]
    click(LogColumn.ORGANIZATION)
    assert _column(panel, LogColumn.ORGANIZATION)[-1] == "Moisson Sud"
    click(LogColumn.SERVICE)
    assert _column(panel, LogColumn.SERVICE) == [
        "Family doctor list",
        "Food bank",
        "Job search workshops",
    ]


def test_deleting_several_is_undone_in_one_step(
    organized: Services, seeded: Seeded, tasks: TaskRunner, qtbot: QtBot
) -> None:
    for days, person in ((1, seeded.amina), (2, seeded.lan), (3, seeded.omar)):
        refer(organized, seeded.food_bank, person, days_ago=days)
    panel = _panel(organized, tasks, qtbot)
    selection = panel.table.selectionModel()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    selection.select(panel.model.index(2, 0), flags)  # with the first, chosen already
    assert not panel.edit_button.isEnabled() and panel.delete_button.isEnabled()
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: not panel.busy and panel.model.rowCount() == 1)
    assert _column(panel, LogColumn.WHO) == ["Lan Tran"]
    assert panel.undo_button.text() == "Undo: delete 2 referrals"

    qtbot.keyClick(panel.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not panel.busy and panel.model.rowCount() == 3)
    assert organized.referrals.count(ReferralFilter()) == 3


def test_outcome_edit_and_card_act_on_the_referral_chosen(
    organized: Services, seeded: Seeded, tasks: TaskRunner, qtbot: QtBot
) -> None:
    uid = refer(organized, seeded.jobs, seeded.omar, days_ago=8)
    panel = _panel(organized, tasks, qtbot)

    with qtbot.waitSignal(panel.card_requested) as card:
        panel.card_button.click()
    assert card.args == [seeded.jobs, seeded.omar]

    def not_eligible(dialog: OutcomeDialog) -> None:
        qtbot.waitUntil(lambda: not dialog.busy)
        dialog.choices["not_eligible"].click()
        save(dialog)

    on_modal(OutcomeDialog, not_eligible)
    panel.outcome_button.click()
    qtbot.waitUntil(
        lambda: not panel.busy and _column(panel, LogColumn.OUTCOME) == ["Not eligible"]
    )
    assert _column(panel, LogColumn.FOLLOW_UP) == [""]

    def edit(dialog: ReferralDialog) -> None:
        qtbot.waitUntil(lambda: not dialog.busy)
        assert dialog.outcome.currentText() == "Not eligible"
        dialog.reason.setText("Work in her field")
        save(dialog)

    on_modal(ReferralDialog, edit)
    panel.edit_button.click()
    qtbot.waitUntil(lambda: not panel.busy and organized.referrals.get(uid).reason != "")
    assert organized.referrals.get(uid).reason == "Work in her field"
    assert panel.undo_button.text() == "Undo: edit Omar Haddad's referral"
    panel.undo_stack.undo()
    qtbot.waitUntil(lambda: not panel.busy and organized.referrals.get(uid).reason == "")
