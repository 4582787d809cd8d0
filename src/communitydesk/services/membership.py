"""Membership: kinds with dues and a period; who is a member, paid, due or lapsed; who renews.

Status, on a given day: lapsed after the end date; otherwise paid once the dues are recorded as
paid, else due. Dues are integer cents in the organization's currency.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from communitydesk.core.errors import NotFoundError, ValidationError
from communitydesk.core.i18n import N_, _
from communitydesk.db.session import Database
from communitydesk.models import Membership, MembershipType, Person
from communitydesk.models.base import utc_now
from communitydesk.services.people import display_name, find_person
from communitydesk.services.records import by_uid

STATUSES: Final = {"paid": N_("paid"), "due": N_("due"), "lapsed": N_("lapsed")}
RENEWAL_WINDOW_DAYS: Final = 30


@dataclass(frozen=True)
class MembershipKind:
    uid: str
    name: str
    dues_cents: int
    period_months: int


@dataclass(frozen=True)
class MembershipRecord:
    uid: str
    person_uid: str
    display_name: str
    kind: str
    start_date: date
    end_date: date
    dues_cents: int
    paid_on: date | None
    status: str


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def status_on(end_date: date, paid_on: date | None, today: date) -> str:
    if end_date < today:
        return "lapsed"
    return "paid" if paid_on is not None else "due"


class MembershipService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def kinds(self) -> tuple[MembershipKind, ...]:
        with self._db.reading() as session:
            rows = session.scalars(
                select(MembershipType)
                .where(MembershipType.deleted_at.is_(None))
                .order_by(MembershipType.name)
            ).all()
            return tuple(MembershipKind(r.uid, r.name, r.dues_cents, r.period_months) for r in rows)

    def add_kind(self, name: str, dues_cents: int, period_months: int = 12) -> MembershipKind:
        name = " ".join(name.split())
        if not name:
            raise ValidationError("name", _("Name the kind of membership, e.g. Family."))
        if not isinstance(dues_cents, int) or dues_cents < 0:
            raise ValidationError("dues", _("The amount cannot be negative."))
        if not 1 <= period_months <= 60:
            raise ValidationError("period", _("A membership lasts 1 to 60 months."))
        with self._db.unit_of_work() as session:
            row = MembershipType(name=name, dues_cents=dues_cents, period_months=period_months)
            session.add(row)
            session.flush()
            return MembershipKind(row.uid, row.name, row.dues_cents, row.period_months)

    def record(
        self,
        person_uid: str,
        kind_uid: str,
        start_date: date,
        paid_on: date | None = None,
        today: date | None = None,
    ) -> MembershipRecord:
        """A membership for one period from `start_date` (a renewal is simply the next one)."""
        with self._db.unit_of_work() as session:
            person = find_person(session, person_uid)
            kind = session.scalars(
                select(MembershipType).where(
                    MembershipType.uid == kind_uid, MembershipType.deleted_at.is_(None)
                )
            ).first()
            if kind is None:
                raise NotFoundError(_("This kind of membership no longer exists."))
            end = add_months(start_date, kind.period_months) - timedelta(days=1)
            row = Membership(
                person_id=person.id,
                type_id=kind.id,
                start_date=start_date,
                end_date=end,
                dues_cents=kind.dues_cents,
                paid_on=paid_on,
            )
            session.add(row)
            session.flush()
            return self._record(row, person, kind, today or date.today())

    def mark_paid(self, membership_uid: str, on: date | None = None) -> date | None:
        """Record the dues as paid (today by default); returns when they were paid before."""
        return self.set_paid(membership_uid, on or date.today())

    def set_paid(self, membership_uid: str, on: date | None) -> date | None:
        """Set or clear (None) the day the dues were paid; returns the previous value."""
        with self._db.unit_of_work() as session:
            row = self._row(session, membership_uid)
            before, row.paid_on = row.paid_on, on
            return before

    def cancel(self, membership_uid: str) -> None:
        """Take back a membership recorded by mistake (undo can reinstate it)."""
        with self._db.unit_of_work() as session:
            self._row(session, membership_uid).deleted_at = utc_now()

    def reinstate(self, membership_uid: str) -> None:
        with self._db.unit_of_work() as session:
            self._row(session, membership_uid, any_state=True).deleted_at = None

    @staticmethod
    def _row(session: Session, uid: str, any_state: bool = False) -> Membership:
        missing = _("This membership no longer exists.")
        return by_uid(session, Membership, uid, missing, include_deleted=any_state)

    def current(self, today: date | None = None) -> tuple[MembershipRecord, ...]:
        """Each member's latest membership, with its status today, by name."""
        today = today or date.today()
        latest = (
            select(Membership.person_id, func.max(Membership.end_date).label("end_date"))
            .where(Membership.deleted_at.is_(None))
            .group_by(Membership.person_id)
            .subquery()
        )
        with self._db.reading() as session:
            rows = session.execute(
                select(Membership, Person, MembershipType)
                .join(
                    latest,
                    (latest.c.person_id == Membership.person_id)
                    & (latest.c.end_date == Membership.end_date),
                )
                .join(Person, Person.id == Membership.person_id)
                .join(MembershipType, MembershipType.id == Membership.type_id)
                .where(Membership.deleted_at.is_(None), Person.deleted_at.is_(None))
                .order_by(Person.sort_key, Person.id)
            ).all()
            return tuple(self._record(m, p, k, today) for m, p, k in rows)

    def renewals(
        self, within_days: int = RENEWAL_WINDOW_DAYS, today: date | None = None
    ) -> tuple[MembershipRecord, ...]:
        """Members whose latest membership lapsed or ends within `within_days`, soonest first."""
        today = today or date.today()
        horizon = today + timedelta(days=within_days)
        due = [m for m in self.current(today) if m.end_date <= horizon]
        return tuple(sorted(due, key=lambda m: (m.end_date, m.display_name)))

    @staticmethod
    def _record(
        row: Membership, person: Person, kind: MembershipType, today: date
    ) -> MembershipRecord:
        return MembershipRecord(
            uid=row.uid,
            person_uid=person.uid,
            display_name=display_name(person.given_name, person.family_name),
            kind=kind.name,
            start_date=row.start_date,
            end_date=row.end_date,
            dues_cents=row.dues_cents,
            paid_on=row.paid_on,
            status=status_on(row.end_date, row.paid_on, today),
        )
