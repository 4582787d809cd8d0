"""One-to-one support logged as contacts: with whom, when, what kind, how long, by whom.

A contact is with a person, a household, or a person within their household. The household
list's "last contact" is the latest contact with the household or any of its members.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Final

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session, aliased

from communitydesk.core.errors import ValidationError
from communitydesk.core.i18n import N_, _
from communitydesk.db.session import Database
from communitydesk.models import Household, Person, SupportContact
from communitydesk.models.base import utc_now
from communitydesk.services.people import display_name, find_person
from communitydesk.services.records import by_uid

SUPPORT_KINDS: Final = {
    "orientation": N_("Orientation and information"),
    "accompaniment": N_("Accompaniment to an appointment"),
    "interpretation": N_("Interpretation or translation"),
    "form_help": N_("Help with forms"),
    "check_in": N_("Check-in call or visit"),
    "referral": N_("Referral to a service"),
    "other": N_("Other support"),
}
NOTE_LIMIT: Final = 500
LONGEST_MINUTES: Final = 24 * 60


@dataclass(frozen=True)
class ContactInput:
    """What a volunteer logs. Give a person, a household, or both (the person's household)."""

    contact_on: date
    kind: str
    person_uid: str = ""
    household_uid: str = ""
    minutes: int | None = None
    language: str = ""
    volunteer_uid: str = ""
    note: str = ""


@dataclass(frozen=True)
class ContactRecord:
    uid: str
    contact_on: date
    kind: str
    with_whom: str  # the person's name, or the household's
    minutes: int | None
    language: str
    volunteer: str
    note: str


def _clean(contact: ContactInput, today: date) -> ContactInput:
    if contact.kind not in SUPPORT_KINDS:
        raise ValidationError("kind", _("Choose the kind of support from the list."))
    if not contact.person_uid and not contact.household_uid:
        raise ValidationError("with", _("Say who the contact was with."))
    if contact.contact_on > today:
        raise ValidationError("contact_on", _("The date of the contact cannot be in the future."))
    if contact.minutes is not None and not 0 <= contact.minutes <= LONGEST_MINUTES:
        raise ValidationError("minutes", _("A contact lasts from 0 minutes to one day."))
    note = " ".join(contact.note.split())
    if len(note) > NOTE_LIMIT:
        raise ValidationError(
            "note", _("Keep the note under {count} characters.").format(count=NOTE_LIMIT)
        )
    return replace(contact, note=note, language=contact.language.strip())


class SupportService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def log(self, contact: ContactInput, today: date | None = None) -> ContactRecord:
        contact = _clean(contact, today or date.today())
        with self._db.unit_of_work() as session:
            person = find_person(session, contact.person_uid) if contact.person_uid else None
            household = (
                self._household(session, contact.household_uid) if contact.household_uid else None
            )
            if household is None and person is not None and person.household_id is not None:
                household = session.get(Household, person.household_id)
            volunteer = (
                find_person(session, contact.volunteer_uid) if contact.volunteer_uid else None
            )
            row = SupportContact(
                person_id=person.id if person else None,
                household_id=household.id if household else None,
                contact_on=contact.contact_on,
                kind=contact.kind,
                minutes=contact.minutes,
                language=contact.language,
                volunteer_id=volunteer.id if volunteer else None,
                note=contact.note,
            )
            session.add(row)
            session.flush()
            return self._records(session, SupportContact.id == row.id)[0]

    def remove(self, uid: str) -> None:
        """Take back a contact logged by mistake (undo can reinstate it)."""
        with self._db.unit_of_work() as session:
            self._row(session, uid).deleted_at = utc_now()

    def reinstate(self, uid: str) -> None:
        with self._db.unit_of_work() as session:
            self._row(session, uid, any_state=True).deleted_at = None

    def for_household(self, uid: str, limit: int = 50) -> tuple[ContactRecord, ...]:
        """The latest contacts with the household or any of its members, newest first."""
        with self._db.reading() as session:
            household = self._household(session, uid, any_state=True)
            members = select(Person.id).where(Person.household_id == household.id)
            condition = or_(
                SupportContact.household_id == household.id,
                SupportContact.person_id.in_(members),
            )
            return self._records(session, condition, limit)

    def for_person(self, uid: str, limit: int = 50) -> tuple[ContactRecord, ...]:
        with self._db.reading() as session:
            person = find_person(session, uid, include_trash=True)
            return self._records(session, SupportContact.person_id == person.id, limit)

    @staticmethod
    def _records(
        session: Session, condition: ColumnElement[bool], limit: int = 50
    ) -> tuple[ContactRecord, ...]:
        volunteer = aliased(Person)
        rows = session.execute(
            select(SupportContact, Person, Household, volunteer)
            .outerjoin(Person, Person.id == SupportContact.person_id)
            .outerjoin(Household, Household.id == SupportContact.household_id)
            .outerjoin(volunteer, volunteer.id == SupportContact.volunteer_id)
            .where(condition, SupportContact.deleted_at.is_(None))
            .order_by(SupportContact.contact_on.desc(), SupportContact.id.desc())
            .limit(limit)
        ).all()
        return tuple(
            ContactRecord(
                uid=row.uid,
                contact_on=row.contact_on,
                kind=row.kind,
                with_whom=(
                    display_name(person.given_name, person.family_name)
                    if person is not None
                    else household.name
                    if household is not None
                    else ""
                ),
                minutes=row.minutes,
                language=row.language,
                volunteer=display_name(helper.given_name, helper.family_name) if helper else "",
                note=row.note,
            )
            for row, person, household, helper in rows
        )

    @staticmethod
    def _household(session: Session, uid: str, any_state: bool = False) -> Household:
        missing = _("This household no longer exists.")
        return by_uid(session, Household, uid, missing, include_deleted=any_state)

    @staticmethod
    def _row(session: Session, uid: str, any_state: bool = False) -> SupportContact:
        missing = _("This contact is no longer in the log.")
        return by_uid(session, SupportContact, uid, missing, include_deleted=any_state)
