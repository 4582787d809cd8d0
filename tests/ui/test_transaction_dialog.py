from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QMessageBox,
    QPushButton,
)
from pytestqt.qtbot import QtBot

from communitydesk.core.i18n import without_isolates
from communitydesk.services.accounts import AccountInput
from communitydesk.services.context import Services
from communitydesk.services.funds import FundInput
from communitydesk.services.people import PersonInput
from communitydesk.services.transactions import SplitInput, TransactionInput
from communitydesk.ui.dialogs.transaction_dialog import TransactionDialog, load_money_choices
from communitydesk.ui.qt_language import apply_language
from communitydesk.ui.tasks import TaskRunner

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
    grant = organized.funds.create(FundInput("City youth grant", True, opening_cents=5000))
    codes = {c.code: c.uid for c in organized.categories.tree() if c.code}
    return Books(bank.uid, cash.uid, grant.uid, codes)


def _dialog(
    services: Services,
    tasks: TaskRunner,
    qtbot: QtBot,
    kind: str = "expense",
    uid: str = "",
) -> TransactionDialog:
    s = services
    choices = load_money_choices(s.accounts, s.categories, s.programs, s.funds, s.transactions)
    record = s.transactions.get(uid) if uid else None
    attachments = s.transactions.attachments(uid) if uid else ()
    dialog = TransactionDialog(
        s.transactions,
        s.people,
        tasks,
        "CAD",
        choices,
        kind=kind,
        record=record,
        attachments=attachments,
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _save(dialog: TransactionDialog) -> QPushButton:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Save)


def _type(qtbot: QtBot, field: object, text: str) -> None:
    field.setFocus()  # type: ignore[attr-defined]
    field.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClicks(field, text)


def test_lines_must_share_the_whole_amount_before_saving(
    organized: Services, books: Books, tasks: TaskRunner, qtbot: QtBot
) -> None:
    dialog = _dialog(organized, tasks, qtbot)
    assert dialog.windowTitle() == "New money out"
    assert dialog.focusWidget() is dialog.payee.search  # quick entry starts with who was paid
    qtbot.keyClicks(dialog.payee.search, "Metro Plus")
    _type(qtbot, dialog.amount, "120")
    first = dialog.splits.lines[0]
    assert first.amount.text() == "120"  # a single line takes the whole amount
    first.category.setFocus()
    qtbot.keyClicks(first.category, "food")
    assert first.category.currentText() == "Food and refreshments"
    _type(qtbot, first.amount, "80")
    assert without_isolates(dialog.splits.left_to_share.text()) == "Left to share: $40.00"
    assert not _save(dialog).isEnabled()

    dialog.splits.add_line_button.click()
    second = dialog.splits.lines[1]
    assert second.amount.text() == "40.00"  # what was left, offered to the new line
    assert dialog.focusWidget() is second.category
    qtbot.keyClicks(second.category, "supp")
    _type(qtbot, second.amount, "30")
    assert without_isolates(dialog.splits.left_to_share.text()) == "Left to share: $10.00"
    assert not _save(dialog).isEnabled()
    qtbot.keyClick(second.amount, Qt.Key.Key_Return)  # Enter does not save what does not add up
    assert dialog.isVisible()
    assert organized.transactions.page().total == 0

    _type(qtbot, second.amount, "50")
    assert without_isolates(dialog.splits.left_to_share.text()) == (
        "The lines add up to $10.00 more than the amount."
    )
    _type(qtbot, second.amount, "40")
    assert without_isolates(dialog.splits.left_to_share.text()) == "Left to share: $0.00"
    assert _save(dialog).isEnabled()
    qtbot.keyClick(second.amount, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted)
    saved = dialog.saved
    assert saved is not None
    assert (saved.kind, saved.amount_cents, saved.payee) == ("expense", 12000, "Metro Plus")
    assert [(s.category_name, s.amount_cents) for s in saved.splits] == [
        ("Food and refreshments", 8000),
        ("Supplies", 4000),
    ]


def test_an_amount_that_is_not_one_is_shown_next_to_it(
    organized: Services, books: Books, tasks: TaskRunner, qtbot: QtBot
) -> None:
    dialog = _dialog(organized, tasks, qtbot)
    qtbot.keyClicks(dialog.amount, "12.345")
    assert dialog.fields["amount"].error.isVisibleTo(dialog)
    assert dialog.fields["amount"].error.text() == "An amount has at most two decimals."
    _type(qtbot, dialog.amount, "12.34")
    assert not dialog.fields["amount"].error.isVisibleTo(dialog)

    dialog.amount.clear()
    _save(dialog).click()
    qtbot.waitUntil(lambda: not (dialog.busy or dialog.loading))
    assert dialog.fields["amount"].error.text() == "Write an amount, e.g. 25.00."
    assert dialog.isVisible()


@pytest.mark.parametrize(("language", "typed", "cents"), [("fr", "1 234,50", 123450)])
def test_amounts_are_read_in_the_window_language(
    organized: Services,
    books: Books,
    tasks: TaskRunner,
    qapp: QApplication,
    qtbot: QtBot,
    language: str,
    typed: str,
    cents: int,
) -> None:
    apply_language(qapp, language)
    dialog = _dialog(organized, tasks, qtbot, kind="income")
    _type(qtbot, dialog.amount, typed)
    line = dialog.splits.lines[0]
    line.category.setFocus()
    qtbot.keyClicks(line.category, "Dons")
    _save(dialog).click()
    qtbot.waitUntil(lambda: dialog.saved is not None)
    assert dialog.saved is not None
    assert dialog.saved.amount_cents == cents
    assert dialog.saved.splits[0].category_code == "donations"


def test_overspending_a_restricted_fund_asks_and_no_saves_nothing(
    organized: Services,
    books: Books,
    tasks: TaskRunner,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[str] = []
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]

    def ask(_parent: object, _title: str, text: str, *_args: object) -> object:
        asked.append(text)
        return answers[len(asked) - 1]

    monkeypatch.setattr(QMessageBox, "question", ask)
    dialog = _dialog(organized, tasks, qtbot)
    _type(qtbot, dialog.amount, "80")
    line = dialog.splits.lines[0]
    line.category.setFocus()
    qtbot.keyClicks(line.category, "supplies")
    line.fund.setFocus()
    qtbot.keyClicks(line.fund, "City")
    assert line.fund.currentText() == "City youth grant"

    _save(dialog).click()
    qtbot.waitUntil(lambda: len(asked) == 1 and not (dialog.busy or dialog.loading))
    assert "City youth grant" in asked[0] and "-$30.00" in without_isolates(asked[0])
    assert asked[0].endswith("Spend anyway?")
    assert dialog.isVisible()
    assert organized.transactions.page().total == 0  # "No": nothing was written

    _save(dialog).click()  # asked again; "Yes" this time
    qtbot.waitUntil(lambda: dialog.saved is not None)
    assert len(asked) == 2
    [fund] = organized.funds.funds()
    assert fund.balance_cents == -3000


# Typing a known name opens the completer's list, which the offscreen platform cannot give the
# keyboard to.
@pytest.mark.qt_log_ignore("does not support grabbing the keyboard")
def test_a_payee_typed_before_offers_its_last_category(
    organized: Services, books: Books, tasks: TaskRunner, qtbot: QtBot
) -> None:
    organized.transactions.create(
        TransactionInput(
            TODAY,
            "expense",
            4500,
            books.bank,
            (SplitInput(books.categories["rent"], 4500),),
            payee="St. Mark's Church",
        )
    )
    dialog = _dialog(organized, tasks, qtbot)
    completer = dialog.payee.search.completer()
    assert completer is not None
    completer.setCompletionPrefix("mark")
    assert completer.currentCompletion() == "St. Mark's Church"
    qtbot.keyClicks(dialog.payee.search, "St. Mark's Church")
    qtbot.waitUntil(lambda: not (dialog.busy or dialog.loading))
    line = dialog.splits.lines[0]
    assert line.category.currentText() == "Room rental"
    assert dialog.splits.quick_hint.isVisibleTo(dialog)

    # Lines already chosen by hand are never overwritten.
    other = _dialog(organized, tasks, qtbot)
    chosen = other.splits.lines[0]
    chosen.category.setFocus()
    qtbot.keyClicks(chosen.category, "food")
    qtbot.keyClicks(other.payee.search, "St. Mark's Church")
    qtbot.waitUntil(lambda: not (other.busy or other.loading))
    assert chosen.category.currentText() == "Food and refreshments"


def test_someone_on_the_roster_as_the_payee(
    organized: Services, books: Books, tasks: TaskRunner, qtbot: QtBot
) -> None:
    lan = organized.people.create(PersonInput("Lan", "Tran")).uid
    dialog = _dialog(organized, tasks, qtbot, kind="income")
    assert dialog.payee_label.text() == "Received from"
    qtbot.keyClicks(dialog.payee.search, "Lan")
    qtbot.waitUntil(lambda: not (dialog.busy or dialog.loading) and dialog.payee.uid() == lan)
    _type(qtbot, dialog.amount, "45")
    line = dialog.splits.lines[0]
    line.category.setFocus()
    qtbot.keyClicks(line.category, "Membership")
    _save(dialog).click()
    qtbot.waitUntil(lambda: dialog.saved is not None)
    assert dialog.saved is not None
    assert (dialog.saved.person_uid, dialog.saved.payee) == (lan, "Lan Tran")


def test_a_transfer_has_no_categories(
    organized: Services, books: Books, tasks: TaskRunner, qtbot: QtBot
) -> None:
    dialog = _dialog(organized, tasks, qtbot, kind="transfer")
    assert dialog.windowTitle() == "New transfer"
    assert not dialog.splits.isVisibleTo(dialog)
    assert not dialog.payee.isVisibleTo(dialog)
    assert dialog.focusWidget() is dialog.amount
    qtbot.keyClicks(dialog.amount, "100")
    assert dialog.account.currentText() == "Cash box"  # accounts by name
    dialog.account.setCurrentIndex(dialog.account.findText("Main chequing"))
    _save(dialog).click()
    qtbot.waitUntil(lambda: not (dialog.busy or dialog.loading))
    assert dialog.fields["to_account"].error.text() == "Choose the account the money goes to."
    dialog.to_account.setFocus()
    qtbot.keyClicks(dialog.to_account, "Cash")
    _save(dialog).click()
    qtbot.waitUntil(lambda: dialog.saved is not None)
    balances = {a.name: a.balance_cents for a in organized.accounts.accounts()}
    assert balances == {"Main chequing": 90000, "Cash box": 15000}


def test_receipts_chosen_for_a_new_entry_are_kept_with_it(
    organized: Services,
    books: Books,
    tasks: TaskRunner,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    receipt = tmp_path / "receipt.pdf"
    receipt.write_bytes(b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n")
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", lambda *_args: ([str(receipt)], "PDF (*.pdf)")
    )
    opened: list[Path] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", lambda url: opened.append(Path(QUrl(url).toLocalFile()))
    )
    dialog = _dialog(organized, tasks, qtbot)
    dialog.receipts.attach_button.click()
    assert dialog.receipts.names() == ["receipt.pdf"]
    _type(qtbot, dialog.amount, "12.50")
    line = dialog.splits.lines[0]
    line.category.setFocus()
    qtbot.keyClicks(line.category, "supplies")
    _save(dialog).click()
    qtbot.waitUntil(lambda: dialog.saved is not None)
    assert dialog.saved is not None
    assert dialog.saved.attachments == 1
    uid = dialog.saved.uid
    [kept] = organized.transactions.attachments(uid)
    assert (kept.file_name, kept.media_type) == ("receipt.pdf", "application/pdf")

    # Opened from the books: a private copy for the viewer, gone when the form closes.
    again = _dialog(organized, tasks, qtbot, uid=uid)
    assert again.receipts.names() == ["receipt.pdf"]
    again.receipts.open_button.click()
    qtbot.waitUntil(lambda: bool(opened) and not (again.busy or again.loading))
    copy = opened[0]
    assert copy.read_bytes() == receipt.read_bytes()
    assert copy.suffix == ".pdf" and copy != receipt
    again.reject()
    assert not copy.exists()


def test_an_edit_that_changes_nothing_writes_nothing(
    organized: Services, books: Books, tasks: TaskRunner, qtbot: QtBot
) -> None:
    created = organized.transactions.create(
        TransactionInput(
            TODAY, "income", 2000, books.cash, (SplitInput(books.categories["sales"], 2000),)
        )
    )
    organized.closed_periods.close(TODAY, TODAY)  # any write would be refused
    dialog = _dialog(organized, tasks, qtbot, uid=created.uid)
    assert dialog.amount.text() == "20.00"
    qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted)
    assert dialog.saved == created
