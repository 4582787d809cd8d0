"""People: one record per person whatever their roles, with consent, a Trash and a purge.

Search is accent- and case-insensitive over the name as written and its Latin spelling, and
forgives doubled letters ("Mohamed" finds "Mohammed"). Sorting and filtering happen in SQL.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any, Final

from sqlalchemy import ColumnElement, and_, delete, func, select, update
from sqlalchemy.orm import Session

from communitydesk.core.errors import NotFoundError, ValidationError
from communitydesk.core.i18n import N_, _
from communitydesk.core.text import fold, search_key, skeleton
from communitydesk.db.history import redact
from communitydesk.db.name_search import indexed_words, list_contains, name_conditions
from communitydesk.db.session import Database
from communitydesk.models import (
    Consent,
    Household,
    Membership,
    Organization,
    Person,
    Volunteer,
)
from communitydesk.models.base import utc_now
from communitydesk.services.access import can_see_sensitive
from communitydesk.services.phones import normalize_email, normalize_phone

AGE_BANDS: Final = ("0-5", "6-12", "13-17", "18-24", "25-44", "45-64", "65+")
CONSENT_KINDS: Final = ("signed", "verbal")
CONSENT_SCOPES: Final = (
    "contact_phone",
    "contact_email",
    "contact_text",
    "photos",
    "hub_sharing",
    "quoting",
)

SCOPE_LABELS: Final = {
    "contact_phone": N_("Contact by phone"),
    "contact_email": N_("Contact by e-mail"),
    "contact_text": N_("Contact by text message"),
    "photos": N_("Photos"),
    "hub_sharing": N_("Sharing with the partner hub"),
    "quoting": N_("Quoting their words"),
}


@dataclass(frozen=True)
class PersonInput:
    """What a volunteer types on the person form."""

    given_name: str
    family_name: str = ""
    latin_name: str = ""
    preferred_name: str = ""
    phone: str = ""
    other_phone: str = ""
    email: str = ""
    address: str = ""
    birth_year: int | None = None
    age_band: str = ""
    gender: str = ""
    languages: tuple[str, ...] = ()
    country_of_origin: str = ""
    arrival_year: int | None = None
    community: str = ""
    notes: str = ""
    sensitive_notes: str = ""


@dataclass(frozen=True)
class ConsentInput:
    kind: str
    given_on: date
    scopes: tuple[str, ...]
    witness: str = ""


@dataclass(frozen=True)
class ConsentRecord:
    uid: str
    kind: str
    given_on: date
    scopes: tuple[str, ...]
    witness: str
    withdrawn_on: date | None


@dataclass(frozen=True)
class PersonDetail:
    uid: str
    person: PersonInput
    household: str
    household_role: str
    newcomer: bool
    consents: tuple[ConsentRecord, ...] = ()
    deleted_at: datetime | None = None
    # True when the profile signed in may not read sensitive notes: they are left out.
    sensitive_hidden: bool = False

    @property
    def display_name(self) -> str:
        return display_name(self.person.given_name, self.person.family_name)

    @property
    def allowed(self) -> frozenset[str]:
        """What the person's consent allows today (withdrawn consent allows nothing)."""
        return frozenset(
            scope for c in self.consents if c.withdrawn_on is None for scope in c.scopes
        )


@dataclass(frozen=True)
class PersonRow:
    uid: str
    display_name: str
    latin_name: str
    household: str
    languages: tuple[str, ...]
    phone: str
    deleted_at: datetime | None = field(default=None, compare=False)


@dataclass(frozen=True)
class RosterFilter:
    """What the roster shows: every field narrows the list; the default shows everyone."""

    text: str = ""
    role: str | None = None  # "volunteer"
    language: str = ""  # a language code, e.g. "so"
    community: str = ""
    membership: str = ""  # one of MEMBERSHIP_FILTERS, "" for anyone
    newcomers_only: bool = False
    trash: bool = False
    sort: str = "name"  # one of SORTS
    descending: bool = False


SORTS: Final = ("name", "latin_name", "household", "languages", "phone")


@dataclass(frozen=True)
class FilterChoices:
    languages: tuple[str, ...]
    communities: tuple[str, ...]


@dataclass(frozen=True)
class PeoplePage:
    rows: tuple[PersonRow, ...]
    total: int


def display_name(given_name: str, family_name: str) -> str:
    return " ".join(part for part in (given_name, family_name) if part)


def person_sort_key(given_name: str, family_name: str, latin_name: str) -> str:
    return search_key(given_name, family_name, latin_name)


def clean_person(person: PersonInput, today: date) -> PersonInput:
    """Tidy what was typed, or raise ValidationError naming the field."""

    def words(text: str) -> str:
        return " ".join(text.split())

    if not words(person.given_name):  # first, as the form shows it first
        raise ValidationError("given_name", _("Write at least a first name."))
    cleaned = replace(
        person,
        given_name=words(person.given_name),
        family_name=words(person.family_name),
        latin_name=words(person.latin_name),
        preferred_name=words(person.preferred_name),
        gender=words(person.gender),
        community=words(person.community),
        phone=normalize_phone(person.phone),
        other_phone=normalize_phone(person.other_phone),
        email=normalize_email(person.email),
        address=person.address.strip(),
        country_of_origin=person.country_of_origin.strip().upper(),
        languages=tuple(dict.fromkeys(code.strip() for code in person.languages if code.strip())),
        notes=person.notes.strip(),
        sensitive_notes=person.sensitive_notes.strip(),
    )
    if cleaned.birth_year is not None and not 1900 <= cleaned.birth_year <= today.year:
        raise ValidationError(
            "birth_year",
            _("The year of birth must be between 1900 and {year}.").format(year=today.year),
        )
    if cleaned.age_band and cleaned.age_band not in AGE_BANDS:
        raise ValidationError("age_band", _("Choose an age band from the list."))
    if cleaned.arrival_year is not None:
        if not 1900 <= cleaned.arrival_year <= today.year:
            raise ValidationError(
                "arrival_year",
                _("The year of arrival must be between 1900 and {year}.").format(year=today.year),
            )
        if cleaned.birth_year is not None and cleaned.arrival_year < cleaned.birth_year:
            raise ValidationError(
                "arrival_year", _("The year of arrival comes before the year of birth.")
            )
    if cleaned.country_of_origin and len(cleaned.country_of_origin) != 2:
        raise ValidationError("country_of_origin", _("Choose a country from the list."))
    return cleaned


def person_columns(person: PersonInput) -> dict[str, object]:
    key = person_sort_key(person.given_name, person.family_name, person.latin_name)
    return {
        "given_name": person.given_name,
        "family_name": person.family_name,
        "latin_name": person.latin_name,
        "preferred_name": person.preferred_name,
        "phone": person.phone,
        "other_phone": person.other_phone,
        "email": person.email,
        "address": person.address,
        "birth_year": person.birth_year,
        "age_band": person.age_band,
        "gender": person.gender,
        "languages": list(person.languages),
        "country_of_origin": person.country_of_origin,
        "arrival_year": person.arrival_year,
        "community": person.community,
        "notes": person.notes,
        "sensitive_notes": person.sensitive_notes,
        "sort_key": key,
        "name_skeleton": skeleton(key),
    }


def person_input(row: Person) -> PersonInput:
    return PersonInput(
        given_name=row.given_name,
        family_name=row.family_name,
        latin_name=row.latin_name,
        preferred_name=row.preferred_name,
        phone=row.phone,
        other_phone=row.other_phone,
        email=row.email,
        address=row.address,
        birth_year=row.birth_year,
        age_band=row.age_band,
        gender=row.gender,
        languages=tuple(row.languages or ()),
        country_of_origin=row.country_of_origin,
        arrival_year=row.arrival_year,
        community=row.community,
        notes=row.notes,
        sensitive_notes=row.sensitive_notes,
    )


MEMBERSHIP_FILTERS: Final = ("member", "paid", "due", "lapsed", "none")


def _membership_condition(status: str, today: date) -> ColumnElement[bool]:
    """People by the status of their latest membership (see services.membership)."""
    if status == "none":
        return Person.id.not_in(select(Membership.person_id).where(Membership.deleted_at.is_(None)))
    latest = (
        select(Membership.person_id, func.max(Membership.end_date).label("end_date"))
        .where(Membership.deleted_at.is_(None))
        .group_by(Membership.person_id)
        .subquery()
    )
    holding = (
        select(Membership.person_id)
        .join(
            latest,
            (latest.c.person_id == Membership.person_id)
            & (latest.c.end_date == Membership.end_date),
        )
        .where(Membership.deleted_at.is_(None))
    )
    if status == "lapsed":
        holding = holding.where(Membership.end_date < today)
    else:
        holding = holding.where(Membership.end_date >= today)
        if status == "paid":
            holding = holding.where(Membership.paid_on.is_not(None))
        elif status == "due":
            holding = holding.where(Membership.paid_on.is_(None))
    return Person.id.in_(holding)


def roster_condition(session: Session, wanted: RosterFilter, today: date) -> ColumnElement[bool]:
    """The SQL condition for the people a roster filter shows (sorting aside)."""
    conditions: list[ColumnElement[bool]] = [
        Person.deleted_at.is_not(None) if wanted.trash else Person.deleted_at.is_(None),
        Person.anonymized_at.is_(None),  # kept for counts only, no longer a person to list
    ]
    if wanted.role == "volunteer":
        conditions.append(
            Person.id.in_(select(Volunteer.person_id).where(Volunteer.deleted_at.is_(None)))
        )
    elif wanted.role is not None:
        raise ValidationError("role", _("Unknown role '{role}'.").format(role=wanted.role))
    if wanted.language:
        conditions.append(list_contains(Person.languages, wanted.language))
    if wanted.community:
        conditions.append(Person.community == wanted.community)
    if wanted.membership:
        if wanted.membership not in MEMBERSHIP_FILTERS:
            raise ValidationError(
                "membership",
                _("Unknown membership status '{status}'.").format(status=wanted.membership),
            )
        conditions.append(_membership_condition(wanted.membership, today))
    if wanted.newcomers_only:
        years = session.scalar(select(Organization.newcomer_years).limit(1)) or 5
        conditions.append(Person.arrival_year >= today.year - years)
    conditions += name_conditions(session, fold(wanted.text).split())
    return and_(*conditions)


class PeopleService:
    def __init__(self, db: Database) -> None:
        self._db = db

    # --- lists -----------------------------------------------------------------------------------

    def search(
        self,
        text: str = "",
        limit: int = 200,
        offset: int = 0,
        trash: bool = False,
        role: str | None = None,
    ) -> PeoplePage:
        """People whose names contain every word typed, sorted by name (the Trash: newest first)."""
        return self.roster(RosterFilter(text=text, role=role, trash=trash), limit, offset)

    def roster(
        self, wanted: RosterFilter, limit: int = 200, offset: int = 0, today: date | None = None
    ) -> PeoplePage:
        """One page of the roster, filtered and sorted in SQL, with the total that matched."""
        if wanted.sort not in SORTS:
            raise ValidationError("sort", _("Unknown sort '{sort}'.").format(sort=wanted.sort))
        sort_column = {
            "name": Person.sort_key,
            "latin_name": func.lower(Person.latin_name),
            "household": Household.sort_key,
            # The stored list's text: languages sort by their codes, which an index can serve.
            "languages": Person.languages,
            "phone": Person.phone,
        }[wanted.sort]
        order: list[Any]
        if wanted.trash and wanted.sort == "name" and not wanted.descending:
            order = [Person.deleted_at.desc(), Person.id]  # the Trash: latest first
        else:
            # Ties go the same way as the column, so one index read backwards serves both.
            columns: list[Any] = [sort_column, Person.sort_key, Person.id]
            if wanted.sort == "name":
                columns = [Person.sort_key, Person.id]
            if indexed_words(fold(wanted.text).split()):
                # A word of three letters or more matches a few thousand people at most:
                # SQLite must start from the name index (FTS5) and sort those, not walk the
                # whole roster in order testing each one; an expression keeps the sort index out.
                columns = [func.coalesce(c, c) for c in columns]
            order = [c.desc() if wanted.descending else c.asc() for c in columns]
        with self._db.reading() as session:
            condition = roster_condition(session, wanted, today or date.today())
            total = session.scalar(select(func.count()).select_from(Person).where(condition))
            # Only the shown columns: hydrating 500 whole entities would double the time.
            rows = session.execute(
                select(
                    Person.uid,
                    Person.given_name,
                    Person.family_name,
                    Person.latin_name,
                    Household.name,
                    Person.languages,
                    Person.phone,
                    Person.deleted_at,
                )
                .outerjoin(Household, Person.household_id == Household.id)
                .where(condition)
                .order_by(*order)
                .limit(limit)
                .offset(offset)
            ).all()
            page = tuple(
                PersonRow(
                    uid=uid,
                    display_name=display_name(given, family),
                    latin_name=latin,
                    household=household or "",
                    languages=tuple(languages or ()),
                    phone=phone,
                    deleted_at=deleted_at,
                )
                for uid, given, family, latin, household, languages, phone, deleted_at in rows
            )
        return PeoplePage(page, int(total or 0))

    def filter_choices(self) -> FilterChoices:
        """The languages and communities present in the roster, for the filter lists."""
        with self._db.reading() as session:
            language_lists = session.scalars(
                select(Person.languages).where(Person.deleted_at.is_(None)).distinct()
            ).all()
            communities = session.scalars(
                select(Person.community)
                .where(Person.deleted_at.is_(None), Person.community != "")
                .distinct()
                .order_by(Person.community)
            ).all()
        languages = sorted({code for codes in language_lists for code in codes or ()})
        return FilterChoices(tuple(languages), tuple(communities))

    # --- one person ------------------------------------------------------------------------------

    def get(self, uid: str, today: date | None = None) -> PersonDetail:
        with self._db.reading() as session:
            return self._shown(
                self._detail(session, self._row(session, uid, any_state=True), today)
            )

    def create(self, person: PersonInput, today: date | None = None) -> PersonDetail:
        person = clean_person(person, today or date.today())
        if not can_see_sensitive(self._db.role):
            person = replace(person, sensitive_notes="")
        with self._db.unit_of_work() as session:
            row = Person(**person_columns(person))
            session.add(row)
            session.flush()
            return self._shown(self._detail(session, row, today))

    def update(self, uid: str, person: PersonInput, today: date | None = None) -> PersonDetail:
        person = clean_person(person, today or date.today())
        columns = person_columns(person)
        if not can_see_sensitive(self._db.role):
            del columns["sensitive_notes"]  # what they cannot see, they cannot overwrite
        with self._db.unit_of_work() as session:
            row = self._row(session, uid)
            for name, value in columns.items():
                setattr(row, name, value)
            session.flush()
            return self._shown(self._detail(session, row, today))

    def delete(self, uid: str) -> PersonRow:
        """Move to the Trash (restorable); returns the row as it was, for an undo."""
        with self._db.unit_of_work() as session:
            row = self._row(session, uid)
            row.deleted_at = utc_now()
            return PersonRow(
                row.uid,
                display_name(row.given_name, row.family_name),
                row.latin_name,
                "",
                tuple(row.languages or ()),
                row.phone,
            )

    def restore(self, uid: str) -> None:
        with self._db.unit_of_work() as session:
            row = self._row(session, uid, any_state=True)
            row.deleted_at = None

    def purge(self, uid: str) -> str:
        """Remove a person from the Trash for good, with their consents and volunteer record.

        For a person who asked to be forgotten. Returns the name that was removed.
        """
        with self._db.unit_of_work() as session:
            row = self._row(session, uid, any_state=True)
            if row.deleted_at is None:
                raise ValidationError(
                    "person", _("Move the person to the Trash before removing them for good.")
                )
            name = display_name(row.given_name, row.family_name)
            session.execute(delete(Consent).where(Consent.person_id == row.id))
            session.execute(delete(Volunteer).where(Volunteer.person_id == row.id))
            session.execute(
                update(Household)
                .where(Household.main_contact_id == row.id)
                .values(main_contact_id=None)
            )
            uid = row.uid
            session.delete(row)
            # The history keeps that a record was removed, not who it was about.
            redact(session, uid)
        return name

    # --- consent ---------------------------------------------------------------------------------

    def add_consent(self, uid: str, consent: ConsentInput) -> ConsentRecord:
        if consent.kind not in CONSENT_KINDS:
            raise ValidationError("kind", _("Say whether the consent was signed or given aloud."))
        scopes = tuple(s for s in CONSENT_SCOPES if s in consent.scopes)
        if not scopes:
            raise ValidationError("scopes", _("Tick at least one thing the person agrees to."))
        if consent.given_on > date.today():
            raise ValidationError("given_on", _("The date of consent cannot be in the future."))
        with self._db.unit_of_work() as session:
            person = self._row(session, uid)
            row = Consent(
                person_id=person.id,
                kind=consent.kind,
                given_on=consent.given_on,
                scopes=list(scopes),
                witness=consent.witness.strip(),
            )
            session.add(row)
            session.flush()
            return _consent(row)

    def withdraw_consent(self, consent_uid: str, on: date | None = None) -> None:
        with self._db.unit_of_work() as session:
            row = session.scalars(select(Consent).where(Consent.uid == consent_uid)).first()
            if row is None:
                raise NotFoundError(_("This consent record no longer exists."))
            row.withdrawn_on = on or date.today()

    # --- helpers ---------------------------------------------------------------------------------

    @staticmethod
    def _row(session: Session, uid: str, any_state: bool = False) -> Person:
        return find_person(session, uid, include_trash=any_state)

    def shows_sensitive(self) -> bool:
        """Whether the profile signed in may read and write sensitive notes."""
        return can_see_sensitive(self._db.role)

    def _shown(self, detail: PersonDetail) -> PersonDetail:
        """The record as the profile signed in may read it."""
        if can_see_sensitive(self._db.role):
            return detail
        person = replace(detail.person, sensitive_notes="")
        return replace(detail, person=person, sensitive_hidden=True)

    @staticmethod
    def _detail(session: Session, row: Person, today: date | None) -> PersonDetail:
        today = today or date.today()
        household = session.scalars(
            select(Household.name).where(Household.id == row.household_id)
        ).first()
        years = session.scalar(select(Organization.newcomer_years).limit(1)) or 5
        consents = session.scalars(
            select(Consent)
            .where(Consent.person_id == row.id, Consent.deleted_at.is_(None))
            .order_by(Consent.given_on, Consent.id)
        ).all()
        return PersonDetail(
            uid=row.uid,
            person=person_input(row),
            household=household or "",
            household_role=row.household_role,
            newcomer=row.arrival_year is not None and row.arrival_year >= today.year - years,
            consents=tuple(_consent(c) for c in consents),
            deleted_at=row.deleted_at,
        )


def find_person(session: Session, uid: str, include_trash: bool = False) -> Person:
    """The person with this uid, or NotFoundError (people in the Trash only when asked)."""
    row = session.scalars(select(Person).where(Person.uid == uid)).first()
    if row is None or (row.deleted_at is not None and not include_trash):
        raise NotFoundError(_("This person is no longer in the roster."))
    return row


def _consent(row: Consent) -> ConsentRecord:
    return ConsentRecord(
        row.uid, row.kind, row.given_on, tuple(row.scopes or ()), row.witness, row.withdrawn_on
    )
