"""The treasurer's reports: budget, budget against actual, income and expenses, funds, one grant,
accounts, the transaction list, volunteer time as an in-kind contribution, and the annual report
for the members' meeting that gathers them.

`MoneyReportService` reads the books and builds each report as a `MoneyReport`, whose tables are
defined, printed and exported in money_report_tables; the grant report and the transaction list
are built in money_report_grant and money_report_entries. Each total row is the sum of the rows
it totals (tests hold every report to it).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Final

from sqlalchemy import case, func, select

from communitydesk.core.errors import ValidationError
from communitydesk.core.files import written_whole
from communitydesk.core.i18n import (
    N_,
    _,
    bilingual,
    current_language,
    format_date,
    format_number,
    is_right_to_left,
    ngettext,
)
from communitydesk.db.session import Database
from communitydesk.models import (
    ActivitySession,
    Fund,
    MoneyAccount,
    MoneyTransaction,
    Organization,
    Program,
    VolunteerHours,
)
from communitydesk.services.accounts import AccountService
from communitydesk.services.activity_stats import Period
from communitydesk.services.balances import (
    account_balances,
    fund_balances,
    fund_movements,
    live,
)
from communitydesk.services.budgets import BudgetService, Comparison, ComparisonRow, Scope
from communitydesk.services.categories import CategoryService
from communitydesk.services.funds import FundService
from communitydesk.services.money_report_entries import TransactionList
from communitydesk.services.money_report_grant import GrantReport
from communitydesk.services.money_report_tables import (
    Amount,
    CategoryLine,
    Cell,
    Column,
    MoneyReport,
    ReportRow,
    ReportTable,
    Statement,
    category_line,
    cents,
    hours_text,
    money_format,
    percent_used,
    period_phrase,
    plain_amount,
    statement_rows,
    top_level_sums,
    union_of_lines,
)
from communitydesk.services.periods import fiscal_label, fiscal_year
from communitydesk.services.transactions import TransactionFilter
from communitydesk.services.volunteer_hours import hour_value_cents, hundredths_of_hours

# Other modules import the report's data types from here, as they did before those moved.
__all__ = [
    "Amount",
    "Column",
    "MoneyReport",
    "MoneyReportService",
    "ReportRow",
    "ReportTable",
    "cents",
    "plain_amount",
    "top_level_sums",
]

# Value columns on one landscape page of the budget by program (the category takes the rest).
PROGRAM_COLUMNS_PER_PAGE: Final = 8
WHOLE_BOOKS: Final = Scope()
EVERY_ENTRY: Final = TransactionFilter()


# --- What every report starts from ------------------------------------------------------------


@dataclass(frozen=True)
class _Books:
    organization: str
    currency: str
    hour_cents: int


class MoneyReportService:
    def __init__(self, db: Database, today: Callable[[], date] = date.today) -> None:
        self._db = db
        self._today = today
        self._budgets = BudgetService(db)
        self._categories = CategoryService(db)
        # The two largest reports are built in their own modules, with this service's category
        # order and the heading every report carries.
        self._grant_report = GrantReport(
            db, self._budgets, FundService(db), today, self._tree_order, self._report
        )
        self._transaction_list = TransactionList(db, AccountService(db), self._report)

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
        statement = Statement(
            income=[
                (line, (actual.get(line.uid, 0), budget.get(line.uid, 0), ""))
                for line in union_of_lines(order, this.income, last.income)
                if actual.get(line.uid, 0) or budget.get(line.uid, 0)
            ],
            expense=[
                (line, (actual.get(line.uid, 0), budget.get(line.uid, 0), ""))
                for line in union_of_lines(order, this.expense, last.expense)
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
            tables=(ReportTable(columns, statement_rows(statement), tall_rows=True),),
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

        def lines(rows: Sequence[ComparisonRow]) -> list[CategoryLine]:
            # Only budgeted categories (and the headings above them, whose sums include them).
            return [category_line(row) for row in rows if row.annual_cents]

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

            statement = Statement(
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
                ReportTable(columns, statement_rows(statement), heading, new_page=number > 1)
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

        statement = Statement(
            income=[(category_line(row), values(row)) for row in comparison.income],
            expense=[(category_line(row), values(row)) for row in comparison.expense],
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
            tables=(ReportTable(tuple(columns), statement_rows(statement)),),
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
        statement = Statement(
            income=[(category_line(row), (row.actual_cents,)) for row in comparison.income],
            expense=[(category_line(row), (row.actual_cents,)) for row in comparison.expense],
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
            tables=(ReportTable(columns, statement_rows(statement)),),
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
            money = money_format(self._books().currency, current_language().babel_locale)
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
            subtitle=period_phrase(start, as_of),
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
            subtitle=period_phrase(start, as_of),
            name=f"accounts-{as_of.isoformat()}",
            tables=(ReportTable(columns, tuple(lines)),),
            footnotes=(
                _("Transfers move money between the group's own accounts: they add up to zero."),
            ),
        )

    def grant(self, fund_uid: str, period: Period | None = None) -> MoneyReport:
        """One grant as its funder asks to see it: the award and its conditions, what is due
        when, its budget against what was spent, and every entry charged to it."""
        return self._grant_report.build(fund_uid, period)

    # --- the register -------------------------------------------------------------------------

    def transactions(self, where: TransactionFilter = EVERY_ENTRY) -> MoneyReport:
        """Every entry the filter finds, oldest first, with money in, money out and the net.
        Looking at one account, a transfer is money in or out of it; looking at all of them,
        a transfer is both (out of one account, into another) and leaves the net alone."""
        return self._transaction_list.build(where)

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
        money = money_format(books.currency, current_language().babel_locale)
        summary = ngettext(
            "{count} volunteer gave {hours} hours, counted at {rate} an hour.",
            "{count} volunteers gave {hours} hours, counted at {rate} an hour.",
            volunteers,
        ).format(
            count=format_number(volunteers),
            hours=hours_text(hours),
            rate=money(books.hour_cents),
        )
        columns = (
            Column(bilingual(N_("Program")), width=50),
            Column(bilingual(N_("Hours")), "hours", 20),
            Column(bilingual(N_("Value")), "money", 30),
        )
        return self._report(
            title=_("Volunteer time as an in-kind contribution"),
            subtitle=period_phrase(period.start, period.end),
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
        money = money_format(books.currency, current_language().babel_locale)
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
            subtitle=period_phrase(whole.start, whole.end),
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
        parts = [period_phrase(period.start, period.end)]
        with self._db.reading() as session:
            if scope.program_uid:
                name = session.scalar(select(Program.name).where(Program.uid == scope.program_uid))
                parts.append(_("Program: {name}").format(name=name or "?"))
            if scope.fund_uid:
                name = session.scalar(select(Fund.name).where(Fund.uid == scope.fund_uid))
                parts.append(_("Fund: {name}").format(name=name or "?"))
        return " · ".join(parts)


# --- Statements ---------------------------------------------------------------------------------


def _by_uid(comparison: Comparison, value: Callable[[ComparisonRow], int]) -> dict[str, int]:
    return {row.category_uid: value(row) for row in (*comparison.income, *comparison.expense)}


def _compared(annual: int, budget: int, actual: int, partial: bool) -> tuple[Cell, ...]:
    planned = budget if partial else annual
    cells: tuple[Cell, ...] = (annual, budget) if partial else (annual,)
    return (*cells, actual, actual - planned, percent_used(actual, annual))


def _sums(rows: Sequence[ReportRow]) -> tuple[int, ...]:
    """Each amount column's sum (the first column is the name)."""
    width = len(rows[0].cells) if rows else 0
    return tuple(sum(cents(row.cells[i]) for row in rows) for i in range(1, width))
