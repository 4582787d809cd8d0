"""Sessions of a program: one at a time or as a repeating series, listed and searched in SQL."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, time, timedelta
from typing import Final

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.orm import Session

from communitydesk.core.errors import ValidationError
from communitydesk.core.i18n import N_, _
from communitydesk.db.session import Database
from communitydesk.models import ActivitySession, Attendance, HeadCount, Person, Program, Venue
from communitydesk.models.base import utc_now
from communitydesk.services.programs import find_program, find_venue
from communitydesk.services.records import by_uid

# How a series repeats: every week, every second week, or the same weekday of each month
# ("the second Tuesday").
REPEATS: Final = {
    "weekly": N_("Every week"),
    "fortnightly": N_("Every two weeks"),
    "monthly": N_("Every month, same weekday"),
}
LONGEST_SERIES: Final = 200


@dataclass(frozen=True)
class SessionInput:
    program_uid: str
    held_on: date
    starts_at: time | None = None
    ends_at: time | None = None
    venue_uid: str = ""  # "" meets at the program's own venue
    topic: str = ""
    notes: str = ""


@dataclass(frozen=True)
class SessionRecord:
    uid: str
    program_uid: str
    program_name: str
    held_on: date
    starts_at: time | None
    ends_at: time | None
    venue_uid: str
    venue_name: str
    topic: str
    notes: str
    named: int  # people ticked by name
    anonymous: int  # counted without names, those later named excepted

    @property
    def present(self) -> int:
        return self.named + self.anonymous

    def as_input(self) -> SessionInput:
        return SessionInput(
            self.program_uid,
            self.held_on,
            self.starts_at,
            self.ends_at,
            self.venue_uid,
            self.topic,
            self.notes,
        )


def series_dates(first: date, until: date, repeat: str) -> list[date]:
    """The dates of a series from `first` to `until` inclusive."""
    if repeat not in REPEATS:
        raise ValidationError("repeat", _("Choose how often the sessions repeat."))
    if until < first:
        raise ValidationError("until", _("The last date comes before the first session."))
    dates = list(_repeating(first, until, repeat))
    if len(dates) > LONGEST_SERIES:
        raise ValidationError(
            "until",
            _("A series can have up to {count} sessions; choose an earlier last date.").format(
                count=LONGEST_SERIES
            ),
        )
    return dates


def _repeating(first: date, until: date, repeat: str) -> Iterator[date]:
    if repeat in ("weekly", "fortnightly"):
        step = timedelta(weeks=1 if repeat == "weekly" else 2)
        day = first
        while day <= until:
            yield day
            day += step
        return
    # The same weekday in the same week of each month; a fifth week that a month lacks is
    # skipped rather than moved.
    week = (first.day - 1) // 7
    year, month = first.year, first.month
    while True:
        start = date(year, month, 1)
        if start > until:
            return
        offset = (first.weekday() - start.weekday()) % 7 + 7 * week
        day = start + timedelta(days=offset)
        if day.month == month and first <= day <= until:
            yield day
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def clean_session(session_input: SessionInput) -> SessionInput:
    starts, ends = session_input.starts_at, session_input.ends_at
    if starts and ends and ends <= starts:
        raise ValidationError("ends_at", _("The session must end after it starts."))
    topic = " ".join(session_input.topic.split())
    if len(topic) > 300:
        raise ValidationError("topic", _("Keep this under {count} characters.").format(count=300))
    return replace(session_input, topic=topic, notes=session_input.notes.strip())


def anonymous_remainder() -> ColumnElement[int]:
    """A head count's people, minus those of them named since (never below zero). A person
    named from it who is now in the Trash is counted anonymously again, so nobody is lost."""
    trashed = select(Person.id).where(Person.deleted_at.is_not(None))
    linked = (
        select(func.count())
        .select_from(Attendance)
        .where(Attendance.head_count_id == HeadCount.id, Attendance.person_id.not_in(trashed))
        .correlate(HeadCount)
        .scalar_subquery()
    )
    return case((HeadCount.people > linked, HeadCount.people - linked), else_=0)


class SessionService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def sessions(
        self,
        program_uid: str = "",
        start: date | None = None,
        end: date | None = None,
        limit: int = 1000,
    ) -> tuple[SessionRecord, ...]:
        """Sessions newest first, of one program or all, between two dates (both optional)."""
        conditions: list[ColumnElement[bool]] = [
            ActivitySession.deleted_at.is_(None),
            Program.deleted_at.is_(None),
        ]
        if start is not None:
            conditions.append(ActivitySession.held_on >= start)
        if end is not None:
            conditions.append(ActivitySession.held_on <= end)
        with self._db.reading() as session:
            if program_uid:
                conditions.append(
                    ActivitySession.program_id == find_program(session, program_uid).id
                )
            return self._records(session, conditions, limit)

    def get(self, uid: str) -> SessionRecord:
        with self._db.reading() as session:
            row = find_session(session, uid)
            return self._records(session, [ActivitySession.id == row.id], 1)[0]

    def create(self, session_input: SessionInput) -> SessionRecord:
        session_input = clean_session(session_input)
        with self._db.unit_of_work() as session:
            row = ActivitySession(program_id=find_program(session, session_input.program_uid).id)
            self._fill(session, row, session_input)
            session.add(row)
            session.flush()
            return self._records(session, [ActivitySession.id == row.id], 1)[0]

    def create_series(
        self, template: SessionInput, until: date, repeat: str
    ) -> tuple[SessionRecord, ...]:
        """Sessions on every date of the series; dates the program already meets are skipped."""
        template = clean_session(template)
        dates = series_dates(template.held_on, until, repeat)
        with self._db.unit_of_work() as session:
            program = find_program(session, template.program_uid)
            taken = set(
                session.scalars(
                    select(ActivitySession.held_on).where(
                        ActivitySession.program_id == program.id,
                        ActivitySession.deleted_at.is_(None),
                        ActivitySession.held_on.between(dates[0], dates[-1]),
                    )
                )
            )
            rows = []
            for day in dates:
                if day in taken:
                    continue
                row = ActivitySession(program_id=program.id)
                self._fill(session, row, replace(template, held_on=day))
                session.add(row)
                rows.append(row)
            session.flush()
            ids = [row.id for row in rows]
            return tuple(reversed(self._records(session, [ActivitySession.id.in_(ids)], len(ids))))

    def update(self, uid: str, session_input: SessionInput) -> SessionRecord:
        session_input = clean_session(session_input)
        with self._db.unit_of_work() as session:
            row = find_session(session, uid)
            row.program_id = find_program(session, session_input.program_uid).id
            self._fill(session, row, session_input)
            session.flush()
            return self._records(session, [ActivitySession.id == row.id], 1)[0]

    def delete(self, *uids: str) -> None:
        """To the Trash, all or none (a whole series at once): their attendance and hours then
        count nowhere, until they are restored."""
        with self._db.unit_of_work() as session:
            when = utc_now()
            for uid in uids:
                find_session(session, uid).deleted_at = when

    def restore(self, *uids: str) -> None:
        with self._db.unit_of_work() as session:
            for uid in uids:
                find_session(session, uid, include_trash=True).deleted_at = None

    @staticmethod
    def _fill(session: Session, row: ActivitySession, session_input: SessionInput) -> None:
        row.held_on = session_input.held_on
        row.starts_at = session_input.starts_at
        row.ends_at = session_input.ends_at
        row.venue_id = (
            find_venue(session, session_input.venue_uid, kept_from=row.venue_id).id
            if session_input.venue_uid
            else None
        )
        row.topic = session_input.topic
        row.notes = session_input.notes

    @staticmethod
    def _records(
        session: Session, conditions: list[ColumnElement[bool]], limit: int
    ) -> tuple[SessionRecord, ...]:
        named = (
            select(func.count())
            .select_from(Attendance)
            .join(Person, Person.id == Attendance.person_id)
            .where(Attendance.session_id == ActivitySession.id, Person.deleted_at.is_(None))
            .correlate(ActivitySession)
            .scalar_subquery()
        )
        anonymous = (
            select(func.coalesce(func.sum(anonymous_remainder()), 0))
            .where(HeadCount.session_id == ActivitySession.id)
            .correlate(ActivitySession)
            .scalar_subquery()
        )
        own_venue = select(Venue).subquery()
        rows = session.execute(
            select(ActivitySession, Program, Venue, own_venue.c.uid, own_venue.c.name, named)
            .add_columns(anonymous)
            .join(Program, Program.id == ActivitySession.program_id)
            .outerjoin(Venue, Venue.id == ActivitySession.venue_id)
            .outerjoin(own_venue, own_venue.c.id == Program.venue_id)
            .where(*conditions)
            .order_by(ActivitySession.held_on.desc(), ActivitySession.starts_at.desc())
            .limit(limit)
        ).all()
        return tuple(
            SessionRecord(
                uid=row.uid,
                program_uid=program.uid,
                program_name=program.name,
                held_on=row.held_on,
                starts_at=row.starts_at,
                ends_at=row.ends_at,
                venue_uid=venue.uid if venue else "",
                venue_name=venue.name if venue else (usual_name or ""),
                topic=row.topic,
                notes=row.notes,
                named=int(named_count or 0),
                anonymous=int(anonymous_count or 0),
            )
            for row, program, venue, _usual_uid, usual_name, named_count, anonymous_count in rows
        )


def find_session(session: Session, uid: str, include_trash: bool = False) -> ActivitySession:
    missing = _("This session no longer exists.")
    return by_uid(session, ActivitySession, uid, missing, include_deleted=include_trash)
