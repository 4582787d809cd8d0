"""The Reports and Donation receipts tabs: choose, preview as printed, save."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from communitydesk.services.accounts import AccountInput
from communitydesk.services.context import Services
from communitydesk.services.funds import FundInput
from communitydesk.services.transactions import SplitInput, TransactionInput
from communitydesk.ui.panels.money_receipts import ReceiptsPanel
from communitydesk.ui.panels.money_reports import ReportsPanel
from communitydesk.ui.tasks import TaskRunner

TODAY = date(2026, 11, 20)


def category(services: Services, code: str) -> str:
    return next(c.uid for c in services.categories.tree() if c.code == code)


@pytest.fixture
def books(organized: Services) -> Services:
    account = organized.accounts.create(
        AccountInput("Credit union", date(2026, 4, 1), opening_cents=50_000)
    ).uid
    grant = organized.funds.create(
        FundInput("New Horizons", is_grant=True, funder="ESDC", awarded_cents=1_000_000)
    ).uid
    for day, kind, cents, code, fund, payee in (
        (date(2026, 5, 1), "income", 500_000, "grants_government", grant, "ESDC"),
        (date(2026, 5, 9), "expense", 12_000, "food", grant, "Marché Adonis"),
        (date(2026, 6, 2), "income", 15_000, "donations_individual", "", "Mme Tremblay"),
    ):
        organized.transactions.create(
            TransactionInput(
                day,
                kind,
                cents,
                account,
                splits=(SplitInput(category(organized, code), cents, fund_uid=fund),),
                payee=payee,
            )
        )
    return organized


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def cell(panel: ReceiptsPanel, row: int, column: int) -> str:
    item = panel.table.item(row, column)
    return item.text() if item is not None else ""


def choose(panel: ReportsPanel, key: str) -> None:
    for row in range(panel.choices.count()):
        if panel.choices.item(row).data(Qt.ItemDataRole.UserRole) == key:
            panel.choices.setCurrentRow(row)
            return
    raise AssertionError(key)


def test_a_report_is_previewed_as_it_prints(books: Services, qtbot: QtBot) -> None:
    tasks = TaskRunner()
    panel = ReportsPanel(books.money_reports, books.funds, books.programs, tasks, 4, TODAY)
    qtbot.addWidget(panel)
    panel.refresh()
    qtbot.waitUntil(lambda: panel.fund.count() == 2)
    choose(panel, "income_expense")
    assert "What came in and went out" in panel.purpose.text()
    assert "2026–2027" in panel.year.currentText()
    qtbot.mouseClick(panel.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.preview_dialog is not None, timeout=10_000)
    assert panel.preview_dialog is not None
    text = pdf_text(panel.preview_dialog.draft)
    assert "Income and expenses" in text
    assert "Government grants" in text and "$5,000.00" in text
    assert "Food and refreshments" in text and "$120.00" in text
    panel.preview_dialog.reject()
    tasks.wait_for_done()


def test_a_grant_report_needs_its_grant(books: Services, qtbot: QtBot, tmp_path: Path) -> None:
    tasks = TaskRunner()
    panel = ReportsPanel(books.money_reports, books.funds, books.programs, tasks, 4, TODAY)
    qtbot.addWidget(panel)
    panel.refresh()
    qtbot.waitUntil(lambda: panel.fund.count() == 2)
    choose(panel, "grant")
    assert not panel.preview_button.isEnabled()
    assert panel.notice.text() == "Choose the grant to report on."
    panel.fund.setCurrentIndex(panel.fund.findText("New Horizons"))
    assert panel.preview_button.isEnabled()
    target = tmp_path / "grant.csv"
    panel.save_csv(panel.choice(), target)
    qtbot.waitUntil(lambda: panel.saved_to == target, timeout=10_000)
    written = target.read_text(encoding="utf-8-sig")
    assert "ESDC" in written and "Marché Adonis" in written
    assert panel.notice.text() == f"Saved to {target}"
    tasks.wait_for_done()


def test_a_donation_gets_a_numbered_receipt(books: Services, qtbot: QtBot) -> None:
    tasks = TaskRunner()
    panel = ReceiptsPanel(books.donation_receipts, tasks, "CAD", TODAY)
    qtbot.addWidget(panel)
    panel.refresh()
    qtbot.waitUntil(lambda: panel.table.rowCount() == 1)
    assert cell(panel, 0, 1) == "Mme Tremblay"
    assert cell(panel, 0, 3) == "None yet"
    assert panel.summary.text() == "1 gift, 0 with a receipt, $150.00 in all"
    panel.table.selectRow(0)
    assert panel.give_button.isEnabled() and not panel.void_button.isEnabled()
    qtbot.mouseClick(panel.give_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.preview_dialog is not None, timeout=10_000)
    assert panel.preview_dialog is not None
    text = pdf_text(panel.preview_dialog.draft)
    assert "Mme Tremblay" in text and "$150.00" in text
    panel.preview_dialog.reject()
    qtbot.waitUntil(lambda: cell(panel, 0, 3).startswith("No. 1,"))
    tasks.wait_for_done()
