"""Bank statements on screen: the import window, the bank lines the books do not show, matching
and recording them, and reconciling with ticks until the difference is zero."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QMessageBox, QTableWidget
from pytestqt.qtbot import QtBot

from communitydesk.core.errors import ValidationError
from communitydesk.core.i18n import format_date, without_isolates
from communitydesk.services.accounts import AccountInput
from communitydesk.services.context import Services
from communitydesk.services.transactions import SplitInput, TransactionInput, TransactionRecord
from communitydesk.ui.dialogs.statement_dialog import StatementImportDialog
from communitydesk.ui.panels.money_reconcile import (
    MatchDialog,
    NewEntryDialog,
    ReconcilePanel,
    parse_balance,
)
from communitydesk.ui.tasks import TaskRunner

D = TypeVar("D", bound=QDialog)

RBC_JANUARY = (
    "Account Type,Account Number,Transaction Date,Cheque Number,Description 1,Description 2,"
    "CAD$,USD$\n"
    "Chequing,01234-5678901,1/3/2025,,Location de salle,Centre Côte-des-Neiges,-250.00,\n"
    "Chequing,01234-5678901,1/15/2025,000123,CHEQUE,,-45.10,\n"
    "Chequing,01234-5678901,1/25/2025,,Dépôt,Don,100.00,\n"
    "Chequing,01234-5678901,1/31/2025,,Dépôt,Cotisations,1200.50,\n"
    "Chequing,01234-5678901,1/31/2025,,Frais mensuels,,-4.95,\n"
).encode("cp1252")


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
    shown: list[str] = []

    def warn(_parent: object, _title: str, text: str, *_rest: object) -> QMessageBox.StandardButton:
        shown.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", warn)
    return shown


def cells(table: QTableWidget, row: int) -> list[str]:
    return [
        without_isolates(item.text()) if (item := table.item(row, c)) else ""
        for c in range(table.columnCount())
    ]


def _category(services: Services, code: str) -> str:
    return next(c.uid for c in services.categories.tree() if c.code == code)


def _entry(
    services: Services,
    account: str,
    on: date,
    kind: str,
    cents: int,
    code: str,
    payee: str,
    reference: str = "",
) -> TransactionRecord:
    return services.transactions.create(
        TransactionInput(
            entry_date=on,
            kind=kind,
            amount_cents=cents,
            account_uid=account,
            splits=(SplitInput(_category(services, code), cents),),
            payee=payee,
            reference=reference,
        )
    )


@pytest.fixture
def account(organized: Services) -> str:
    return organized.accounts.create(
        AccountInput("Main chequing", date(2024, 12, 31), opening_cents=100_000)
    ).uid


def _panel(services: Services, tasks: TaskRunner, qtbot: QtBot) -> ReconcilePanel:
    s = services
    panel = ReconcilePanel(s.statements, s.transactions, s.accounts, s.categories, tasks, "CAD")
    qtbot.addWidget(panel)
    panel.resize(1000, 760)
    panel.show()
    qtbot.waitExposed(panel)
    qtbot.waitUntil(lambda: not panel.busy and panel.account_uid != "")
    return panel


def test_import_a_statement_then_match_and_record_its_lines(
    organized: Services,
    account: str,
    tasks: TaskRunner,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rent = _entry(organized, account, date(2025, 1, 2), "expense", 25_000, "rent", "Centre")
    cheque = _entry(
        organized, account, date(2025, 1, 2), "expense", 4_510, "supplies", "Papeterie", "123"
    )
    dues = _entry(organized, account, date(2025, 1, 29), "income", 120_050, "dues", "Members")
    # Recorded on the day it was promised; the bank took two weeks: too far to be proposed.
    gift = _entry(organized, account, date(2025, 1, 10), "income", 10_000, "donations", "Ana")
    statement = tmp_path / "rbc-janvier.csv"
    statement.write_bytes(RBC_JANUARY)

    dialog = StatementImportDialog(organized.statements, account, "Main chequing", tasks, "CAD")
    qtbot.addWidget(dialog)
    assert not dialog.import_button.isEnabled()  # no file yet
    dialog.open_file(statement)  # as "Choose the file…" does once a file is chosen
    qtbot.waitUntil(lambda: not dialog.busy and dialog.preview is not None)
    assert dialog.layout_choice.currentText() == "RBC Royal Bank"
    assert not dialog.mapping_box.isVisibleTo(dialog)
    assert without_isolates(dialog.summary.text()).split("<br/>") == [
        "Dates covered: Jan 3, 2025 to Jan 31, 2025",
        "5 new lines, 0 already brought in",
        "3 found among the entries of the books, 2 to look at after the import",
    ]
    assert cells(dialog.lines, 0) == [
        "2",
        "Jan 3, 2025",
        "Location de salle Centre Côte-des-Neiges",
        "-$250.00",
        "Centre, Jan 2, 2025",
    ]
    assert cells(dialog.lines, 2)[4] == "To look at"
    assert dialog.import_button.isEnabled()

    dialog.import_button.click()
    qtbot.waitUntil(lambda: not dialog.busy and dialog.imported is not None)
    assert dialog.summary.text() == "5 lines brought in, 3 matched to entries, 2 to look at"
    assert not dialog.import_button.isEnabled() and dialog.undo_button.isVisibleTo(dialog)
    assert all(organized.transactions.get(e.uid).cleared for e in (rent, cheque, dues))
    dialog.close_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted

    panel = _panel(organized, tasks, qtbot)
    assert without_isolates(panel.last_import.text()) == (
        "Last statement brought in: rbc-janvier.csv, Jan 3, 2025 to Jan 31, 2025"
    )
    assert panel.lines_count.text() == (
        "2 bank lines have no entry in the books: match each, or record it."
    )
    assert [cells(panel.lines, row) for row in range(panel.lines.rowCount())] == [
        ["Jan 25, 2025", "Dépôt Don", "", "$100.00", ""],
        ["Jan 31, 2025", "Frais mensuels", "", "", "$4.95"],
    ]

    # The gift: matched by hand to the entry of the 10th, the only one of $100.00.
    def match(chosen: MatchDialog) -> None:
        assert cells(chosen.table, 0) == ["Jan 10, 2025", "Ana", "", "", "$100.00"]
        chosen.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    panel.lines.selectRow(0)
    QTimer.singleShot(0, lambda: on_modal(MatchDialog, match))
    qtbot.mouseClick(panel.match_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.busy and panel.lines.rowCount() == 1)
    assert organized.transactions.get(gift.uid).cleared
    assert panel.undo_button.text() == "Undo: match the bank line of \u2066Jan 25, 2025\u2069"

    # The bank's fee: recorded as a new entry under Bank fees, matched and cleared at once.
    def record(form: NewEntryDialog) -> None:
        ok = form.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.click()  # no category yet: said under the fields
        assert form.error.text() == "Choose a category, or the account of a transfer."
        form.category.setCurrentIndex(
            form.category.findText("Bank fees", Qt.MatchFlag.MatchEndsWith)
        )
        assert form.payee.text() == "Frais mensuels"
        ok.click()

    panel.lines.selectRow(0)
    QTimer.singleShot(0, lambda: on_modal(NewEntryDialog, record))
    qtbot.mouseClick(panel.record_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.busy and panel.lines.rowCount() == 0)
    assert panel.lines_count.text() == "Every bank line is matched to an entry of the books."
    [fee] = [
        row
        for row in organized.transactions.page().rows
        if row.amount_cents == 495 and row.kind == "expense"
    ]
    assert (fee.entry_date, fee.payee, fee.categories, fee.cleared) == (
        date(2025, 1, 31),
        "Frais mensuels",
        "Bank fees",
        True,
    )

    # Undo takes the new entry back out; the line waits again.
    panel.undo_button.click()
    qtbot.waitUntil(lambda: not panel.busy and panel.lines.rowCount() == 1)
    assert not [r for r in organized.transactions.page().rows if r.amount_cents == 495]
    panel.undo_stack.redo()
    qtbot.waitUntil(lambda: not panel.busy and panel.lines.rowCount() == 0)

    # The same file again: the window says so before anything is written.
    shown = warnings_shown(monkeypatch)
    seen: list[str] = []

    def again(window: StatementImportDialog) -> None:
        window.open_file(statement)
        qtbot.waitUntil(lambda: not window.busy and window.preview is not None)
        seen.append(without_isolates(window.summary.text()))
        assert not window.import_button.isEnabled()
        window.close_button.click()

    QTimer.singleShot(0, lambda: on_modal(StatementImportDialog, again))
    qtbot.mouseClick(panel.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.busy)
    today = format_date(date.today())
    assert seen[0].split("<br/>")[1:] == [
        "0 new lines, 5 already brought in",
        "0 found among the entries of the books, 0 to look at after the import",
        '<span style="color: #b00020;">This statement was already imported on '
        f"{today}: importing it again would change nothing.</span>",
    ]
    assert len(organized.statements.imports(account)) == 1 and not shown


def test_importing_the_same_file_twice_shows_the_services_message(
    organized: Services, account: str, tasks: TaskRunner, qtbot: QtBot, tmp_path: Path
) -> None:
    statement = tmp_path / "rbc.csv"
    statement.write_bytes(RBC_JANUARY)
    first = StatementImportDialog(organized.statements, account, "Main chequing", tasks, "CAD")
    qtbot.addWidget(first)
    first.open_file(statement)
    qtbot.waitUntil(lambda: not first.busy and first.preview is not None)
    second = StatementImportDialog(organized.statements, account, "Main chequing", tasks, "CAD")
    qtbot.addWidget(second)
    second.open_file(statement)
    qtbot.waitUntil(lambda: not second.busy and second.preview is not None)
    first.import_button.click()
    qtbot.waitUntil(lambda: not first.busy and first.imported is not None)

    # The second window previewed before the first imported: the service refuses, and says why.
    second.import_button.click()
    qtbot.waitUntil(lambda: not second.busy)
    today = format_date(date.today())
    assert second.imported is None and second.error.isVisibleTo(second)
    assert without_isolates(second.error.text()) == (
        f"This statement was already imported on {today}; nothing was changed."
    )
    assert len(organized.statements.imports(account)) == 1
    assert len(organized.statements.lines(account)) == 5


def test_a_cell_that_cannot_be_read_is_shown_with_its_row_and_column(
    organized: Services, account: str, tasks: TaskRunner, qtbot: QtBot, tmp_path: Path
) -> None:
    statement = tmp_path / "rbc.csv"
    statement.write_bytes(RBC_JANUARY.replace(b"-45.10", b"45 dollars"))
    dialog = StatementImportDialog(organized.statements, account, "Main chequing", tasks, "CAD")
    qtbot.addWidget(dialog)
    dialog.open_file(statement)
    qtbot.waitUntil(lambda: not dialog.busy and dialog.file is not None)
    qtbot.waitUntil(lambda: dialog.problems.isVisibleTo(dialog))
    assert cells(dialog.problems, 0) == ["3", "CAD$", "“45 dollars” is not an amount."]
    assert not dialog.lines.isVisibleTo(dialog) and not dialog.import_button.isEnabled()


def test_another_bank_by_its_columns(
    organized: Services, account: str, tasks: TaskRunner, qtbot: QtBot, tmp_path: Path
) -> None:
    statement = tmp_path / "caisse.csv"
    statement.write_text(
        "Date;Référence;Libellé;Retrait;Dépôt\n"
        "03/01/2025;A-17;Loyer;250,00;\n"
        "31/01/2025;A-18;Cotisations;;1200,50\n",
        encoding="utf-8",
    )
    dialog = StatementImportDialog(organized.statements, account, "Main chequing", tasks, "CAD")
    qtbot.addWidget(dialog)
    dialog.open_file(statement)
    qtbot.waitUntil(lambda: not dialog.busy and dialog.preview is not None)
    assert dialog.layout_choice.currentText() == "Another bank (choose the columns)"
    assert dialog.mapping_box.isVisibleTo(dialog)
    assert dialog.amount_kind.currentText() == "Two columns: money out and money in"
    assert (dialog.debit_column.currentText(), dialog.credit_column.currentText()) == (
        "4. Retrait",
        "5. Dépôt",
    )
    assert dialog.date_order.currentText() == "Day first (31/01/2025)"
    assert [cells(dialog.lines, row)[1:4] for row in range(2)] == [
        ["Jan 3, 2025", "Loyer", "-$250.00"],
        ["Jan 31, 2025", "Cotisations", "$1,200.50"],
    ]
    # The columns chosen wrong: the preview says where, and nothing can be imported.
    assert dialog.reference_column.currentText() == "2. Référence"
    dialog.date_column.setCurrentIndex(dialog.date_column.findText("3. Libellé"))
    dialog.date_column.activated.emit(dialog.date_column.currentIndex())
    qtbot.waitUntil(lambda: not dialog.busy and dialog.problems.isVisibleTo(dialog))
    assert cells(dialog.problems, 0)[:2] == ["2", "Libellé"]
    assert not dialog.import_button.isEnabled()


def test_tick_entries_until_the_difference_is_zero_then_finish(
    organized: Services, account: str, tasks: TaskRunner, qtbot: QtBot
) -> None:
    rent = _entry(organized, account, date(2025, 1, 2), "expense", 25_000, "rent", "Centre")
    dues = _entry(organized, account, date(2025, 1, 29), "income", 120_050, "dues", "Members")
    # A cheque written on the 30th that the bank had not cashed by the statement's date.
    late = _entry(organized, account, date(2025, 1, 30), "expense", 3_000, "supplies", "Shop")
    panel = _panel(organized, tasks, qtbot)
    assert panel.pages.currentIndex() == 0

    panel.statement_balance.setFocus()
    qtbot.keyClicks(panel.statement_balance, "twelve")
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    assert panel.start_error.text() == "Write an amount, e.g. 25.00."
    panel.statement_balance.clear()
    panel.statement_on.setDate(panel.statement_on.date().fromString("2025-01-31", "yyyy-MM-dd"))
    qtbot.keyClicks(panel.statement_balance, "1,950.50")  # 1,000.00 - 250.00 + 1,200.50
    qtbot.keyClick(panel.statement_balance, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not panel.busy and panel.pages.currentIndex() == 1)

    assert [cells(panel.entries, row)[1:] for row in range(panel.entries.rowCount())] == [
        ["Jan 2, 2025", "Centre", "", "", "", "$250.00"],
        ["Jan 29, 2025", "Members", "", "", "$1,200.50", ""],
        ["Jan 30, 2025", "Shop", "", "", "", "$30.00"],
    ]
    assert without_isolates(panel.statement_total.text()) == "$1,950.50"
    assert without_isolates(panel.cleared_total.text()) == "$1,000.00"
    assert without_isolates(panel.difference.text()) == "$950.50"
    assert "#b00020" in panel.difference.styleSheet() and panel.difference.font().bold()
    assert not panel.finish_button.isEnabled()

    def tick(row: int, on: bool = True) -> None:
        item = panel.entries.item(row, 0)
        assert item is not None
        rect = panel.entries.visualItemRect(item)
        box = QPoint(rect.left() + 12, rect.center().y())  # the tick box starts the cell
        qtbot.mouseClick(panel.entries.viewport(), Qt.MouseButton.LeftButton, pos=box)
        assert item.checkState() == (Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    tick(0)
    assert without_isolates(panel.difference.text()) == "$1,200.50"  # at once, before the write
    tick(2)  # not on the statement: a slip
    assert without_isolates(panel.difference.text()) == "$1,230.50"
    tick(1)
    assert without_isolates(panel.difference.text()) == "$30.00"
    assert not panel.finish_button.isEnabled()
    tick(2, False)
    assert panel.difference.text() == "Balanced"
    assert "#1b7f3b" in panel.difference.styleSheet()
    assert panel.finish_button.isEnabled()
    qtbot.waitUntil(lambda: not panel.busy)
    assert [organized.transactions.get(e.uid).cleared for e in (rent, dues, late)] == [
        True,
        True,
        False,
    ]
    assert panel.difference.text() == "Balanced"  # read again from the books: the same

    qtbot.mouseClick(panel.finish_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.busy and panel.pages.currentIndex() == 0)
    assert without_isolates(panel.finished_note.text()) == (
        "The books agree with the statement of Jan 31, 2025: its entries are reconciled and "
        "stay as they are."
    )
    assert organized.transactions.get(rent.uid).reconciled
    with pytest.raises(ValidationError, match="reconciled with a bank statement"):
        organized.transactions.delete(rent.uid)
    with pytest.raises(ValidationError, match="reconciled with a bank statement"):
        organized.transactions.delete(dues.uid)
    organized.transactions.delete(late.uid)  # the uncashed cheque is not reconciled

    # The next statement cannot go back before this one.
    panel.statement_on.setDate(panel.statement_on.date().fromString("2025-01-15", "yyyy-MM-dd"))
    qtbot.keyClicks(panel.statement_balance, "1000")
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.busy and panel.start_error.isVisibleTo(panel))
    assert without_isolates(panel.start_error.text()) == (
        "The account is already reconciled up to Jan 31, 2025: choose a later statement."
    )


def test_cancel_gives_up_but_keeps_the_ticks(
    organized: Services, account: str, tasks: TaskRunner, qtbot: QtBot
) -> None:
    rent = _entry(organized, account, date(2025, 1, 2), "expense", 25_000, "rent", "Centre")
    panel = _panel(organized, tasks, qtbot)
    qtbot.keyClicks(panel.statement_balance, "-50")  # an overdraft
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.busy and panel.pages.currentIndex() == 1)
    assert without_isolates(panel.statement_total.text()) == "-$50.00"
    panel.tick(0)
    qtbot.waitUntil(lambda: not panel.busy)
    qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.busy and panel.pages.currentIndex() == 0)
    assert organized.statements.current(account) is None
    assert organized.transactions.get(rent.uid).cleared


def test_a_closing_balance_may_be_negative() -> None:
    assert parse_balance("1,234.56") == 123_456
    assert parse_balance("-1,234.56") == -123_456
    assert parse_balance("(12.00)") == -1_200
    assert parse_balance("\u221212.00") == -1_200
    with pytest.raises(ValidationError):
        parse_balance("abc")


def test_the_bank_can_be_changed_by_hand(
    organized: Services, account: str, tasks: TaskRunner, qtbot: QtBot, tmp_path: Path
) -> None:
    statement = tmp_path / "rbc.csv"
    statement.write_bytes(RBC_JANUARY)
    dialog = StatementImportDialog(organized.statements, account, "Main chequing", tasks, "CAD")
    qtbot.addWidget(dialog)
    dialog.open_file(statement)
    qtbot.waitUntil(lambda: not dialog.busy and dialog.preview is not None)

    def choose(name: str) -> None:
        dialog.layout_choice.setCurrentIndex(dialog.layout_choice.findText(name))
        dialog.layout_choice.activated.emit(dialog.layout_choice.currentIndex())
        qtbot.waitUntil(lambda: not dialog.busy)

    choose("TD Canada Trust")  # the wrong bank: its dates are not where TD puts them
    assert not dialog.import_button.isEnabled() and dialog.problems.isVisibleTo(dialog)
    assert cells(dialog.problems, 0)[:2] == ["1", "Date"]

    choose("Another bank (choose the columns)")  # the columns guessed from the titles
    assert dialog.mapping_box.isVisibleTo(dialog)
    assert [dialog.date_column.currentText(), dialog.amount_column.currentText()] == [
        "3. Transaction Date",
        "7. CAD$",
    ]
    assert dialog.date_order.currentText() == "Month first (01/31/2025)"
    assert dialog.preview is not None and dialog.preview.new_lines == 5
    assert dialog.import_button.isEnabled() and not dialog.problems.isVisibleTo(dialog)
