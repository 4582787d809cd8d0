"""Recurring entries: the monthly rent, the quarterly insurance, recorded when due at the
treasurer's word (never behind their back), or skipped when the hall was closed that month.

An entry keeps the transaction to record as a template and the next date it falls due. Dates
follow the first date of the series, kept as the template's own date: a rent due on the 31st
falls on 28 February and on 31 March again, not on the 28th for ever after.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any, Final

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from communitydesk.core.errors import ValidationError
from communitydesk.core.i18n import N_, _, format_date
from communitydesk.db.session import Database
from communitydesk.models import RecurringEntry
from communitydesk.models.base import utc_now
from communitydesk.models.money import RECURRENCES
from communitydesk.services.membership import add_months
from communitydesk.services.records import by_uid
from communitydesk.services.transactions import (
    SplitInput,
    TransactionInput,
    TransactionService,
    check_input,
    resolve_links,
    transaction_row,
)

EVERY_NAMES: Final = {
    "weekly": N_("Every week"),
    "monthly": N_("Every month"),
    "quarterly": N_("Every three months"),
    "yearly": N_("Every year"),
}
assert tuple(EVERY_NAMES) == RECURRENCES

_MONTHS: Final = {"monthly": 1, "quarterly": 3, "yearly": 12}


@dataclass(frozen=True)
class RecurringRecord:
    uid: str
    name: str
    every: str
    next_on: date
    ends_on: date | None
    active: bool
    template: TransactionInput  # its entry_date is the series' first date

    @property
    def amount_cents(self) -> int:
        return self.template.amount_cents

    @property
    def kind(self) -> str:
        return self.template.kind

    @property
    def finished(self) -> bool:
        """Every date up to its end was recorded or skipped."""
        return self.ends_on is not None and self.next_on > self.ends_on


@dataclass(frozen=True)
class DueEntry:
    uid: str
    name: str
    dates: tuple[date, ...]  # every date not yet recorded, oldest first
    amount_cents: int  # for each date
    kind: str

    @property
    def total_cents(self) -> int:
        return self.amount_cents * len(self.dates)


# --- the template as JSON ------------------------------------------------------------------------


def template_json(entry: TransactionInput) -> dict[str, Any]:
    """A TransactionInput as the JSON kept in `RecurringEntry.template` (dates in ISO form)."""
    return {
        "entry_date": entry.entry_date.isoformat(),
        "kind": entry.kind,
        "amount_cents": entry.amount_cents,
        "account_uid": entry.account_uid,
        "splits": [
            {
                "category_uid": split.category_uid,
                "amount_cents": split.amount_cents,
                "program_uid": split.program_uid,
                "fund_uid": split.fund_uid,
                "memo": split.memo,
            }
            for split in entry.splits
        ],
        "to_account_uid": entry.to_account_uid,
        "person_uid": entry.person_uid,
        "payee": entry.payee,
        "memo": entry.memo,
        "reference": entry.reference,
        "cleared": entry.cleared,
    }


def template_input(data: Mapping[str, Any]) -> TransactionInput:
    """The JSON kept in `RecurringEntry.template` back as a TransactionInput."""
    return TransactionInput(
        entry_date=date.fromisoformat(str(data["entry_date"])),
        kind=str(data["kind"]),
        amount_cents=int(data["amount_cents"]),
        account_uid=str(data["account_uid"]),
        splits=tuple(
            SplitInput(
                category_uid=str(split["category_uid"]),
                amount_cents=int(split["amount_cents"]),
                program_uid=str(split.get("program_uid", "")),
                fund_uid=str(split.get("fund_uid", "")),
                memo=str(split.get("memo", "")),
            )
            for split in data.get("splits", ())
        ),
        to_account_uid=str(data.get("to_account_uid", "")),
        person_uid=str(data.get("person_uid", "")),
        payee=str(data.get("payee", "")),
        memo=str(data.get("memo", "")),
        reference=str(data.get("reference", "")),
        cleared=bool(data.get("cleared", False)),
    )


# --- dates ---------------------------------------------------------------------------------------


def occurrences(first: date, every: str) -> Iterator[date]:
    """The series' dates from its first, without end. Each is counted from the first date, so
    a monthly entry on the 31st falls on each month's last day and back on the 31st."""
    if every not in RECURRENCES:
        raise ValueError(f"unknown recurrence {every!r}")
    count = 0
    while True:
        if every == "weekly":
            yield first + timedelta(weeks=count)
        else:
            yield add_months(first, count * _MONTHS[every])
        count += 1


def following(first: date, every: str, day: date) -> date:
    """The series' first date after `day`."""
    return next(when for when in occurrences(first, every) if when > day)


def dates_between(first: date, every: str, start: date, end: date) -> tuple[date, ...]:
    """The series' dates from `start` to `end`, both included."""
    found = []
    for when in occurrences(first, every):
        if when > end:
            break
        if when >= start:
            found.append(when)
    return tuple(found)


def _record(row: RecurringEntry) -> RecurringRecord:
    return RecurringRecord(
        uid=row.uid,
        name=row.name,
        every=row.every,
        next_on=row.next_on,
        ends_on=row.ends_on,
        active=row.active,
        template=template_input(row.template),
    )


def _due_dates(row: RecurringEntry, today: date) -> tuple[date, ...]:
    last = today if row.ends_on is None else min(today, row.ends_on)
    if row.deleted_at is not None or not row.active or row.next_on > last:
        return ()
    first = date.fromisoformat(str(row.template["entry_date"]))
    return dates_between(first, row.every, row.next_on, last)


class RecurringService:
    def __init__(self, db: Database) -> None:
        self._db = db
        self._transactions = TransactionService(db)

    # --- reading ---------------------------------------------------------------------------------

    def entries(self) -> tuple[RecurringRecord, ...]:
        """Every recurring entry not in the Trash, the next one due first."""
        with self._db.reading() as session:
            rows = session.scalars(
                select(RecurringEntry)
                .where(RecurringEntry.deleted_at.is_(None))
                .order_by(RecurringEntry.next_on, func.lower(RecurringEntry.name))
            )
            return tuple(_record(row) for row in rows)

    def get(self, uid: str) -> RecurringRecord:
        with self._db.reading() as session:
            return _record(self._row(session, uid))

    def due(self, today: date) -> tuple[DueEntry, ...]:
        """Active entries with dates due by `today` not yet recorded, the oldest first."""
        with self._db.reading() as session:
            rows = session.scalars(
                select(RecurringEntry).where(
                    RecurringEntry.deleted_at.is_(None),
                    RecurringEntry.active.is_(True),
                    RecurringEntry.next_on <= today,
                )
            ).all()
        found = []
        for row in rows:
            dates = _due_dates(row, today)
            if dates:
                template = template_input(row.template)
                found.append(
                    DueEntry(row.uid, row.name, dates, template.amount_cents, template.kind)
                )
        return tuple(sorted(found, key=lambda entry: (entry.dates[0], entry.name.lower())))

    # --- writing ---------------------------------------------------------------------------------

    def create(
        self,
        name: str,
        every: str,
        next_on: date,
        template: TransactionInput,
        ends_on: date | None = None,
    ) -> RecurringRecord:
        name = self._clean(name, every, next_on, ends_on)
        entry = check_input(replace(template, entry_date=next_on))
        with self._db.unit_of_work() as session:
            resolve_links(session, entry)  # checked now, not on the day it falls due
            row = RecurringEntry(
                name=name,
                every=every,
                next_on=next_on,
                ends_on=ends_on,
                active=True,
                template=template_json(entry),
            )
            session.add(row)
            session.flush()
            return _record(row)

    def update(
        self,
        uid: str,
        name: str,
        every: str,
        next_on: date,
        template: TransactionInput,
        ends_on: date | None = None,
        active: bool = True,
    ) -> RecurringRecord:
        name = self._clean(name, every, next_on, ends_on)
        with self._db.unit_of_work() as session:
            row = self._row(session, uid)
            first = date.fromisoformat(str(row.template["entry_date"]))
            if every != row.every or next_on != row.next_on:
                first = next_on  # a new rhythm or date starts the series again from there
            entry = check_input(replace(template, entry_date=first))
            resolve_links(session, entry)  # checked now, not on the day it falls due
            row.name = name
            row.every = every
            row.next_on = next_on
            row.ends_on = ends_on
            row.active = active
            row.template = template_json(entry)
            return _record(row)

    def delete(self, uid: str) -> None:
        """Send the entry to the Trash; what it recorded stays in the books."""
        with self._db.unit_of_work() as session:
            self._row(session, uid).deleted_at = utc_now()

    def restore(self, uid: str) -> None:
        with self._db.unit_of_work() as session:
            self._row(session, uid, include_deleted=True).deleted_at = None

    def record_due(self, uid: str, today: date, allow_overspend: bool = False) -> tuple[str, ...]:
        """Record the entry once for each date due by `today`; the new transactions' uids.

        Each date is recorded by TransactionService.create, which checks it like any entry
        (closed period, retired category, overspent fund) in its own unit of work; the entry's
        next date then moves past it in a second one, together with the link from the new
        transaction back to this entry. So when a date is refused, the dates before it are
        recorded and the next date points at the refused one: recording again never records a
        date twice. Only a crash between those two short units of work could leave a date
        recorded and still due; done in one, the checks of TransactionService would have to be
        copied here, and copies drift apart.
        """
        with self._db.reading() as session:
            row = self._row(session, uid)
            if not row.active:
                raise ValidationError(
                    "active", _("{name} is paused: resume it to record it.").format(name=row.name)
                )
            dates = _due_dates(row, today)
            template = template_input(row.template)
            first = template.entry_date
        made: list[str] = []
        for day in dates:
            recorded = self._transactions.create(
                replace(template, entry_date=day), allow_overspend=allow_overspend
            )
            with self._db.unit_of_work() as session:
                row = self._row(session, uid)
                transaction_row(session, recorded.uid).recurring_id = row.id
                row.next_on = following(first, row.every, day)
            made.append(recorded.uid)
        return tuple(made)

    def skip(self, uid: str, today: date) -> date:
        """Pass over the oldest date due by `today` without recording it; returns that date."""
        with self._db.unit_of_work() as session:
            row = self._row(session, uid)
            dates = _due_dates(row, today)
            if not dates:
                raise ValidationError(
                    "next_on",
                    _("{name} has nothing due by {date}: its next date is {next}.").format(
                        name=row.name,
                        date=format_date(today),
                        next=format_date(row.next_on),
                    ),
                )
            first = date.fromisoformat(str(row.template["entry_date"]))
            row.next_on = following(first, row.every, dates[0])
            return dates[0]

    # --- inside ----------------------------------------------------------------------------------

    @staticmethod
    def _row(session: Session, uid: str, include_deleted: bool = False) -> RecurringEntry:
        return by_uid(
            session,
            RecurringEntry,
            uid,
            _("This recurring entry no longer exists."),
            include_deleted,
        )

    @staticmethod
    def _clean(name: str, every: str, next_on: date, ends_on: date | None) -> str:
        name = " ".join(name.split())
        if not name:
            raise ValidationError("name", _("Give the entry a name, e.g. Monthly hall rent."))
        if len(name) > 200:
            raise ValidationError(
                "name", _("Keep this under {count} characters.").format(count=200)
            )
        if every not in RECURRENCES:
            raise ValidationError("every", _("Choose how often the entry comes back."))
        if ends_on is not None and ends_on < next_on:
            raise ValidationError("ends_on", _("The last date cannot come before the next one."))
        return name
