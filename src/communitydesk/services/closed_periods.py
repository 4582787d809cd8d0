"""Closed periods of the books: the treasurer closes a month or a year once it is reported, and
nothing dated in it can change until it is reopened, with a reason that stays on record."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from communitydesk.core.errors import NotAllowedError, PeriodClosedError, ValidationError
from communitydesk.core.i18n import _, format_date
from communitydesk.db.session import Database
from communitydesk.models import ClosedPeriod
from communitydesk.models.base import utc_now
from communitydesk.services.access import can_reopen_books
from communitydesk.services.records import by_uid


@dataclass(frozen=True)
class ClosedPeriodRecord:
    uid: str
    starts_on: date
    ends_on: date
    closed_by: str
    closed_at: datetime
    reopened_at: datetime | None
    reopened_by: str
    reopen_reason: str

    @property
    def in_force(self) -> bool:
        return self.reopened_at is None


def _record(row: ClosedPeriod) -> ClosedPeriodRecord:
    return ClosedPeriodRecord(
        row.uid,
        row.starts_on,
        row.ends_on,
        row.closed_by,
        row.created_at,
        row.reopened_at,
        row.reopened_by,
        row.reopen_reason,
    )


def closing_period(session: Session, day: date) -> ClosedPeriod | None:
    """The period in force that closes `day`, if any."""
    return session.scalars(
        select(ClosedPeriod).where(
            ClosedPeriod.deleted_at.is_(None),
            ClosedPeriod.reopened_at.is_(None),
            ClosedPeriod.starts_on <= day,
            ClosedPeriod.ends_on >= day,
        )
    ).first()


def refuse_if_closed(session: Session, *days: date) -> None:
    """Raise PeriodClosedError when any of `days` lies in a closed period."""
    for day in sorted(set(days)):
        period = closing_period(session, day)
        if period is not None:
            raise PeriodClosedError(
                _(
                    "The books are closed from {start} to {end}, so nothing dated {day} can "
                    "change. The treasurer can reopen the period under Money, Closed periods."
                ).format(
                    start=format_date(period.starts_on),
                    end=format_date(period.ends_on),
                    day=format_date(day),
                )
            )


class ClosedPeriodService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def periods(self) -> tuple[ClosedPeriodRecord, ...]:
        """Every period closed, newest first, reopened ones included (they are the record)."""
        with self._db.reading() as session:
            rows = session.scalars(
                select(ClosedPeriod)
                .where(ClosedPeriod.deleted_at.is_(None))
                .order_by(ClosedPeriod.ends_on.desc(), ClosedPeriod.id.desc())
            )
            return tuple(_record(row) for row in rows)

    def closed_on(self, day: date) -> ClosedPeriodRecord | None:
        with self._db.reading() as session:
            row = closing_period(session, day)
            return _record(row) if row is not None else None

    def close(self, starts_on: date, ends_on: date) -> ClosedPeriodRecord:
        if ends_on < starts_on:
            raise ValidationError("ends_on", _("The period cannot end before it starts."))
        with self._db.unit_of_work() as session:
            row = ClosedPeriod(starts_on=starts_on, ends_on=ends_on, closed_by=self._db.actor)
            session.add(row)
            session.flush()
            return _record(row)

    def reopen(self, uid: str, reason: str) -> ClosedPeriodRecord:
        if not can_reopen_books(self._db.role):
            raise NotAllowedError(_("Only the treasurer can reopen closed books."))
        reason = reason.strip()
        if not reason:
            raise ValidationError(
                "reason", _("Say why the period is reopened: it stays on record.")
            )
        with self._db.unit_of_work() as session:
            row = by_uid(session, ClosedPeriod, uid, _("This closed period no longer exists."))
            if row.reopened_at is not None:
                raise ValidationError("reason", _("This period is already open."))
            row.reopened_at = utc_now()
            row.reopened_by = self._db.actor
            row.reopen_reason = reason
            return _record(row)
