"""The treasurer's reports: what each prints, that every total is the sum of its lines, that the
funds add up to the money in the accounts, and that the PDF and the CSV say the same."""

from __future__ import annotations

import csv
import io
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from sqlalchemy import delete, func, insert, select

from communitydesk.core.errors import ValidationError
from communitydesk.core.i18n import set_language
from communitydesk.core.paths import DataPaths
from communitydesk.models import (
    BudgetLine,
    Fund,
    MoneyAccount,
    MoneyCategory,
    MoneyTransaction,
    TransactionSplit,
)
from communitydesk.models.base import new_uid
from communitydesk.services.accounts import AccountInput
from communitydesk.services.activity_stats import Period
from communitydesk.services.budgets import BudgetLineInput, Scope
from communitydesk.services.context import Services, open_data_folder
from communitydesk.services.funds import FundInput
from communitydesk.services.money_reports import (
    Amount,
    Column,
    MoneyReportService,
    ReportRow,
    ReportTable,
    cents,
    plain_amount,
    top_level_sums,
)
from communitydesk.services.organization import OrganizationProfile
from communitydesk.services.people import PersonInput
from communitydesk.services.programs import ProgramInput
from communitydesk.services.transactions import SplitInput, TransactionFilter, TransactionInput
from communitydesk.services.volunteer_hours import HoursInput

TODAY = date(2026, 5, 1)
FISCAL_START = 4  # April: the fiscal year 2025 runs from 1 April 2025 to 31 March 2026
YEAR_2025 = Period(date(2025, 4, 1), date(2026, 3, 31))


@dataclass(frozen=True)
class Books:
    grant: str
    building: str
    homework: str
    lunch: str
    main: str
    cash: str
    categories: dict[str, str]


def title(column: Column) -> str:
    """A column's heading in the window's language: its first line (the second is French)."""
    return column.header.split("\n")[0]


def titles(table: ReportTable) -> list[str]:
    return [title(column) for column in table.columns]


def make_books(services: Services) -> Books:
    """A small group's two fiscal years: dues, donations to a building fund, a city grant spent
    on the homework club, a seniors' lunch, a transfer to the cash box, volunteer hours."""
    services.organization.create(OrganizationProfile(name="Cercle des aînés"))
    cat = {c.code: c.uid for c in services.categories.tree() if c.code}
    main = services.accounts.create(
        AccountInput("Main chequing", date(2024, 4, 1), opening_cents=150_000)
    ).uid
    cash = services.accounts.create(
        AccountInput("Cash box", date(2024, 4, 1), kind="cash", opening_cents=5_000)
    ).uid
    grant = services.funds.create(
        FundInput(
            "Newcomer Youth Grant",
            is_grant=True,
            funder="City of Ottawa",
            awarded_cents=1_000_000,
            starts_on=date(2025, 4, 1),
            ends_on=date(2026, 3, 31),
            purpose="Homework help for newcomer youth",
            conditions="Report twice a year; keep receipts 7 years.",
        )
    ).uid
    services.funds.add_deadline(grant, date(2025, 10, 15), "Interim report")
    services.funds.add_deadline(grant, date(2026, 4, 30), "Final report")
    building = services.funds.create(FundInput("Building fund", opening_cents=20_000)).uid
    homework = services.programs.create(ProgramInput("Homework club"), TODAY).uid
    lunch = services.programs.create(ProgramInput("Seniors lunch"), TODAY).uid
    budgets = services.budgets
    budgets.set_line(2025, BudgetLineInput(cat["dues"], 120_000))
    budgets.set_line(2025, BudgetLineInput(cat["donations_individual"], 300_000))
    budgets.set_line(2025, BudgetLineInput(cat["grants_government"], 1_000_000, fund_uid=grant))
    budgets.set_line(2025, BudgetLineInput(cat["food"], 250_000, program_uid=lunch))
    budgets.set_line(
        2025, BudgetLineInput(cat["supplies"], 400_000, program_uid=homework, fund_uid=grant)
    )
    budgets.set_line(
        2025, BudgetLineInput(cat["honoraria"], 600_000, program_uid=homework, fund_uid=grant)
    )
    budgets.set_line(2025, BudgetLineInput(cat["rent"], 240_000))

    def entry(
        day: date,
        kind: str,
        amount: int,
        splits: tuple[SplitInput, ...] = (),
        account: str = main,
        to_account_uid: str = "",
        payee: str = "",
        memo: str = "",
        reference: str = "",
    ) -> str:
        entry = TransactionInput(
            day,
            kind,
            amount,
            account,
            splits,
            to_account_uid=to_account_uid,
            payee=payee,
            memo=memo,
            reference=reference,
        )
        return services.transactions.create(entry).uid

    # The fiscal year 2024.
    entry(date(2024, 5, 3), "income", 110_000, (SplitInput(cat["dues"], 110_000),), payee="Members")
    entry(
        date(2024, 9, 3),
        "income",
        250_000,
        (SplitInput(cat["donations_individual"], 250_000),),
        payee="Bake sale",
    )
    entry(date(2024, 11, 3), "expense", 220_000, (SplitInput(cat["rent"], 220_000),), payee="Hall")
    entry(
        date(2025, 2, 3),
        "expense",
        180_000,
        (SplitInput(cat["food"], 180_000, program_uid=lunch),),
        payee="Metro",
    )
    # The fiscal year 2025.
    entry(
        date(2025, 4, 10),
        "income",
        1_000_000,
        (SplitInput(cat["grants_government"], 1_000_000, fund_uid=grant),),
        payee="City of Ottawa",
        reference="EFT-2231",
    )
    entry(
        date(2025, 5, 2),
        "income",
        65_000,
        (
            SplitInput(cat["dues"], 60_000),
            SplitInput(cat["donations_individual"], 5_000, fund_uid=building),
        ),
        payee="Members, spring",
    )
    entry(
        date(2025, 6, 12),
        "expense",
        123_456,
        (
            SplitInput(cat["supplies"], 100_000, program_uid=homework, fund_uid=grant),
            SplitInput(cat["supplies"], 23_456, program_uid=lunch),
        ),
        payee="=Staples",  # a name a spreadsheet would take for a formula
        memo="Notebooks and pens",
        reference="1042",
    )
    entry(
        date(2025, 7, 1),
        "expense",
        300_000,
        (SplitInput(cat["honoraria"], 300_000, program_uid=homework, fund_uid=grant),),
        payee="Tutors",
    )
    entry(date(2025, 8, 1), "expense", 20_000, (SplitInput(cat["rent"], 20_000),), payee="Hall")
    entry(date(2025, 9, 5), "transfer", 10_000, to_account_uid=cash, memo="Float for the lunch")
    entry(
        date(2025, 9, 6),
        "expense",
        4_550,
        (SplitInput(cat["food"], 4_550, program_uid=lunch),),
        account=cash,
        payee="Épicerie Al-Nour",
    )
    entry(
        date(2025, 12, 6),
        "income",
        80_000,
        (SplitInput(cat["donations_business"], 80_000),),
        payee="Masjid Al-Huda",
    )
    gone = entry(date(2025, 12, 7), "income", 999_00, (SplitInput(cat["dues"], 999_00),))
    services.transactions.delete(gone)  # in the Trash: counted nowhere
    hodan = services.people.create(PersonInput("Hodan", "Abdi")).uid
    yonas = services.people.create(PersonInput("Yonas", "Haile")).uid
    hours = services.volunteer_hours
    hours.log(HoursInput(hodan, date(2025, 5, 9), 120, "Tutor", program_uid=homework), TODAY)
    hours.log(HoursInput(hodan, date(2025, 6, 9), 90, "Tutor", program_uid=homework), TODAY)
    hours.log(HoursInput(yonas, date(2025, 6, 1), 20, "Newsletter"), TODAY)
    hours.log(HoursInput(yonas, date(2025, 7, 1), 185, "Cook", program_uid=lunch), TODAY)
    hours.log(HoursInput(yonas, date(2024, 7, 1), 600, "Cook", program_uid=lunch), TODAY)
    return Books(grant, building, homework, lunch, main, cash, cat)


@pytest.fixture
def books(services: Services) -> Books:
    return make_books(services)


@pytest.fixture
def reports(services: Services) -> MoneyReportService:
    return MoneyReportService(services.database, today=lambda: TODAY)


# --- reading reports in tests ---------------------------------------------------------------


def table_rows(table: ReportTable) -> dict[str, ReportRow]:
    """Rows by their first text cell (the category, fund or account as printed)."""
    return {str(row.cells[0]): row for row in table.rows if isinstance(row.cells[0], str)}


def only_row(table: ReportTable, role: str, group: str = "") -> ReportRow:
    found = [row for row in table.rows if row.role == role and (not group or row.group == group)]
    assert len(found) == 1, found
    return found[0]


def money_of(row: ReportRow, table: ReportTable) -> tuple[int, ...]:
    return tuple(
        cents(cell)
        for cell, column in zip(row.cells, table.columns, strict=True)
        if column.kind == "money"
    )


def assert_adds_up(table: ReportTable) -> None:
    """Each block's total row is the sum of its top-level lines, and the net is their
    difference."""
    totals = {}
    for group in ("income", "expense"):
        total = only_row(table, "total", group)
        assert money_of(total, table) == top_level_sums(table, group), group
        totals[group] = money_of(total, table)
    net = only_row(table, "net")
    assert money_of(net, table) == tuple(
        a - b for a, b in zip(totals["income"], totals["expense"], strict=True)
    )


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def read_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads the accents right
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


# --- the budget ---------------------------------------------------------------------------------


def test_budget_sheet_puts_last_years_actual_beside_this_years_budget(
    books: Books, reports: MoneyReportService
) -> None:
    report = reports.budget(2025, FISCAL_START)
    table = report.tables[0]
    assert titles(table) == [
        "Category",
        "Actual 2024–2025",
        "Budget 2025–2026",
        "Notes",
    ]
    rows = table_rows(table)
    assert rows["Membership dues"].cells == ("Membership dues", 110_000, 120_000, "")
    assert rows["Donations"].cells[1:3] == (250_000, 300_000)
    assert rows["From individuals"].depth == 1
    assert rows["Room rental"].cells[1:3] == (220_000, 240_000)
    # Only what has a budget or last year's amount: no line for this year's business gift.
    assert "From businesses and places of worship" not in rows
    assert_adds_up(table)
    assert only_row(table, "total", "income").cells[1:3] == (360_000, 1_420_000)
    assert only_row(table, "net").cells[1:3] == (-40_000, -70_000)
    assert table.tall_rows  # room to write in the Notes
    assert report.name == "budget-2025"
    assert not report.landscape

    document = report.document()
    assert document.organization == "Cercle des aînés"
    assert document.title == "Budget 2025–2026"
    assert document.subtitle == "April 1, 2025 to March 31, 2026"
    assert document.prepared == "Prepared by the treasurer on May 1, 2026"
    printed = document.sections[0].table
    assert printed is not None
    assert printed.numeric == (1, 2)
    assert ("· From individuals", "$2,500.00", "$3,000.00", "") in printed.rows
    assert [printed.rows[i][0] for i in printed.emphasized] == [
        "Income",
        "Total income",
        "Expenses",
        "Total expenses",
        "Net (income less expenses)",
    ]


def test_budget_of_one_program_and_the_actor_who_prepared_it(
    books: Books, reports: MoneyReportService, services: Services
) -> None:
    services.database.actor = "Amina Yusuf"
    report = reports.budget(2025, FISCAL_START, Scope(program_uid=books.lunch))
    rows = table_rows(report.tables[0])
    assert set(rows) == {
        "Income",
        "Total income",
        "Expenses",
        "Food and refreshments",
        "Total expenses",
        "Net (income less expenses)",
    }
    assert rows["Food and refreshments"].cells[1:3] == (180_000, 250_000)
    assert report.subtitle.endswith("· Program: Seniors lunch")
    assert report.prepared == "Prepared by Amina Yusuf on May 1, 2026"


def test_budget_by_program_has_a_column_per_program_and_adds_up_both_ways(
    books: Books, reports: MoneyReportService
) -> None:
    report = reports.budget(2025, FISCAL_START, by_program=True)
    assert report.landscape
    (table,) = report.tables
    headers = titles(table)
    assert headers == ["Category", "Homework club", "Seniors lunch", "Not in a program", "Total"]
    rows = table_rows(table)
    # Nothing budgeted is left blank, so that the figures stand out.
    assert rows["Supplies"].cells[1:] == (400_000, None, None, 400_000)
    assert rows["Food and refreshments"].cells[1:] == (None, 250_000, None, 250_000)
    assert rows["Membership dues"].cells[1:] == (None, None, 120_000, 120_000)
    printed = report.document().sections[0].table
    assert printed is not None
    assert ("Supplies", "$4,000.00", "", "", "$4,000.00") in printed.rows
    for row in table.rows:
        if row.role != "heading":
            *parts, total = (cents(cell) for cell in row.cells[1:])
            assert sum(parts) == total, row
    assert_adds_up(table)


def test_budget_by_many_programs_is_split_into_pages_of_columns(
    books: Books, reports: MoneyReportService, services: Services
) -> None:
    for number in range(10):
        program = services.programs.create(ProgramInput(f"Program {number:02d}"), TODAY).uid
        services.budgets.set_line(
            2025, BudgetLineInput(books.categories["printing"], 1_000 * (number + 1), program)
        )
    report = reports.budget(2025, FISCAL_START, by_program=True)
    assert len(report.tables) == 2
    first, second = report.tables
    # 14 columns of amounts: two pages of 7, rather than 8 and 6.
    assert len(first.columns) == len(second.columns) == 1 + 7 and not first.new_page
    assert second.new_page
    assert first.heading == "Columns 1 to 7 of 14"
    assert second.heading == "Columns 8 to 14 of 14"
    headers = [title(c) for t in report.tables for c in t.columns if c.kind == "money"]
    assert len(headers) == len(set(headers)) == 14
    assert headers[-2:] == ["Not in a program", "Total"]
    for table in report.tables:
        assert_adds_up(table)
    printing = sum(
        cents(cell)
        for table in report.tables
        for cell, column in zip(
            table_rows(table)["Printing and photocopies"].cells, table.columns, strict=True
        )
        if column.kind == "money" and title(column) != "Total"
    )
    assert (
        printing
        == sum(1_000 * (n + 1) for n in range(10))
        == cents(table_rows(second)["Printing and photocopies"].cells[-1])
    )


# --- budget against actual, income and expenses -------------------------------------------------


def test_budget_against_actual_for_the_year(books: Books, reports: MoneyReportService) -> None:
    report = reports.budget_vs_actual(2025, FISCAL_START)
    (table,) = report.tables
    assert titles(table) == [
        "Category",
        "Budget for the year",
        "Actual",
        "Variance",
        "% of the year's budget",
    ]
    rows = table_rows(table)
    assert rows["Membership dues"].cells[1:] == (120_000, 60_000, -60_000, 50)
    assert rows["Supplies"].cells[1:] == (400_000, 123_456, -276_544, 31)
    assert rows["From businesses and places of worship"].cells[1:] == (0, 80_000, 80_000, None)
    assert_adds_up(table)
    assert only_row(table, "total", "income").cells[1:] == (1_420_000, 1_145_000, -275_000, 81)
    assert only_row(table, "total", "expense").cells[2] == 448_006
    assert report.name == "budget-vs-actual-2025"
    printed = report.document().sections[0].table
    assert printed is not None
    assert printed.numeric == (1, 2, 3, 4)
    assert ("Membership dues", "$1,200.00", "$600.00", "-$600.00", "50%") in printed.rows


def test_budget_against_actual_for_part_of_the_year_shares_the_budget_by_days(
    books: Books, reports: MoneyReportService
) -> None:
    half = Period(date(2025, 4, 1), date(2025, 9, 30))  # 183 of 365 days
    report = reports.budget_vs_actual(2025, FISCAL_START, half)
    (table,) = report.tables
    assert "Budget for the period" in titles(table)
    dues = table_rows(table)["Membership dues"]
    assert dues.cells[1:] == (120_000, 60_164, 60_000, -164, 50)
    assert_adds_up(table)
    assert report.subtitle == "April 1, 2025 to September 30, 2025"
    with pytest.raises(ValidationError):
        reports.budget_vs_actual(2025, FISCAL_START, Period(date(2025, 1, 1), date(2025, 5, 1)))


def test_income_and_expenses_with_subtotals_totals_and_net(
    books: Books, reports: MoneyReportService, services: Services
) -> None:
    report = reports.income_expense(2025, FISCAL_START)
    (table,) = report.tables
    rows = table_rows(table)
    assert rows["Donations"].cells[1] == 85_000  # the subtotal of what is under it
    assert rows["From individuals"].cells[1] == 5_000
    assert rows["From businesses and places of worship"].cells[1] == 80_000
    assert only_row(table, "total", "income").cells[1] == 1_145_000
    assert only_row(table, "total", "expense").cells[1] == 448_006
    assert only_row(table, "net").cells[1] == 1_145_000 - 448_006
    assert_adds_up(table)
    comparison = services.budgets.compare(2025, FISCAL_START, with_budget=False)
    assert only_row(table, "net").cells[1] == comparison.net.actual_cents
    one = reports.income_expense(2025, FISCAL_START, scope=Scope(program_uid=books.homework))
    assert only_row(one.tables[0], "total", "expense").cells[1] == 400_000


# --- funds, grants, accounts ---------------------------------------------------------------------


def test_funds_statement_adds_up_to_the_money_in_the_accounts(
    books: Books, reports: MoneyReportService, services: Services
) -> None:
    report = reports.funds(YEAR_2025.end, YEAR_2025.start)
    (table,) = report.tables
    rows = table_rows(table)
    assert rows["Building fund"].cells[1:] == (20_000, 5_000, 0, 25_000)
    assert rows["Newcomer Youth Grant (grant)"].cells[1:] == (0, 1_000_000, 400_000, 600_000)
    # Unrestricted at the start: the accounts' 1,550.00 less the building fund's 200.00, and
    # last year's deficit of 400.00.
    assert rows["Unrestricted"].cells[1] == 155_000 - 20_000 - 40_000
    lines = [row for row in table.rows if row.role == "line"]
    total = only_row(table, "total")
    assert total.cells[1:] == tuple(sum(cents(r.cells[i]) for r in lines) for i in range(1, 5))
    for row in lines:
        opening, received, spent, balance = (cents(c) for c in row.cells[1:])
        assert opening + received - spent == balance
    check = only_row(table, "check")
    assert check.cells[0] == "Money in the accounts"
    in_accounts = sum(a.balance_cents for a in services.accounts.accounts(on=YEAR_2025.end))
    assert check.cells[4] == total.cells[4] == in_accounts == 811_994
    assert report.subtitle == "April 1, 2025 to March 31, 2026"
    # Without a start: from the day the books began.
    whole = reports.funds(YEAR_2025.end)
    assert table_rows(whole.tables[0])["Building fund"].cells[1] == 20_000
    assert whole.subtitle == "As of March 31, 2026"


def test_a_closed_fund_with_nothing_in_the_period_is_left_out(
    books: Books, reports: MoneyReportService, services: Services
) -> None:
    old = services.funds.create(FundInput("Old roof appeal"))
    services.funds.update(old.uid, FundInput("Old roof appeal", closed=True))
    rows = table_rows(reports.funds(YEAR_2025.end, YEAR_2025.start).tables[0])
    assert "Old roof appeal" not in rows
    assert "Building fund" in rows


def test_grant_report_for_the_funder(books: Books, reports: MoneyReportService) -> None:
    report = reports.grant(books.grant)
    assert report.title == "Grant report: Newcomer Youth Grant"
    assert report.subtitle == "City of Ottawa · April 1, 2025 to March 31, 2026"
    about, deadlines, budget, entries = report.tables
    details = {str(row.cells[0]): row.cells[1] for row in about.rows}
    assert details["Funder"] == "City of Ottawa"
    assert details["Amount awarded"] == Amount(1_000_000)
    printed = report.document().sections[0].table
    assert printed is not None and ("Amount awarded", "$10,000.00") in printed.rows
    assert ["Amount awarded", "10000.00"] in report.csv_rows()
    assert details["Conditions"] == "Report twice a year; keep receipts 7 years."
    assert [row.cells[:2] for row in deadlines.rows] == [
        (date(2025, 10, 15), "Interim report"),
        (date(2026, 4, 30), "Final report"),
    ]
    rows = table_rows(budget)
    assert rows["Supplies"].cells[1:] == (400_000, 100_000, -300_000, 25)
    assert rows["Honoraria (speakers, facilitators)"].cells[1:3] == (600_000, 300_000)
    assert rows["Government grants"].cells[1:3] == (1_000_000, 1_000_000)
    assert_adds_up(budget)
    # Only the grant's share of the Staples receipt (1,000.00 of 1,234.56).
    assert [row.cells for row in entries.rows if row.role == "line"] == [
        (date(2025, 4, 10), "City of Ottawa", "Government grants", 1_000_000, None),
        (date(2025, 6, 12), "=Staples", "Supplies", None, 100_000),
        (date(2025, 7, 1), "Tutors", "Honoraria (speakers, facilitators)", None, 300_000),
    ]
    total = only_row(entries, "total")
    assert total.cells[1] == "Total: 3 entries"
    assert total.cells[3:] == (1_000_000, 400_000)
    assert total.cells[3] == only_row(budget, "total", "income").cells[2]
    assert total.cells[4] == only_row(budget, "total", "expense").cells[2]


def test_grant_report_for_a_period_and_a_missing_fund(
    books: Books, reports: MoneyReportService
) -> None:
    report = reports.grant(books.grant, Period(date(2025, 6, 1), date(2025, 6, 30)))
    entries = report.tables[-1]
    assert only_row(entries, "total").cells[3:] == (0, 100_000)
    with pytest.raises(ValidationError):
        reports.grant(books.grant, Period(date(2025, 6, 30), date(2025, 6, 1)))
    from communitydesk.core.errors import NotFoundError

    with pytest.raises(NotFoundError):
        reports.grant("no-such-fund")


def test_accounts_report_follows_the_balances(
    books: Books, reports: MoneyReportService, services: Services
) -> None:
    report = reports.accounts(YEAR_2025.end, YEAR_2025.start)
    (table,) = report.tables
    rows = table_rows(table)
    assert rows["Cash box"].cells[1:] == (5_000, 0, 4_550, 10_000, 10_450)
    assert rows["Main chequing"].cells[1:] == (110_000, 1_145_000, 443_456, -10_000, 801_544)
    lines = [row for row in table.rows if row.role == "line"]
    total = only_row(table, "total")
    assert total.cells[1:] == tuple(sum(cents(r.cells[i]) for r in lines) for i in range(1, 6))
    assert total.cells[4] == 0  # transfers only move money between accounts
    balances = {a.name: a.balance_cents for a in services.accounts.accounts(on=YEAR_2025.end)}
    assert {name: row.cells[5] for name, row in rows.items() if row.role == "line"} == balances


# --- the register -------------------------------------------------------------------------------


def test_transaction_list_with_totals_and_net(books: Books, reports: MoneyReportService) -> None:
    report = reports.transactions(TransactionFilter(start=YEAR_2025.start, end=YEAR_2025.end))
    (table,) = report.tables
    assert report.landscape
    lines = [row for row in table.rows if row.role == "line"]
    assert len(lines) == 8
    assert lines[0].cells == (
        date(2025, 4, 10),
        "City of Ottawa",
        "Government grants",
        "",
        "EFT-2231",
        "Main chequing",
        1_000_000,
        None,
    )
    transfer = next(row for row in lines if row.group == "transfer")
    assert transfer.cells[2] == "Transfer to Cash box"
    assert transfer.cells[6:] == (10_000, 10_000)  # out of one account, into the other
    total = only_row(table, "total")
    assert total.cells[1] == "Total: 8 entries"
    assert total.cells[6:] == (
        sum(cents(r.cells[6]) for r in lines),
        sum(cents(r.cells[7]) for r in lines),
    )
    assert only_row(table, "net").cells[6] == 1_145_000 - 448_006


def test_transaction_list_of_one_account_counts_transfers_in_or_out(
    books: Books, reports: MoneyReportService
) -> None:
    cash = reports.transactions(TransactionFilter(account_uid=books.cash))
    lines = [row for row in cash.tables[0].rows if row.role == "line"]
    assert [row.cells[6:] for row in lines] == [(10_000, None), (None, 4_550)]
    assert only_row(cash.tables[0], "net").cells[6] == 5_450
    assert "Account: Cash box" in cash.subtitle
    main = reports.transactions(TransactionFilter(account_uid=books.main, fund_uid=books.grant))
    assert "Fund: Newcomer Youth Grant" in main.subtitle
    assert len([row for row in main.tables[0].rows if row.role == "line"]) == 3


@pytest.mark.slow
def test_a_year_of_twenty_thousand_entries_lists_and_prints(
    books: Books, reports: MoneyReportService, services: Services, tmp_path: Path
) -> None:
    now = datetime.now(UTC)
    with services.database.engine.begin() as connection:
        account_id = connection.execute(
            select(MoneyAccount.id).where(MoneyAccount.uid == books.main)
        ).scalar_one()
        category_id = connection.execute(
            select(MoneyCategory.id).where(MoneyCategory.code == "food")
        ).scalar_one()
        first = int(connection.execute(select(func.max(MoneyTransaction.id))).scalar_one()) + 1
        ids = range(first, first + 20_000)
        connection.execute(
            insert(MoneyTransaction),
            [
                {
                    "id": number,
                    "uid": new_uid(),
                    "entry_date": date(2026, 4, 1) + timedelta(days=number % 365),
                    "kind": "expense",
                    "amount_cents": 100 + number % 5_000,
                    "account_id": account_id,
                    "payee": f"Supplier {number % 97}",
                    "memo": "",
                    "reference": "",
                    "cleared": False,
                    "created_at": now,
                    "updated_at": now,
                }
                for number in ids
            ],
        )
        connection.execute(
            insert(TransactionSplit),
            [
                {
                    "uid": new_uid(),
                    "transaction_id": number,
                    "category_id": category_id,
                    "amount_cents": 100 + number % 5_000,
                    "memo": "",
                    "created_at": now,
                    "updated_at": now,
                }
                for number in ids
            ],
        )
    report = reports.transactions(TransactionFilter(start=date(2026, 4, 1)))
    (table,) = report.tables
    assert len(table.rows) == 20_002
    spent = sum(100 + number % 5_000 for number in ids)
    assert only_row(table, "total").cells[6:] == (0, spent)
    rows = read_csv(reports.write(report, tmp_path / "year.csv"))
    assert len(rows) == 20_003
    assert rows[-2][-1] == plain_amount(spent)
    pdf = PdfReader(reports.write(report, tmp_path / "year.pdf"))
    assert len(pdf.pages) > 500
    last = pdf.pages[-1].extract_text()
    assert "Total: 20,000 entries" in last and "-$" in last


# --- volunteer time ------------------------------------------------------------------------------


def test_in_kind_contribution_by_program(books: Books, reports: MoneyReportService) -> None:
    report = reports.in_kind(YEAR_2025)
    (table,) = report.tables
    rows = table_rows(table)
    assert rows["Homework club"].cells[1:] == (350, 8_750)  # 3.5 hours at $25.00
    assert rows["Seniors lunch"].cells[1:] == (308, 7_708)  # 185 minutes
    assert rows["Not for a program"].cells[1:] == (33, 833)  # 20 minutes
    total = only_row(table, "total")
    # The total hours are the sum of the hours printed (6.91), not 415 minutes rounded (6.92).
    assert total.cells[1:] == (691, 8_750 + 7_708 + 833)
    assert table.paragraphs == ("2 volunteers gave 6.91 hours, counted at $25.00 an hour.",)
    printed = report.document().sections[0].table
    assert printed is not None
    assert ("Seniors lunch", "3.08", "$77.08") in printed.rows
    assert report.csv_rows()[-1] == ["Total", "6.91", "172.91"]


# --- the annual report ---------------------------------------------------------------------------


def test_treasurers_report_gathers_the_year(books: Books, reports: MoneyReportService) -> None:
    report = reports.treasurer(2025, FISCAL_START)
    assert report.title == "Treasurer's report 2025–2026"
    assert report.name == "treasurer-report-2025"
    assert report.introduction == (
        "The group received $11,450.00 and spent $4,480.06: a surplus of $6,969.94.",
        "On March 31, 2026, the accounts held $8,119.94.",
    )
    headings = [table.heading for table in report.tables]
    assert headings == [
        "Budget and actual 2025–2026",
        "Income and expenses 2025–2026",
        "Funds and grants",
        "Accounts",
        "Volunteer time as an in-kind contribution",
    ]
    for table in report.tables[:2]:
        assert_adds_up(table)
    funds, accounts = report.tables[2], report.tables[3]
    assert only_row(funds, "total").cells[4] == only_row(accounts, "total").cells[5] == 811_994
    assert len(report.footnotes) == len(set(report.footnotes)) >= 3


def test_treasurers_report_as_pdf_and_csv(
    books: Books, reports: MoneyReportService, tmp_path: Path
) -> None:
    report = reports.treasurer(2025, FISCAL_START)
    pdf = reports.write(report, tmp_path / "treasurer.pdf")
    text = pdf_text(pdf)
    for words in (
        "Treasurer's report 2025–2026",
        "Cercle des aînés",
        "Budget and actual 2025–2026",
        "Funds and grants",
        "Money in the accounts",
        "$8,119.94",
        "Total income",
        "$11,450.00",
        "Prepared by the treasurer on May 1, 2026",
    ):
        assert words in text, words
    rows = read_csv(reports.write(report, tmp_path / "treasurer.csv"))
    assert rows[0] == ["Budget and actual 2025–2026"]
    assert ["Total income", "14200.00", "11450.00", "-2750.00", "81"] in rows
    assert ["Money in the accounts", "", "", "", "8119.94"] in rows
    assert ["    From individuals", "3000.00", "50.00", "-2950.00", "2"] in rows


# --- the files -----------------------------------------------------------------------------------


def test_pdf_and_csv_hold_the_same_figures(
    books: Books, reports: MoneyReportService, tmp_path: Path
) -> None:
    report = reports.transactions(TransactionFilter(start=YEAR_2025.start))
    rows = read_csv(reports.write(report, tmp_path / "list.csv"))
    # Column titles in English with the French after a slash, on one line.
    assert [header.split(" / ")[0] for header in rows[0]] == [
        "Date",
        "Paid by or to",
        "Categories",
        "Memo",
        "Reference",
        "Account",
        "Money in",
        "Money out",
    ]
    assert rows[0][1] == "Paid by or to / Payé par ou à"
    staples = next(row for row in rows if "Staples" in row[1])
    # Text that a spreadsheet would run is defused; amounts are plain numbers, never escaped.
    assert staples == [
        "2025-06-12",
        "'=Staples",
        "Supplies",
        "Notebooks and pens",
        "1042",
        "Main chequing",
        "",
        "1234.56",
    ]
    assert rows[-1] == ["", "Net (money in less money out)", "", "", "", "", "6969.94", ""]
    text = pdf_text(reports.write(report, tmp_path / "list.pdf"))
    assert "=Staples" in text and "$1,234.56" in text and "$6,969.94" in text
    printed = report.document().sections[0].table
    assert printed is not None
    assert len(printed.rows) == len(rows) - 1
    for shown, written in zip(printed.rows, rows[1:], strict=True):
        # The same amounts: "-$1,234.56" printed is "-1234.56" in the spreadsheet.
        assert [cell.replace("$", "").replace(",", "") for cell in shown[6:]] == written[6:]


def test_only_pdf_and_csv_are_written(
    books: Books, reports: MoneyReportService, tmp_path: Path
) -> None:
    report = reports.accounts(YEAR_2025.end)
    with pytest.raises(ValidationError, match=r"\.pdf or a \.csv"):
        reports.write(report, tmp_path / "accounts.xlsx")
    assert not (tmp_path / "accounts.xlsx").exists()


def test_plain_amounts() -> None:
    assert [plain_amount(c) for c in (0, 5, 123_450, -1_200, -5, 100_000_000_00)] == [
        "0.00",
        "0.05",
        "1234.50",
        "-12.00",
        "-0.05",
        "100000000.00",
    ]


# --- other languages -----------------------------------------------------------------------------


def test_french_amounts_in_the_document_and_plain_ones_in_the_csv(
    books: Books, reports: MoneyReportService, tmp_path: Path
) -> None:
    set_language("fr")
    report = reports.budget_vs_actual(2025, FISCAL_START)
    printed = report.document().sections[0].table
    assert printed is not None
    supplies = next(row for row in printed.rows if row[0] == "Fournitures")
    assert supplies[1:] == (
        "4\u00a0000,00\u00a0$",
        "1\u00a0234,56\u00a0$",
        "-2\u00a0765,44\u00a0$",
        "31\u00a0%",
    )
    assert report.subtitle == "du 1 avril 2025 au 31 mars 2026"
    rows = read_csv(reports.write(report, tmp_path / "budget.csv"))
    assert ["Fournitures", "4000.00", "1234.56", "-2765.44", "31"] in rows
    assert "Fournitures" in pdf_text(reports.write(report, tmp_path / "budget.pdf"))


def test_arabic_reports_read_from_the_right(
    books: Books, reports: MoneyReportService, tmp_path: Path
) -> None:
    set_language("ar")
    report = reports.treasurer(2025, FISCAL_START)
    assert report.right_to_left and report.document().right_to_left
    assert "اشتراكات الأعضاء" in report.document().text()
    pdf = reports.write(report, tmp_path / "treasurer.pdf")
    assert len(PdfReader(pdf).pages) >= 2


def test_the_money_format_matches_babel_in_every_language() -> None:
    from communitydesk.core.i18n import current_language, format_money
    from communitydesk.services.money_report_tables import money_format

    for language in ("en", "fr", "ar"):
        set_language(language)
        for currency in ("CAD", "EUR", "XOF", "MAD"):
            fast = money_format(currency, current_language().babel_locale)
            for amount in (0, 7, -7, 123_456_789, -100_000, 99_999_999_99):
                assert fast(amount) == format_money(amount, currency), (language, currency)


# --- random books ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def random_books(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    opened = open_data_folder(DataPaths(tmp_path_factory.mktemp("random") / "data").ensure())
    opened.organization.create(OrganizationProfile(name="Random books"))
    yield opened
    opened.close()


def _fill_randomly(services: Services, seed: int, entries: int) -> None:
    """Accounts, categories under the defaults, funds, budgets and entries with random splits,
    written straight into the tables (overspent funds and all), a few sent to the Trash."""
    rnd = random.Random(seed)
    now = datetime.now(UTC)
    stamp = {"created_at": now, "updated_at": now}
    with services.database.engine.begin() as connection:
        for model in (TransactionSplit, MoneyTransaction, BudgetLine, Fund, MoneyAccount):
            connection.execute(delete(model))
        connection.execute(delete(MoneyCategory).where(MoneyCategory.code == ""))
        defaults = connection.execute(
            select(MoneyCategory.id, MoneyCategory.kind, MoneyCategory.parent_id)
        ).all()
        categories: dict[str, list[int]] = {"income": [], "expense": []}
        for category_id, kind, _parent in defaults:
            categories[kind].append(category_id)
        for number in range(rnd.randint(0, 4)):
            kind = rnd.choice(("income", "expense"))
            parent = rnd.choice([None, *(i for i, k, p in defaults if k == kind and p is None)])
            category_id = connection.execute(
                insert(MoneyCategory).returning(MoneyCategory.id),
                {
                    "uid": new_uid(),
                    "code": "",
                    "kind": kind,
                    "parent_id": parent,
                    "labels": {"en": f"Random {number}"},
                    "sort_order": 1000,
                    **stamp,
                },
            ).scalar_one()
            categories[kind].append(category_id)
        accounts = [
            connection.execute(
                insert(MoneyAccount).returning(MoneyAccount.id),
                {
                    "uid": new_uid(),
                    "name": f"Account {number}",
                    "kind": "bank",
                    "opening_cents": rnd.randint(0, 500_000),
                    "opening_on": date(2024, 1, 1),
                    **stamp,
                },
            ).scalar_one()
            for number in range(rnd.randint(1, 3))
        ]
        funds: list[int | None] = [None]
        for number in range(rnd.randint(0, 3)):
            funds.append(
                connection.execute(
                    insert(Fund).returning(Fund.id),
                    {
                        "uid": new_uid(),
                        "name": f"Fund {number}",
                        "is_grant": rnd.random() < 0.5,
                        "opening_cents": rnd.randint(0, 100_000),
                        "closed": rnd.random() < 0.2,
                        **stamp,
                    },
                ).scalar_one()
            )
        start = date(2024, 10, 1)
        for _ in range(entries):
            kind = rnd.choice(("income", "expense", "expense", "transfer"))
            if kind == "transfer" and len(accounts) < 2:
                kind = "income"
            account, *others = rnd.sample(accounts, len(accounts))
            parts = [rnd.randint(1, 200_000) for _ in range(rnd.randint(1, 3))]
            transaction_id = connection.execute(
                insert(MoneyTransaction).returning(MoneyTransaction.id),
                {
                    "uid": new_uid(),
                    "entry_date": start + timedelta(days=rnd.randint(0, 400)),
                    "kind": kind,
                    "amount_cents": sum(parts),
                    "account_id": account,
                    "to_account_id": others[0] if kind == "transfer" else None,
                    "payee": "",
                    "memo": "",
                    "reference": "",
                    "cleared": False,
                    "deleted_at": now if rnd.random() < 0.1 else None,
                    **stamp,
                },
            ).scalar_one()
            if kind != "transfer":
                connection.execute(
                    insert(TransactionSplit),
                    [
                        {
                            "uid": new_uid(),
                            "transaction_id": transaction_id,
                            "category_id": rnd.choice(categories[kind]),
                            "fund_id": rnd.choice(funds),
                            "amount_cents": amount,
                            "memo": "",
                            **stamp,
                        }
                        for amount in parts
                    ],
                )
        for kind in ("income", "expense"):
            for category_id in rnd.sample(categories[kind], min(3, len(categories[kind]))):
                connection.execute(
                    insert(BudgetLine),
                    {
                        "uid": new_uid(),
                        "fiscal_year": 2025,
                        "category_id": category_id,
                        "fund_id": rnd.choice(funds),
                        "amount_cents": rnd.randint(0, 300_000),
                        "note": "",
                        **stamp,
                    },
                )


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(seed=st.integers(0, 10_000), entries=st.integers(0, 25))
def test_random_books_always_add_up(random_books: Services, seed: int, entries: int) -> None:
    services = random_books
    _fill_randomly(services, seed, entries)
    reports = MoneyReportService(services.database, today=lambda: TODAY)
    for report in (
        reports.income_expense(2025, FISCAL_START),
        reports.budget_vs_actual(2025, FISCAL_START),
        reports.budget(2025, FISCAL_START),
        reports.budget(2025, FISCAL_START, by_program=True),
    ):
        for table in report.tables:
            assert_adds_up(table)
    funds = reports.funds(YEAR_2025.end, YEAR_2025.start).tables[0]
    lines = [row for row in funds.rows if row.role == "line"]
    total = only_row(funds, "total")
    assert total.cells[1:] == tuple(sum(cents(r.cells[i]) for r in lines) for i in range(1, 5))
    assert only_row(funds, "check").cells[4] == total.cells[4]
    accounts = reports.accounts(YEAR_2025.end, YEAR_2025.start).tables[0]
    assert only_row(accounts, "total").cells[5] == total.cells[4]
    assert only_row(accounts, "total").cells[4] == 0
    # The books' own sums agree with the report.
    statement = reports.income_expense(2025, FISCAL_START).tables[0]
    with services.database.reading() as session:
        income = session.scalar(
            select(func.sum(TransactionSplit.amount_cents))
            .join(MoneyTransaction, MoneyTransaction.id == TransactionSplit.transaction_id)
            .where(
                MoneyTransaction.deleted_at.is_(None),
                MoneyTransaction.kind == "income",
                MoneyTransaction.entry_date.between(YEAR_2025.start, YEAR_2025.end),
            )
        )
    assert only_row(statement, "total", "income").cells[1] == int(income or 0)


def test_headings_are_printed_in_two_languages(books: Books, reports: MoneyReportService) -> None:
    report = reports.budget_vs_actual(2025, FISCAL_START)
    headers = [column.header for column in report.tables[0].columns]
    assert headers[0] == "Category\n\u2066Catégorie\u2069"
    assert "Actual\n\u2066Réel\u2069" in headers
    set_language("fr")
    try:
        french = reports.budget_vs_actual(2025, FISCAL_START)
        assert french.tables[0].columns[0].header == "Catégorie\n\u2066Category\u2069"
        # A spreadsheet keeps its column titles on one line.
        assert french.csv_rows()[0][0] == "Catégorie / Category"
    finally:
        set_language("en")
