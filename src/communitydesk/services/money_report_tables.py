"""The treasurer's reports as data, and how that data prints and goes into a spreadsheet.

A report is built once as a `MoneyReport`: typed tables whose amounts are integer cents. The
printed document and the spreadsheet rows are both made from it, so they cannot disagree. Amounts
print through the organization's currency in the window's language; the spreadsheet gets plain
decimals. The income and expenses statement (headings, category lines, totals, net) that several
reports share is laid out here too. Nothing here reads the database: the report builders in
money_reports, money_report_grant and money_report_entries do.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Final, Protocol

from communitydesk.core.csv_safety import spreadsheet_safe
from communitydesk.core.i18n import (
    _,
    current_language,
    format_date,
    format_money,
    format_number,
    without_isolates,
)
from communitydesk.reports.document import Document, Section, Table

if TYPE_CHECKING:
    # Only the type: a statement is laid out from a budget comparison already read.
    from communitydesk.services.budgets import ComparisonRow


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
        money = money_format(self.currency, current_language().babel_locale)
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
            out.append([spreadsheet_safe(_one_line(column.header)) for column in table.columns])
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


class ReportMaker(Protocol):
    """What a report builder calls for its finished `MoneyReport`: MoneyReportService adds what
    every report carries (the organization, who prepared it and when, the currency, the reading
    direction)."""

    def __call__(
        self,
        *,
        title: str,
        subtitle: str,
        name: str,
        tables: tuple[ReportTable, ...],
        introduction: tuple[str, ...] = (),
        footnotes: tuple[str, ...] = (),
        landscape: bool = False,
    ) -> MoneyReport: ...


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
def money_format(currency: str, locale: str) -> _MoneyFormat:
    return _MoneyFormat(currency, locale)


@functools.lru_cache(maxsize=4096)
def _date_text(day: date, locale: str) -> str:
    return format_date(day, "medium")


def percent_text(percent: int) -> str:
    """A whole percent as the window's language writes it ('45 %' in French)."""
    from babel.numbers import format_percent

    return str(format_percent(Decimal(percent) / 100, locale=current_language().babel_locale))


def hours_text(hundredths: int) -> str:
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
        return percent_text(value)
    if kind == "hours" and isinstance(value, int):
        return hours_text(value)
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


def period_phrase(start: date | None, end: date | None) -> str:
    """The dates a report covers, as its subtitle says them (either end may be open)."""
    if start is not None and end is not None:
        return _("{start} to {end}").format(
            start=format_date(start, "long"), end=format_date(end, "long")
        )
    if end is not None:
        return _("As of {date}").format(date=format_date(end, "long"))
    if start is not None:
        return _("From {date}").format(date=format_date(start, "long"))
    return ""


# --- Statements: income, expenses and the net ---------------------------------------------------


@dataclass(frozen=True)
class CategoryLine:
    """A category's place in a statement: its tree position and printed name."""

    uid: str
    name: str
    depth: int


@dataclass
class Statement:
    """Category lines of income and expenses, each with its values, and their totals."""

    income: list[tuple[CategoryLine, tuple[Cell, ...]]] = field(default_factory=list)
    expense: list[tuple[CategoryLine, tuple[Cell, ...]]] = field(default_factory=list)
    income_total: tuple[Cell, ...] = ()
    expense_total: tuple[Cell, ...] = ()
    net: tuple[Cell, ...] | None = None


def category_line(row: ComparisonRow) -> CategoryLine:
    return CategoryLine(row.category_uid, row.name, row.depth)


def union_of_lines(order: dict[str, int], *sources: Iterable[ComparisonRow]) -> list[CategoryLine]:
    """The categories of several comparisons, once each, in the tree's order."""
    found: dict[str, CategoryLine] = {}
    for rows in sources:
        for row in rows:
            found.setdefault(row.category_uid, category_line(row))
    return sorted(found.values(), key=lambda line: order.get(line.uid, len(order)))


def statement_rows(statement: Statement) -> tuple[ReportRow, ...]:
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


def cents(cell: Cell) -> int:
    """An amount cell's cents (an empty cell is none)."""
    return cell if isinstance(cell, int) else 0


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
