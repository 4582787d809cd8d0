from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import TypeVar

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
)
from pytestqt.qtbot import QtBot

from communitydesk.services.accounts import AccountInput
from communitydesk.services.budgets import BudgetLineInput
from communitydesk.services.context import Services
from communitydesk.services.funds import FundInput
from communitydesk.services.transactions import SplitInput, TransactionInput
from communitydesk.ui.dialogs.fund_dialog import FundDialog
from communitydesk.ui.panels.money_funds import PROBLEM, FundsPanel
from communitydesk.ui.tasks import TaskRunner
from communitydesk.ui.widgets.dates import qdate

D = TypeVar("D", bound=QDialog)
TODAY = date(2026, 11, 20)


@pytest.fixture
def tasks(qapp: QApplication) -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.wait_for_done()


def on_modal(kind: type[D], act: Callable[[D], None], tries: int = 250) -> None:
    """Act on the next modal dialog of `kind`; close it if the act fails, so no test hangs."""
    dialog = QApplication.activeModalWidget()
    if not isinstance(dialog, kind):
        if tries:
            QTimer.singleShot(20, lambda: on_modal(kind, act, tries - 1))
        return
    try:
        act(dialog)
    except BaseException:
        dialog.done(0)
        raise


def warnings_shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts of the warnings the panel shows, instead of message boxes waiting for a click."""
    shown: list[str] = []

    def warn(_parent: object, _title: str, text: str, *_rest: object) -> QMessageBox.StandardButton:
        shown.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", warn)
    return shown


def cells(table: QTableWidget, row: int) -> list[str]:
    return [cell.text() if (cell := table.item(row, c)) else "" for c in range(table.columnCount())]


def item(table: QTableWidget, row: int, number: int) -> QTableWidgetItem:
    found = table.item(row, number)
    assert found is not None
    return found


def column(table: QTableWidget, number: int = 0) -> list[str]:
    return [cells(table, row)[number] for row in range(table.rowCount())]


def _panel(services: Services, tasks: TaskRunner, qtbot: QtBot) -> FundsPanel:
    panel = FundsPanel(services.funds, tasks, "CAD", today=TODAY)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    qtbot.waitUntil(lambda: not panel.busy)
    return panel


def _spend(services: Services, fund_uid: str, cents: int, code: str = "supplies") -> None:
    account = services.accounts.create(AccountInput("Bank", date(2026, 1, 1), opening_cents=100000))
    [category] = [c for c in services.categories.tree() if c.code == code]
    services.transactions.create(
        TransactionInput(
            date(2026, 6, 1),
            "expense",
            cents,
            account.uid,
            (SplitInput(category.uid, cents, fund_uid=fund_uid),),
        ),
        allow_overspend=True,
    )


def test_create_a_grant_with_a_deadline_in_the_dialog(
    organized: Services, tasks: TaskRunner, qtbot: QtBot
) -> None:
    panel = _panel(organized, tasks, qtbot)
    assert column(panel.table) == ["Unrestricted", "Total"]
    assert panel.deadlines.rowCount() == 0

    def fill(dialog: FundDialog) -> None:
        assert not dialog.grant_box.isVisibleTo(dialog)
        qtbot.keyClicks(dialog.name, "New Horizons for Seniors")
        dialog.is_grant.setFocus()
        qtbot.keyClick(dialog.is_grant, Qt.Key.Key_Space)
        assert dialog.grant_box.isVisibleTo(dialog)
        qtbot.keyClicks(dialog.funder, "Employment and Social Development Canada")
        qtbot.keyClicks(dialog.awarded, "25 000")
        dialog.starts_on.check.setChecked(True)
        dialog.starts_on.edit.setDate(qdate(date(2026, 4, 1)))
        dialog.ends_on.check.setChecked(True)
        dialog.ends_on.edit.setDate(qdate(date(2027, 3, 31)))
        qtbot.keyClicks(dialog.purpose, "Lunches and outings for seniors")
        # A deadline: its date, what is due, then Add.
        qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
        assert dialog.fields["what"].error.text() == "Say what is due, e.g. Interim report."
        dialog.due_on.setDate(qdate(date(2026, 11, 30)))
        qtbot.keyClicks(dialog.what, "Interim report")
        qtbot.keyClick(dialog.what, Qt.Key.Key_Return)
        dialog.due_on.setDate(qdate(date(2027, 4, 30)))
        qtbot.keyClicks(dialog.what, "Final report")
        qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
        assert column(dialog.deadlines, 1) == ["Interim report", "Final report"]
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    QTimer.singleShot(0, lambda: on_modal(FundDialog, fill))
    panel.new_button.click()
    qtbot.waitUntil(lambda: not panel.busy and panel.table.rowCount() == 3)
    assert cells(panel.table, 0) == [
        "New Horizons for Seniors",
        "Employment and Social Development Canada",
        "\u2066$25,000.00\u2069",
        "\u2066Apr 1, 2026\u2069 to \u2066Mar 31, 2027\u2069",
        "\u2066$0.00\u2069",
        "\u2066$0.00\u2069",
        "\u2066$0.00\u2069",
    ]
    # The report due in ten days is among the upcoming ones; the final one, months away, is not.
    assert [cells(panel.deadlines, r) for r in range(panel.deadlines.rowCount())] == [
        ["Nov 30, 2026", "In 10 days", "New Horizons for Seniors", "Interim report"]
    ]
    [grant] = organized.funds.funds()
    assert (grant.is_grant, grant.awarded_cents, grant.purpose) == (
        True,
        2500000,
        "Lunches and outings for seniors",
    )
    assert [(d.due_on, d.what) for d in grant.deadlines] == [
        (date(2026, 11, 30), "Interim report"),
        (date(2027, 4, 30), "Final report"),
    ]
    assert panel.undo_button.text() == "Undo: add New Horizons for Seniors"


def test_a_late_deadline_is_marked_and_mark_done_takes_it_off_with_undo(
    organized: Services, tasks: TaskRunner, qtbot: QtBot
) -> None:
    grant = organized.funds.create(FundInput("City grant", is_grant=True, funder="City"))
    organized.funds.add_deadline(grant.uid, date(2026, 11, 15), "Interim report")
    organized.funds.add_deadline(grant.uid, date(2027, 3, 1), "Final report")
    panel = _panel(organized, tasks, qtbot)
    assert cells(panel.deadlines, 0)[:2] == ["Nov 15, 2026", "Late by 5 days"]
    assert item(panel.deadlines, 0, 1).foreground().color() == PROBLEM
    assert "1 is late" in panel.deadlines_title.text()
    assert not panel.done_button.isEnabled()

    panel.deadlines.selectRow(0)
    qtbot.mouseClick(panel.done_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.busy and panel.deadlines.rowCount() == 0)
    assert "No report or claim is due" in panel.deadlines_title.text()
    assert organized.funds.get(grant.uid).deadlines[0].done_on == TODAY

    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not panel.busy and panel.deadlines.rowCount() == 1)
    assert organized.funds.get(grant.uid).deadlines[0].done_on is None


def test_an_overspent_fund_says_so_in_words_and_red(
    organized: Services, tasks: TaskRunner, qtbot: QtBot
) -> None:
    gift = organized.funds.create(FundInput("Library gift", opening_cents=20000))
    _spend(organized, gift.uid, 45000)
    panel = _panel(organized, tasks, qtbot)
    row = cells(panel.table, 0)
    assert row[0] == "Library gift"
    assert row[4:] == ["\u2066$0.00\u2069", "\u2066$450.00\u2069", "\u2066-$250.00\u2069 overspent"]
    assert item(panel.table, 0, 6).foreground().color() == PROBLEM
    # The bank holds 1,000.00 less 450.00; the gift is 250.00 short, so 800.00 is unrestricted.
    assert cells(panel.table, 1)[::6] == ["Unrestricted", "\u2066$800.00\u2069"]
    assert cells(panel.table, 2)[::6] == ["Total", "\u2066$550.00\u2069"]
    assert item(panel.table, 2, 6).font().bold()


def test_edit_a_fund_marks_and_removes_deadlines_in_the_dialog(
    organized: Services, tasks: TaskRunner, qtbot: QtBot
) -> None:
    grant = organized.funds.create(FundInput("City grant", is_grant=True, funder="City"))
    organized.funds.add_deadline(grant.uid, date(2026, 12, 1), "Interim report")
    organized.funds.add_deadline(grant.uid, date(2026, 12, 15), "Photos")
    panel = _panel(organized, tasks, qtbot)

    def edit(dialog: FundDialog) -> None:
        assert dialog.funder.text() == "City"
        dialog.deadlines.selectRow(0)
        qtbot.mouseClick(dialog.done_button, Qt.MouseButton.LeftButton)
        assert cells(dialog.deadlines, 0)[2] == "Done on \u2066Nov 20, 2026\u2069"
        dialog.deadlines.selectRow(1)
        qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
        assert dialog.deadlines.rowCount() == 1
        dialog.name.selectAll()
        qtbot.keyClicks(dialog.name, "City of Ottawa grant")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    panel.table.selectRow(0)
    QTimer.singleShot(0, lambda: on_modal(FundDialog, edit))
    qtbot.mouseClick(panel.edit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.busy and cells(panel.table, 0)[0] == "City of Ottawa grant")
    assert panel.deadlines.rowCount() == 0
    [interim] = organized.funds.get(grant.uid).deadlines
    assert (interim.what, interim.done_on) == ("Interim report", TODAY)

    panel.undo_button.click()
    qtbot.waitUntil(lambda: not panel.busy and cells(panel.table, 0)[0] == "City grant")


def test_a_bad_amount_is_shown_beside_its_field(
    organized: Services, tasks: TaskRunner, qtbot: QtBot
) -> None:
    panel = _panel(organized, tasks, qtbot)

    def fill(dialog: FundDialog) -> None:
        qtbot.keyClicks(dialog.name, "Gift")
        qtbot.keyClicks(dialog.opening, "12.345")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
        assert dialog.fields["opening_cents"].error.text() == "An amount has at most two decimals."
        dialog.reject()

    QTimer.singleShot(0, lambda: on_modal(FundDialog, fill))
    panel.new_button.click()
    assert organized.funds.funds() == ()


def test_delete_is_refused_for_a_fund_in_use_and_undone_for_another(
    organized: Services, tasks: TaskRunner, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown = warnings_shown(monkeypatch)
    used = organized.funds.create(FundInput("Arts grant", is_grant=True))
    [rent] = [c for c in organized.categories.tree() if c.code == "rent"]
    organized.budgets.set_line(2026, BudgetLineInput(rent.uid, 50000, fund_uid=used.uid))
    organized.funds.create(FundInput("Bus fund"))
    panel = _panel(organized, tasks, qtbot)
    assert column(panel.table)[:2] == ["Arts grant", "Bus fund"]

    panel.table.selectRow(0)
    panel.delete_button.click()
    qtbot.waitUntil(lambda: not panel.busy and bool(shown))
    assert shown == ["This fund has entries or a budget: close it instead."]
    assert column(panel.table)[:2] == ["Arts grant", "Bus fund"]
    assert not panel.undo_button.isEnabled()

    panel.table.selectRow(1)
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: not panel.busy and column(panel.table)[1] == "Unrestricted")
    assert panel.undo_button.text() == "Undo: delete Bus fund"
    qtbot.keyClick(panel.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not panel.busy and column(panel.table)[1] == "Bus fund")
    assert [f.name for f in organized.funds.funds()] == ["Arts grant", "Bus fund"]
    assert len(shown) == 1
