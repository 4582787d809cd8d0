"""Volunteers: what they do, who backs them up, and which screenings and trainings expire soon.

High turnover is the rule in small groups: every role names its backup, and the coordinator sees
each police check or training that expires within the next weeks.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from communitydesk.core.errors import NotFoundError, ValidationError
from communitydesk.core.i18n import N_, _
from communitydesk.db.session import Database
from communitydesk.models import Person, Volunteer, VolunteerCheck, VolunteerRole
from communitydesk.models.base import utc_now
from communitydesk.services.people import display_name, find_person
from communitydesk.services.phones import normalize_phone

CHECK_KINDS: Final = {"screening": N_("Screening"), "training": N_("Training")}
EXPIRY_WINDOW_DAYS: Final = 60


@dataclass(frozen=True)
class VolunteerInput:
    start_date: date
    skills: str = ""
    availability: str = ""
    emergency_name: str = ""
    emergency_phone: str = ""


@dataclass(frozen=True)
class RoleRecord:
    uid: str
    role: str
    backup: str  # the backup's name, empty when nobody backs this role up


@dataclass(frozen=True)
class CheckRecord:
    uid: str
    kind: str
    name: str
    done_on: date
    expires_on: date | None


@dataclass(frozen=True)
class VolunteerDetail:
    person_uid: str
    display_name: str
    volunteer: VolunteerInput
    roles: tuple[RoleRecord, ...]
    checks: tuple[CheckRecord, ...]


@dataclass(frozen=True)
class VolunteerRow:
    person_uid: str
    display_name: str
    start_date: date
    skills: str
    roles: tuple[str, ...]


@dataclass(frozen=True)
class VolunteerSnapshot:
    """A person's volunteer record as it was, to put back on undo (None: not a volunteer)."""

    person_uid: str
    volunteer: VolunteerInput | None
    live_records: frozenset[str]  # the uids of the roles and checks in force


@dataclass(frozen=True)
class ExpiringCheck:
    person_uid: str
    display_name: str
    kind: str
    name: str
    expires_on: date
    days_left: int  # negative: already expired


class VolunteerService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def enroll(self, person_uid: str, volunteer: VolunteerInput) -> VolunteerDetail:
        """Make the person a volunteer, or update their volunteer record."""
        volunteer = replace(
            volunteer,
            skills=volunteer.skills.strip(),
            availability=volunteer.availability.strip(),
            emergency_name=" ".join(volunteer.emergency_name.split()),
            emergency_phone=normalize_phone(volunteer.emergency_phone),
        )
        if volunteer.start_date > date.today():
            raise ValidationError("start_date", _("The start date cannot be in the future."))
        with self._db.unit_of_work() as session:
            person = self._person(session, person_uid)
            row = session.scalars(select(Volunteer).where(Volunteer.person_id == person.id)).first()
            if row is None:
                row = Volunteer(person_id=person.id, start_date=volunteer.start_date)
                session.add(row)
            row.deleted_at = None
            row.start_date = volunteer.start_date
            row.skills = volunteer.skills
            row.availability = volunteer.availability
            row.emergency_name = volunteer.emergency_name
            row.emergency_phone = volunteer.emergency_phone
            session.flush()
            return self._detail(session, person, row)

    def get(self, person_uid: str) -> VolunteerDetail | None:
        with self._db.reading() as session:
            person = self._person(session, person_uid)
            row = self._volunteer(session, person, required=False)
            return self._detail(session, person, row) if row else None

    def stop(self, person_uid: str) -> None:
        """The person no longer volunteers (their history stays, restorable by enrolling)."""
        with self._db.unit_of_work() as session:
            row = self._volunteer(session, self._person(session, person_uid))
            assert row is not None
            row.deleted_at = utc_now()

    def add_role(self, person_uid: str, role: str, backup_uid: str = "") -> VolunteerDetail:
        role = " ".join(role.split())
        if not role:
            raise ValidationError("role", _("Name the role, e.g. phone tree or set-up."))
        with self._db.unit_of_work() as session:
            person = self._person(session, person_uid)
            row = self._volunteer(session, person)
            assert row is not None
            backup = self._person(session, backup_uid) if backup_uid else None
            if backup is not None and backup.id == person.id:
                raise ValidationError("backup", _("A volunteer cannot be their own backup."))
            session.add(
                VolunteerRole(
                    volunteer_id=row.id, role=role, backup_person_id=backup.id if backup else None
                )
            )
            session.flush()
            return self._detail(session, person, row)

    def add_check(
        self, person_uid: str, kind: str, name: str, done_on: date, expires_on: date | None
    ) -> VolunteerDetail:
        name = " ".join(name.split())
        if kind not in CHECK_KINDS:
            raise ValidationError("kind", _("Choose screening or training."))
        if not name:
            raise ValidationError("name", _("Name the screening or training."))
        if expires_on is not None and expires_on < done_on:
            raise ValidationError("expires_on", _("It cannot expire before it was done."))
        with self._db.unit_of_work() as session:
            person = self._person(session, person_uid)
            row = self._volunteer(session, person)
            assert row is not None
            session.add(
                VolunteerCheck(
                    volunteer_id=row.id,
                    kind=kind,
                    name=name,
                    done_on=done_on,
                    expires_on=expires_on,
                )
            )
            session.flush()
            return self._detail(session, person, row)

    def remove(self, record_uid: str) -> None:
        """Remove a role or a check (a mistake typed in), by its uid; undo can bring it back."""
        with self._db.unit_of_work() as session:
            role = session.scalars(select(VolunteerRole).where(VolunteerRole.uid == record_uid))
            check = session.scalars(select(VolunteerCheck).where(VolunteerCheck.uid == record_uid))
            row = role.first() or check.first()
            if row is not None and row.deleted_at is None:
                row.deleted_at = utc_now()
                return
        raise NotFoundError(_("This record no longer exists."))

    # --- undo ------------------------------------------------------------------------------------

    def snapshot(self, person_uid: str) -> VolunteerSnapshot:
        with self._db.reading() as session:
            person = self._person(session, person_uid)
            row = self._volunteer(session, person, required=False)
            if row is None:
                return VolunteerSnapshot(person_uid, None, frozenset())
            detail = self._detail(session, person, row)
            live = {r.uid for r in detail.roles} | {c.uid for c in detail.checks}
            return VolunteerSnapshot(person_uid, detail.volunteer, frozenset(live))

    def put_back(self, snapshot: VolunteerSnapshot) -> None:
        """The volunteer record, its roles and checks as in `snapshot` (one transaction)."""
        with self._db.unit_of_work() as session:
            person = self._person(session, snapshot.person_uid)
            row = session.scalars(select(Volunteer).where(Volunteer.person_id == person.id)).first()
            if snapshot.volunteer is None:
                if row is not None and row.deleted_at is None:
                    row.deleted_at = utc_now()
                return
            if row is None:
                row = Volunteer(person_id=person.id, start_date=snapshot.volunteer.start_date)
                session.add(row)
                session.flush()
            row.deleted_at = None
            row.start_date = snapshot.volunteer.start_date
            row.skills = snapshot.volunteer.skills
            row.availability = snapshot.volunteer.availability
            row.emergency_name = snapshot.volunteer.emergency_name
            row.emergency_phone = snapshot.volunteer.emergency_phone
            records: list[VolunteerRole | VolunteerCheck] = [
                *session.scalars(select(VolunteerRole).where(VolunteerRole.volunteer_id == row.id)),
                *session.scalars(
                    select(VolunteerCheck).where(VolunteerCheck.volunteer_id == row.id)
                ),
            ]
            for record in records:
                if record.uid in snapshot.live_records:
                    record.deleted_at = None
                elif record.deleted_at is None:
                    record.deleted_at = utc_now()

    def list(self) -> tuple[VolunteerRow, ...]:
        with self._db.reading() as session:
            rows = session.execute(
                select(Volunteer, Person)
                .join(Person, Person.id == Volunteer.person_id)
                .where(Volunteer.deleted_at.is_(None), Person.deleted_at.is_(None))
                .order_by(Person.sort_key, Person.id)
            ).all()
            roles: dict[int, list[str]] = {}
            for volunteer_id, role in session.execute(
                select(VolunteerRole.volunteer_id, VolunteerRole.role)
                .where(VolunteerRole.deleted_at.is_(None))
                .order_by(VolunteerRole.role)
            ):
                roles.setdefault(volunteer_id, []).append(role)
            return tuple(
                VolunteerRow(
                    person.uid,
                    display_name(person.given_name, person.family_name),
                    volunteer.start_date,
                    volunteer.skills,
                    tuple(roles.get(volunteer.id, ())),
                )
                for volunteer, person in rows
            )

    def expiring(
        self, within_days: int = EXPIRY_WINDOW_DAYS, today: date | None = None
    ) -> tuple[ExpiringCheck, ...]:
        """Screenings and trainings that expired or expire within `within_days`, soonest first."""
        today = today or date.today()
        with self._db.reading() as session:
            rows = session.execute(
                select(VolunteerCheck, Person)
                .join(Volunteer, Volunteer.id == VolunteerCheck.volunteer_id)
                .join(Person, Person.id == Volunteer.person_id)
                .where(
                    VolunteerCheck.deleted_at.is_(None),
                    VolunteerCheck.expires_on.is_not(None),
                    VolunteerCheck.expires_on <= today + timedelta(days=within_days),
                    Volunteer.deleted_at.is_(None),
                    Person.deleted_at.is_(None),
                )
                .order_by(VolunteerCheck.expires_on, Person.sort_key)
            ).all()
            return tuple(
                ExpiringCheck(
                    person.uid,
                    display_name(person.given_name, person.family_name),
                    check.kind,
                    check.name,
                    check.expires_on,
                    (check.expires_on - today).days,
                )
                for check, person in rows
                if check.expires_on is not None
            )

    @staticmethod
    def _person(session: Session, uid: str) -> Person:
        return find_person(session, uid)

    @staticmethod
    def _volunteer(session: Session, person: Person, required: bool = True) -> Volunteer | None:
        row = session.scalars(
            select(Volunteer).where(
                Volunteer.person_id == person.id, Volunteer.deleted_at.is_(None)
            )
        ).first()
        if row is None and required:
            raise NotFoundError(_("This person is not a volunteer."))
        return row

    @staticmethod
    def _detail(session: Session, person: Person, row: Volunteer) -> VolunteerDetail:
        backup = aliased(Person)
        roles = session.execute(
            select(VolunteerRole, backup)
            .outerjoin(backup, backup.id == VolunteerRole.backup_person_id)
            .where(VolunteerRole.volunteer_id == row.id, VolunteerRole.deleted_at.is_(None))
            .order_by(VolunteerRole.role)
        ).all()
        checks = session.scalars(
            select(VolunteerCheck)
            .where(VolunteerCheck.volunteer_id == row.id, VolunteerCheck.deleted_at.is_(None))
            .order_by(VolunteerCheck.done_on)
        ).all()
        return VolunteerDetail(
            person_uid=person.uid,
            display_name=display_name(person.given_name, person.family_name),
            volunteer=VolunteerInput(
                row.start_date,
                row.skills,
                row.availability,
                row.emergency_name,
                row.emergency_phone,
            ),
            roles=tuple(
                RoleRecord(
                    r.uid,
                    r.role,
                    display_name(b.given_name, b.family_name) if b is not None else "",
                )
                for r, b in roles
            ),
            checks=tuple(
                CheckRecord(c.uid, c.kind, c.name, c.done_on, c.expires_on) for c in checks
            ),
        )
