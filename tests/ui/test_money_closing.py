from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot

from communitydesk.core.errors import PeriodClosedError
from communitydesk.services.accounts import AccountInput
from communitydesk.services.context import Services
from communitydesk.services.transactions import SplitInput, TransactionInput
from communitydesk.ui.panels.money_closing import (
    ClosedPeriodsPanel,
    FiscalYearDialog,
    MonthDialog,
    ReopenDialog,
)
from communitydesk.ui.tasks import TaskRunner
from tests.ui.test_money_funds import cells, on_modal

TODAY = date(2026, 11, 20)


@pytest.fixture
def tasks(qapp: QApplication) -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.wait_for_done()


@pytest.fixture
def questions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The confirmations asked, each answered Yes."""
    asked: list[str] = []

    def ask(_parent: object, _title: str, text: str, *_rest: object) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", ask)
    return asked


def _panel(
    services: Services, tasks: TaskRunner, qtbot: QtBot, can_reopen: bool = True
) -> ClosedPeriodsPanel:
    panel = ClosedPeriodsPanel(services.closed_periods, tasks, 4, can_reopen, today=TODAY)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    qtbot.waitUntil(lambda: not panel.busy)
    return panel


def _entry(services: Services, day: date) -> TransactionInput:
    name = f"Cash box {day.isoformat()}"
    account = services.accounts.create(AccountInput(name, date(2026, 1, 1), kind="cash"))
    dues = next(c.uid for c in services.categories.tree() if c.code == "dues")
    return TransactionInput(day, "income", 2500, account.uid, (SplitInput(dues, 2500),))


def test_close_a_month_then_entries_dated_in_it_are_refused(
    organized: Services, tasks: TaskRunner, qtbot: QtBot, questions: list[str]
) -> None:
    organized.database.actor = "Nadia Haddad"
    panel = _panel(organized, tasks, qtbot)
    assert panel.count.text() == "No period is closed yet: every entry can still be changed."

    def choose(dialog: MonthDialog) -> None:
        assert dialog.month.currentText() == "October"  # last month, by default
        assert dialog.year.value() == 2026
        dialog.month.setFocus()
        qtbot.keyClick(dialog.month, Qt.Key.Key_Up)
        assert dialog.month.currentText() == "September"
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    QTimer.singleShot(0, lambda: on_modal(MonthDialog, choose))
    qtbot.mouseClick(panel.month_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.busy and panel.table.rowCount() == 1)
    [asked] = questions
    assert asked.startswith(
        "Close the books from \u2066Sep 1, 2026\u2069 to \u2066Sep 30, 2026\u2069?"
    )
    assert "no entry dated in this period can be added, changed or deleted" in asked
    assert cells(panel.table, 0)[:4] == ["Sep 1, 2026", "Sep 30, 2026", "Closed", "Nadia Haddad"]
    assert panel.count.text() == "1 period closed"

    entry = _entry(organized, date(2026, 9, 14))
    with pytest.raises(PeriodClosedError, match="The books are closed from Sep 1, 2026"):
        organized.transactions.create(entry)
    organized.transactions.create(_entry(organized, date(2026, 10, 1)))  # the day after: open


def test_close_the_fiscal_year(
    organized: Services, tasks: TaskRunner, qtbot: QtBot, questions: list[str]
) -> None:
    panel = _panel(organized, tasks, qtbot)

    def choose(dialog: FiscalYearDialog) -> None:
        offered = [dialog.year.itemText(i) for i in range(3)]
        assert offered == [
            "\u20662026–2027\u2069",
            "\u20662025–2026\u2069",
            "\u20662024–2025\u2069",
        ]
        assert dialog.year.currentIndex() == 1  # the last year ended
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    QTimer.singleShot(0, lambda: on_modal(FiscalYearDialog, choose))
    panel.year_button.click()
    qtbot.waitUntil(lambda: not panel.busy and panel.table.rowCount() == 1)
    assert cells(panel.table, 0)[:3] == ["Apr 1, 2025", "Mar 31, 2026", "Closed"]
    assert "not over yet" not in questions[0]
    period = organized.closed_periods.closed_on(date(2025, 12, 31))
    assert period is not None and period.ends_on == date(2026, 3, 31)


def test_cancelling_the_confirmation_closes_nothing(
    organized: Services, tasks: TaskRunner, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Cancel)
    panel = _panel(organized, tasks, qtbot)
    QTimer.singleShot(
        0,
        lambda: on_modal(
            MonthDialog, lambda d: d.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        ),
    )
    panel.month_button.click()
    qtbot.waitUntil(lambda: not panel.busy)
    assert organized.closed_periods.periods() == ()


def test_reopen_needs_a_reason_then_shows_who_and_why(
    organized: Services, tasks: TaskRunner, qtbot: QtBot
) -> None:
    organized.database.actor = "Nadia Haddad"
    organized.closed_periods.close(date(2026, 3, 1), date(2026, 3, 31))
    panel = _panel(organized, tasks, qtbot)
    assert not panel.reopen_button.isEnabled()  # nothing chosen yet
    panel.table.selectRow(0)
    assert panel.reopen_button.isEnabled()

    def reopen(dialog: ReopenDialog) -> None:
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
        qtbot.waitUntil(lambda: not dialog.busy)
        assert dialog.fields["reason"].error.text() == (
            "Say why the period is reopened: it stays on record."
        )
        assert dialog.isVisible()
        qtbot.keyClicks(dialog.reason, "A cheque from March was found")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    QTimer.singleShot(0, lambda: on_modal(ReopenDialog, reopen))
    qtbot.mouseClick(panel.reopen_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.busy and cells(panel.table, 0)[2] == "Reopened")
    row = cells(panel.table, 0)
    assert row[5] == "Nadia Haddad"
    assert row[6]  # when
    assert row[7] == "A cheque from March was found"
    assert panel.count.text() == "0 periods closed; 1 reopened"
    assert not panel.reopen_button.isEnabled()
    assert panel.reopen_button.toolTip() == "This period is already open."
    assert organized.closed_periods.closed_on(date(2026, 3, 15)) is None


def test_only_the_treasurer_may_reopen(
    organized: Services, tasks: TaskRunner, qtbot: QtBot
) -> None:
    organized.closed_periods.close(date(2026, 3, 1), date(2026, 3, 31))
    panel = _panel(organized, tasks, qtbot, can_reopen=False)
    panel.table.selectRow(0)
    assert not panel.reopen_button.isEnabled()
    assert panel.reopen_button.toolTip() == "Only the treasurer can reopen closed books."
    assert panel.month_button.isEnabled()
