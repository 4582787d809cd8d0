"""Volunteer hours: at a session, for a program, or free; a volunteer's total and a statement
they can take to an employer or a school (which often asks for community hours)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Final

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session, aliased

from communitydesk.core.errors import ValidationError
from communitydesk.core.i18n import _, format_number
from communitydesk.db.session import Database
from communitydesk.models import ActivitySession, Organization, Person, Program, VolunteerHours
from communitydesk.models.base import utc_now
from communitydesk.services.people import display_name, find_person
from communitydesk.services.programs import find_program
from communitydesk.services.records import by_uid
from communitydesk.services.sessions import find_session

LONGEST_ENTRY_MINUTES: Final = 24 * 60


@dataclass(frozen=True)
class HoursInput:
    person_uid: str
    worked_on: date
    minutes: int
    role: str = ""
    session_uid: str = ""  # hours at a session count for its program
    program_uid: str = ""
    note: str = ""


@dataclass(frozen=True)
class HoursRecord:
    uid: str
    person_uid: str
    volunteer: str
    worked_on: date
    minutes: int
    role: str
    program_name: str
    session_uid: str
    note: str


@dataclass(frozen=True)
class VolunteerTotal:
    person_uid: str
    volunteer: str
    minutes: int
    entries: int
    first: date
    last: date


_MINUTES = re.compile(r"(\d{1,4})(?:min|mins|minutes|mn|m)")
_HOURS_MINUTES = re.compile(r"(\d{1,2})(?::|h)(\d{2})?(?:min|mn|m)?")
_DECIMAL_HOURS = re.compile(r"(\d{1,2})(?:[.,](\d{1,2}))?h?")


def parse_hours(text: str) -> int:
    """Minutes from what a volunteer types: "2", "1.5", "1,5", "1:30", "2h15" or "90 min"."""
    cleaned = "".join(text.lower().split())
    if match := _MINUTES.fullmatch(cleaned):
        return int(match[1])
    if (match := _HOURS_MINUTES.fullmatch(cleaned)) and int(match[2] or 0) < 60:
        return int(match[1]) * 60 + int(match[2] or 0)
    if match := _DECIMAL_HOURS.fullmatch(cleaned):
        # Decimal hours in whole minutes, without a float: 1.25 h is 75 minutes.
        hundredths = int(match[1]) * 100 + int((match[2] or "").ljust(2, "0"))
        return (hundredths * 60 + 50) // 100
    raise ValidationError(
        "minutes", _("Write the time as hours (2 or 1.5) or hours and minutes (1:30).")
    )


def clean_hours(hours: HoursInput, today: date) -> HoursInput:
    if not hours.person_uid:
        raise ValidationError("person", _("Choose the volunteer."))
    if not 0 < hours.minutes <= LONGEST_ENTRY_MINUTES:
        raise ValidationError("minutes", _("An entry is more than 0 and at most 24 hours."))
    if hours.worked_on > today:
        raise ValidationError("worked_on", _("Hours cannot be given in the future."))
    role = " ".join(hours.role.split())
    note = " ".join(hours.note.split())
    if len(role) > 120 or len(note) > 300:
        raise ValidationError("note", _("Keep this under {count} characters.").format(count=300))
    return replace(hours, role=role, note=note)


def hundredths_of_hours(minutes: int) -> int:
    """Minutes as hundredths of an hour, rounded half up: 90 -> 150, 20 -> 33, 1 -> 2."""
    return (minutes * 100 + 30) // 60


def hours_number(minutes: int) -> str:
    """Minutes as a number of hours in the current language: '1.5', '12', '0.33' ('1,5' in
    French); no trailing zeros."""
    return format_number(Decimal(hundredths_of_hours(minutes)).scaleb(-2))


def hour_value_cents(minutes: int, cents_per_hour: int) -> int:
    """The in-kind value of `minutes`, rounded to the nearest cent (half up), in integers."""
    return (minutes * cents_per_hour * 2 + 60) // 120


class VolunteerHoursService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def log(self, hours: HoursInput, today: date | None = None) -> HoursRecord:
        hours = clean_hours(hours, today or date.today())
        with self._db.unit_of_work() as session:
            row = VolunteerHours(
                person_id=find_person(session, hours.person_uid).id,
                worked_on=hours.worked_on,
                minutes=hours.minutes,
                role=hours.role,
                note=hours.note,
            )
            if hours.session_uid:
                at = find_session(session, hours.session_uid)
                row.session_id, row.program_id = at.id, at.program_id
            elif hours.program_uid:
                row.program_id = find_program(session, hours.program_uid).id
            session.add(row)
            session.flush()
            return _records(session, VolunteerHours.id == row.id, 1)[0]

    def remove(self, uid: str) -> None:
        with self._db.unit_of_work() as session:
            self._row(session, uid).deleted_at = utc_now()

    def reinstate(self, uid: str) -> None:
        with self._db.unit_of_work() as session:
            self._row(session, uid, any_state=True).deleted_at = None

    def entries(
        self,
        person_uid: str = "",
        start: date | None = None,
        end: date | None = None,
        limit: int = 2000,
    ) -> tuple[HoursRecord, ...]:
        """Entries newest first, of one volunteer or everyone, between two dates."""
        with self._db.reading() as session:
            condition = _period(start, end)
            if person_uid:
                person = find_person(session, person_uid, include_trash=True)
                condition = condition & (VolunteerHours.person_id == person.id)
            return _records(session, condition, limit)

    def totals(
        self, start: date | None = None, end: date | None = None
    ) -> tuple[VolunteerTotal, ...]:
        """Each volunteer's hours in the period, most first."""
        with self._db.reading() as session:
            rows = session.execute(
                select(
                    Person.uid,
                    Person.given_name,
                    Person.family_name,
                    func.sum(VolunteerHours.minutes),
                    func.count(),
                    func.min(VolunteerHours.worked_on),
                    func.max(VolunteerHours.worked_on),
                )
                .join(Person, Person.id == VolunteerHours.person_id)
                .where(_period(start, end))
                .group_by(Person.id)
                .order_by(func.sum(VolunteerHours.minutes).desc(), Person.sort_key)
            ).all()
            return tuple(
                VolunteerTotal(uid, display_name(given, family), int(minutes), int(count), a, b)
                for uid, given, family, minutes, count, a, b in rows
            )

    def hour_value(self) -> int:
        """What the organization counts an hour of volunteering as worth, in cents."""
        with self._db.reading() as session:
            return int(session.scalar(select(Organization.volunteer_hour_cents).limit(1)) or 0)

    @staticmethod
    def _row(session: Session, uid: str, any_state: bool = False) -> VolunteerHours:
        missing = _("This entry is no longer in the list.")
        return by_uid(session, VolunteerHours, uid, missing, include_deleted=any_state)


def _period(start: date | None, end: date | None) -> ColumnElement[bool]:
    condition: ColumnElement[bool] = VolunteerHours.deleted_at.is_(None)
    if start is not None:
        condition = condition & (VolunteerHours.worked_on >= start)
    if end is not None:
        condition = condition & (VolunteerHours.worked_on <= end)
    # Hours at a session in the Trash do not count, like its attendance.
    return condition & or_(
        VolunteerHours.session_id.is_(None),
        VolunteerHours.session_id.not_in(
            select(ActivitySession.id).where(ActivitySession.deleted_at.is_not(None))
        ),
    )


def _records(
    session: Session, condition: ColumnElement[bool], limit: int
) -> tuple[HoursRecord, ...]:
    at = aliased(ActivitySession)
    rows = session.execute(
        select(VolunteerHours, Person, Program, at.uid)
        .join(Person, Person.id == VolunteerHours.person_id)
        .outerjoin(Program, Program.id == VolunteerHours.program_id)
        .outerjoin(at, at.id == VolunteerHours.session_id)
        .where(condition)
        .order_by(VolunteerHours.worked_on.desc(), VolunteerHours.id.desc())
        .limit(limit)
    ).all()
    return tuple(
        HoursRecord(
            uid=row.uid,
            person_uid=person.uid,
            volunteer=display_name(person.given_name, person.family_name),
            worked_on=row.worked_on,
            minutes=row.minutes,
            role=row.role,
            program_name=program.name if program else "",
            session_uid=session_uid or "",
            note=row.note,
        )
        for row, person, program, session_uid in rows
    )
