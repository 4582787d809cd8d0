"""Budgets per fiscal year, and how the books compare with them.

A budget line plans an amount for one category in one fiscal year, optionally for one program or
one fund (a grant's own budget). The comparison rolls the categories up their tree: a heading
shows its own lines plus those below it, and each total is the sum of the lines printed above
it, so that a report always adds up on paper.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from communitydesk.core.errors import ValidationError
from communitydesk.core.i18n import _
from communitydesk.db.session import Database
from communitydesk.models import (
    BudgetLine,
    Fund,
    MoneyCategory,
    MoneyTransaction,
    Program,
    TransactionSplit,
)
from communitydesk.models.base import utc_now
from communitydesk.services.activity_stats import Period
from communitydesk.services.categories import label_in
from communitydesk.services.periods import fiscal_year
from communitydesk.services.records import by_uid


@dataclass(frozen=True)
class BudgetLineInput:
    category_uid: str
    amount_cents: int
    program_uid: str = ""
    fund_uid: str = ""
    note: str = ""


@dataclass(frozen=True)
class BudgetLineRecord(BudgetLineInput):
    uid: str = ""
    category_name: str = ""
    kind: str = ""
    program_name: str = ""
    fund_name: str = ""


@dataclass(frozen=True)
class Scope:
    """What part of the books to look at: one program, one fund, or everything ("")."""

    program_uid: str = ""
    fund_uid: str = ""


@dataclass(frozen=True)
class ComparisonRow:
    category_uid: str
    name: str
    kind: str
    depth: int
    annual_cents: int  # the year's budget
    budget_cents: int  # the part of it for the period (all of it for the whole year)
    actual_cents: int

    @property
    def variance_cents(self) -> int:
        """Actual less budget: above zero is more received, or more spent, than planned."""
        return self.actual_cents - self.budget_cents


@dataclass(frozen=True)
class Totals:
    annual_cents: int
    budget_cents: int
    actual_cents: int

    @property
    def variance_cents(self) -> int:
        return self.actual_cents - self.budget_cents


@dataclass(frozen=True)
class Comparison:
    fiscal_year: int
    period: Period
    income: tuple[ComparisonRow, ...]
    expense: tuple[ComparisonRow, ...]
    income_total: Totals
    expense_total: Totals

    @property
    def net(self) -> Totals:
        """Income less expenses (a surplus above zero, a deficit below)."""
        return Totals(
            self.income_total.annual_cents - self.expense_total.annual_cents,
            self.income_total.budget_cents - self.expense_total.budget_cents,
            self.income_total.actual_cents - self.expense_total.actual_cents,
        )


def _share(amount: int, part_days: int, whole_days: int) -> int:
    """`amount` for `part_days` of `whole_days`, in whole cents (rounded half up)."""
    return (amount * part_days * 2 + whole_days) // (whole_days * 2)


class BudgetService:
    def __init__(self, db: Database) -> None:
        self._db = db

    # --- the budget itself ---------------------------------------------------------------------

    def lines(self, year: int, scope: Scope = Scope()) -> tuple[BudgetLineRecord, ...]:
        with self._db.reading() as session:
            query = (
                select(BudgetLine, MoneyCategory, Program, Fund)
                .join(MoneyCategory, MoneyCategory.id == BudgetLine.category_id)
                .outerjoin(Program, Program.id == BudgetLine.program_id)
                .outerjoin(Fund, Fund.id == BudgetLine.fund_id)
                .where(BudgetLine.fiscal_year == year, BudgetLine.deleted_at.is_(None))
                .where(*self._line_scope(session, scope))
                .order_by(MoneyCategory.kind.desc(), MoneyCategory.sort_order, BudgetLine.id)
            )
            return tuple(
                BudgetLineRecord(
                    category_uid=category.uid,
                    amount_cents=line.amount_cents,
                    program_uid=program.uid if program else "",
                    fund_uid=fund.uid if fund else "",
                    note=line.note,
                    uid=line.uid,
                    category_name=label_in(category.labels),
                    kind=category.kind,
                    program_name=program.name if program else "",
                    fund_name=fund.name if fund else "",
                )
                for line, category, program, fund in session.execute(query).all()
            )

    def set_line(self, year: int, line: BudgetLineInput) -> str:
        """Plan `line.amount_cents` for its category, program and fund in `year`; its uid.

        One line per category, program and fund: setting it again replaces the amount.
        """
        if not isinstance(line.amount_cents, int) or line.amount_cents < 0:
            raise ValidationError("amount", _("A budget amount cannot be negative."))
        note = " ".join(line.note.split())[:200]
        with self._db.unit_of_work() as session:
            category = by_uid(
                session, MoneyCategory, line.category_uid, _("This category no longer exists.")
            )
            program = (
                by_uid(session, Program, line.program_uid, _("This program no longer exists."))
                if line.program_uid
                else None
            )
            fund = (
                by_uid(session, Fund, line.fund_uid, _("This fund no longer exists."))
                if line.fund_uid
                else None
            )
            row = session.scalars(
                select(BudgetLine).where(
                    BudgetLine.fiscal_year == year,
                    BudgetLine.category_id == category.id,
                    BudgetLine.program_id.is_(None)
                    if program is None
                    else BudgetLine.program_id == program.id,
                    BudgetLine.fund_id.is_(None) if fund is None else BudgetLine.fund_id == fund.id,
                    BudgetLine.deleted_at.is_(None),
                )
            ).first()
            if row is None:
                row = BudgetLine(
                    fiscal_year=year,
                    category_id=category.id,
                    program_id=program.id if program else None,
                    fund_id=fund.id if fund else None,
                )
                session.add(row)
            row.amount_cents = line.amount_cents
            row.note = note
            session.flush()
            return row.uid

    def remove_line(self, uid: str) -> None:
        with self._db.unit_of_work() as session:
            by_uid(
                session, BudgetLine, uid, _("This budget line no longer exists.")
            ).deleted_at = utc_now()

    def restore_line(self, uid: str) -> None:
        with self._db.unit_of_work() as session:
            row = by_uid(session, BudgetLine, uid, _("This budget line no longer exists."), True)
            row.deleted_at = None

    def copy_year(self, source: int, target: int, replace: bool = False) -> int:
        """Start `target`'s budget from `source`'s lines; how many lines were copied.

        A year that already has a budget keeps it unless `replace` is asked for.
        """
        with self._db.unit_of_work() as session:
            existing = session.scalar(
                select(func.count()).where(
                    BudgetLine.fiscal_year == target, BudgetLine.deleted_at.is_(None)
                )
            )
            if existing and not replace:
                raise ValidationError(
                    "fiscal_year",
                    _("{year} already has a budget: replace it, or change its lines.").format(
                        year=target
                    ),
                )
            now = utc_now()
            for row in session.scalars(
                select(BudgetLine).where(
                    BudgetLine.fiscal_year == target, BudgetLine.deleted_at.is_(None)
                )
            ):
                row.deleted_at = now
            lines = session.scalars(
                select(BudgetLine).where(
                    BudgetLine.fiscal_year == source, BudgetLine.deleted_at.is_(None)
                )
            ).all()
            if not lines:
                raise ValidationError(
                    "fiscal_year", _("{year} has no budget to copy.").format(year=source)
                )
            for line in lines:
                session.add(
                    BudgetLine(
                        fiscal_year=target,
                        category_id=line.category_id,
                        program_id=line.program_id,
                        fund_id=line.fund_id,
                        amount_cents=line.amount_cents,
                        note=line.note,
                    )
                )
            return len(lines)

    def years(self) -> tuple[int, ...]:
        """Fiscal years that have a budget, newest first."""
        with self._db.reading() as session:
            return tuple(
                session.scalars(
                    select(BudgetLine.fiscal_year)
                    .where(BudgetLine.deleted_at.is_(None))
                    .distinct()
                    .order_by(BudgetLine.fiscal_year.desc())
                )
            )

    # --- comparing ------------------------------------------------------------------------------

    def compare(
        self,
        year: int,
        fiscal_start_month: int,
        period: Period | None = None,
        scope: Scope = Scope(),
        with_budget: bool = True,
    ) -> Comparison:
        """Budget against actual for `year`, over `period` (the whole fiscal year by default).

        The budget for part of a year is the year's budget shared by days. Without `with_budget`
        it is the income and expense statement: actual amounts only.
        """
        whole = fiscal_year(year, fiscal_start_month)
        period = period or whole
        if period.start < whole.start or period.end > whole.end or period.end < period.start:
            raise ValidationError(
                "period", _("Choose dates inside the fiscal year {year}.").format(year=year)
            )
        whole_days = (whole.end - whole.start).days + 1
        part_days = (period.end - period.start).days + 1
        with self._db.reading() as session:
            categories = session.scalars(select(MoneyCategory)).all()
            budgets = self._budgets(session, year, scope) if with_budget else {}
            actuals = self._actuals(session, period.start, period.end, scope)
        own = {
            category.id: (
                budgets.get(category.id, 0),
                _share(budgets.get(category.id, 0), part_days, whole_days),
                actuals.get(category.id, 0),
            )
            for category in categories
        }
        income, income_total = self._rolled_up(categories, own, "income")
        expense, expense_total = self._rolled_up(categories, own, "expense")
        return Comparison(year, period, income, expense, income_total, expense_total)

    @staticmethod
    def _line_scope(session: Session, scope: Scope) -> list[ColumnElement[bool]]:
        conditions: list[ColumnElement[bool]] = []
        if scope.program_uid:
            program = by_uid(
                session, Program, scope.program_uid, _("This program no longer exists."), True
            )
            conditions.append(BudgetLine.program_id == program.id)
        if scope.fund_uid:
            fund = by_uid(session, Fund, scope.fund_uid, _("This fund no longer exists."), True)
            conditions.append(BudgetLine.fund_id == fund.id)
        return conditions

    def _budgets(self, session: Session, year: int, scope: Scope) -> dict[int, int]:
        rows = session.execute(
            select(BudgetLine.category_id, func.sum(BudgetLine.amount_cents))
            .where(BudgetLine.fiscal_year == year, BudgetLine.deleted_at.is_(None))
            .where(*self._line_scope(session, scope))
            .group_by(BudgetLine.category_id)
        ).all()
        return {category_id: int(amount or 0) for category_id, amount in rows}

    @staticmethod
    def _actuals(session: Session, start: date, end: date, scope: Scope) -> dict[int, int]:
        query = (
            select(TransactionSplit.category_id, func.sum(TransactionSplit.amount_cents))
            .join(MoneyTransaction, MoneyTransaction.id == TransactionSplit.transaction_id)
            .where(
                MoneyTransaction.deleted_at.is_(None),
                MoneyTransaction.entry_date >= start,
                MoneyTransaction.entry_date <= end,
                TransactionSplit.deleted_at.is_(None),
            )
            .group_by(TransactionSplit.category_id)
        )
        if scope.program_uid:
            program = by_uid(
                session, Program, scope.program_uid, _("This program no longer exists."), True
            )
            query = query.where(TransactionSplit.program_id == program.id)
        if scope.fund_uid:
            fund = by_uid(session, Fund, scope.fund_uid, _("This fund no longer exists."), True)
            query = query.where(TransactionSplit.fund_id == fund.id)
        return {category_id: int(amount or 0) for category_id, amount in session.execute(query)}

    @staticmethod
    def _rolled_up(
        categories: Sequence[MoneyCategory],
        own: dict[int, tuple[int, int, int]],
        kind: str,
    ) -> tuple[tuple[ComparisonRow, ...], Totals]:
        """Rows in tree order, each heading with the sums of its own lines and those below;
        only categories with a budget or an amount (and the headings above them) appear."""
        mine = [c for c in categories if c.kind == kind]
        children: dict[int | None, list[MoneyCategory]] = {}
        for category in mine:
            children.setdefault(category.parent_id, []).append(category)
        rows: list[ComparisonRow] = []
        totals = [0, 0, 0]

        def visit(category: MoneyCategory, depth: int) -> tuple[int, int, int]:
            position = len(rows)
            sums = list(own.get(category.id, (0, 0, 0)))
            for child in sorted(
                children.get(category.id, []), key=lambda c: (c.sort_order, label_in(c.labels))
            ):
                below = visit(child, depth + 1)
                sums = [a + b for a, b in zip(sums, below, strict=True)]
            if any(sums) or position != len(rows):
                rows.insert(
                    position,
                    ComparisonRow(
                        category.uid,
                        label_in(category.labels),
                        kind,
                        depth,
                        sums[0],
                        sums[1],
                        sums[2],
                    ),
                )
            return sums[0], sums[1], sums[2]

        for top in sorted(children.get(None, []), key=lambda c: (c.sort_order, label_in(c.labels))):
            sums = visit(top, 0)
            totals = [a + b for a, b in zip(totals, sums, strict=True)]
        return tuple(rows), Totals(totals[0], totals[1], totals[2])
