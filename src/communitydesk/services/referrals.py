"""The referral log: who was sent to which service, by whom, and what came of it.

A referral is followed up a week later by default. Working through the follow-ups due, the
coordinator records the outcome; "waiting" asks for the next follow-up date, any other outcome
closes the follow-up. Only what DOMAIN.md allows is kept: no case notes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Final

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import Session, aliased

from communitydesk.core.errors import ValidationError
from communitydesk.core.i18n import N_, _
from communitydesk.core.text import fold
from communitydesk.db.name_search import contains
from communitydesk.db.session import Database
from communitydesk.models import (
    DirectoryService,
    Household,
    LookupItem,
    Person,
    Referral,
    ServiceContactPerson,
    ServiceOrganization,
)
from communitydesk.models.base import utc_now
from communitydesk.models.referrals import REFERRAL_OUTCOMES
from communitydesk.services.directory import find_contact, find_service
from communitydesk.services.people import display_name, find_person
from communitydesk.services.records import by_uid

FOLLOW_UP_AFTER: Final = timedelta(days=7)
TEXT_LIMIT: Final = 500
OUTCOMES: Final = {
    "connected": N_("Connected"),
    "waiting": N_("Waiting"),
    "not_eligible": N_("Not eligible"),
    "did_not_go": N_("Did not go"),
    "other": N_("Other"),
}
assert tuple(OUTCOMES) == REFERRAL_OUTCOMES
SORTS: Final = (
    "referred_on",
    "follow_up_on",
    "who",
    "service",
    "outcome",
    "organization",
    "category",
    "referred_by",
)


def default_follow_up(referred_on: date) -> date:
    return referred_on + FOLLOW_UP_AFTER


@dataclass(frozen=True)
class ReferralInput:
    """A referral as typed. Give a person, a household, or both (the person's household)."""

    service_uid: str
    referred_on: date
    person_uid: str = ""
    household_uid: str = ""
    contact_uid: str = ""
    reason: str = ""
    referred_by_uid: str = ""
    referred_by: str = ""
    follow_up_on: date | None = None
    outcome: str = ""
    outcome_on: date | None = None
    outcome_note: str = ""
    barriers: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReferralRecord(ReferralInput):
    uid: str = ""
    person_name: str = ""
    household_name: str = ""
    service_name: str = ""
    organization_name: str = ""
    category: str = ""
    contact_name: str = ""
    referred_by_name: str = ""

    @property
    def who(self) -> str:
        return self.person_name or self.household_name

    def is_due(self, today: date) -> bool:
        return self.follow_up_on is not None and self.follow_up_on <= today

    def as_input(self) -> ReferralInput:
        return ReferralInput(
            service_uid=self.service_uid,
            referred_on=self.referred_on,
            person_uid=self.person_uid,
            household_uid=self.household_uid,
            contact_uid=self.contact_uid,
            reason=self.reason,
            referred_by_uid=self.referred_by_uid,
            referred_by=self.referred_by,
            follow_up_on=self.follow_up_on,
            outcome=self.outcome,
            outcome_on=self.outcome_on,
            outcome_note=self.outcome_note,
            barriers=self.barriers,
        )


@dataclass(frozen=True)
class ReferralFilter:
    text: str = ""
    person_uid: str = ""
    household_uid: str = ""
    service_uid: str = ""
    category: str = ""
    # An outcome code; "open" for referrals with no outcome yet.
    outcome: str = ""
    starts_on: date | None = None
    ends_on: date | None = None
    # Only follow-ups due on or before `due_by`.
    due_by: date | None = None


def _short(text: str, name: str) -> str:
    cleaned = " ".join(text.split())
    if len(cleaned) > TEXT_LIMIT:
        raise ValidationError(
            name, _("Keep this under {count} characters.").format(count=TEXT_LIMIT)
        )
    return cleaned


def clean_referral(session: Session, referral: ReferralInput, today: date) -> ReferralInput:
    if not referral.service_uid:
        raise ValidationError("service", _("Choose the service the referral is to."))
    if not referral.person_uid and not referral.household_uid:
        raise ValidationError("who", _("Say who was referred: a person or a household."))
    if referral.referred_on > today:
        raise ValidationError("referred_on", _("The date of the referral cannot be in the future."))
    if referral.follow_up_on is not None and referral.follow_up_on < referral.referred_on:
        raise ValidationError("follow_up_on", _("The follow-up cannot come before the referral."))
    if referral.outcome and referral.outcome not in OUTCOMES:
        raise ValidationError("outcome", _("Choose the outcome from the list."))
    if referral.outcome_on is not None and referral.outcome_on < referral.referred_on:
        raise ValidationError("outcome_on", _("The outcome cannot come before the referral."))
    barriers = tuple(dict.fromkeys(code for code in referral.barriers if code))
    known = set(
        session.scalars(select(LookupItem.code).where(LookupItem.list_key == "referral_barrier"))
    )
    unknown = [code for code in barriers if code not in known]
    if unknown:
        raise ValidationError(
            "barriers", _("Choose from the list: {value} is not in it.").format(value=unknown[0])
        )
    return replace(
        referral,
        reason=_short(referral.reason, "reason"),
        referred_by=_short(referral.referred_by, "referred_by")[:200],
        outcome_note=_short(referral.outcome_note, "outcome_note"),
        outcome_on=(referral.outcome_on or today) if referral.outcome else None,
        barriers=barriers,
    )


_Referrer = aliased(Person)


RecordRow = Select[
    Referral, DirectoryService, ServiceOrganization, Person, Household, ServiceContactPerson, Person
]


def _records_query() -> RecordRow:
    return (
        select(
            Referral,
            DirectoryService,
            ServiceOrganization,
            Person,
            Household,
            ServiceContactPerson,
            _Referrer,
        )
        .join(DirectoryService, DirectoryService.id == Referral.service_id)
        .join(ServiceOrganization, ServiceOrganization.id == DirectoryService.organization_id)
        .outerjoin(Person, Person.id == Referral.person_id)
        .outerjoin(Household, Household.id == Referral.household_id)
        .outerjoin(ServiceContactPerson, ServiceContactPerson.id == Referral.contact_id)
        .outerjoin(_Referrer, _Referrer.id == Referral.referred_by_id)
        .where(Referral.deleted_at.is_(None))
    )


def _record(
    referral: Referral,
    service: DirectoryService,
    organization: ServiceOrganization,
    person: Person | None,
    household: Household | None,
    contact: ServiceContactPerson | None,
    referrer: Person | None,
) -> ReferralRecord:
    return ReferralRecord(
        service_uid=service.uid,
        referred_on=referral.referred_on,
        person_uid=person.uid if person else "",
        household_uid=household.uid if household else "",
        contact_uid=contact.uid if contact else "",
        reason=referral.reason,
        referred_by_uid=referrer.uid if referrer else "",
        referred_by=referral.referred_by,
        follow_up_on=referral.follow_up_on,
        outcome=referral.outcome,
        outcome_on=referral.outcome_on,
        outcome_note=referral.outcome_note,
        barriers=tuple(referral.barriers),
        uid=referral.uid,
        person_name=display_name(person.given_name, person.family_name) if person else "",
        household_name=household.name if household else "",
        service_name=service.name,
        organization_name=organization.name,
        category=service.category,
        contact_name=contact.name if contact else "",
        referred_by_name=(
            display_name(referrer.given_name, referrer.family_name)
            if referrer
            else referral.referred_by
        ),
    )


class ReferralLog:
    def __init__(self, db: Database) -> None:
        self._db = db

    # --- reading -------------------------------------------------------------------------------

    def _conditions(self, session: Session, wanted: ReferralFilter) -> list[ColumnElement[bool]]:
        conditions: list[ColumnElement[bool]] = []
        if wanted.person_uid:
            conditions.append(Referral.person_id == find_person(session, wanted.person_uid).id)
        if wanted.household_uid:
            household = self._household(session, wanted.household_uid)
            conditions.append(Referral.household_id == household.id)
        if wanted.service_uid:
            conditions.append(Referral.service_id == find_service(session, wanted.service_uid).id)
        if wanted.category:
            conditions.append(DirectoryService.category == wanted.category)
        if wanted.outcome == "open":
            conditions.append(Referral.outcome == "")
        elif wanted.outcome:
            conditions.append(Referral.outcome == wanted.outcome)
        if wanted.starts_on:
            conditions.append(Referral.referred_on >= wanted.starts_on)
        if wanted.ends_on:
            conditions.append(Referral.referred_on <= wanted.ends_on)
        if wanted.due_by:
            conditions.append(Referral.follow_up_on <= wanted.due_by)
        for word in fold(wanted.text).split():
            conditions.append(
                or_(
                    contains(Person.sort_key, word),
                    contains(Household.sort_key, word),
                    contains(DirectoryService.search_text, word),
                )
            )
        return conditions

    def count(self, wanted: ReferralFilter) -> int:
        with self._db.reading() as session:
            conditions = self._conditions(session, wanted)
            if wanted.text or wanted.category:
                query = _records_query().where(*conditions).with_only_columns(func.count())
            else:  # nothing to look up in the joined tables: count the log alone
                query = select(func.count()).where(Referral.deleted_at.is_(None), *conditions)
            return int(session.scalar(query) or 0)

    def page(
        self,
        wanted: ReferralFilter,
        sort: str = "referred_on",
        descending: bool = True,
        limit: int = 500,
        offset: int = 0,
    ) -> list[ReferralRecord]:
        """A page of the log, filtered and sorted in SQL (newest first by default)."""
        keys = {
            "referred_on": Referral.referred_on,
            "follow_up_on": func.coalesce(Referral.follow_up_on, date.max),
            "who": func.coalesce(Person.sort_key, func.lower(Household.name)),
            "service": func.lower(DirectoryService.name),
            "outcome": Referral.outcome,
            "organization": func.lower(ServiceOrganization.name),
            "category": DirectoryService.category,
            "referred_by": func.lower(Referral.referred_by),
        }
        key = keys.get(sort, keys["referred_on"])
        if sort == "follow_up_on" and wanted.due_by is not None:
            key = Referral.follow_up_on  # all set: read in the follow-up index's order
        with self._db.reading() as session:
            query = (
                _records_query()
                .where(*self._conditions(session, wanted))
                .order_by(key.desc() if descending else key.asc(), Referral.id.desc())
                .limit(limit)
                .offset(offset)
            )
            return [_record(*row) for row in session.execute(query)]

    def due(self, today: date | None = None, limit: int = 500) -> list[ReferralRecord]:
        """Follow-ups due today or overdue, the oldest first: the coordinator's call list."""
        today = today or date.today()
        return self.page(
            ReferralFilter(due_by=today), sort="follow_up_on", descending=False, limit=limit
        )

    def due_count(self, today: date | None = None) -> int:
        return self.count(ReferralFilter(due_by=today or date.today()))

    def next_follow_up(self, today: date | None = None) -> date | None:
        """The first follow-up planned after `today` (what an empty call list looks forward to)."""
        today = today or date.today()
        with self._db.reading() as session:
            return session.scalar(
                select(func.min(Referral.follow_up_on)).where(
                    Referral.deleted_at.is_(None), Referral.follow_up_on > today
                )
            )

    def phones(self, uids: Sequence[str]) -> dict[str, str]:
        """The number to call about each referral: the person's, else their household's."""
        if not uids:
            return {}
        with self._db.reading() as session:
            rows = session.execute(
                select(Referral.uid, Person.phone, Household.phone)
                .outerjoin(Person, Person.id == Referral.person_id)
                .outerjoin(Household, Household.id == Referral.household_id)
                .where(Referral.uid.in_(list(uids)))
            )
            return {uid: person or household or "" for uid, person, household in rows}

    def signed_in_name(self) -> str:
        """The name of the profile using the app ("" without profiles): who refers, by default."""
        return self._db.actor

    def get(self, uid: str) -> ReferralRecord:
        with self._db.reading() as session:
            referral = self._row(session, uid)
            row = session.execute(_records_query().where(Referral.id == referral.id)).one()
            return _record(*row)

    # --- writing -------------------------------------------------------------------------------

    def create(self, referral: ReferralInput, today: date | None = None) -> str:
        with self._db.unit_of_work() as session:
            row = Referral()
            self._fill(session, row, clean_referral(session, referral, today or date.today()))
            session.add(row)
            session.flush()
            return row.uid

    def update(self, uid: str, referral: ReferralInput, today: date | None = None) -> None:
        with self._db.unit_of_work() as session:
            row = self._row(session, uid)
            self._fill(session, row, clean_referral(session, referral, today or date.today()))

    def record_outcome(
        self,
        uid: str,
        outcome: str,
        on: date,
        note: str = "",
        barriers: tuple[str, ...] | None = None,
        next_follow_up: date | None = None,
        today: date | None = None,
    ) -> None:
        """What came of the referral. "Waiting" keeps it on the follow-up list (a week on from
        `on` unless `next_follow_up` says otherwise); any other outcome takes it off."""
        with self._db.unit_of_work() as session:
            row = self._row(session, uid)
            current = _record(
                *session.execute(_records_query().where(Referral.id == row.id)).one()
            ).as_input()
            follow_up = (next_follow_up or default_follow_up(on)) if outcome == "waiting" else None
            changed = replace(
                current,
                outcome=outcome,
                outcome_on=on,
                outcome_note=note,
                barriers=current.barriers if barriers is None else barriers,
                follow_up_on=follow_up,
            )
            if not outcome:
                raise ValidationError("outcome", _("Choose the outcome from the list."))
            self._fill(session, row, clean_referral(session, changed, today or date.today()))

    def delete(self, *uids: str) -> None:
        """To the Trash, all or none."""
        now = utc_now()
        with self._db.unit_of_work() as session:
            for uid in uids:
                self._row(session, uid).deleted_at = now

    def restore(self, *uids: str) -> None:
        with self._db.unit_of_work() as session:
            for uid in uids:
                self._row(session, uid, any_state=True).deleted_at = None

    def _fill(self, session: Session, row: Referral, referral: ReferralInput) -> None:
        person = find_person(session, referral.person_uid) if referral.person_uid else None
        household = (
            self._household(session, referral.household_uid) if referral.household_uid else None
        )
        if household is None and person is not None and person.household_id is not None:
            household = session.get(Household, person.household_id)
        service = find_service(session, referral.service_uid, include_trash=row.id is not None)
        contact = find_contact(session, referral.contact_uid) if referral.contact_uid else None
        if contact is not None and contact.organization_id != service.organization_id:
            raise ValidationError(
                "contact", _("This contact person works at another organization.")
            )
        referrer = (
            find_person(session, referral.referred_by_uid) if referral.referred_by_uid else None
        )
        row.person_id = person.id if person else None
        row.household_id = household.id if household else None
        row.service_id = service.id
        row.contact_id = contact.id if contact else None
        row.referred_on = referral.referred_on
        row.reason = referral.reason
        row.referred_by_id = referrer.id if referrer else None
        row.referred_by = (
            display_name(referrer.given_name, referrer.family_name)
            if referrer
            else referral.referred_by
        )
        row.follow_up_on = referral.follow_up_on
        row.outcome = referral.outcome
        row.outcome_on = referral.outcome_on
        row.outcome_note = referral.outcome_note
        row.barriers = list(referral.barriers)

    @staticmethod
    def _household(session: Session, uid: str) -> Household:
        return by_uid(session, Household, uid, _("This household no longer exists."))

    @staticmethod
    def _row(session: Session, uid: str, any_state: bool = False) -> Referral:
        missing = _("This referral is no longer in the log.")
        return by_uid(session, Referral, uid, missing, include_deleted=any_state)
