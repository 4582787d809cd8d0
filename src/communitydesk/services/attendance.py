"""Who came to a session: people ticked by name, people counted without names, and the link
between the two so that nobody is counted twice.

A session's attendance is saved as a whole (one transaction) and the state it replaced is
returned, so that the window can undo the save exactly.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from typing import Final

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from communitydesk.core.errors import ValidationError
from communitydesk.core.i18n import N_, _
from communitydesk.db.session import Database
from communitydesk.models import ActivitySession, Attendance, HeadCount, Person
from communitydesk.services.people import (
    AGE_BANDS,
    PersonInput,
    clean_person,
    display_name,
    person_columns,
)
from communitydesk.services.sessions import SessionRecord, SessionService, find_session

HEAD_COUNT_GENDERS: Final = {
    "woman": N_("Women and girls"),
    "man": N_("Men and boys"),
    "another": N_("Another gender"),
    "": N_("Not noted"),
}
LARGEST_HEAD_COUNT: Final = 100_000


@dataclass(frozen=True)
class Attendee:
    person_uid: str
    name: str
    latin_name: str = ""


@dataclass(frozen=True)
class HeadCountLine:
    """People counted without names in one group (any part may be "" for not noted)."""

    age_band: str = ""
    gender: str = ""
    language: str = ""
    people: int = 0

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.age_band, self.gender, self.language)


@dataclass(frozen=True)
class AttendanceState:
    """Everything a session's attendance is: saved whole, and returned whole for an undo."""

    present: frozenset[str] = frozenset()  # person uids
    head_counts: tuple[HeadCountLine, ...] = ()
    # Named people who were first among a head count's people: person uid -> the group's key.
    links: tuple[tuple[str, tuple[str, str, str]], ...] = ()


@dataclass(frozen=True)
class AttendanceSheet:
    session: SessionRecord
    present: tuple[Attendee, ...]
    state: AttendanceState

    def anonymous(self, line: HeadCountLine) -> int:
        """The group's people not named since."""
        linked = sum(1 for _uid, key in self.state.links if key == line.key)
        return max(line.people - linked, 0)


def clean_head_counts(lines: Collection[HeadCountLine]) -> tuple[HeadCountLine, ...]:
    merged: dict[tuple[str, str, str], int] = {}
    for line in lines:
        if line.age_band and line.age_band not in AGE_BANDS:
            raise ValidationError("age_band", _("Choose an age band from the list."))
        if line.gender not in HEAD_COUNT_GENDERS:
            raise ValidationError("gender", _("Choose a gender group from the list."))
        if not 0 <= line.people <= LARGEST_HEAD_COUNT:
            raise ValidationError(
                "people",
                _("A head count is a number from 0 to {count}.").format(count=LARGEST_HEAD_COUNT),
            )
        key = (line.age_band, line.gender, line.language.strip())
        merged[key] = merged.get(key, 0) + line.people
    return tuple(
        HeadCountLine(band, gender, language, people)
        for (band, gender, language), people in merged.items()
        if people > 0
    )


class AttendanceService:
    def __init__(self, db: Database) -> None:
        self._db = db
        self._sessions = SessionService(db)

    def sheet(self, session_uid: str) -> AttendanceSheet:
        record = self._sessions.get(session_uid)
        with self._db.reading() as session:
            row = find_session(session, session_uid)
            return AttendanceSheet(record, self._present(session, row.id), _state(session, row.id))

    def save(self, session_uid: str, state: AttendanceState) -> AttendanceState:
        """Make the session's attendance exactly `state`; returns what it was before."""
        head_counts = clean_head_counts(state.head_counts)
        wanted = {line.key: line.people for line in head_counts}
        # A group set to 0 is still there: naming someone from it says "more than it counted".
        typed = {line.key for line in state.head_counts}
        wanted.update({key: 0 for key in typed - wanted.keys()})
        for _uid, key in state.links:
            if key not in wanted:
                raise ValidationError("links", _("A person is linked to a head count removed."))
        linked_to: dict[tuple[str, str, str], int] = {}
        for uid, key in state.links:
            if uid not in state.present:
                raise ValidationError("links", _("Only people ticked present can be linked."))
            linked_to[key] = linked_to.get(key, 0) + 1
        for key, count in linked_to.items():
            if count > wanted[key]:
                raise ValidationError(
                    "links",
                    _("More people are named from a head count than it counted."),
                )
        with self._db.unit_of_work() as session:
            row = find_session(session, session_uid)
            before = _state(session, row.id)
            ids = _person_ids(session, state.present)
            # People in the Trash are not on the sheet; their attendance waits for them there.
            trashed = select(Person.id).where(Person.deleted_at.is_not(None))
            session.execute(
                delete(Attendance).where(
                    Attendance.session_id == row.id, Attendance.person_id.not_in(trashed)
                )
            )
            session.execute(delete(HeadCount).where(HeadCount.session_id == row.id))
            count_ids: dict[tuple[str, str, str], int] = {}
            for line in head_counts:
                count_ids[line.key] = session.execute(
                    insert(HeadCount)
                    .values(
                        session_id=row.id,
                        age_band=line.age_band,
                        gender=line.gender,
                        language=line.language,
                        people=line.people,
                    )
                    .returning(HeadCount.id)
                ).scalar_one()
            links = dict(state.links)
            if ids:
                session.execute(
                    insert(Attendance),
                    [
                        {
                            "session_id": row.id,
                            "person_id": person_id,
                            "head_count_id": count_ids.get(links[uid]) if uid in links else None,
                        }
                        for uid, person_id in ids.items()
                    ],
                )
            return before

    def add_newcomer(self, session_uid: str, person: PersonInput) -> Attendee:
        """A first-time participant: a minimal record, ticked present, in one transaction."""
        person = clean_person(person, date.today())
        with self._db.unit_of_work() as session:
            row = find_session(session, session_uid)
            newcomer = Person(**person_columns(person))
            session.add(newcomer)
            session.flush()
            session.execute(insert(Attendance), [{"session_id": row.id, "person_id": newcomer.id}])
            return Attendee(
                newcomer.uid,
                display_name(newcomer.given_name, newcomer.family_name),
                newcomer.latin_name,
            )

    def previous_attendees(self, session_uid: str) -> tuple[Attendee, ...]:
        """Who came to the program's session before this one ("same as last session")."""
        with self._db.reading() as session:
            row = find_session(session, session_uid)
            previous = session.scalar(
                select(ActivitySession.id)
                .where(
                    ActivitySession.program_id == row.program_id,
                    ActivitySession.deleted_at.is_(None),
                    ActivitySession.held_on < row.held_on,
                    select(Attendance.id)
                    .where(Attendance.session_id == ActivitySession.id)
                    .exists(),
                )
                .order_by(ActivitySession.held_on.desc())
                .limit(1)
            )
            return self._present(session, previous) if previous is not None else ()

    def expected(self, session_uid: str, sessions_back: int = 4) -> tuple[Attendee, ...]:
        """People who came to any of the program's last few sessions before this one, and those
        already ticked for it: the names a sign-in sheet lists."""
        with self._db.reading() as session:
            row = find_session(session, session_uid)
            recent = (
                select(ActivitySession.id)
                .where(
                    ActivitySession.program_id == row.program_id,
                    ActivitySession.deleted_at.is_(None),
                    ActivitySession.held_on <= row.held_on,
                )
                .order_by(ActivitySession.held_on.desc())
                .limit(sessions_back + 1)
                .scalar_subquery()
            )
            people = session.execute(
                select(Person.uid, Person.given_name, Person.family_name, Person.latin_name)
                .where(
                    Person.deleted_at.is_(None),
                    Person.id.in_(
                        select(Attendance.person_id).where(Attendance.session_id.in_(recent))
                    ),
                )
                .order_by(Person.sort_key)
            ).all()
            return tuple(
                Attendee(uid, display_name(given, family), latin)
                for uid, given, family, latin in people
            )

    @staticmethod
    def _present(session: Session, session_id: int) -> tuple[Attendee, ...]:
        rows = session.execute(
            select(Person.uid, Person.given_name, Person.family_name, Person.latin_name)
            .join(Attendance, Attendance.person_id == Person.id)
            .where(Attendance.session_id == session_id, Person.deleted_at.is_(None))
            .order_by(Person.sort_key)
        ).all()
        return tuple(
            Attendee(uid, display_name(given, family), latin) for uid, given, family, latin in rows
        )


def _state(session: Session, session_id: int) -> AttendanceState:
    lines = {
        row.id: HeadCountLine(row.age_band, row.gender, row.language, row.people)
        for row in session.scalars(
            select(HeadCount).where(HeadCount.session_id == session_id).order_by(HeadCount.id)
        )
    }
    present = session.execute(
        select(Person.uid, Attendance.head_count_id)
        .join(Attendance, Attendance.person_id == Person.id)
        .where(Attendance.session_id == session_id, Person.deleted_at.is_(None))
    ).all()
    return AttendanceState(
        present=frozenset(uid for uid, _count in present),
        head_counts=tuple(lines.values()),
        links=tuple(
            sorted((uid, lines[count_id].key) for uid, count_id in present if count_id in lines)
        ),
    )


def _person_ids(session: Session, uids: Collection[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    wanted = list(uids)
    # SQLite takes up to 32,766 parameters; a festival's attendance stays far below a chunk.
    for start in range(0, len(wanted), 5000):
        chunk = wanted[start : start + 5000]
        found.update(
            session.execute(
                select(Person.uid, Person.id).where(
                    Person.uid.in_(chunk), Person.deleted_at.is_(None)
                )
            ).all()
        )
    missing = len(set(wanted)) - len(found)
    if missing:
        raise ValidationError(
            "present", _("Someone ticked is no longer in the roster; look at the list again.")
        )
    return found
