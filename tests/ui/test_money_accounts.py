from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import TypeVar

import pytest
from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot

from communitydesk.core.i18n import _, without_isolates
from communitydesk.services.accounts import KIND_NAMES, AccountInput
from communitydesk.services.context import Services
from communitydesk.services.transactions import SplitInput, TransactionInput
from communitydesk.ui.dialogs.account_dialog import AccountDialog
from communitydesk.ui.panels.money_accounts import AccountColumn, AccountsPanel
from communitydesk.ui.qt_language import apply_language
from communitydesk.ui.tasks import TaskRunner
from communitydesk.ui.widgets.tables import select_row

D = TypeVar("D", bound=QDialog)
TODAY = date.today()


@pytest.fixture
def tasks(qapp: QApplication) -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.wait_for_done()


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []

    def warn(_parent: object, _title: str, text: str, *_args: object) -> object:
        shown.append(without_isolates(text))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", warn)
    return shown


def _panel(services: Services, tasks: TaskRunner, qtbot: QtBot) -> AccountsPanel:
    panel = AccountsPanel(services.accounts, tasks, "CAD")
    qtbot.addWidget(panel)
    panel.resize(900, 400)
    panel.show()
    qtbot.waitExposed(panel)
    qtbot.waitUntil(lambda: not panel.busy)
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


def _cells(panel: AccountsPanel, row: int) -> list[str]:
    model = panel.model
    return [str(model.index(row, column).data()) for column in range(model.columnCount())]


@pytest.mark.parametrize(
    ("language", "typed", "shown", "total"),
    [
        ("en", "1,250.50", "$1,250.50", "Total of the balances: $1,250.50"),
        ("fr", "1 250,50", "1\xa0250,50\xa0$", "Total des soldes : 1\xa0250,50\xa0$"),
    ],
)
def test_a_new_account_shows_with_its_balance(
    organized: Services,
    tasks: TaskRunner,
    qapp: QApplication,
    qtbot: QtBot,
    language: str,
    typed: str,
    shown: str,
    total: str,
) -> None:
    apply_language(qapp, language)
    panel = _panel(organized, tasks, qtbot)
    QAbstractItemModelTester(panel.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    assert panel.model.rowCount() == 0
    changes: list[bool] = []
    panel.changed.connect(lambda: changes.append(True))
    kind = _(KIND_NAMES["cash"])

    def create(dialog: AccountDialog) -> None:
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
        qtbot.waitUntil(lambda: not dialog.busy)
        wanted = _("Give the account a name, e.g. Main chequing.")
        assert dialog.fields["name"].error.text() == wanted
        qtbot.keyClicks(dialog.name, "Petty cash tin")
        dialog.kind.setFocus()
        qtbot.keyClicks(dialog.kind, kind[:4])
        qtbot.keyClicks(dialog.opening, typed)
        dialog.opening_on.setDate(QDate(TODAY.year, 1, 1))
        qtbot.keyClicks(dialog.notes, "Kept by the treasurer")
        assert not dialog.closed.isVisibleTo(dialog)  # a new account is open
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    QTimer.singleShot(0, lambda: _on_modal(AccountDialog, create))
    panel.new_button.click()
    qtbot.waitUntil(lambda: not panel.busy and panel.model.rowCount() == 1 and bool(changes))
    cells = _cells(panel, 0)
    assert cells[AccountColumn.NAME] == "Petty cash tin"
    assert cells[AccountColumn.KIND] == kind
    assert cells[AccountColumn.BALANCE] == shown
    assert cells[AccountColumn.CLOSED] == ""
    assert without_isolates(panel.total.text()) == total
    [saved] = organized.accounts.accounts()
    assert (saved.kind, saved.opening_cents, saved.opening_on, saved.notes) == (
        "cash",
        125050,
        date(TODAY.year, 1, 1),
        "Kept by the treasurer",
    )


def test_balances_follow_the_entries_and_add_up(
    organized: Services, tasks: TaskRunner, qtbot: QtBot
) -> None:
    bank = organized.accounts.create(AccountInput("Main chequing", TODAY, opening_cents=100000))
    organized.accounts.create(AccountInput("Cash box", TODAY, "cash", opening_cents=5000))
    donations = next(c.uid for c in organized.categories.tree() if c.code == "donations")
    organized.transactions.create(
        TransactionInput(TODAY, "income", 2550, bank.uid, (SplitInput(donations, 2550),))
    )
    panel = _panel(organized, tasks, qtbot)
    balances = [panel.model.index(r, AccountColumn.BALANCE).data() for r in range(2)]
    assert balances == ["$50.00", "$1,025.50"]  # by name: Cash box, Main chequing
    assert without_isolates(panel.total.text()) == "Total of the balances: $1,075.50"
    assert panel.model.index(0, AccountColumn.BALANCE).data(Qt.ItemDataRole.TextAlignmentRole) == (
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    )


def test_close_an_account_then_undo(organized: Services, tasks: TaskRunner, qtbot: QtBot) -> None:
    organized.accounts.create(AccountInput("Old savings", TODAY, institution="TD"))
    panel = _panel(organized, tasks, qtbot)

    def close(dialog: AccountDialog) -> None:
        assert dialog.name.text() == "Old savings"
        assert dialog.closed.isVisibleTo(dialog)
        dialog.closed.click()
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    QTimer.singleShot(0, lambda: _on_modal(AccountDialog, close))
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not panel.busy and _cells(panel, 0)[AccountColumn.CLOSED] == "✓")
    assert panel.undo_button.text() == "Undo: edit Old savings"
    panel.activateWindow()  # back from the form, as on a desktop
    qtbot.waitUntil(lambda: QApplication.activeWindow() is panel)
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not panel.busy and _cells(panel, 0)[AccountColumn.CLOSED] == "")
    assert not organized.accounts.accounts(include_closed=True)[0].closed


def test_delete_an_unused_account_then_undo(
    organized: Services, tasks: TaskRunner, qtbot: QtBot
) -> None:
    organized.accounts.create(AccountInput("Payment app", TODAY, "payment_app"))
    panel = _panel(organized, tasks, qtbot)
    changes: list[bool] = []
    panel.changed.connect(lambda: changes.append(True))
    panel.table.setFocus()
    select_row(panel.table, 0)
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: not panel.busy and panel.model.rowCount() == 0)
    assert organized.accounts.accounts(include_closed=True) == ()
    assert changes
    qtbot.keyClick(panel.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not panel.busy and panel.model.rowCount() == 1)
    assert [a.name for a in organized.accounts.accounts()] == ["Payment app"]


def test_an_account_with_entries_is_not_deleted(
    organized: Services, tasks: TaskRunner, qtbot: QtBot, messages: list[str]
) -> None:
    bank = organized.accounts.create(AccountInput("Main chequing", TODAY))
    fees = next(c.uid for c in organized.categories.tree() if c.code == "bank_fees")
    organized.transactions.create(
        TransactionInput(TODAY, "expense", 400, bank.uid, (SplitInput(fees, 400),))
    )
    panel = _panel(organized, tasks, qtbot)
    panel.delete_button.click()
    qtbot.waitUntil(lambda: not panel.busy and bool(messages))
    assert messages == ["This account has entries: close it instead, and its history stays."]
    assert panel.model.rowCount() == 1
    panel.undo_button.click()  # nothing was deleted: nothing to put back, nothing said
    qtbot.waitUntil(lambda: not panel.busy)
    assert len(messages) == 1
    assert [a.name for a in organized.accounts.accounts()] == ["Main chequing"]


def test_an_opening_balance_that_is_not_an_amount(
    organized: Services, tasks: TaskRunner, qtbot: QtBot
) -> None:
    dialog = AccountDialog(organized.accounts, tasks, "CAD")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.name, "Main chequing")
    qtbot.keyClicks(dialog.opening, "12.345")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: not dialog.busy)
    assert dialog.fields["opening_cents"].error.text() == "An amount has at most two decimals."
    assert dialog.isVisible()
    assert organized.accounts.accounts() == ()
