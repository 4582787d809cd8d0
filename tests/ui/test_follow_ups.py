"""The call list of follow-ups due, what recording an outcome does to it, and the dashboard's
count of them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication, QTableView
from pytestqt.qtbot import QtBot

from communitydesk.core.i18n import format_date
from communitydesk.services.context import Services
from communitydesk.services.directory import OrganizationInput, ServiceInput
from communitydesk.ui.dialogs.outcome_dialog import OutcomeDialog
from communitydesk.ui.dialogs.referral_dialog import ReferralDialog
from communitydesk.ui.panels.dashboard import DashboardPanel
from communitydesk.ui.panels.follow_ups import OVERDUE_COLOUR, FollowUpColumn, FollowUpsPanel
from communitydesk.ui.tasks import TaskRunner
from communitydesk.ui.widgets.dates import qdate
from tests.ui.test_referral_dialog import TODAY, Seeded, on_modal, refer, save, seed


@pytest.fixture
def tasks(qapp: QApplication) -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.wait_for_done()


@pytest.fixture
def seeded(organized: Services) -> Seeded:
    return seed(organized)


def _panel(services: Services, tasks: TaskRunner, qtbot: QtBot) -> FollowUpsPanel:
    panel = FollowUpsPanel(
        services.referrals,
        services.directory,
        services.people,
        services.households,
        services.lookups,
        tasks,
    )
    qtbot.addWidget(panel)
    panel.resize(1000, 600)
    panel.show()
    qtbot.waitUntil(lambda: not panel.busy and panel.count.text() != "")
    return panel


def _column(table: QTableView, column: int) -> list[str]:
    model = table.model()
    return [str(model.index(row, column).data()) for row in range(model.rowCount())]


def _due_colour(panel: FollowUpsPanel, row: int) -> QColor | None:
    brush = panel.model.index(row, FollowUpColumn.DUE).data(Qt.ItemDataRole.ForegroundRole)
    return None if brush is None else brush.color()


def test_the_call_list_shows_what_is_due_the_oldest_first(
    organized: Services, seeded: Seeded, tasks: TaskRunner, qtbot: QtBot
) -> None:
    refer(organized, seeded.food_bank, seeded.amina, days_ago=10, reason="Groceries")
    refer(organized, seeded.doctors, seeded.lan, days_ago=7)  # due today
    refer(organized, seeded.jobs, seeded.omar, days_ago=20, follow_up_in=19)  # a day late
    refer(organized, seeded.jobs, seeded.amina, days_ago=2)  # due in five days
    refer(organized, seeded.jobs, seeded.lan, days_ago=30, follow_up_in=None)  # closed
    panel = _panel(organized, tasks, qtbot)
    QAbstractItemModelTester(panel.model, QAbstractItemModelTester.FailureReportingMode.Fatal)

    assert _column(panel.table, FollowUpColumn.WHO) == ["Amina Haddad", "Omar Haddad", "Lan Tran"]
    assert _column(panel.table, FollowUpColumn.DUE) == [
        "3 days overdue",
        "1 day overdue",
        "Today",
    ]
    phones = [p.strip("\u2066\u2069") for p in _column(panel.table, FollowUpColumn.PHONE)]
    assert phones == ["(613) 555-0177", "", "(438) 555-0199"]
    assert _column(panel.table, FollowUpColumn.SERVICE)[0] == "Food bank — Moisson Sud"
    assert _column(panel.table, FollowUpColumn.REASON)[0] == "Groceries"
    assert _column(panel.table, FollowUpColumn.REFERRED_ON)[0] == format_date(
        TODAY - timedelta(days=10)
    )
    assert _due_colour(panel, 0) == QColor(OVERDUE_COLOUR)
    assert _due_colour(panel, 2) is None  # due today is not late
    assert panel.count.text() == "3 follow-ups to make, 2 overdue."


def test_connected_leaves_the_list_and_waiting_comes_back_a_week_on(
    organized: Services, seeded: Seeded, tasks: TaskRunner, qtbot: QtBot
) -> None:
    amina = refer(organized, seeded.food_bank, seeded.amina, days_ago=10)
    omar = refer(organized, seeded.doctors, seeded.omar, days_ago=8)
    panel = _panel(organized, tasks, qtbot)
    assert _column(panel.table, FollowUpColumn.WHO) == ["Amina Haddad", "Omar Haddad"]

    def connected(dialog: OutcomeDialog) -> None:
        qtbot.waitUntil(lambda: not dialog.busy)
        assert not dialog.fields["follow_up_on"].isVisibleTo(dialog)
        dialog.choices["connected"].click()
        dialog.barriers.boxes["language"].click()
        save(dialog)

    on_modal(OutcomeDialog, connected)
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)  # the first row is chosen
    qtbot.waitUntil(lambda: not panel.busy and panel.model.rowCount() == 1)
    done = organized.referrals.get(amina)
    assert (done.outcome, done.outcome_on, done.follow_up_on) == ("connected", TODAY, None)
    assert done.barriers == ("language",)

    def waiting(dialog: OutcomeDialog) -> None:
        qtbot.waitUntil(lambda: not dialog.busy)
        dialog.choices["waiting"].click()
        assert dialog.fields["follow_up_on"].isVisibleTo(dialog)
        assert dialog.next_follow_up.date() == qdate(TODAY + timedelta(days=7))
        qtbot.keyClicks(dialog.note, "On the list, call back in a week")
        save(dialog)

    on_modal(OutcomeDialog, waiting)
    where = panel.table.visualRect(panel.model.index(0, FollowUpColumn.WHO)).center()
    # A double click is a click, then a second one: the view opens what both landed on.
    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.mouseDClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.waitUntil(lambda: not panel.busy and panel.model.rowCount() == 0)
    later = organized.referrals.get(omar)
    assert (later.outcome, later.follow_up_on) == ("waiting", TODAY + timedelta(days=7))
    assert later.outcome_note == "On the list, call back in a week"
    assert panel.count.text() == "Nothing is due today. The next follow-up is on {}.".format(
        "\u2066" + format_date(TODAY + timedelta(days=7), "full") + "\u2069"
    )
    assert organized.referrals.due(TODAY + timedelta(days=7))[0].uid == omar

    assert panel.undo_button.text() == "Undo: record what came of Omar Haddad's referral"
    panel.undo_button.click()
    qtbot.waitUntil(lambda: not panel.busy and panel.model.rowCount() == 1)
    assert organized.referrals.get(omar).outcome == ""


def test_open_referral_edits_it_and_an_empty_list_says_so(
    organized: Services, seeded: Seeded, tasks: TaskRunner, qtbot: QtBot
) -> None:
    uid = refer(organized, seeded.food_bank, seeded.lan, days_ago=7)
    panel = _panel(organized, tasks, qtbot)

    def later(dialog: ReferralDialog) -> None:
        qtbot.waitUntil(lambda: not dialog.busy)
        dialog.follow_up.edit.setDate(qdate(TODAY + timedelta(days=3)))
        save(dialog)

    on_modal(ReferralDialog, later)
    panel.open_button.click()
    qtbot.waitUntil(lambda: not panel.busy and panel.model.rowCount() == 0)
    assert organized.referrals.get(uid).follow_up_on == TODAY + timedelta(days=3)
    assert panel.count.text().startswith("Nothing is due today. The next follow-up is on ")
    assert not panel.outcome_button.isEnabled()

    organized.referrals.delete(uid)
    panel.refresh()
    qtbot.waitUntil(lambda: not panel.busy)
    assert panel.count.text() == "Nothing is due, and no follow-up is planned."


def test_the_dashboard_counts_the_follow_ups_due_and_opens_them(
    organized: Services, seeded: Seeded, tasks: TaskRunner, qtbot: QtBot
) -> None:
    refer(organized, seeded.food_bank, seeded.amina, days_ago=10)
    refer(organized, seeded.doctors, seeded.lan, days_ago=7)
    refer(organized, seeded.doctors, seeded.omar, days_ago=1)
    old = organized.directory.save_organization(OrganizationInput(name="Old agency"))
    organized.directory.save_service(
        ServiceInput(old, "Checked long ago", verified_on=TODAY - timedelta(days=400))
    )
    summary = organized.dashboard.summary(TODAY)
    # Food bank, doctors and this one were not checked for a year; the job workshops were.
    assert (summary.follow_ups_due, summary.directory_stale) == (2, 3)

    panel = DashboardPanel(organized.organization.require(), organized.dashboard, tasks)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitUntil(lambda: panel.cards["follow_ups"].value.text() == "2")
    assert panel.cards["follow_ups"].title.text() == "follow-ups due"
    assert panel.directory_notice.isVisibleTo(panel)
    assert panel.directory_notice.text().startswith(
        "3 services in the directory were not checked for a year"
    )

    with qtbot.waitSignal(panel.referrals_requested, timeout=1000):
        qtbot.mouseClick(panel.follow_ups, Qt.MouseButton.LeftButton)
    # A keyboard user reaches the card with Tab and opens it with Enter or Space.
    assert panel.follow_ups.focusPolicy() & Qt.FocusPolicy.TabFocus
    panel.follow_ups.setFocus()
    with qtbot.waitSignal(panel.referrals_requested, timeout=1000):
        qtbot.keyClick(panel.follow_ups, Qt.Key.Key_Space)
