from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any, TypeVar

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from communitydesk.core.i18n import format_date, without_isolates
from communitydesk.services.accounts import AccountInput
from communitydesk.services.context import Services
from communitydesk.services.funds import FundInput
from communitydesk.services.periods import fiscal_year, fiscal_year_of
from communitydesk.services.transactions import SplitInput, TransactionInput, TransactionPage
from communitydesk.ui.dialogs.transaction_dialog import TransactionDialog
from communitydesk.ui.panels import money_register
from communitydesk.ui.panels.money_register import RegisterColumn, RegisterPanel
from communitydesk.ui.tasks import TaskRunner
from communitydesk.ui.widgets.tables import select_row

D = TypeVar("D", bound=QDialog)
TODAY = date.today()


@dataclass(frozen=True)
class Books:
    bank: str
    cash: str
    grant: str
    categories: dict[str, str]  # seeded code -> uid


@pytest.fixture
def tasks(qapp: QApplication) -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.wait_for_done()


@pytest.fixture
def books(organized: Services) -> Books:
    bank = organized.accounts.create(AccountInput("Main chequing", TODAY, opening_cents=100000))
    cash = organized.accounts.create(AccountInput("Cash box", TODAY, "cash", opening_cents=5000))
    grant = organized.funds.create(FundInput("City youth grant", True, opening_cents=20000))
    codes = {c.code: c.uid for c in organized.categories.tree() if c.code}
    return Books(bank.uid, cash.uid, grant.uid, codes)


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the warnings said (show_error), instead of a box waiting for a click."""
    shown: list[str] = []

    def warn(_parent: object, _title: str, text: str, *_args: object) -> object:
        shown.append(without_isolates(text))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", warn)
    return shown


def _record(
    services: Services,
    books: Books,
    kind: str,
    cents: int,
    code: str,
    payee: str,
    account: str = "",
    day: date = TODAY,
    memo: str = "",
) -> str:
    return services.transactions.create(
        TransactionInput(
            day,
            kind,
            cents,
            account or books.bank,
            (SplitInput(books.categories[code], cents),),
            payee=payee,
            memo=memo,
        )
    ).uid


def _panel(services: Services, tasks: TaskRunner, qtbot: QtBot) -> RegisterPanel:
    s = services
    panel = RegisterPanel(
        s.transactions,
        s.accounts,
        s.categories,
        s.funds,
        s.programs,
        s.people,
        tasks,
        "CAD",
        fiscal_start_month=4,
    )
    qtbot.addWidget(panel)
    panel.resize(1200, 600)
    panel.show()
    qtbot.waitExposed(panel)
    qtbot.waitUntil(lambda: not panel.busy and panel.new_expense_button.isEnabled())
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


def _column(panel: RegisterPanel, column: RegisterColumn) -> list[str]:
    model = panel.model
    return [str(model.index(row, column).data()) for row in range(model.rowCount())]


def _type(qtbot: QtBot, field: object, text: str) -> None:
    field.setFocus()  # type: ignore[attr-defined]
    field.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClicks(field, text)


def _idle(dialog: TransactionDialog) -> bool:
    return not (dialog.busy or dialog.loading)


def test_an_expense_shared_across_two_lines_shows_in_the_register(
    organized: Services, books: Books, tasks: TaskRunner, qtbot: QtBot
) -> None:
    panel = _panel(organized, tasks, qtbot)
    QAbstractItemModelTester(panel.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    assert panel.summary.text() == "No entries for these filters."
    this_year = fiscal_year(fiscal_year_of(TODAY, 4), 4)
    assert (panel.start.date().toPython(), panel.end.date().toPython()) == (
        this_year.start,
        this_year.end,
    )

    def record(dialog: TransactionDialog) -> None:
        # As a desktop does, the form takes the keyboard from the list (which has its own Enter).
        dialog.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
        assert dialog.windowTitle() == "New money out"
        qtbot.keyClicks(dialog.payee.search, "Metro Plus")
        _type(qtbot, dialog.amount, "120")
        first = dialog.splits.lines[0]
        first.category.setFocus()
        qtbot.keyClicks(first.category, "food")
        _type(qtbot, first.amount, "80")
        dialog.splits.add_line_button.click()
        second = dialog.splits.lines[1]
        assert second.amount.text() == "40.00"
        qtbot.keyClicks(second.category, "supplies")
        second.fund.setFocus()
        qtbot.keyClicks(second.fund, "City")
        qtbot.keyClicks(second.memo, "Markers")
        qtbot.keyClick(second.memo, Qt.Key.Key_Return)  # Enter saves
        qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=2000)

    QTimer.singleShot(0, lambda: _on_modal(TransactionDialog, record))
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not panel.busy and panel.model.rowCount() == 1)
    assert _column(panel, RegisterColumn.PAYEE) == ["Metro Plus"]
    assert _column(panel, RegisterColumn.CATEGORIES) == ["Food and refreshments, Supplies"]
    assert _column(panel, RegisterColumn.MONEY_OUT) == ["$120.00"]
    assert _column(panel, RegisterColumn.MONEY_IN) == [""]
    assert _column(panel, RegisterColumn.DATE) == [format_date(TODAY)]
    assert panel.model.index(0, RegisterColumn.MONEY_OUT).data(
        Qt.ItemDataRole.TextAlignmentRole
    ) == (Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert without_isolates(panel.summary.text()) == "1 entry · net -$120.00"
    assert without_isolates(panel.undo_button.text()) == (
        f"Undo: add the entry of {format_date(TODAY)}"
    )
    [row] = panel.selected_rows()
    saved = organized.transactions.get(row.uid)
    assert [(s.category_code, s.amount_cents, s.fund_name, s.memo) for s in saved.splits] == [
        ("food", 8000, "", ""),
        ("supplies", 4000, "City youth grant", "Markers"),
    ]
    [grant] = organized.funds.funds()
    assert grant.balance_cents == 16000


def test_money_in_and_a_transfer_read_from_each_account(
    organized: Services, books: Books, tasks: TaskRunner, qtbot: QtBot
) -> None:
    _record(organized, books, "income", 2500, "donations", "Ahmed Ali")
    organized.transactions.create(
        TransactionInput(TODAY, "transfer", 10000, books.bank, to_account_uid=books.cash)
    )
    panel = _panel(organized, tasks, qtbot)
    assert _column(panel, RegisterColumn.CATEGORIES) == ["Transfer to Cash box", "Donations"]
    assert _column(panel, RegisterColumn.MONEY_IN) == ["", "$25.00"]
    assert _column(panel, RegisterColumn.MONEY_OUT) == ["$100.00", ""]

    panel.account_filter.setCurrentIndex(panel.account_filter.findText("Cash box"))
    qtbot.waitUntil(lambda: not panel.busy and panel.model.rowCount() == 1)
    assert _column(panel, RegisterColumn.MONEY_IN) == ["$100.00"]  # into the cash box
    assert _column(panel, RegisterColumn.MONEY_OUT) == [""]


def test_filters_narrow_the_list(
    organized: Services, books: Books, tasks: TaskRunner, qtbot: QtBot
) -> None:
    _record(organized, books, "expense", 4500, "rent", "St. Mark's Church", memo="Hall in May")
    _record(organized, books, "expense", 1200, "food", "Metro Plus", books.cash)
    _record(organized, books, "income", 2000, "sales", "Bake sale", books.cash)
    _record(organized, books, "expense", 900, "supplies", "Staples")
    panel = _panel(organized, tasks, qtbot)
    assert panel.model.rowCount() == 4
    assert without_isolates(panel.summary.text()) == "4 entries · net -$46.00"

    qtbot.keyClicks(panel.search, "hall")  # in the memo, whatever the case
    qtbot.waitUntil(lambda: not panel.busy and panel.model.rowCount() == 1)
    assert _column(panel, RegisterColumn.PAYEE) == ["St. Mark's Church"]
    panel.search.clear()
    qtbot.waitUntil(lambda: not panel.busy and panel.model.rowCount() == 4)

    panel.account_filter.setFocus()
    qtbot.keyClicks(panel.account_filter, "Cash")
    qtbot.waitUntil(lambda: not panel.busy and panel.model.rowCount() == 2)
    assert sorted(_column(panel, RegisterColumn.PAYEE)) == ["Bake sale", "Metro Plus"]
    assert without_isolates(panel.summary.text()) == "2 entries · net +$8.00"

    panel.kind_filter.setCurrentIndex(panel.kind_filter.findText("Money in"))
    qtbot.waitUntil(lambda: not panel.busy and panel.model.rowCount() == 1)
    assert _column(panel, RegisterColumn.PAYEE) == ["Bake sale"]


def test_dates_and_uncleared_filters(
    organized: Services, books: Books, tasks: TaskRunner, qtbot: QtBot
) -> None:
    last_year = fiscal_year(fiscal_year_of(TODAY, 4) - 1, 4)
    _record(organized, books, "expense", 4500, "rent", "Old rent", day=last_year.start)
    cleared = _record(organized, books, "expense", 1200, "food", "Metro Plus")
    _record(organized, books, "expense", 900, "supplies", "Staples")
    organized.transactions.set_cleared((cleared,), True)
    panel = _panel(organized, tasks, qtbot)
    assert sorted(_column(panel, RegisterColumn.PAYEE)) == ["Metro Plus", "Staples"]
    assert sorted(_column(panel, RegisterColumn.CLEARED)) == ["", "✓"]

    panel.period.setCurrentIndex(panel.period.findText("Last fiscal year"))
    qtbot.waitUntil(lambda: not panel.busy and _column(panel, RegisterColumn.PAYEE) == ["Old rent"])
    assert panel.start.date().toPython() == last_year.start

    panel.period.setCurrentIndex(panel.period.findText("This fiscal year"))
    panel.uncleared.click()
    qtbot.waitUntil(lambda: not panel.busy and _column(panel, RegisterColumn.PAYEE) == ["Staples"])


def test_delete_then_ctrl_z_brings_it_back(
    organized: Services, books: Books, tasks: TaskRunner, qtbot: QtBot
) -> None:
    kept = _record(organized, books, "expense", 1200, "food", "Metro Plus")
    gone = _record(organized, books, "expense", 900, "supplies", "Staples")
    panel = _panel(organized, tasks, qtbot)
    panel.table.setFocus()
    row = _column(panel, RegisterColumn.PAYEE).index("Staples")
    select_row(panel.table, row)
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: not panel.busy and panel.model.rowCount() == 1)
    assert without_isolates(panel.undo_button.text()) == (
        f"Undo: delete the entry of {format_date(TODAY)}"
    )
    assert [r.uid for r in organized.transactions.page().rows] == [kept]

    qtbot.keyClick(panel.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not panel.busy and panel.model.rowCount() == 2)
    assert {r.uid for r in organized.transactions.page().rows} == {kept, gone}
    assert "Staples" in _column(panel, RegisterColumn.PAYEE)


def test_an_edit_in_a_closed_period_is_refused_and_changes_nothing(
    organized: Services,
    books: Books,
    tasks: TaskRunner,
    qtbot: QtBot,
    messages: list[str],
) -> None:
    uid = _record(organized, books, "expense", 1200, "food", "Metro Plus")
    before = organized.transactions.get(uid)
    organized.closed_periods.close(TODAY - timedelta(days=1), TODAY)
    panel = _panel(organized, tasks, qtbot)

    def edit(dialog: TransactionDialog) -> None:
        assert dialog.amount.text() == "12.00"
        _type(qtbot, dialog.amount, "15")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
        qtbot.waitUntil(lambda: _idle(dialog) and bool(messages))
        assert dialog.isVisible()  # the form stays, with what was typed
        dialog.reject()

    QTimer.singleShot(0, lambda: _on_modal(TransactionDialog, edit))
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not panel.busy and bool(messages))
    day = format_date(TODAY)
    assert messages == [
        f"The books are closed from {format_date(TODAY - timedelta(days=1))} to {day}, so "
        f"nothing dated {day} can change. The treasurer can reopen the period under Money, "
        "Closed periods."
    ]
    assert organized.transactions.get(uid) == before
    assert not panel.undo_button.isEnabled()  # nothing to undo: nothing was done

    panel.delete_button.click()  # refused too, and Undo has nothing to put back
    qtbot.waitUntil(lambda: not panel.busy and len(messages) == 2)
    assert organized.transactions.get(uid) == before
    panel.undo_button.click()
    qtbot.waitUntil(lambda: not panel.busy)
    assert len(messages) == 2


def test_a_receipt_attached_shows_its_count(
    organized: Services,
    books: Books,
    tasks: TaskRunner,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    receipt = tmp_path / "metro-receipt.pdf"
    receipt.write_bytes(b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n")
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", lambda *_args: ([str(receipt)], "PDF (*.pdf)")
    )
    uid = _record(organized, books, "expense", 1200, "food", "Metro Plus")
    panel = _panel(organized, tasks, qtbot)
    assert _column(panel, RegisterColumn.RECEIPTS) == [""]

    def attach(dialog: TransactionDialog) -> None:
        dialog.receipts.attach_button.click()
        qtbot.waitUntil(lambda: _idle(dialog) and dialog.receipts.names() == ["metro-receipt.pdf"])
        dialog.reject()  # kept already: the receipt is with the entry, cancelled or not

    QTimer.singleShot(0, lambda: _on_modal(TransactionDialog, attach))
    panel.edit_button.click()
    qtbot.waitUntil(lambda: not panel.busy and _column(panel, RegisterColumn.RECEIPTS) == ["1"])
    assert panel.model.index(0, RegisterColumn.RECEIPTS).data(Qt.ItemDataRole.ToolTipRole) == (
        "1 receipt"
    )
    [kept] = organized.transactions.attachments(uid)
    assert kept.file_name == "metro-receipt.pdf"


def test_mark_cleared_then_undo(
    organized: Services, books: Books, tasks: TaskRunner, qtbot: QtBot
) -> None:
    uid = _record(organized, books, "expense", 1200, "food", "Metro Plus")
    panel = _panel(organized, tasks, qtbot)
    assert panel.cleared_button.text() == "Mark cleared"
    panel.cleared_button.click()
    qtbot.waitUntil(lambda: not panel.busy and _column(panel, RegisterColumn.CLEARED) == ["✓"])
    assert organized.transactions.get(uid).cleared
    assert panel.cleared_button.text() == "Mark not cleared"
    panel.undo_button.click()
    qtbot.waitUntil(lambda: not panel.busy and _column(panel, RegisterColumn.CLEARED) == [""])
    assert not organized.transactions.get(uid).cleared


def test_sorting_by_a_header_and_reading_page_by_page(
    organized: Services,
    books: Books,
    tasks: TaskRunner,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(money_register, "PAGE_SIZE", 5)
    for number in range(12):
        _record(organized, books, "expense", 100 * (number + 1), "food", f"Shop {number:02}")
    read = organized.transactions.page
    offsets: list[int] = []

    def page(*args: Any, **kwargs: Any) -> TransactionPage:
        offsets.append(kwargs.get("offset", 0))
        return read(*args, **kwargs)

    monkeypatch.setattr(organized.transactions, "page", page)
    panel = _panel(organized, tasks, qtbot)
    QAbstractItemModelTester(panel.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    panel.table.scrollToBottom()  # the view asks for the next pages as it fills
    qtbot.waitUntil(lambda: not panel.busy and panel.model.rowCount() == 12)
    assert offsets == [0, 5, 10]
    assert without_isolates(panel.summary.text()) == "12 entries · net -$78.00"

    header = panel.table.horizontalHeader()
    header.setSortIndicator(RegisterColumn.MONEY_OUT, Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(lambda: not panel.busy and panel.model.sort_key == "amount")
    # Money out is negative to the account: ascending is the largest spending first.
    assert _column(panel, RegisterColumn.MONEY_OUT)[:2] == ["$12.00", "$11.00"]
    header.setSortIndicator(RegisterColumn.PAYEE, Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(lambda: not panel.busy and panel.model.sort_key == "payee")
    # The view may already have asked for the next page: the order is what counts.
    assert _column(panel, RegisterColumn.PAYEE)[:5] == [
        "Shop 00",
        "Shop 01",
        "Shop 02",
        "Shop 03",
        "Shop 04",
    ]

    # Categories are not sorted by the books: the order in force stays.
    header.setSortIndicator(RegisterColumn.CATEGORIES, Qt.SortOrder.AscendingOrder)
    assert header.sortIndicatorSection() == RegisterColumn.PAYEE
    assert panel.model.sort_key == "payee"
