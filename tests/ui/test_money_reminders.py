"""The line above the Money tabs: what the books are waiting for, each a way to where it is done."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot

from communitydesk.services.accounts import AccountInput
from communitydesk.services.context import Services
from communitydesk.services.funds import FundInput
from communitydesk.services.transactions import SplitInput, TransactionInput
from communitydesk.ui.panels.money_area import MoneyArea
from communitydesk.ui.tasks import TaskRunner

TODAY = date(2026, 11, 20)


def test_what_the_books_wait_for_leads_to_its_tab(organized: Services, qtbot: QtBot) -> None:
    services = organized
    account = services.accounts.create(AccountInput("Bank", date(2026, 4, 1))).uid
    rent = next(c.uid for c in services.categories.tree() if c.code == "rent")
    services.recurring.create(
        "Hall rent",
        "monthly",
        date(2026, 9, 1),
        TransactionInput(
            date(2026, 9, 1), "expense", 35_000, account, splits=(SplitInput(rent, 35_000),)
        ),
    )
    grant = services.funds.create(FundInput("New Horizons", is_grant=True)).uid
    services.funds.add_deadline(grant, date(2026, 11, 10), "Interim report")
    services.funds.add_deadline(grant, date(2026, 12, 5), "Second claim")
    services.funds.add_deadline(grant, date(2027, 3, 31), "Final report")  # not yet

    tasks = TaskRunner()
    area = MoneyArea(services, tasks, services.organization.require(), TODAY)
    qtbot.addWidget(area)
    qtbot.waitUntil(lambda: area.reminders.isVisibleTo(area))
    text = area.reminders.text()
    assert ">1 recurring entry is due to be recorded</a>" in text  # three months of rent
    assert ">2 reports or claims for funders are due within 60 days, 1 of them late</a>" in text
    area.reminders.linkActivated.emit("recurring")
    assert area.tabs.currentWidget() is area.recurring
    area.reminders.linkActivated.emit("funds")
    assert area.tabs.currentWidget() is area.funds
    # Once recorded, the reminder goes.
    services.recurring.record_due(services.recurring.entries()[0].uid, TODAY)
    area.tabs.setCurrentWidget(area.recurring)
    qtbot.waitUntil(lambda: "recurring" not in area.reminders.text())
    tasks.wait_for_done()


def test_someone_who_does_not_keep_the_books_is_told_so(organized: Services, qtbot: QtBot) -> None:
    profiles = organized.profiles
    profiles.add("Amina", "leader")
    coordinator = profiles.add("Lina", "coordinator")
    tasks = TaskRunner()
    leader_view = MoneyArea(organized, tasks, organized.organization.require(), TODAY)
    qtbot.addWidget(leader_view)
    assert not leader_view.look_only.isVisibleTo(leader_view)
    profiles.sign_in(coordinator.uid)
    coordinator_view = MoneyArea(organized, tasks, organized.organization.require(), TODAY)
    qtbot.addWidget(coordinator_view)
    assert coordinator_view.look_only.isVisibleTo(coordinator_view)
    assert "the treasurer and the group leader change them" in coordinator_view.look_only.text()
    tasks.wait_for_done()
