"""The grant report, which MoneyReportService.grant builds here: one grant as its funder asks to
see it, with the award and its conditions, the reporting deadlines, the grant's budget against
what was received and spent, and every entry charged to it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from sqlalchemy import func, select

from communitydesk.core.errors import ValidationError
from communitydesk.core.i18n import N_, _, bilingual, format_date, format_number, ngettext
from communitydesk.db.session import Database
from communitydesk.models import (
    Fund,
    MoneyCategory,
    MoneyTransaction,
    Organization,
    Person,
    TransactionSplit,
)
from communitydesk.services.activity_stats import Period
from communitydesk.services.balances import live
from communitydesk.services.budgets import BudgetService, Comparison, Scope
from communitydesk.services.categories import label_in
from communitydesk.services.funds import FundService
from communitydesk.services.money_report_tables import (
    Amount,
    Cell,
    Column,
    MoneyReport,
    ReportMaker,
    ReportRow,
    ReportTable,
    Statement,
    cents,
    percent_used,
    period_phrase,
    statement_rows,
    union_of_lines,
)
from communitydesk.services.people import display_name
from communitydesk.services.periods import fiscal_year, fiscal_year_of


class GrantReport:
    """Builds the grant report; MoneyReportService.grant hands it each request."""

    def __init__(
        self,
        db: Database,
        budgets: BudgetService,
        funds: FundService,
        today: Callable[[], date],
        tree_order: Callable[[], dict[str, int]],
        report: ReportMaker,
    ) -> None:
        self._db = db
        self._budgets = budgets
        self._funds = funds
        self._today = today
        # MoneyReportService's own, so that the grant report looks like its other reports.
        self._tree_order = tree_order
        self._report = report

    def build(self, fund_uid: str, period: Period | None = None) -> MoneyReport:
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

        statement = Statement(
            income=[
                (line, values(line.uid))
                for line in union_of_lines(order, *(c.income for c in comparisons))
            ],
            expense=[
                (line, values(line.uid))
                for line in union_of_lines(order, *(c.expense for c in comparisons))
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
            statement_rows(statement),
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
                part for part in (fund.funder, period_phrase(period.start, period.end)) if part
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

    def _fiscal_start_month(self) -> int:
        with self._db.reading() as session:
            month = session.scalar(select(Organization.fiscal_year_start_month).limit(1))
        return int(month or 4)


def _grant_dates(start: date | None, end: date | None) -> str:
    if start is None and end is None:
        return "—"
    return _("{start} to {end}").format(
        start=format_date(start, "long") if start else "…",
        end=format_date(end, "long") if end else "…",
    )


def _minus(a: Cell, b: Cell) -> int:
    return cents(a) - cents(b)


def _slug(text: str) -> str:
    slug = re.sub(r"[^\w]+", "-", text.lower(), flags=re.UNICODE).strip("-")
    return slug[:40] or "fund"
