"""Households: several generations under one roof, a main contact, a shared address and phone.

A person is in one household at most; adding them to another moves them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Final

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from communitydesk.core.errors import ValidationError
from communitydesk.core.i18n import N_, _
from communitydesk.core.text import fold
from communitydesk.db.name_search import contains
from communitydesk.db.session import Database
from communitydesk.models import Household, Person, SupportContact
from communitydesk.models.base import utc_now
from communitydesk.services.people import display_name, find_person
from communitydesk.services.phones import normalize_phone
from communitydesk.services.records import by_uid

HOUSEHOLD_ROLES: Final = {
    "main_contact": N_("Main contact"),
    "spouse": N_("Spouse or partner"),
    "child": N_("Child"),
    "grandparent": N_("Grandparent"),
    "other": N_("Other relative"),
}


@dataclass(frozen=True)
class HouseholdInput:
    name: str
    address: str = ""
    phone: str = ""


@dataclass(frozen=True)
class HouseholdMember:
    uid: str
    display_name: str
    role: str
    birth_year: int | None


@dataclass(frozen=True)
class HouseholdRow:
    uid: str
    name: str
    main_contact: str
    members: int
    phone: str
    last_contact: date | None = None


@dataclass(frozen=True)
class HouseholdDetail:
    uid: str
    household: HouseholdInput
    main_contact_uid: str
    members: tuple[HouseholdMember, ...]


@dataclass(frozen=True)
class Placement:
    """Where one person lives: a household uid ("" for none), their role, main contact or not."""

    person_uid: str
    household_uid: str
    role: str
    main_contact: bool


@dataclass(frozen=True)
class HouseholdSnapshot:
    """A household and where the people it concerns lived, to put back on undo."""

    uid: str
    household: HouseholdInput
    deleted: bool
    placements: tuple[Placement, ...]

    def including(self, placements: tuple[Placement, ...]) -> HouseholdSnapshot:
        """This snapshot plus people it did not mention yet (e.g. added later from elsewhere)."""
        known = {p.person_uid for p in self.placements}
        extra = tuple(p for p in placements if p.person_uid not in known)
        merged = sorted(self.placements + extra, key=lambda p: p.person_uid)
        return replace(self, placements=tuple(merged))


def _clean(household: HouseholdInput) -> HouseholdInput:
    cleaned = replace(
        household,
        name=" ".join(household.name.split()),
        address=household.address.strip(),
        phone=normalize_phone(household.phone),
    )
    if not cleaned.name:
        raise ValidationError("name", _("Give the household a name, e.g. the family name."))
    return cleaned


class HouseholdService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def list(self, text: str = "", limit: int = 500) -> tuple[HouseholdRow, ...]:
        members = (
            select(Person.household_id, func.count().label("members"))
            .where(Person.deleted_at.is_(None))
            .group_by(Person.household_id)
            .subquery()
        )
        contact = select(Person).subquery()
        # The latest one-to-one contact with the household or anyone in it.
        last_contact = (
            select(func.max(SupportContact.contact_on))
            .where(
                SupportContact.deleted_at.is_(None),
                or_(
                    SupportContact.household_id == Household.id,
                    SupportContact.person_id.in_(
                        select(Person.id)
                        .where(Person.household_id == Household.id)
                        .correlate(Household)
                    ),
                ),
            )
            .scalar_subquery()
        )
        query = (
            select(
                Household.uid,
                Household.name,
                Household.phone,
                members.c.members,
                contact.c.given_name,
                contact.c.family_name,
                last_contact,
            )
            .outerjoin(members, members.c.household_id == Household.id)
            .outerjoin(contact, contact.c.id == Household.main_contact_id)
            .where(Household.deleted_at.is_(None))
            .order_by(Household.sort_key, Household.id)
            .limit(limit)
        )
        for word in fold(text).split():
            query = query.where(contains(Household.sort_key, word))
        with self._db.reading() as session:
            return tuple(
                HouseholdRow(
                    uid, name, display_name(given or "", family or ""), count or 0, phone, last
                )
                for uid, name, phone, count, given, family, last in session.execute(query)
            )

    def get(self, uid: str) -> HouseholdDetail:
        with self._db.reading() as session:
            return self._detail(session, self._row(session, uid))

    def create(self, household: HouseholdInput) -> HouseholdDetail:
        household = _clean(household)
        with self._db.unit_of_work() as session:
            row = Household(
                name=household.name,
                sort_key=fold(household.name),
                address=household.address,
                phone=household.phone,
            )
            session.add(row)
            session.flush()
            return self._detail(session, row)

    def update(self, uid: str, household: HouseholdInput) -> HouseholdDetail:
        household = _clean(household)
        with self._db.unit_of_work() as session:
            row = self._row(session, uid)
            row.name, row.address, row.phone = household.name, household.address, household.phone
            row.sort_key = fold(household.name)
            session.flush()
            return self._detail(session, row)

    def add_member(self, uid: str, person_uid: str, role: str) -> HouseholdDetail:
        if role not in HOUSEHOLD_ROLES:
            raise ValidationError("role", _("Choose a role in the household from the list."))
        with self._db.unit_of_work() as session:
            row = self._row(session, uid)
            person = self._person(session, person_uid)
            if person.household_id not in (None, row.id):
                session.execute(  # leaving the old household: it loses its main contact
                    update(Household)
                    .where(Household.main_contact_id == person.id)
                    .values(main_contact_id=None)
                )
            person.household_id = row.id
            person.household_role = role
            if role == "main_contact" or row.main_contact_id is None:
                row.main_contact_id = person.id
            session.flush()
            return self._detail(session, row)

    def remove_member(self, uid: str, person_uid: str) -> HouseholdDetail:
        with self._db.unit_of_work() as session:
            row = self._row(session, uid)
            person = self._person(session, person_uid)
            if person.household_id != row.id:
                raise ValidationError("person", _("This person is not in the household."))
            person.household_id = None
            person.household_role = ""
            if row.main_contact_id == person.id:
                row.main_contact_id = None
            session.flush()
            return self._detail(session, row)

    def set_main_contact(self, uid: str, person_uid: str) -> HouseholdDetail:
        with self._db.unit_of_work() as session:
            row = self._row(session, uid)
            person = self._person(session, person_uid)
            if person.household_id != row.id:
                raise ValidationError("person", _("The main contact must live in the household."))
            row.main_contact_id = person.id
            session.flush()
            return self._detail(session, row)

    def delete(self, uid: str) -> None:
        """Move the household to the Trash; its members stay in the roster, without it."""
        with self._db.unit_of_work() as session:
            row = self._row(session, uid)
            session.execute(
                update(Person).where(Person.household_id == row.id).values(household_id=None)
            )
            row.main_contact_id = None
            row.deleted_at = utc_now()

    # --- undo ------------------------------------------------------------------------------------

    def placements(self, person_uids: tuple[str, ...]) -> tuple[Placement, ...]:
        with self._db.reading() as session:
            return tuple(self._placement(session, find_person(session, uid)) for uid in person_uids)

    def snapshot(self, uid: str, person_uids: tuple[str, ...] = ()) -> HouseholdSnapshot:
        """The household (even in the Trash), its members and the other people named."""
        with self._db.reading() as session:
            row = self._any_row(session, uid)
            members = session.scalars(select(Person).where(Person.household_id == row.id)).all()
            people = {p.uid: p for p in members}
            for person_uid in person_uids:
                if person_uid not in people:
                    people[person_uid] = find_person(session, person_uid, include_trash=True)
            return HouseholdSnapshot(
                uid=row.uid,
                household=HouseholdInput(row.name, row.address, row.phone),
                deleted=row.deleted_at is not None,
                placements=tuple(
                    sorted(
                        (self._placement(session, p) for p in people.values()),
                        key=lambda p: p.person_uid,
                    )
                ),
            )

    def put_back(self, snapshot: HouseholdSnapshot) -> None:
        """Make the household and its people as they were in `snapshot` (one transaction)."""
        with self._db.unit_of_work() as session:
            row = self._any_row(session, snapshot.uid)
            row.name, row.address = snapshot.household.name, snapshot.household.address
            row.phone, row.sort_key = snapshot.household.phone, fold(snapshot.household.name)
            row.deleted_at = (row.deleted_at or utc_now()) if snapshot.deleted else None
            named = {p.person_uid for p in snapshot.placements}
            for person in session.scalars(select(Person).where(Person.household_id == row.id)):
                if person.uid not in named:  # joined after the snapshot
                    person.household_id, person.household_role = None, ""
            row.main_contact_id = None
            for placement in snapshot.placements:
                moved = session.scalars(
                    select(Person).where(Person.uid == placement.person_uid)
                ).first()
                if moved is None:  # removed for good since: nothing to put back
                    continue
                home = (
                    self._any_row(session, placement.household_uid)
                    if placement.household_uid
                    else None
                )
                moved.household_id = home.id if home else None
                moved.household_role = placement.role
                if home is not None and placement.main_contact:
                    home.main_contact_id = moved.id
            session.flush()

    @staticmethod
    def _placement(session: Session, person: Person) -> Placement:
        home = session.get(Household, person.household_id) if person.household_id else None
        return Placement(
            person_uid=person.uid,
            household_uid=home.uid if home else "",
            role=person.household_role,
            main_contact=home is not None and home.main_contact_id == person.id,
        )

    @staticmethod
    def _any_row(session: Session, uid: str) -> Household:
        return by_uid(session, Household, uid, _("This household no longer exists."), True)

    @staticmethod
    def _row(session: Session, uid: str) -> Household:
        return by_uid(session, Household, uid, _("This household no longer exists."))

    @staticmethod
    def _person(session: Session, uid: str) -> Person:
        return find_person(session, uid)

    @staticmethod
    def _detail(session: Session, row: Household) -> HouseholdDetail:
        people = session.scalars(
            select(Person)
            .where(Person.household_id == row.id, Person.deleted_at.is_(None))
            .order_by(Person.birth_year.is_(None), Person.birth_year, Person.sort_key)
        ).all()
        main = next((p.uid for p in people if p.id == row.main_contact_id), "")
        return HouseholdDetail(
            uid=row.uid,
            household=HouseholdInput(row.name, row.address, row.phone),
            main_contact_uid=main,
            members=tuple(
                HouseholdMember(
                    p.uid, display_name(p.given_name, p.family_name), p.household_role, p.birth_year
                )
                for p in people
            ),
        )
