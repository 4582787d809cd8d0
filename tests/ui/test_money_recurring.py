"""Recurring entries on screen: a monthly rent made in its form, the dates due on top, Record now,
Skip one, a restricted fund asked about, and edit and delete with undo."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import TypeVar

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QMessageBox, QTableWidget
from pytestqt.qtbot import QtBot

from communitydesk.core.i18n import without_isolates
from communitydesk.services.accounts import AccountInput
from communitydesk.services.context import Services
from communitydesk.services.funds import FundInput
from communitydesk.services.recurring import RecurringRecord
from communitydesk.services.transactions import SplitInput, TransactionFilter, TransactionInput
from communitydesk.ui.dialogs.recurring_dialog import RecurringDialog
from communitydesk.ui.panels.money_recurring import RecurringPanel
from communitydesk.ui.tasks import TaskRunner
from communitydesk.ui.widgets.dates import qdate

D = TypeVar("D", bound=QDialog)
TODAY = date(2026, 11, 20)
THREE_MONTHS_AGO = date(2026, 8, 25)  # dates due: Aug 25, Sep 25 and Oct 25


@pytest.fixture
def tasks(qapp: QApplication) -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.wait_for_done()


@pytest.fixture
def books(organized: Services) -> Services:
    organized.accounts.create(
        AccountInput("Main chequing", date(2026, 1, 1), opening_cents=900_000)
    )
    return organized


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


def cells(table: QTableWidget, row: int) -> list[str]:
    return [
        without_isolates(item.text()) if (item := table.item(row, c)) else ""
        for c in range(table.columnCount())
    ]


def _panel(services: Services, tasks: TaskRunner, qtbot: QtBot) -> RecurringPanel:
    s = services
    panel = RecurringPanel(
        s.recurring,
        s.transactions,
        s.accounts,
        s.categories,
        s.funds,
        s.programs,
        s.people,
        tasks,
        "CAD",
        TODAY,
    )
    qtbot.addWidget(panel)
    panel.resize(1000, 600)
    panel.show()
    qtbot.waitExposed(panel)
    qtbot.waitUntil(lambda: not panel.busy and panel.view is not None)
    return panel


def _rent(services: Services, fund_uid: str = "", name: str = "Rent") -> RecurringRecord:
    rent = next(c.uid for c in services.categories.tree() if c.code == "rent")
    return services.recurring.create(
        name,
        "monthly",
        THREE_MONTHS_AGO,
        TransactionInput(
            THREE_MONTHS_AGO,
            "expense",
            35_000,
            services.accounts.accounts()[0].uid,
            splits=(SplitInput(rent, 35_000, fund_uid=fund_uid),),
            payee="St. Mark's Hall",
        ),
    )


def _entries(services: Services) -> list[tuple[date, int, str]]:
    page = services.transactions.page(TransactionFilter(), descending=False)
    return [(row.entry_date, row.amount_cents, row.payee) for row in page.rows]


def test_a_monthly_rent_made_in_its_form_then_recorded_for_each_date_due(
    books: Services, tasks: TaskRunner, qtbot: QtBot
) -> None:
    panel = _panel(books, tasks, qtbot)
    assert not panel.due_box.isVisibleTo(panel)
    assert panel.count.text().startswith("No recurring entries yet")

    def fill(form: RecurringDialog) -> None:
        assert form.windowTitle() == "New recurring entry"
        assert not form.cleared.isVisibleTo(form) and not form.receipts.isVisibleTo(form)
        assert form.every.currentText() == "Every month"
        assert [form.every.itemText(i) for i in range(form.every.count())] == [
            "Every week",
            "Every month",
            "Every three months",
            "Every year",
        ]
        save = form.buttons.button(QDialogButtonBox.StandardButton.Save)
        form.amount.setFocus()
        qtbot.keyClicks(form.amount, "350")
        line = form.splits.lines[0]
        line.category.setCurrentIndex(line.category.findText("Room rental"))
        save.click()  # no name yet: said beside the name
        qtbot.waitUntil(lambda: not form.busy)
        assert form.fields["name"].error.text() == (
            "Give the entry a name, e.g. Monthly hall rent."
        )
        qtbot.keyClicks(form.name, "Rent")
        form.entry_date.setDate(qdate(THREE_MONTHS_AGO))
        qtbot.keyClicks(form.payee.search, "St. Mark's Hall")
        save.click()

    QTimer.singleShot(0, lambda: on_modal(RecurringDialog, fill))
    qtbot.mouseClick(panel.new_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.busy and panel.table.rowCount() == 1)
    assert cells(panel.table, 0) == [
        "Rent",
        "Every month",
        "Aug 25, 2026",
        "$350.00",
        "Money out",
        "No end",
        "Active",
    ]
    assert panel.due_box.isVisibleTo(panel)
    assert panel.due_box.title() == "Due by \u2066Nov 20, 2026\u2069"
    [due] = panel.due_rows
    assert due.title.text() == "<b>Rent — 3 dates due</b>"
    assert without_isolates(due.detail.text()) == "From Aug 25, 2026 to Oct 25, 2026, $350.00 each"
    assert _entries(books) == []

    qtbot.mouseClick(due.record_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.busy and not panel.due_rows)
    assert _entries(books) == [
        (date(2026, 8, 25), 35_000, "St. Mark's Hall"),
        (date(2026, 9, 25), 35_000, "St. Mark's Hall"),
        (date(2026, 10, 25), 35_000, "St. Mark's Hall"),
    ]
    assert panel.note.text() == "3 entries recorded for Rent."
    assert not panel.due_box.isVisibleTo(panel)
    assert cells(panel.table, 0)[2] == "Nov 25, 2026"

    # Recorded once: nothing is due again until the next date.
    panel.refresh()
    qtbot.waitUntil(lambda: not panel.busy)
    assert not panel.due_rows and len(_entries(books)) == 3


def test_skip_one_passes_over_the_oldest_date(
    books: Services, tasks: TaskRunner, qtbot: QtBot
) -> None:
    _rent(books)
    panel = _panel(books, tasks, qtbot)
    [due] = panel.due_rows
    qtbot.mouseClick(due.skip_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.busy and cells(panel.table, 0)[2] == "Sep 25, 2026")
    assert without_isolates(panel.note.text()) == "Rent: the date of Aug 25, 2026 was skipped."
    [due] = panel.due_rows
    assert due.title.text() == "<b>Rent — 2 dates due</b>"
    assert _entries(books) == []

    qtbot.mouseClick(due.record_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.busy and not panel.due_rows)
    assert [day for day, _cents, _payee in _entries(books)] == [
        date(2026, 9, 25),
        date(2026, 10, 25),
    ]


def test_spending_a_restricted_fund_is_asked_then_recorded(
    books: Services, tasks: TaskRunner, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    fund = books.funds.create(FundInput("Hall fund", opening_cents=50_000))
    _rent(books, fund.uid)
    asked: list[str] = []

    def question(_parent: object, _title: str, text: str, *_rest: object) -> object:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    panel = _panel(books, tasks, qtbot)
    qtbot.mouseClick(panel.due_rows[0].record_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.busy and not panel.due_rows)
    # The first date fits in the fund; the second would overspend it: asked once, then all.
    assert len(asked) == 1 and asked[0].startswith("This would spend more than Hall fund holds")
    assert asked[0].endswith("Record it anyway?")
    assert len(_entries(books)) == 3


def test_edit_then_delete_with_undo(books: Services, tasks: TaskRunner, qtbot: QtBot) -> None:
    _rent(books)
    panel = _panel(books, tasks, qtbot)
    panel.table.selectRow(0)

    def edit(form: RecurringDialog) -> None:
        assert form.windowTitle() == "Recurring entry: Rent"
        assert form.name.text() == "Rent"
        assert form.amount.text() == "350.00"
        assert form.payee.search.text() == "St. Mark's Hall"
        assert form.splits.lines[0].category.currentText() == "Room rental"
        assert form.active.isVisibleTo(form) and form.active.isChecked()
        form.name.clear()
        qtbot.keyClicks(form.name, "Hall rent")
        form.amount.clear()
        qtbot.keyClicks(form.amount, "375")
        form.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    QTimer.singleShot(0, lambda: on_modal(RecurringDialog, edit))
    qtbot.mouseClick(panel.edit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.busy and cells(panel.table, 0)[0] == "Hall rent")
    assert cells(panel.table, 0)[3] == "$375.00"
    assert panel.due_rows[0].title.text() == "<b>Hall rent — 3 dates due</b>"

    panel.table.selectRow(0)
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.busy and panel.table.rowCount() == 0)
    assert books.recurring.entries() == () and not panel.due_rows
    assert panel.undo_button.text() == "Undo: delete Hall rent"
    panel.undo_button.click()
    qtbot.waitUntil(lambda: not panel.busy and panel.table.rowCount() == 1)
    assert cells(panel.table, 0)[0] == "Hall rent" and len(panel.due_rows) == 1
