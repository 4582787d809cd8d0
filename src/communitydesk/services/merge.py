"""Merge two records of one person: the fields chosen one by one, and everything that pointed at
the second record (consents, memberships, contacts, volunteering, household, attendance, hours,
feedback) moved to the first.
The second goes to the Trash. What moved is recorded, so the merge can be undone.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, Final

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from communitydesk.core.errors import NotAllowedError, NotFoundError, ValidationError
from communitydesk.core.i18n import _
from communitydesk.db.session import Database
from communitydesk.models import (
    Attendance,
    Base,
    ChangeEntry,
    Consent,
    Feedback,
    Household,
    Membership,
    MergeRecord,
    Person,
    Program,
    Referral,
    Suggestion,
    SupportContact,
    Volunteer,
    VolunteerCheck,
    VolunteerHours,
    VolunteerRole,
)
from communitydesk.models.base import utc_now
from communitydesk.services.people import (
    PersonInput,
    display_name,
    find_person,
    person_columns,
    person_input,
)

# Every column that points at a person, and moves to the survivor.
REFERENCES: Final[tuple[tuple[type[Base], str], ...]] = (
    (Consent, "person_id"),
    (Membership, "person_id"),
    (SupportContact, "person_id"),
    (SupportContact, "volunteer_id"),
    (VolunteerRole, "backup_person_id"),
    (Household, "main_contact_id"),
    (VolunteerHours, "person_id"),
    (Feedback, "person_id"),
    (Suggestion, "person_id"),
    (Program, "leader_id"),
    (Referral, "person_id"),
    (Referral, "referred_by_id"),
)
MODELS: Final = {
    model.__tablename__: model
    for model in (
        Consent,
        Membership,
        SupportContact,
        VolunteerRole,
        VolunteerCheck,
        Household,
        Volunteer,
        VolunteerHours,
        Feedback,
        Suggestion,
        Program,
        Attendance,
        Referral,
    )
}
FIELDS: Final = tuple(f.name for f in fields(PersonInput))


@dataclass(frozen=True)
class MergeResult:
    uid: str
    survivor_uid: str
    name: str


def merged_person(survivor: PersonInput, other: PersonInput, take: set[str]) -> PersonInput:
    """The survivor's values, but the other's for the fields in `take`, and wherever the
    survivor's is empty (nothing typed by anyone is lost)."""
    values = {}
    for name in FIELDS:
        mine, theirs = getattr(survivor, name), getattr(other, name)
        values[name] = theirs if name in take or (not mine and theirs) else mine
    return PersonInput(**values)


class MergeService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def merge(self, survivor_uid: str, other_uid: str, take: set[str] | None = None) -> MergeResult:
        """`take`: the fields where the other record's value wins."""
        if survivor_uid == other_uid:
            raise ValidationError("person", _("Choose two different people to merge."))
        if self._db.may_write is not None and not self._db.may_write("person"):
            raise NotAllowedError(_("The profile signed in can look at this but not change it."))
        take = take or set()
        with self._db.unit_of_work() as session:
            survivor = find_person(session, survivor_uid)
            other = find_person(session, other_uid)
            before = {name: _plain(getattr(survivor, name)) for name in _COLUMNS}
            before["household_id"] = survivor.household_id
            before["household_role"] = survivor.household_role
            merged = merged_person(person_input(survivor), person_input(other), take)
            for name, value in person_columns(merged).items():
                setattr(survivor, name, value)
            if survivor.household_id is None and other.household_id is not None:
                survivor.household_id, survivor.household_role = (
                    other.household_id,
                    other.household_role,
                )
            moved = self._move(session, other.id, survivor.id)
            other.deleted_at = utc_now()
            record = MergeRecord(
                actor=self._db.actor,
                survivor_id=survivor.id,
                merged_id=other.id,
                survivor_before=before,
                moved=moved,
            )
            session.add(record)
            name = display_name(survivor.given_name, survivor.family_name)
            session.add(
                ChangeEntry(
                    actor=self._db.actor,
                    action="merge",
                    record_kind="person",
                    record_uid=survivor.uid,
                    label=name,
                    changes={"merged": [display_name(other.given_name, other.family_name), name]},
                )
            )
            session.flush()
            return MergeResult(record.uid, survivor.uid, name)

    def undo(self, merge_uid: str) -> None:
        """Put both records back as they were before the merge."""
        with self._db.unit_of_work() as session:
            record = session.scalars(
                select(MergeRecord).where(MergeRecord.uid == merge_uid)
            ).first()
            if record is None:
                raise NotFoundError(_("This merge is no longer recorded."))
            if record.undone_at is not None:
                raise ValidationError("merge", _("This merge was already undone."))
            survivor = session.get(Person, record.survivor_id)
            other = session.get(Person, record.merged_id)
            if survivor is None or other is None:
                raise NotFoundError(_("One of the two people was removed for good since."))
            for name, value in record.survivor_before.items():
                setattr(survivor, name, value)
            for move in record.moved["rows"]:
                model = MODELS[move["table"]]
                session.execute(
                    update(model)
                    .where(model.id.in_(move["ids"]))
                    .values({move["column"]: move["back"]})
                )
            other.deleted_at = None
            record.undone_at = utc_now()

    @staticmethod
    def _move(session: Session, old: int, new: int) -> dict[str, Any]:
        rows: list[dict[str, Any]] = []

        def move(model: type[Base], column: str, where: Any, back: int, to: int) -> None:
            key = model.id  # type: ignore[attr-defined]
            ids = list(session.scalars(select(key).where(where)))
            if ids:
                session.execute(update(model).where(key.in_(ids)).values({column: to}))
                rows.append(
                    {"table": model.__tablename__, "column": column, "ids": ids, "back": back}
                )

        for model, column in REFERENCES:
            move(model, column, getattr(model, column) == old, old, new)
        # A session both records attended keeps one attendance: the survivor's.
        both = select(Attendance.session_id).where(Attendance.person_id == new)
        move(
            Attendance,
            "person_id",
            (Attendance.person_id == old) & Attendance.session_id.not_in(both),
            old,
            new,
        )
        mine = session.scalar(select(Volunteer.id).where(Volunteer.person_id == new))
        theirs = session.scalar(select(Volunteer.id).where(Volunteer.person_id == old))
        if theirs is not None and mine is None:
            move(Volunteer, "person_id", Volunteer.id == theirs, old, new)
        elif theirs is not None and mine is not None:
            for model in (VolunteerRole, VolunteerCheck):
                move(model, "volunteer_id", model.volunteer_id == theirs, theirs, mine)
        return {"rows": rows}


_COLUMNS: Final = tuple(person_columns(PersonInput("x")).keys())


def _plain(value: object) -> object:
    return list(value) if isinstance(value, (list, tuple)) else value
