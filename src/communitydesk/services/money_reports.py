"""The treasurer's reports: budget, budget against actual, income and expenses, funds, one grant,
accounts, the transaction list, volunteer time as an in-kind contribution, and the annual report
for the members' meeting that gathers them.

Each report is built once as a `MoneyReport`: typed tables whose amounts are integer cents. The
printed document and the spreadsheet rows are both made from it, so they cannot disagree, and each
total row is the sum of the rows it totals (tests hold every report to it). Amounts print through
the organization's currency in the window's language; the spreadsheet gets plain decimals.
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Final

from sqlalchemy import case, func, select
from sqlalchemy.orm import aliased

from communitydesk.core.csv_safety import spreadsheet_safe
from communitydesk.core.errors import ValidationError
from communitydesk.core.files import written_whole
from communitydesk.core.i18n import (
    N_,
    _,
    bilingual,
    current_language,
    format_date,
    format_money,
    format_number,
    is_right_to_left,
    ngettext,
    without_isolates,
)
from communitydesk.db.session import Database
from communitydesk.models import (
    ActivitySession,
    Fund,
    MoneyAccount,
    MoneyCategory,
    MoneyTransaction,
    Organization,
    Person,
    Program,
    TransactionSplit,
    VolunteerHours,
)
from communitydesk.reports.document import Document, Section, Table
from communitydesk.services.accounts import AccountService
from communitydesk.services.activity_stats import Period
from communitydesk.services.balances import (
    account_balances,
    fund_balances,
    fund_movements,
    live,
)
from communitydesk.services.budgets import BudgetService, Comparison, ComparisonRow, Scope
from communitydesk.services.categories import CategoryService, label_in
from communitydesk.services.funds import FundService
from communitydesk.services.people import display_name
from communitydesk.services.periods import fiscal_year, fiscal_year_of
from communitydesk.services.transactions import TransactionFilter, register_conditions
from communitydesk.services.volunteer_hours import hour_value_cents, hundredths_of_hours


@dataclass(frozen=True)
class Amount:
    """An amount in a column of text (a grant's award among its details)."""

    cents: int


# What a cell holds, by its column's kind: text -> str, money -> cents, percent -> a whole
# percent, hours -> hundredths of an hour (rounded once per line, so that a column of hours adds
# up as printed), date -> date; an Amount anywhere; None leaves the cell empty.
Cell = str | int | date | Amount | None
COLUMN_KINDS: Final = ("text", "money", "percent", "hours", "date", "notes")
NUMERIC_KINDS: Final = frozenset({"money", "percent", "hours"})
# The printed tree: reportlab's line breaking and right-to-left ordering both drop leading
# spaces, so each level is marked with a dot that survives both.
INDENT_MARK: Final = "· "
CSV_INDENT: Final = "    "
# Value columns on one landscape page of the budget by program (the category takes the rest).
PROGRAM_COLUMNS_PER_PAGE: Final = 8
WHOLE_BOOKS: Final = Scope()
EVERY_ENTRY: Final = TransactionFilter()


@dataclass(frozen=True)
class Column:
    header: str
    kind: str = "text"
    width: int = 10  # relative to the other columns

    def __post_init__(self) -> None:
        if self.kind not in COLUMN_KINDS:
            raise ValueError(f"unknown column kind {self.kind!r}")


@dataclass(frozen=True)
class ReportRow:
    cells: tuple[Cell, ...]
    # Depth in the category tree: the first column is indented by it.
    depth: int = 0
    # "line", "heading" (Income, Expenses), "total", "net", or "check" (a figure that must
    # equal the total above it, printed beside it so a reader sees it does).
    role: str = "line"
    # Which block of the table the row belongs to ("income", "expense", "" for the only one).
    group: str = ""

    @property
    def emphasized(self) -> bool:
        return self.role != "line"


@dataclass(frozen=True)
class ReportTable:
    columns: tuple[Column, ...]
    rows: tuple[ReportRow, ...]
    heading: str = ""
    paragraphs: tuple[str, ...] = ()
    new_page: bool = False
    # Rows with room to write in by hand (a budget marked up at a board meeting).
    tall_rows: bool = False


@dataclass(frozen=True)
class MoneyReport:
    """One report as data: what the PDF prints and the CSV holds, figure for figure."""

    title: str
    subtitle: str
    name: str  # a file name without extension, e.g. "budget-vs-actual-2025"
    organization: str
    prepared: str
    currency: str
    tables: tuple[ReportTable, ...]
    introduction: tuple[str, ...] = ()
    footnotes: tuple[str, ...] = ()
    landscape: bool = False
    right_to_left: bool = False

    def document(self) -> Document:
        money = _money_format(self.currency, current_language().babel_locale)
        return Document(
            title=self.title,
            subtitle=self.subtitle,
            right_to_left=self.right_to_left,
            introduction=self.introduction,
            sections=tuple(_section(table, money) for table in self.tables),
            footnotes=self.footnotes,
            name=self.name,
            organization=self.organization,
            prepared=self.prepared,
            landscape=self.landscape,
        )

    def csv_rows(self) -> list[list[str]]:
        """The tables as spreadsheet rows; several tables are headed and set apart by a blank
        row, a single one is left bare so that it sorts and filters as it is."""
        out: list[list[str]] = []
        alone = len(self.tables) == 1
        for table in self.tables:
            if not alone:
                if out:
                    out.append([])
                if table.heading:
                    out.append([spreadsheet_safe(_one_line(table.heading))])
                out += [[spreadsheet_safe(text)] for text in table.paragraphs]
            # A spreadsheet's column titles stay on one line.
            out.append(
                [spreadsheet_safe(_one_line(column.header)) for column in table.columns]
            )
            for row in table.rows:
                out.append(
                    [
                        _csv_cell(column.kind, value, row.depth if index == 0 else 0)
                        for index, (column, value) in enumerate(
                            zip(table.columns, row.cells, strict=True)
                        )
                    ]
                )
        return out


def _one_line(heading: str) -> str:
    """A two-language heading on one line, without the marks that only a printout needs."""
    return without_isolates(heading).replace("\n", " / ")


# --- Formatting ---------------------------------------------------------------------------


class _MoneyFormat:
    """format_money's own output, made without Babel for each amount (Babel takes 40 µs an
    amount: 40,000 of them in a year's transaction list). Built from Babel's output for a
    probe and checked against it; anything it cannot reproduce goes to Babel."""

    PROBE: Final = 123456789
    SAMPLES: Final = (0, 1, 99, 100, 123456, 100000000, 98765432101, -1, -100, -123456789)

    def __init__(self, currency: str, locale: str) -> None:
        from babel.numbers import get_decimal_symbol, get_group_symbol

        self.currency = currency
        self.templates: tuple[str, str] | None = None
        group, decimal = get_group_symbol(locale), get_decimal_symbol(locale)
        self.group, self.decimal = str(group), str(decimal)
        digits = f"1{group}234{group}567{decimal}89"
        positive, negative = format_money(self.PROBE, currency), format_money(-self.PROBE, currency)
        if positive.count(digits) == 1 and negative.count(digits) == 1:
            self.templates = (positive.replace(digits, "{}"), negative.replace(digits, "{}"))
            if any(self(cents) != format_money(cents, currency) for cents in self.SAMPLES):
                self.templates = None

    def __call__(self, cents: int) -> str:
        if self.templates is None:
            return format_money(cents, self.currency)
        units, hundredths = divmod(abs(cents), 100)
        digits = f"{units:,}".replace(",", self.group) + f"{self.decimal}{hundredths:02d}"
        return self.templates[cents < 0].format(digits)


@functools.lru_cache(maxsize=16)
def _money_format(currency: str, locale: str) -> _MoneyFormat:
    return _MoneyFormat(currency, locale)


@functools.lru_cache(maxsize=4096)
def _date_text(day: date, locale: str) -> str:
    return format_date(day, "medium")


def _percent_text(percent: int) -> str:
    from babel.numbers import format_percent

    return str(format_percent(Decimal(percent) / 100, locale=current_language().babel_locale))


def _hours_text(hundredths: int) -> str:
    return format_number(Decimal(hundredths).scaleb(-2))


def plain_amount(cents: int) -> str:
    """Cents as a spreadsheet reads them whatever its language: 123450 -> "1234.50"."""
    units, hundredths = divmod(abs(cents), 100)
    return f"{'-' if cents < 0 else ''}{units}.{hundredths:02d}"


def _plain_hours(hundredths: int) -> str:
    units, rest = divmod(hundredths, 100)
    return f"{units}.{rest:02d}"


def _document_cell(kind: str, value: Cell, depth: int, money: _MoneyFormat) -> str:
    if value is None or kind == "notes":
        return ""
    if isinstance(value, Amount):
        return money(value.cents)
    if kind == "money" and isinstance(value, int):
        return money(value)
    if kind == "percent" and isinstance(value, int):
        return _percent_text(value)
    if kind == "hours" and isinstance(value, int):
        return _hours_text(value)
    if kind == "date" and isinstance(value, date):
        return _date_text(value, current_language().babel_locale)
    return INDENT_MARK * depth + str(value)


def _csv_cell(kind: str, value: Cell, depth: int) -> str:
    # Numbers are written plain, never escaped: "-12.00" is an amount, not a formula.
    if value is None or kind == "notes":
        return ""
    if isinstance(value, Amount):
        return plain_amount(value.cents)
    if kind == "money" and isinstance(value, int):
        return plain_amount(value)
    if kind == "percent" and isinstance(value, int):
        return str(value)
    if kind == "hours" and isinstance(value, int):
        return _plain_hours(value)
    if kind == "date" and isinstance(value, date):
        return value.isoformat()
    return CSV_INDENT * depth + spreadsheet_safe(str(value))


def _section(table: ReportTable, money: _MoneyFormat) -> Section:
    kinds = [column.kind for column in table.columns]
    rows = tuple(
        tuple(
            _document_cell(kind, value, row.depth if index == 0 else 0, money)
            for index, (kind, value) in enumerate(zip(kinds, row.cells, strict=True))
        )
        for row in table.rows
    )
    return Section(
        heading=table.heading,
        paragraphs=table.paragraphs,
        new_page=table.new_page,
        table=Table(
            headers=tuple(column.header for column in table.columns),
            rows=rows,
            widths=tuple(column.width for column in table.columns),
            numeric=tuple(i for i, kind in enumerate(kinds) if kind in NUMERIC_KINDS),
            emphasized=tuple(i for i, row in enumerate(table.rows) if row.emphasized),
            tall_rows=table.tall_rows,
        ),
    )


def percent_used(actual: int, budget: int) -> int | None:
    """`actual` as a whole percent of `budget`, rounded half up; None without a budget."""
    if budget <= 0:
        return None
    return (actual * 200 + budget) // (budget * 2)


def _slug(text: str) -> str:
    slug = re.sub(r"[^\w]+", "-", text.lower(), flags=re.UNICODE).strip("-")
    return slug[:40] or "fund"


# --- What every report starts from ------------------------------------------------------------


@dataclass(frozen=True)
class _Books:
    organization: str
    currency: str
    hour_cents: int


@dataclass(frozen=True)
class _Line:
    """A category's place in a statement: its tree position and printed name."""

    uid: str
    name: str
    depth: int


@dataclass
class _Statement:
    """Category lines of income and expenses, each with its values, and their totals."""

    income: list[tuple[_Line, tuple[Cell, ...]]] = field(default_factory=list)
    expense: list[tuple[_Line, tuple[Cell, ...]]] = field(default_factory=list)
    income_total: tuple[Cell, ...] = ()
    expense_total: tuple[Cell, ...] = ()
    net: tuple[Cell, ...] | None = None


class MoneyReportService:
    def __init__(self, db: Database, today: Callable[[], date] = date.today) -> None:
        self._db = db
        self._today = today
        self._budgets = BudgetService(db)
        self._categories = CategoryService(db)
        self._funds = FundService(db)
        self._accounts = AccountService(db)

    # --- writing ------------------------------------------------------------------------------

    def write(self, report: MoneyReport, target: Path) -> Path:
        """The report as a PDF or a spreadsheet (CSV), by the file name's extension."""
        suffix = target.suffix.lower()
        if suffix == ".pdf":
            from communitydesk.reports.pdf import write_pdf

            return write_pdf(report.document(), target)
        if suffix == ".csv":
            rows = report.csv_rows()
            with (
                written_whole(target) as partial,
                # With a byte-order mark, Excel opens accents and Arabic right.
                partial.open("w", newline="", encoding="utf-8-sig") as handle,
            ):
                csv.writer(handle).writerows(rows)
            return target
        raise ValidationError(
            "target",
            _("Save the report as a .pdf or a .csv file, not “{name}”.").format(name=target.name),
        )

    # --- the budget ---------------------------------------------------------------------------

    def budget(
        self,
        year: int,
        fiscal_start_month: int,
        scope: Scope = WHOLE_BOOKS,
        by_program: bool = False,
    ) -> MoneyReport:
        """The year's budget beside last year's actual, with room for notes: the sheet a board
        marks up while planning. By program: one column per program, across the page."""
        if by_program:
            return self._budget_by_program(year, fiscal_start_month, scope)
        this = self._budgets.compare(year, fiscal_start_month, scope=scope)
        last = self._budgets.compare(year - 1, fiscal_start_month, scope=scope, with_budget=False)
        budget = _by_uid(this, lambda row: row.annual_cents)
        actual = _by_uid(last, lambda row: row.actual_cents)
        order = self._tree_order()
        statement = _Statement(
            income=[
                (line, (actual.get(line.uid, 0), budget.get(line.uid, 0), ""))
                for line in _union(order, this.income, last.income)
                if actual.get(line.uid, 0) or budget.get(line.uid, 0)
            ],
            expense=[
                (line, (actual.get(line.uid, 0), budget.get(line.uid, 0), ""))
                for line in _union(order, this.expense, last.expense)
                if actual.get(line.uid, 0) or budget.get(line.uid, 0)
            ],
            income_total=(last.income_total.actual_cents, this.income_total.annual_cents, ""),
            expense_total=(last.expense_total.actual_cents, this.expense_total.annual_cents, ""),
            net=(last.net.actual_cents, this.net.annual_cents, ""),
        )
        label = fiscal_label(year, fiscal_start_month)
        columns = (
            Column(bilingual(N_("Category")), width=31),
            Column(
                bilingual(N_("Actual {year}"), year=fiscal_label(year - 1, fiscal_start_month)),
                "money",
                18,
            ),
            Column(bilingual(N_("Budget {year}"), year=label), "money", 18),
            Column(bilingual(N_("Notes")), "notes", 33),
        )
        return self._report(
            title=_("Budget {year}").format(year=label),
            subtitle=self._subtitle(fiscal_year(year, fiscal_start_month), scope),
            name=f"budget-{year}",
            tables=(ReportTable(columns, _statement_rows(statement), tall_rows=True),),
            footnotes=(
                _(
                    "Last year's actual is what the books show for the fiscal year {year}; "
                    "the Notes column is left empty to write on."
                ).format(year=fiscal_label(year - 1, fiscal_start_month)),
            ),
        )

    def _budget_by_program(self, year: int, fiscal_start_month: int, scope: Scope) -> MoneyReport:
        within = Scope(fund_uid=scope.fund_uid)
        programs = sorted(
            {
                (line.program_name, line.program_uid)
                for line in self._budgets.lines(year, within)
                if line.program_uid
            },
            key=lambda pair: (pair[0].casefold(), pair[1]),
        )
        whole = self._budgets.compare(year, fiscal_start_month, scope=within)
        parts = [
            self._budgets.compare(year, fiscal_start_month, scope=Scope(uid, scope.fund_uid))
            for _name, uid in programs
        ]
        # One column per program, then what no program holds, then the whole: each with the
        # budget of every category line and its own totals.
        headers = [name for name, _uid in programs]
        budgets = [_by_uid(part, lambda row: row.annual_cents) for part in parts]
        totals = [
            (part.income_total.annual_cents, part.expense_total.annual_cents) for part in parts
        ]
        whole_budget = _by_uid(whole, lambda row: row.annual_cents)
        outside = {
            uid: amount - sum(budget.get(uid, 0) for budget in budgets)
            for uid, amount in whole_budget.items()
        }
        if any(outside.values()) or not programs:
            headers.append(_("Not in a program"))
            budgets.append(outside)
            totals.append(
                (
                    whole.income_total.annual_cents - sum(t[0] for t in totals),
                    whole.expense_total.annual_cents - sum(t[1] for t in totals),
                )
            )
        headers.append(_("Total"))
        budgets.append(whole_budget)
        totals.append((whole.income_total.annual_cents, whole.expense_total.annual_cents))

        def lines(rows: Sequence[ComparisonRow]) -> list[_Line]:
            # Only budgeted categories (and the headings above them, whose sums include them).
            return [_line(row) for row in rows if row.annual_cents]

        income, expense = lines(whole.income), lines(whole.expense)
        tables = []
        # As few pages of columns as fit, equally filled: never a Total alone on its page.
        pages = -(-len(headers) // PROGRAM_COLUMNS_PER_PAGE)
        size = -(-len(headers) // pages)
        chunks = [
            range(start, min(start + size, len(headers))) for start in range(0, len(headers), size)
        ]
        for number, chunk in enumerate(chunks, start=1):

            def values(uid: str, chunk: range = chunk) -> tuple[Cell, ...]:
                # Nothing budgeted is left blank: a page of $0.00 hides the figures that count.
                return tuple(budgets[i].get(uid, 0) or None for i in chunk)

            statement = _Statement(
                income=[(line, values(line.uid)) for line in income],
                expense=[(line, values(line.uid)) for line in expense],
                income_total=tuple(totals[i][0] for i in chunk),
                expense_total=tuple(totals[i][1] for i in chunk),
                net=tuple(totals[i][0] - totals[i][1] for i in chunk),
            )
            columns = (
                Column(bilingual(N_("Category")), width=24),
                *(Column(headers[i], "money", 10) for i in chunk),
            )
            heading = (
                _("Columns {first} to {last} of {count}").format(
                    first=chunk.start + 1, last=chunk.stop, count=len(headers)
                )
                if len(chunks) > 1
                else ""
            )
            tables.append(
                ReportTable(columns, _statement_rows(statement), heading, new_page=number > 1)
            )
        label = fiscal_label(year, fiscal_start_month)
        return self._report(
            title=_("Budget {year} by program").format(year=label),
            subtitle=self._subtitle(fiscal_year(year, fiscal_start_month), within),
            name=f"budget-by-program-{year}",
            tables=tuple(tables),
            landscape=True,
        )

    def budget_vs_actual(
        self,
        year: int,
        fiscal_start_month: int,
        period: Period | None = None,
        scope: Scope = WHOLE_BOOKS,
    ) -> MoneyReport:
        """Each category's budget against what the books show, with the variance and how much
        of the year's budget is used. For part of the year, its budget is shared by days."""
        comparison = self._budgets.compare(year, fiscal_start_month, period, scope)
        whole = fiscal_year(year, fiscal_start_month)
        partial = comparison.period != whole

        def values(row: ComparisonRow) -> tuple[Cell, ...]:
            return _compared(row.annual_cents, row.budget_cents, row.actual_cents, partial)

        statement = _Statement(
            income=[(_line(row), values(row)) for row in comparison.income],
            expense=[(_line(row), values(row)) for row in comparison.expense],
            income_total=_compared(
                comparison.income_total.annual_cents,
                comparison.income_total.budget_cents,
                comparison.income_total.actual_cents,
                partial,
            ),
            expense_total=_compared(
                comparison.expense_total.annual_cents,
                comparison.expense_total.budget_cents,
                comparison.expense_total.actual_cents,
                partial,
            ),
        )
        net = comparison.net
        statement.net = (
            *_compared(net.annual_cents, net.budget_cents, net.actual_cents, partial)[:-1],
            None,
        )
        columns = [
            Column(bilingual(N_("Category")), width=28),
            Column(bilingual(N_("Budget for the year")), "money", 15),
        ]
        if partial:
            columns.append(Column(bilingual(N_("Budget for the period")), "money", 15))
        columns += [
            Column(bilingual(N_("Actual")), "money", 15),
            Column(bilingual(N_("Variance")), "money", 15),
            Column(bilingual(N_("% of the year's budget")), "percent", 12),
        ]
        label = fiscal_label(year, fiscal_start_month)
        notes = [
            _(
                "Variance is actual less budget: above zero, more was received (income) or "
                "spent (expenses) than planned."
            )
        ]
        if partial:
            notes.append(_("The budget for the period is the year's budget shared by days."))
        return self._report(
            title=_("Budget and actual {year}").format(year=label),
            subtitle=self._subtitle(comparison.period, scope),
            name=f"budget-vs-actual-{year}",
            tables=(ReportTable(tuple(columns), _statement_rows(statement)),),
            footnotes=tuple(notes),
        )

    # --- income and expenses ------------------------------------------------------------------

    def income_expense(
        self,
        year: int,
        fiscal_start_month: int,
        period: Period | None = None,
        scope: Scope = WHOLE_BOOKS,
    ) -> MoneyReport:
        """What came in and went out by category, headings with the sum of what is under them,
        totals and the net (surplus or deficit)."""
        comparison = self._budgets.compare(
            year, fiscal_start_month, period, scope, with_budget=False
        )
        statement = _Statement(
            income=[(_line(row), (row.actual_cents,)) for row in comparison.income],
            expense=[(_line(row), (row.actual_cents,)) for row in comparison.expense],
            income_total=(comparison.income_total.actual_cents,),
            expense_total=(comparison.expense_total.actual_cents,),
            net=(comparison.net.actual_cents,),
        )
        columns = (
            Column(bilingual(N_("Category")), width=70),
            Column(bilingual(N_("Amount")), "money", 30),
        )
        return self._report(
            title=_("Income and expenses {year}").format(
                year=fiscal_label(year, fiscal_start_month)
            ),
            subtitle=self._subtitle(comparison.period, scope),
            name=f"income-expenses-{year}",
            tables=(ReportTable(columns, _statement_rows(statement)),),
        )

    # --- funds, grants and accounts -----------------------------------------------------------

    def funds(self, as_of: date, start: date | None = None) -> MoneyReport:
        """Each restricted fund and grant, then unrestricted money: what each held at the start,
        received, spent and holds at `as_of`. Their total is the money in the accounts."""
        with self._db.reading() as session:
            rows = session.scalars(select(Fund).where(Fund.deleted_at.is_(None))).all()
            closing = fund_balances(session, as_of)
            moved = fund_movements(session, as_of, start)
            in_accounts = sum(account_balances(session, as_of).values())
        lines: list[ReportRow] = []
        for fund in sorted(rows, key=lambda f: (f.name.casefold(), f.id)):
            received, spent = moved.get(fund.id, (0, 0))
            balance = closing.get(fund.id, 0)
            opening = balance - received + spent
            if fund.closed and not (opening or received or spent):
                continue
            name = _("{name} (grant)").format(name=fund.name) if fund.is_grant else fund.name
            lines.append(ReportRow((name, opening, received, spent, balance), group="fund"))
        received, spent = moved.get(None, (0, 0))
        balance = closing.get(None, 0)
        lines.append(
            ReportRow(
                (_("Unrestricted"), balance - received + spent, received, spent, balance),
                group="fund",
            )
        )
        total = _sums(lines)
        lines.append(ReportRow((_("Total of funds"), *total), role="total"))
        lines.append(
            ReportRow((_("Money in the accounts"), None, None, None, in_accounts), role="check")
        )
        paragraphs: tuple[str, ...] = ()
        if total[-1] != in_accounts:
            money = _money_format(self._books().currency, current_language().babel_locale)
            paragraphs = (
                _(
                    "The funds and the accounts differ by {amount}: run “communitydesk check” "
                    "and tell whoever looks after the app."
                ).format(amount=money(in_accounts - total[-1])),
            )
        columns = (
            Column(bilingual(N_("Fund")), width=32),
            Column(bilingual(N_("At the start")), "money", 17),
            Column(bilingual(N_("Received")), "money", 17),
            Column(bilingual(N_("Spent")), "money", 17),
            Column(bilingual(N_("Balance")), "money", 17),
        )
        return self._report(
            title=_("Funds and grants"),
            subtitle=self._dates(start, as_of),
            name=f"funds-{as_of.isoformat()}",
            tables=(ReportTable(columns, tuple(lines), paragraphs=paragraphs),),
            footnotes=(
                _(
                    "Restricted money may be spent only as its donor or funder asked; "
                    "unrestricted money is everything else the accounts hold."
                ),
            ),
        )

    def accounts(self, as_of: date, start: date | None = None) -> MoneyReport:
        """Each account's balance at the start, money in, money out, transfers and balance."""
        with self._db.reading() as session:
            rows = session.scalars(
                select(MoneyAccount).where(MoneyAccount.deleted_at.is_(None))
            ).all()
            closing = account_balances(session, as_of)
            flows: dict[int, list[int]] = {}
            for account_id, money_in, money_out, moved_out in session.execute(
                select(
                    MoneyTransaction.account_id,
                    func.sum(
                        case((MoneyTransaction.kind == "income", MoneyTransaction.amount_cents))
                    ),
                    func.sum(
                        case((MoneyTransaction.kind == "expense", MoneyTransaction.amount_cents))
                    ),
                    func.sum(
                        case((MoneyTransaction.kind == "transfer", MoneyTransaction.amount_cents))
                    ),
                )
                .where(*live(as_of, start))
                .group_by(MoneyTransaction.account_id)
            ):
                flows[account_id] = [int(money_in or 0), int(money_out or 0), -int(moved_out or 0)]
            for account_id, moved_in in session.execute(
                select(MoneyTransaction.to_account_id, func.sum(MoneyTransaction.amount_cents))
                .where(*live(as_of, start), MoneyTransaction.kind == "transfer")
                .group_by(MoneyTransaction.to_account_id)
            ):
                if account_id is not None:
                    flows.setdefault(account_id, [0, 0, 0])[2] += int(moved_in or 0)
        lines: list[ReportRow] = []
        for account in sorted(rows, key=lambda a: (a.name.casefold(), a.id)):
            money_in, money_out, transfers = flows.get(account.id, [0, 0, 0])
            balance = closing.get(account.id, account.opening_cents)
            opening = balance - money_in + money_out - transfers
            if account.closed and not (opening or money_in or money_out or transfers):
                continue
            lines.append(
                ReportRow(
                    (account.name, opening, money_in, money_out, transfers, balance),
                    group="account",
                )
            )
        lines.append(ReportRow((_("Total"), *_sums(lines)), role="total"))
        columns = (
            Column(bilingual(N_("Account")), width=25),
            Column(bilingual(N_("At the start")), "money", 15),
            Column(bilingual(N_("Money in")), "money", 15),
            Column(bilingual(N_("Money out")), "money", 15),
            Column(bilingual(N_("Transfers")), "money", 15),
            Column(bilingual(N_("Balance")), "money", 15),
        )
        return self._report(
            title=_("Accounts"),
            subtitle=self._dates(start, as_of),
            name=f"accounts-{as_of.isoformat()}",
            tables=(ReportTable(columns, tuple(lines)),),
            footnotes=(
                _("Transfers move money between the group's own accounts: they add up to zero."),
            ),
        )

    def grant(self, fund_uid: str, period: Period | None = None) -> MoneyReport:
        """One grant as its funder asks to see it: the award and its conditions, what is due
        when, its budget against what was spent, and every entry charged to it."""
        fund = self._funds.get(fund_uid)
        fiscal_start = self._fiscal_start_month()
        with self._db.reading() as session:
            fund_id = session.scalars(select(Fund.id).where(Fund.uid == fund_uid)).one()
            first, last = session.execute(
                select(func.min(MoneyTransaction.entry_date), func.max(MoneyTransaction.entry_date))
                .join(TransactionSplit, TransactionSplit.transaction_id == MoneyTransaction.id)
                .where(*live(), TransactionSplit.fund_id == fund_id)
            ).one()
        if period is None:
            today = self._today()
            start = fund.starts_on or first or today
            end = fund.ends_on or max(last or today, start)
            period = Period(start, max(end, start))
        if period.end < period.start:
            raise ValidationError("period", _("The period ends before it starts."))

        # The grant's budget lines of each fiscal year the period touches, in full (a grant's
        # budget is not shared out by days), against what was received and spent in the period.
        scope = Scope(fund_uid=fund_uid)
        comparisons: list[Comparison] = []
        for year in range(
            fiscal_year_of(period.start, fiscal_start), fiscal_year_of(period.end, fiscal_start) + 1
        ):
            whole = fiscal_year(year, fiscal_start)
            part = Period(max(whole.start, period.start), min(whole.end, period.end))
            comparisons.append(self._budgets.compare(year, fiscal_start, part, scope))
        order = self._tree_order()
        annual: dict[str, int] = {}
        actual: dict[str, int] = {}
        for comparison in comparisons:
            for row in (*comparison.income, *comparison.expense):
                annual[row.category_uid] = annual.get(row.category_uid, 0) + row.annual_cents
                actual[row.category_uid] = actual.get(row.category_uid, 0) + row.actual_cents

        def values(uid: str) -> tuple[Cell, ...]:
            budget, spent = annual.get(uid, 0), actual.get(uid, 0)
            return (budget, spent, spent - budget, percent_used(spent, budget))

        def total(kind: str) -> tuple[Cell, ...]:
            budget = sum(getattr(c, f"{kind}_total").annual_cents for c in comparisons)
            spent = sum(getattr(c, f"{kind}_total").actual_cents for c in comparisons)
            return (budget, spent, spent - budget, percent_used(spent, budget))

        statement = _Statement(
            income=[
                (line, values(line.uid)) for line in _union(order, *(c.income for c in comparisons))
            ],
            expense=[
                (line, values(line.uid))
                for line in _union(order, *(c.expense for c in comparisons))
            ],
            income_total=total("income"),
            expense_total=total("expense"),
        )
        income_total, expense_total = statement.income_total, statement.expense_total
        budget_net = _minus(income_total[0], expense_total[0])
        actual_net = _minus(income_total[1], expense_total[1])
        statement.net = (budget_net, actual_net, actual_net - budget_net, None)
        budget_table = ReportTable(
            (
                Column(bilingual(N_("Category")), width=36),
                Column(bilingual(N_("Budget")), "money", 16),
                Column(bilingual(N_("Actual")), "money", 16),
                Column(bilingual(N_("Variance")), "money", 16),
                Column(bilingual(N_("% of budget")), "percent", 16),
            ),
            _statement_rows(statement),
            heading=bilingual(N_("Budget and actual")),
        )

        entries = self._fund_entries(fund_id, period)
        entry_rows = [
            ReportRow(
                (day, payee, category, received, spent),
                group="income" if received is not None else "expense",
            )
            for day, payee, category, received, spent in entries
        ]
        entry_rows.append(
            ReportRow(
                (
                    None,
                    ngettext("Total: {count} entry", "Total: {count} entries", len(entries)).format(
                        count=format_number(len(entries))
                    ),
                    "",
                    sum(row[3] or 0 for row in entries),
                    sum(row[4] or 0 for row in entries),
                ),
                role="total",
            )
        )
        entries_table = ReportTable(
            (
                Column(bilingual(N_("Date")), "date", 14),
                Column(bilingual(N_("Paid by or to")), width=28),
                Column(bilingual(N_("Category")), width=28),
                Column(bilingual(N_("Received")), "money", 15),
                Column(bilingual(N_("Spent")), "money", 15),
            ),
            tuple(entry_rows),
            heading=bilingual(N_("Entries")),
        )

        about: list[tuple[Cell, Cell]] = [
            (_("Funder"), fund.funder or "—"),
            (
                _("Amount awarded"),
                Amount(fund.awarded_cents) if fund.awarded_cents is not None else "—",
            ),
            (_("Grant period"), _grant_dates(fund.starts_on, fund.ends_on)),
            (_("Purpose"), fund.purpose or "—"),
            (_("Conditions"), fund.conditions or "—"),
        ]
        about_table = ReportTable(
            (
                Column(bilingual(N_("About the grant")), width=30),
                Column(bilingual(N_("Details")), width=70),
            ),
            tuple(ReportRow(pair) for pair in about),
            heading=bilingual(N_("The grant")),
        )
        tables = [about_table]
        if fund.deadlines:
            tables.append(
                ReportTable(
                    (
                        Column(bilingual(N_("Due")), "date", 20),
                        Column(bilingual(N_("Report or claim")), width=55),
                        Column(bilingual(N_("Sent on")), "date", 25),
                    ),
                    tuple(
                        ReportRow((deadline.due_on, deadline.what, deadline.done_on))
                        for deadline in fund.deadlines
                    ),
                    heading=bilingual(N_("Reporting deadlines")),
                )
            )
        tables += [budget_table, entries_table]
        return self._report(
            title=_("Grant report: {name}").format(name=fund.name),
            subtitle=" · ".join(
                part for part in (fund.funder, self._dates(period.start, period.end)) if part
            ),
            name=f"grant-{_slug(fund.name)}",
            tables=tuple(tables),
        )

    def _fund_entries(
        self, fund_id: int, period: Period
    ) -> list[tuple[date, str, str, int | None, int | None]]:
        with self._db.reading() as session:
            found = session.execute(
                select(
                    MoneyTransaction.entry_date,
                    MoneyTransaction.kind,
                    MoneyTransaction.payee,
                    Person.given_name,
                    Person.family_name,
                    MoneyCategory.labels,
                    TransactionSplit.amount_cents,
                )
                .join(TransactionSplit, TransactionSplit.transaction_id == MoneyTransaction.id)
                .join(MoneyCategory, MoneyCategory.id == TransactionSplit.category_id)
                .outerjoin(Person, Person.id == MoneyTransaction.person_id)
                .where(
                    *live(period.end, period.start),
                    TransactionSplit.deleted_at.is_(None),
                    TransactionSplit.fund_id == fund_id,
                )
                .order_by(MoneyTransaction.entry_date, MoneyTransaction.id, TransactionSplit.id)
            ).all()
        return [
            (
                day,
                display_name(given, family) if given is not None else payee,
                label_in(labels),
                amount if kind == "income" else None,
                amount if kind == "expense" else None,
            )
            for day, kind, payee, given, family, labels, amount in found
        ]

    # --- the register -------------------------------------------------------------------------

    def transactions(self, where: TransactionFilter = EVERY_ENTRY) -> MoneyReport:
        """Every entry the filter finds, oldest first, with money in, money out and the net.
        Looking at one account, a transfer is money in or out of it; looking at all of them,
        a transfer is both (out of one account, into another) and leaves the net alone."""
        account_name = self._accounts.get(where.account_uid).name if where.account_uid else ""
        rows: list[ReportRow] = []
        total_in = total_out = 0
        for entry in self._entries(where):
            day, kind, amount, _id, from_name, to_name, payee, memo, reference, names = entry
            money_in: int | None = None
            money_out: int | None = None
            if kind == "income":
                money_in = amount
            elif kind == "expense":
                money_out = amount
            elif account_name and from_name != account_name:
                money_in = amount
            elif account_name:
                money_out = amount
            else:
                money_in = money_out = amount
            total_in += money_in or 0
            total_out += money_out or 0
            categories = (
                _("Transfer to {account}").format(account=to_name) if kind == "transfer" else names
            )
            rows.append(
                ReportRow(
                    (day, payee, categories, memo, reference, from_name, money_in, money_out),
                    group=kind,
                )
            )
        count = len(rows)
        rows.append(
            ReportRow(
                (
                    None,
                    ngettext("Total: {count} entry", "Total: {count} entries", count).format(
                        count=format_number(count)
                    ),
                    "",
                    "",
                    "",
                    "",
                    total_in,
                    total_out,
                ),
                role="total",
            )
        )
        rows.append(
            ReportRow(
                (
                    None,
                    _("Net (money in less money out)"),
                    "",
                    "",
                    "",
                    "",
                    total_in - total_out,
                    None,
                ),
                role="net",
            )
        )
        columns = (
            Column(bilingual(N_("Date")), "date", 9),
            Column(bilingual(N_("Paid by or to")), width=15),
            Column(bilingual(N_("Categories")), width=16),
            Column(bilingual(N_("Memo")), width=17),
            Column(bilingual(N_("Reference")), width=9),
            Column(bilingual(N_("Account")), width=12),
            Column(bilingual(N_("Money in")), "money", 11),
            Column(bilingual(N_("Money out")), "money", 11),
        )
        subtitle = [
            self._dates(where.start, where.end) if where.start or where.end else _("All dates")
        ]
        if account_name:
            subtitle.append(_("Account: {name}").format(name=account_name))
        subtitle += self._filter_names(where)
        return self._report(
            title=_("Transactions"),
            subtitle=" · ".join(subtitle),
            name="transactions",
            tables=(ReportTable(columns, tuple(rows)),),
            landscape=True,
        )

    def _entries(
        self, where: TransactionFilter
    ) -> list[tuple[date, str, int, int, str, str, str, str, str, str]]:
        """The filter's entries, oldest first, read as plain columns in two queries: loading
        20,000 entries as ORM objects a page at a time (as the register once did) takes seconds."""
        with self._db.reading() as session:
            # The register's own filter, so that the list prints what the register shows.
            conditions = register_conditions(session, where)
            source, target = aliased(MoneyAccount), aliased(MoneyAccount)
            found = session.execute(
                select(
                    MoneyTransaction.id,
                    MoneyTransaction.entry_date,
                    MoneyTransaction.kind,
                    MoneyTransaction.amount_cents,
                    source.name,
                    target.name,
                    Person.given_name,
                    Person.family_name,
                    MoneyTransaction.payee,
                    MoneyTransaction.memo,
                    MoneyTransaction.reference,
                )
                .join(source, source.id == MoneyTransaction.account_id)
                .outerjoin(target, target.id == MoneyTransaction.to_account_id)
                .outerjoin(Person, Person.id == MoneyTransaction.person_id)
                .where(*conditions)
                .order_by(MoneyTransaction.entry_date, MoneyTransaction.id)
            ).all()
            names = {
                category_id: label_in(labels)
                for category_id, labels in session.execute(
                    select(MoneyCategory.id, MoneyCategory.labels)
                )
            }
            split_names: dict[int, list[str]] = {}
            for transaction_id, category_id in session.execute(
                select(TransactionSplit.transaction_id, TransactionSplit.category_id)
                .where(
                    TransactionSplit.deleted_at.is_(None),
                    TransactionSplit.transaction_id.in_(
                        select(MoneyTransaction.id).where(*conditions)
                    ),
                )
                .order_by(TransactionSplit.transaction_id, TransactionSplit.id)
            ):
                listed = split_names.setdefault(transaction_id, [])
                name = names.get(category_id, "")
                if name not in listed:
                    listed.append(name)
        return [
            (
                day,
                kind,
                amount,
                transaction_id,
                from_name,
                to_name or "",
                display_name(given, family) if given is not None else payee,
                memo,
                reference,
                ", ".join(split_names.get(transaction_id, ())),
            )
            for (
                transaction_id,
                day,
                kind,
                amount,
                from_name,
                to_name,
                given,
                family,
                payee,
                memo,
                reference,
            ) in found
        ]

    def _filter_names(self, where: TransactionFilter) -> list[str]:
        parts = []
        with self._db.reading() as session:
            if where.fund_uid:
                name = session.scalar(select(Fund.name).where(Fund.uid == where.fund_uid))
                parts.append(_("Fund: {name}").format(name=name or "?"))
            if where.program_uid:
                name = session.scalar(select(Program.name).where(Program.uid == where.program_uid))
                parts.append(_("Program: {name}").format(name=name or "?"))
            if where.category_uid:
                labels = session.scalar(
                    select(MoneyCategory.labels).where(MoneyCategory.uid == where.category_uid)
                )
                parts.append(_("Category: {name}").format(name=label_in(labels or {})))
        if where.text.strip():
            parts.append(_("Containing “{text}”").format(text=where.text.strip()))
        return parts

    # --- volunteer time -----------------------------------------------------------------------

    def in_kind(self, period: Period) -> MoneyReport:
        """Volunteer hours by program, valued at what the organization counts an hour as worth:
        the in-kind contribution funders ask about."""
        books = self._books()
        condition = (
            VolunteerHours.deleted_at.is_(None),
            VolunteerHours.worked_on >= period.start,
            VolunteerHours.worked_on <= period.end,
            # Hours at a session in the Trash do not count, as in the volunteer hours list.
            (VolunteerHours.session_id.is_(None))
            | VolunteerHours.session_id.not_in(
                select(ActivitySession.id).where(ActivitySession.deleted_at.is_not(None))
            ),
        )
        with self._db.reading() as session:
            found = session.execute(
                select(Program.name, func.sum(VolunteerHours.minutes))
                .select_from(VolunteerHours)
                .outerjoin(Program, Program.id == VolunteerHours.program_id)
                .where(*condition)
                .group_by(VolunteerHours.program_id, Program.name)
            ).all()
            volunteers = int(
                session.scalar(
                    select(func.count(func.distinct(VolunteerHours.person_id))).where(*condition)
                )
                or 0
            )
        named = sorted(
            ((name, int(minutes)) for name, minutes in found if name is not None),
            key=lambda pair: pair[0].casefold(),
        )
        free = sum(int(minutes) for name, minutes in found if name is None)
        if free:
            named.append((_("Not for a program"), free))
        rows = [
            ReportRow(
                (name, hundredths_of_hours(minutes), hour_value_cents(minutes, books.hour_cents)),
                group="program",
            )
            for name, minutes in named
        ]
        # Totals are the sums of the lines as printed, so that both columns add up on paper
        # (rounding the total hours or valuing them at once could differ by a hundredth).
        hours = sum(cents(row.cells[1]) for row in rows)
        rows.append(
            ReportRow((_("Total"), hours, sum(cents(row.cells[2]) for row in rows)), role="total")
        )
        money = _money_format(books.currency, current_language().babel_locale)
        summary = ngettext(
            "{count} volunteer gave {hours} hours, counted at {rate} an hour.",
            "{count} volunteers gave {hours} hours, counted at {rate} an hour.",
            volunteers,
        ).format(
            count=format_number(volunteers),
            hours=_hours_text(hours),
            rate=money(books.hour_cents),
        )
        columns = (
            Column(bilingual(N_("Program")), width=50),
            Column(bilingual(N_("Hours")), "hours", 20),
            Column(bilingual(N_("Value")), "money", 30),
        )
        return self._report(
            title=_("Volunteer time as an in-kind contribution"),
            subtitle=self._dates(period.start, period.end),
            name=f"in-kind-{period.start.isoformat()}",
            tables=(ReportTable(columns, tuple(rows), paragraphs=(summary,)),),
            footnotes=(
                _(
                    "The hour's value is set in the organization's settings; "
                    "hours at sessions in the Trash are not counted."
                ),
            ),
        )

    # --- the annual report --------------------------------------------------------------------

    def treasurer(self, year: int, fiscal_start_month: int) -> MoneyReport:
        """The annual treasurer's report for the members' meeting, in one document."""
        whole = fiscal_year(year, fiscal_start_month)
        parts = (
            self.budget_vs_actual(year, fiscal_start_month),
            self.income_expense(year, fiscal_start_month),
            self.funds(whole.end, whole.start),
            self.accounts(whole.end, whole.start),
            self.in_kind(whole),
        )
        comparison = self._budgets.compare(year, fiscal_start_month, with_budget=False)
        books = self._books()
        money = _money_format(books.currency, current_language().babel_locale)
        net = comparison.net.actual_cents
        funds_total = next(row for row in parts[2].tables[0].rows if row.role == "total")
        summary = (
            _("The group received {income} and spent {expenses}: a surplus of {net}.")
            if net >= 0
            else _("The group received {income} and spent {expenses}: a deficit of {net}.")
        ).format(
            income=money(comparison.income_total.actual_cents),
            expenses=money(comparison.expense_total.actual_cents),
            net=money(abs(net)),
        )
        held = _("On {date}, the accounts held {amount}.").format(
            date=format_date(whole.end, "long"), amount=money(cents(funds_total.cells[-1]))
        )
        tables: list[ReportTable] = []
        footnotes: list[str] = []
        for part in parts:
            for index, table in enumerate(part.tables):
                if index == 0:
                    table = replace(
                        table,
                        heading=part.title,
                        paragraphs=(part.subtitle, *table.paragraphs),
                    )
                tables.append(table)
            footnotes += [note for note in part.footnotes if note not in footnotes]
        return self._report(
            title=_("Treasurer's report {year}").format(
                year=fiscal_label(year, fiscal_start_month)
            ),
            subtitle=self._dates(whole.start, whole.end),
            name=f"treasurer-report-{year}",
            tables=tuple(tables),
            introduction=(summary, held),
            footnotes=tuple(footnotes),
        )

    # --- inside -------------------------------------------------------------------------------

    def _books(self) -> _Books:
        with self._db.reading() as session:
            row = session.scalars(select(Organization).limit(1)).first()
        if row is None:
            return _Books("", "CAD", 0)
        return _Books(row.name, row.currency, row.volunteer_hour_cents)

    def _fiscal_start_month(self) -> int:
        with self._db.reading() as session:
            month = session.scalar(select(Organization.fiscal_year_start_month).limit(1))
        return int(month or 4)

    def _tree_order(self) -> dict[str, int]:
        return {
            category.uid: index
            for index, category in enumerate(self._categories.tree(include_retired=True))
        }

    def _report(
        self,
        *,
        title: str,
        subtitle: str,
        name: str,
        tables: tuple[ReportTable, ...],
        introduction: tuple[str, ...] = (),
        footnotes: tuple[str, ...] = (),
        landscape: bool = False,
    ) -> MoneyReport:
        books = self._books()
        prepared = _("Prepared by {name} on {date}").format(
            name=self._db.actor or _("the treasurer"), date=format_date(self._today(), "long")
        )
        return MoneyReport(
            title=title,
            subtitle=subtitle,
            name=name,
            organization=books.organization,
            prepared=prepared,
            currency=books.currency,
            tables=tables,
            introduction=introduction,
            footnotes=footnotes,
            landscape=landscape,
            right_to_left=is_right_to_left(),
        )

    def _subtitle(self, period: Period, scope: Scope) -> str:
        parts = [self._dates(period.start, period.end)]
        with self._db.reading() as session:
            if scope.program_uid:
                name = session.scalar(select(Program.name).where(Program.uid == scope.program_uid))
                parts.append(_("Program: {name}").format(name=name or "?"))
            if scope.fund_uid:
                name = session.scalar(select(Fund.name).where(Fund.uid == scope.fund_uid))
                parts.append(_("Fund: {name}").format(name=name or "?"))
        return " · ".join(parts)

    @staticmethod
    def _dates(start: date | None, end: date | None) -> str:
        if start is not None and end is not None:
            return _("{start} to {end}").format(
                start=format_date(start, "long"), end=format_date(end, "long")
            )
        if end is not None:
            return _("As of {date}").format(date=format_date(end, "long"))
        if start is not None:
            return _("From {date}").format(date=format_date(start, "long"))
        return ""


# --- Statements ---------------------------------------------------------------------------------


def fiscal_label(year: int, fiscal_start_month: int) -> str:
    """The fiscal year as people say it: 2025 for a calendar year, 2025–2026 otherwise."""
    return str(year) if fiscal_start_month == 1 else f"{year}–{year + 1}"


def _grant_dates(start: date | None, end: date | None) -> str:
    if start is None and end is None:
        return "—"
    return _("{start} to {end}").format(
        start=format_date(start, "long") if start else "…",
        end=format_date(end, "long") if end else "…",
    )


def _line(row: ComparisonRow) -> _Line:
    return _Line(row.category_uid, row.name, row.depth)


def _by_uid(comparison: Comparison, value: Callable[[ComparisonRow], int]) -> dict[str, int]:
    return {row.category_uid: value(row) for row in (*comparison.income, *comparison.expense)}


def _union(order: dict[str, int], *sources: Iterable[ComparisonRow]) -> list[_Line]:
    """The categories of several comparisons, once each, in the tree's order."""
    found: dict[str, _Line] = {}
    for rows in sources:
        for row in rows:
            found.setdefault(row.category_uid, _line(row))
    return sorted(found.values(), key=lambda line: order.get(line.uid, len(order)))


def _compared(annual: int, budget: int, actual: int, partial: bool) -> tuple[Cell, ...]:
    planned = budget if partial else annual
    cells: tuple[Cell, ...] = (annual, budget) if partial else (annual,)
    return (*cells, actual, actual - planned, percent_used(actual, annual))


def cents(cell: Cell) -> int:
    """An amount cell's cents (an empty cell is none)."""
    return cell if isinstance(cell, int) else 0


def _minus(a: Cell, b: Cell) -> int:
    return cents(a) - cents(b)


def _sums(rows: Sequence[ReportRow]) -> tuple[int, ...]:
    """Each amount column's sum (the first column is the name)."""
    width = len(rows[0].cells) if rows else 0
    return tuple(sum(cents(row.cells[i]) for row in rows) for i in range(1, width))


def _statement_rows(statement: _Statement) -> tuple[ReportRow, ...]:
    """Income, its lines and total; expenses, their lines and total; then the net."""
    width = len(statement.income_total)
    blank: tuple[Cell, ...] = (None,) * width
    rows: list[ReportRow] = []
    for group, heading, lines, total_name, total in (
        ("income", _("Income"), statement.income, _("Total income"), statement.income_total),
        (
            "expense",
            _("Expenses"),
            statement.expense,
            _("Total expenses"),
            statement.expense_total,
        ),
    ):
        rows.append(ReportRow((heading, *blank), role="heading", group=group))
        rows += [ReportRow((line.name, *values), line.depth, group=group) for line, values in lines]
        rows.append(ReportRow((total_name, *total), role="total", group=group))
    if statement.net is not None:
        rows.append(ReportRow((_("Net (income less expenses)"), *statement.net), role="net"))
    return tuple(rows)


def top_level_sums(table: ReportTable, group: str) -> tuple[int, ...]:
    """The sum of each amount column over a block's top-level lines: what its total must be
    (tests and callers check reports with it)."""
    lines = [row for row in table.rows if row.group == group and row.role == "line"]
    top = [row for row in lines if row.depth == 0]
    return tuple(
        sum(cents(row.cells[i]) for row in top)
        for i, column in enumerate(table.columns)
        if column.kind == "money"
    )
