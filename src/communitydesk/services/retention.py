"""How long the personal details of people no longer active are kept, and anonymizing them.

A person is active while they volunteer, hold a membership, or were in contact: their last
activity is the latest of a one-to-one contact, the end of a membership, and the last change to
their record. Past the organization's retention, their identifying details are removed. The row
stays, with what counts need (age band, languages, country, year of arrival, community), so the
figures of past reports do not change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Select, delete, func, select, update
from sqlalchemy.orm import Session

from communitydesk.core.errors import ValidationError
from communitydesk.core.i18n import _
from communitydesk.db.history import redact
from communitydesk.db.session import Database
from communitydesk.models import (
    Consent,
    Membership,
    Organization,
    Person,
    Referral,
    SupportContact,
    Volunteer,
)
from communitydesk.models.base import utc_now
from communitydesk.services.people import AGE_BANDS, display_name

LONGEST: int = 50
IDENTIFYING = (
    "family_name",
    "latin_name",
    "preferred_name",
    "phone",
    "other_phone",
    "email",
    "address",
    "gender",
    "notes",
    "sensitive_notes",
)


@dataclass(frozen=True)
class Inactive:
    uid: str
    display_name: str
    last_activity: date


def age_band(birth_year: int | None, today: date) -> str:
    """The band a year of birth falls in today (what reports count), '' when not known."""
    if birth_year is None:
        return ""
    age = today.year - birth_year
    for band in AGE_BANDS:
        low, _dash, high = band.partition("-")
        if band.endswith("+") and age >= int(band[:-1]):
            return band
        if high and int(low) <= age <= int(high):
            return band
    return ""


class RetentionService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def years(self) -> int | None:
        with self._db.reading() as session:
            return session.scalar(select(Organization.retention_years).limit(1))

    def set_years(self, years: int | None) -> None:
        if years is not None and not 1 <= years <= LONGEST:
            raise ValidationError(
                "retention_years", _("Keep details 1 to 50 years, or without limit.")
            )
        with self._db.unit_of_work() as session:
            organization = session.scalars(select(Organization).limit(1)).one()
            organization.retention_years = years

    def past_retention(self, today: date | None = None) -> tuple[Inactive, ...]:
        """People inactive for longer than the organization keeps details, oldest first."""
        today = today or date.today()
        years = self.years()
        if years is None:
            return ()
        limit = today - timedelta(days=round(365.25 * years))
        with self._db.reading() as session:
            rows = session.execute(self._last_activity(session)).all()
        found = [
            Inactive(row[0], display_name(row[1], row[2]), date.fromisoformat(str(row[3])[:10]))
            for row in rows
        ]
        found = [person for person in found if person.last_activity < limit]
        return tuple(sorted(found, key=lambda p: (p.last_activity, p.display_name)))

    def anonymize(self, uids: list[str], today: date | None = None) -> int:
        """Remove the identifying details of these people, in one transaction; returns how many."""
        today = today or date.today()
        done = 0
        with self._db.unit_of_work() as session:
            for person in session.scalars(
                select(Person).where(Person.uid.in_(uids), Person.anonymized_at.is_(None))
            ):
                person.age_band = person.age_band or age_band(person.birth_year, today)
                for name in (
                    "family_name",
                    "latin_name",
                    "preferred_name",
                    "phone",
                    "other_phone",
                    "email",
                    "address",
                    "gender",
                    "notes",
                    "sensitive_notes",
                ):
                    setattr(person, name, "")
                person.given_name = "—"
                person.birth_year = None
                person.sort_key = person.name_skeleton = ""
                person.anonymized_at = utc_now()
                session.execute(delete(Consent).where(Consent.person_id == person.id))
                session.execute(delete(Volunteer).where(Volunteer.person_id == person.id))
                session.execute(
                    update(SupportContact)
                    .where(SupportContact.person_id == person.id)
                    .values(note="")
                )
                # The referral stays counted in the groundwork report; why and how it went go.
                session.execute(
                    update(Referral)
                    .where(Referral.person_id == person.id)
                    .values(reason="", outcome_note="")
                )
                redact(session, person.uid)
                done += 1
        return done

    @staticmethod
    def _last_activity(session: Session) -> Select[Any]:
        contact = (
            select(SupportContact.person_id, func.max(SupportContact.contact_on).label("on"))
            .where(SupportContact.deleted_at.is_(None))
            .group_by(SupportContact.person_id)
            .subquery()
        )
        membership = (
            select(Membership.person_id, func.max(Membership.end_date).label("on"))
            .where(Membership.deleted_at.is_(None))
            .group_by(Membership.person_id)
            .subquery()
        )
        referral = (
            select(Referral.person_id, func.max(Referral.referred_on).label("on"))
            .where(Referral.deleted_at.is_(None))
            .group_by(Referral.person_id)
            .subquery()
        )
        volunteers = select(Volunteer.person_id).where(Volunteer.deleted_at.is_(None))
        return (
            select(
                Person.uid,
                Person.given_name,
                Person.family_name,
                func.max(
                    func.coalesce(contact.c.on, "0001-01-01"),
                    func.coalesce(membership.c.on, "0001-01-01"),
                    func.coalesce(referral.c.on, "0001-01-01"),
                    func.date(Person.updated_at),
                ),
            )
            .outerjoin(contact, contact.c.person_id == Person.id)
            .outerjoin(membership, membership.c.person_id == Person.id)
            .outerjoin(referral, referral.c.person_id == Person.id)
            .where(
                Person.deleted_at.is_(None),
                Person.anonymized_at.is_(None),
                Person.id.not_in(volunteers),
            )
        )
