from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLineEdit,
    QMessageBox,
    QTableWidget,
)
from pytestqt.qtbot import QtBot

from communitydesk.services.accounts import AccountInput
from communitydesk.services.budgets import BudgetLineInput, Scope
from communitydesk.services.context import Services
from communitydesk.services.funds import FundInput
from communitydesk.services.programs import ProgramInput
from communitydesk.services.transactions import SplitInput, TransactionInput
from communitydesk.ui.panels.money_budget import (
    OVER,
    BudgetPanel,
    CompareColumn,
    PeriodChoice,
    fiscal_year_label,
)
from communitydesk.ui.qt_language import apply_language
from communitydesk.ui.tasks import TaskRunner
from communitydesk.ui.widgets.dates import qdate
from tests.ui.test_money_funds import cells, item, warnings_shown

TODAY = date(2026, 11, 20)  # in the fiscal year April 2026 to March 2027


@pytest.fixture
def tasks(qapp: QApplication) -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.wait_for_done()


def _panel(
    services: Services, tasks: TaskRunner, qtbot: QtBot, start_month: int = 4
) -> BudgetPanel:
    panel = BudgetPanel(
        services.budgets,
        services.categories,
        services.funds,
        services.programs,
        tasks,
        "CAD",
        start_month,
        TODAY,
    )
    qtbot.addWidget(panel)
    panel.resize(1000, 700)
    panel.show()
    qtbot.waitExposed(panel)
    qtbot.waitUntil(lambda: not panel.busy)
    return panel


def _uid(services: Services, code: str) -> str:
    return next(c.uid for c in services.categories.tree() if c.code == code)


def _row(table: QTableWidget, name: str) -> int:
    found = [r for r in range(table.rowCount()) if cells(table, r)[0].strip() == name]
    assert len(found) == 1, name
    return found[0]


def _type_amount(panel: BudgetPanel, name: str, text: str, qtbot: QtBot) -> None:
    """Go to the category's amount, type, press Enter."""
    table = panel.budget_table
    table.setFocus()
    table.setCurrentCell(_row(table, name), 1)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    [editor] = table.findChildren(QLineEdit)
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # The view takes the typed text once the event loop turns.
    qtbot.waitUntil(lambda: table.state() != QAbstractItemView.State.EditingState)


def _account(services: Services) -> str:
    return services.accounts.create(AccountInput("Bank", date(2026, 1, 1))).uid


def test_fiscal_years_are_named_by_their_start_and_end() -> None:
    assert fiscal_year_label(2025, 1) == "\u20662025\u2069"
    assert fiscal_year_label(2025, 4) == "\u20662025–2026\u2069"


@pytest.mark.parametrize(
    ("language", "typed", "shown", "total"),
    [
        ("en", "1 200", "1,200.00", "$1,200.00"),
        ("fr", "1200,50", "1\xa0200,50", "1\xa0200,50\xa0$"),
    ],
)
def test_a_typed_amount_is_kept_for_the_next_opening(
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
    rent = "Room rental" if language == "en" else "Location de salle"
    panel = _panel(organized, tasks, qtbot)
    assert panel.year.currentText() == "\u20662026–2027\u2069"
    assert panel.scope.currentIndex() == 0  # the whole organization
    _type_amount(panel, rent, typed, qtbot)
    qtbot.waitUntil(lambda: not panel.busy)
    table = panel.budget_table
    row = _row(table, rent)
    assert cells(table, row)[1] == shown
    assert table.currentRow() == row  # still where the amount was typed
    # The expenses' total, the line before the net.
    assert cells(table, table.rowCount() - 2)[1] == f"\u2066{total}\u2069"

    again = _panel(organized, tasks, qtbot)  # as after closing and opening the app
    assert cells(again.budget_table, _row(again.budget_table, rent))[1] == cells(table, row)[1]
    [line] = organized.budgets.lines(2026)
    assert line.amount_cents == (120000 if language == "en" else 120050)


def test_a_bad_amount_is_explained_and_the_old_one_kept(
    organized: Services, tasks: TaskRunner, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown = warnings_shown(monkeypatch)
    organized.budgets.set_line(2026, BudgetLineInput(_uid(organized, "rent"), 200000))
    panel = _panel(organized, tasks, qtbot)
    _type_amount(panel, "Room rental", "12.345", qtbot)
    assert shown == ["An amount has at most two decimals."]
    qtbot.waitUntil(lambda: not panel.busy)
    assert cells(panel.budget_table, _row(panel.budget_table, "Room rental"))[1] == "2,000.00"
    assert organized.budgets.lines(2026)[0].amount_cents == 200000


def test_an_emptied_amount_removes_the_line_and_undo_brings_it_back(
    organized: Services, tasks: TaskRunner, qtbot: QtBot
) -> None:
    organized.budgets.set_line(2026, BudgetLineInput(_uid(organized, "rent"), 200000))
    panel = _panel(organized, tasks, qtbot)
    _type_amount(panel, "Room rental", "", qtbot)
    qtbot.waitUntil(lambda: not panel.busy and organized.budgets.lines(2026) == ())
    assert cells(panel.budget_table, _row(panel.budget_table, "Room rental"))[1] == ""
    panel.budget_table.setFocus()
    qtbot.keyClick(panel.budget_table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(
        lambda: (
            not panel.busy
            and cells(panel.budget_table, _row(panel.budget_table, "Room rental"))[1] == "2,000.00"
        )
    )


def test_a_programs_budget_is_its_own(organized: Services, tasks: TaskRunner, qtbot: QtBot) -> None:
    choir = organized.programs.create(ProgramInput("Choir"))
    organized.funds.create(FundInput("Arts grant", is_grant=True))
    organized.budgets.set_line(2026, BudgetLineInput(_uid(organized, "rent"), 200000))
    panel = _panel(organized, tasks, qtbot)
    scopes = [panel.scope.itemText(i) for i in range(panel.scope.count())]
    assert scopes == ["The whole organization", "Program: Choir", "Grant: Arts grant"]
    panel.scope.setCurrentIndex(1)
    qtbot.waitUntil(lambda: not panel.busy)
    assert cells(panel.budget_table, _row(panel.budget_table, "Room rental"))[1] == ""
    _type_amount(panel, "Room rental", "300", qtbot)
    qtbot.waitUntil(lambda: not panel.busy)
    assert [line.amount_cents for line in organized.budgets.lines(2026, Scope(choir.uid))] == [
        30000
    ]
    panel.scope.setCurrentIndex(0)
    qtbot.waitUntil(lambda: not panel.busy)
    row = cells(panel.budget_table, _row(panel.budget_table, "Room rental"))
    assert row[1:] == ["2,000.00", "\u2066$300.00\u2069"]  # the program's shown beside


def test_budget_vs_actual_shows_what_was_recorded(
    organized: Services, tasks: TaskRunner, qtbot: QtBot
) -> None:
    rent, dues = _uid(organized, "rent"), _uid(organized, "dues")
    organized.budgets.set_line(2026, BudgetLineInput(rent, 200000))
    organized.budgets.set_line(2026, BudgetLineInput(dues, 100000))
    account = _account(organized)
    organized.transactions.create(
        TransactionInput(date(2026, 10, 1), "expense", 240000, account, (SplitInput(rent, 240000),))
    )
    organized.transactions.create(
        TransactionInput(date(2026, 5, 1), "income", 30000, account, (SplitInput(dues, 30000),))
    )
    panel = _panel(organized, tasks, qtbot)
    panel.tabs.setCurrentIndex(1)
    table = panel.compare_table
    assert cells(table, _row(table, "Room rental")) == [
        "Room rental",
        "\u2066$2,000.00\u2069",
        "\u2066$2,400.00\u2069",
        "▲ \u2066+$400.00\u2069 over budget",
        "120%",
    ]
    row = _row(table, "Room rental")
    assert item(table, row, CompareColumn.VARIANCE).foreground().color() == OVER
    assert cells(table, _row(table, "Membership dues"))[2:] == [
        "\u2066$300.00\u2069",
        "\u2066-$700.00\u2069",
        "30%",
    ]
    total = _row(table, "Total expenses")
    assert item(table, total, CompareColumn.ACTUAL).font().bold()
    assert cells(table, _row(table, "Net (income less expenses)"))[1:3] == [
        "\u2066-$1,000.00\u2069",
        "\u2066-$2,100.00\u2069",
    ]

    # A month: its share of the budget by days, and only its entries.
    panel.period.setCurrentIndex(panel.period.findData(PeriodChoice.MONTH))
    panel.month.setCurrentIndex(panel.month.findText("October 2026"))
    qtbot.waitUntil(lambda: not panel.busy)
    assert panel.compare_note.text().startswith("From \u2066Oct 1, 2026\u2069 to")
    assert cells(table, _row(table, "Room rental"))[1:3] == [
        "\u2066$169.86\u2069",  # 2,000.00 x 31 / 365
        "\u2066$2,400.00\u2069",
    ]
    assert cells(table, _row(table, "Membership dues"))[2] == "\u2066$0.00\u2069"

    # Dates of one's own, inside the year.
    panel.period.setCurrentIndex(panel.period.findData(PeriodChoice.CUSTOM))
    assert panel.start.isVisible() and not panel.month.isVisible()
    panel.start.setDate(qdate(date(2026, 5, 1)))
    panel.end.setDate(qdate(date(2026, 5, 31)))
    qtbot.waitUntil(lambda: not panel.busy)
    assert cells(table, _row(table, "Membership dues"))[2] == "\u2066$300.00\u2069"
    assert cells(table, _row(table, "Room rental"))[2] == "\u2066$0.00\u2069"


def test_copy_last_years_budget_asks_before_replacing(
    organized: Services, tasks: TaskRunner, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    rent, food = _uid(organized, "rent"), _uid(organized, "food")
    organized.budgets.set_line(2025, BudgetLineInput(rent, 190000))
    asked: list[str] = []
    answer = [QMessageBox.StandardButton.Cancel]

    def ask(_parent: object, _title: str, text: str, *_rest: object) -> QMessageBox.StandardButton:
        asked.append(text)
        return answer[0]

    monkeypatch.setattr(QMessageBox, "question", ask)
    panel = _panel(organized, tasks, qtbot)
    panel.copy_button.click()  # nothing planned for this year yet: copied without asking
    qtbot.waitUntil(
        lambda: (
            not panel.busy
            and cells(panel.budget_table, _row(panel.budget_table, "Room rental"))[1] == "1,900.00"
        )
    )
    assert asked == []

    organized.budgets.set_line(2026, BudgetLineInput(food, 50000))
    panel.copy_button.click()
    qtbot.waitUntil(lambda: not panel.busy and len(asked) == 1)
    assert asked[0] == (
        "\u20662026–2027\u2069 already has a budget. Replace all of it, programs and funds "
        "included, with the budget of \u20662025–2026\u2069?"
    )
    assert {line.category_uid for line in organized.budgets.lines(2026)} == {rent, food}

    answer[0] = QMessageBox.StandardButton.Yes
    panel.copy_button.click()
    qtbot.waitUntil(lambda: not panel.busy and len(asked) == 2)
    qtbot.waitUntil(lambda: not panel.busy)
    assert [line.category_uid for line in organized.budgets.lines(2026)] == [rent]


def test_print_asks_for_the_view_shown(
    organized: Services, tasks: TaskRunner, qtbot: QtBot
) -> None:
    panel = _panel(organized, tasks, qtbot)
    with qtbot.waitSignal(panel.print_requested) as blocker:
        panel.print_button.click()
    assert blocker.args == ["budget"]
    panel.tabs.setCurrentIndex(1)
    with qtbot.waitSignal(panel.print_requested) as blocker:
        panel.print_button.click()
    assert blocker.args == ["budget-vs-actual"]


def test_a_calendar_fiscal_year_and_one_not_started(
    organized: Services, tasks: TaskRunner, qtbot: QtBot
) -> None:
    panel = _panel(organized, tasks, qtbot, start_month=1)
    assert panel.year.currentText() == "\u20662026\u2069"
    panel.tabs.setCurrentIndex(1)
    panel.period.setCurrentIndex(panel.period.findData(PeriodChoice.TO_DATE))
    panel.year.setCurrentIndex(panel.year.findData(2027))
    qtbot.waitUntil(lambda: not panel.busy)
    assert panel.compare_note.text() == "The fiscal year \u20662027\u2069 has not started yet."
    assert panel.compare_table.rowCount() == 0
