"""Funds and grants: money kept for a purpose, its balance, and what the funder expects when.

Unrestricted money is not a fund row: it is whatever the accounts hold beyond the funds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from communitydesk.core.errors import ValidationError
from communitydesk.core.i18n import _
from communitydesk.db.session import Database
from communitydesk.models import BudgetLine, Fund, GrantDeadline, TransactionSplit
from communitydesk.models.base import utc_now
from communitydesk.services.balances import fund_balances, fund_movements
from communitydesk.services.records import by_uid

# How far ahead a funder's deadline is shown as coming up.
UPCOMING_DAYS = 60


@dataclass(frozen=True)
class FundInput:
    name: str
    is_grant: bool = False
    funder: str = ""
    awarded_cents: int | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    purpose: str = ""
    conditions: str = ""
    opening_cents: int = 0
    closed: bool = False


@dataclass(frozen=True)
class DeadlineRecord:
    uid: str
    fund_uid: str
    fund_name: str
    due_on: date
    what: str
    done_on: date | None


@dataclass(frozen=True)
class FundRecord(FundInput):
    uid: str = ""
    received_cents: int = 0
    spent_cents: int = 0
    balance_cents: int = 0
    deadlines: tuple[DeadlineRecord, ...] = ()

    def as_input(self) -> FundInput:
        return FundInput(
            self.name,
            self.is_grant,
            self.funder,
            self.awarded_cents,
            self.starts_on,
            self.ends_on,
            self.purpose,
            self.conditions,
            self.opening_cents,
            self.closed,
        )


def clean_fund(fund: FundInput) -> FundInput:
    name = " ".join(fund.name.split())
    if not name:
        raise ValidationError("name", _("Give the fund a name, e.g. the grant's title."))
    if len(name) > 200:
        raise ValidationError("name", _("Keep this under {count} characters.").format(count=200))
    if fund.awarded_cents is not None and fund.awarded_cents < 0:
        raise ValidationError("awarded_cents", _("The amount cannot be negative."))
    if fund.opening_cents < 0:
        raise ValidationError("opening_cents", _("The amount cannot be negative."))
    if fund.starts_on and fund.ends_on and fund.ends_on < fund.starts_on:
        raise ValidationError("ends_on", _("The grant cannot end before it starts."))
    return FundInput(
        name=name,
        is_grant=fund.is_grant,
        funder=" ".join(fund.funder.split())[:200],
        awarded_cents=fund.awarded_cents,
        starts_on=fund.starts_on,
        ends_on=fund.ends_on,
        purpose=fund.purpose.strip(),
        conditions=fund.conditions.strip(),
        opening_cents=fund.opening_cents,
        closed=fund.closed,
    )


def fund_row(session: Session, uid: str) -> Fund:
    return by_uid(session, Fund, uid, _("This fund no longer exists."))


def _deadline(row: GrantDeadline, fund: Fund) -> DeadlineRecord:
    return DeadlineRecord(row.uid, fund.uid, fund.name, row.due_on, row.what, row.done_on)


class FundService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def funds(self, include_closed: bool = False, on: date | None = None) -> tuple[FundRecord, ...]:
        """Restricted funds and grants by name, with what came in, went out and is left."""
        with self._db.reading() as session:
            query = select(Fund).where(Fund.deleted_at.is_(None))
            if not include_closed:
                query = query.where(Fund.closed.is_(False))
            rows = session.scalars(query.order_by(func.lower(Fund.name))).all()
            moved = fund_movements(session, on)
            deadlines = self._deadlines(session, [row.id for row in rows])
            return tuple(
                self._record(row, moved.get(row.id, (0, 0)), deadlines.get(row.id, ()))
                for row in rows
            )

    def get(self, uid: str) -> FundRecord:
        with self._db.reading() as session:
            row = fund_row(session, uid)
            moved = fund_movements(session).get(row.id, (0, 0))
            return self._record(row, moved, self._deadlines(session, [row.id]).get(row.id, ()))

    def unrestricted_cents(self, on: date | None = None) -> int:
        with self._db.reading() as session:
            return fund_balances(session, on)[None]

    def create(self, fund: FundInput) -> FundRecord:
        fund = clean_fund(fund)
        with self._db.unit_of_work() as session:
            row = Fund(**vars(fund))
            session.add(row)
            session.flush()
            return self._record(row, (0, 0), ())

    def update(self, uid: str, fund: FundInput) -> FundRecord:
        fund = clean_fund(fund)
        with self._db.unit_of_work() as session:
            row = fund_row(session, uid)
            for name, value in vars(fund).items():
                setattr(row, name, value)
            session.flush()
            moved = fund_movements(session).get(row.id, (0, 0))
            return self._record(row, moved, self._deadlines(session, [row.id]).get(row.id, ()))

    def delete(self, uid: str) -> None:
        """Send an unused fund to the Trash; one with entries or a budget can only be closed."""
        with self._db.unit_of_work() as session:
            row = fund_row(session, uid)
            used = session.scalar(
                select(exists().where(TransactionSplit.fund_id == row.id))
            ) or session.scalar(
                select(
                    exists().where(BudgetLine.fund_id == row.id, BudgetLine.deleted_at.is_(None))
                )
            )
            if used:
                raise ValidationError(
                    "fund", _("This fund has entries or a budget: close it instead.")
                )
            row.deleted_at = utc_now()

    def restore(self, uid: str) -> None:
        with self._db.unit_of_work() as session:
            by_uid(session, Fund, uid, _("This fund no longer exists."), True).deleted_at = None

    # --- what funders expect ---------------------------------------------------------------------

    def add_deadline(self, fund_uid: str, due_on: date, what: str) -> DeadlineRecord:
        what = " ".join(what.split())
        if not what:
            raise ValidationError("what", _("Say what is due, e.g. Interim report."))
        with self._db.unit_of_work() as session:
            fund = fund_row(session, fund_uid)
            row = GrantDeadline(fund_id=fund.id, due_on=due_on, what=what[:200])
            session.add(row)
            session.flush()
            return _deadline(row, fund)

    def set_deadline_done(self, uid: str, done_on: date | None) -> None:
        with self._db.unit_of_work() as session:
            by_uid(
                session, GrantDeadline, uid, _("This deadline no longer exists.")
            ).done_on = done_on

    def remove_deadline(self, uid: str) -> None:
        with self._db.unit_of_work() as session:
            row = by_uid(session, GrantDeadline, uid, _("This deadline no longer exists."))
            row.deleted_at = utc_now()

    def upcoming_deadlines(
        self, today: date, within_days: int = UPCOMING_DAYS
    ) -> tuple[DeadlineRecord, ...]:
        """What is not done yet and due within `within_days` (or already late), soonest first."""
        with self._db.reading() as session:
            rows = session.execute(
                select(GrantDeadline, Fund)
                .join(Fund, Fund.id == GrantDeadline.fund_id)
                .where(
                    GrantDeadline.deleted_at.is_(None),
                    GrantDeadline.done_on.is_(None),
                    Fund.deleted_at.is_(None),
                    GrantDeadline.due_on <= today + timedelta(days=within_days),
                )
                .order_by(GrantDeadline.due_on)
            ).all()
            return tuple(_deadline(deadline, fund) for deadline, fund in rows)

    @staticmethod
    def _deadlines(session: Session, fund_ids: list[int]) -> dict[int, tuple[DeadlineRecord, ...]]:
        found: dict[int, list[DeadlineRecord]] = {}
        rows = session.execute(
            select(GrantDeadline, Fund)
            .join(Fund, Fund.id == GrantDeadline.fund_id)
            .where(GrantDeadline.fund_id.in_(fund_ids), GrantDeadline.deleted_at.is_(None))
            .order_by(GrantDeadline.due_on)
        ).all()
        for deadline, fund in rows:
            found.setdefault(fund.id, []).append(_deadline(deadline, fund))
        return {fund_id: tuple(items) for fund_id, items in found.items()}

    @staticmethod
    def _record(
        row: Fund, moved: tuple[int, int], deadlines: tuple[DeadlineRecord, ...]
    ) -> FundRecord:
        received, spent = moved
        return FundRecord(
            name=row.name,
            is_grant=row.is_grant,
            funder=row.funder,
            awarded_cents=row.awarded_cents,
            starts_on=row.starts_on,
            ends_on=row.ends_on,
            purpose=row.purpose,
            conditions=row.conditions,
            opening_cents=row.opening_cents,
            closed=row.closed,
            uid=row.uid,
            received_cents=received,
            spent_cents=spent,
            balance_cents=row.opening_cents + received - spent,
            deadlines=deadlines,
        )
