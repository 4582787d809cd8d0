"""The service directory: organizations, their services and locations, and the people to call.

A service is saved with its address and its contact people in one go, the way the form shows
them: the address becomes (or updates) one of its organization's locations, shared with the
organization's other services there; contact people are kept in step with the list typed.
Browsing and searching happen in SQL over a folded search column, so a hub's directory of
thousands of services lists as fast as a group's sixty.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import date
from typing import Any, Final

from sqlalchemy import ColumnElement, Select, func, or_, select, update
from sqlalchemy.orm import Session

from communitydesk.core.errors import ValidationError
from communitydesk.core.i18n import _
from communitydesk.core.text import EMAIL, fold, search_key
from communitydesk.db.name_search import contains, list_contains
from communitydesk.db.session import Database
from communitydesk.models import (
    DirectoryService,
    LookupItem,
    ServiceContactPerson,
    ServiceLocation,
    ServiceOrganization,
)
from communitydesk.models.base import utc_now
from communitydesk.services.records import by_uid

LONGEST_TEXT: Final = 5000
SORTS: Final = ("name", "organization", "category", "verified_on")
# Each record's own fields, named alike on its form, in the database and in an exchanged file
# (the links to other records are left out: they are ids in one place, uids in another).
ORGANIZATION_FIELDS: Final = (
    "name",
    "alternate_name",
    "description",
    "website",
    "email",
    "phone",
    "notes",
)
LOCATION_FIELDS: Final = (
    "name",
    "address_1",
    "address_2",
    "city",
    "province",
    "postal_code",
    "country",
    "transit",
    "wheelchair_accessible",
    "accessibility",
)
SERVICE_FIELDS: Final = (
    "name",
    "category",
    "description",
    "eligibility",
    "what_to_bring",
    "languages",
    "in_french",
    "hours",
    "open_evenings",
    "open_weekends",
    "childcare",
    "regardless_of_status",
    "cost",
    "how_to_refer",
    "phone",
    "email",
    "website",
    "verified_on",
    "verified_by",
    "is_active",
    "notes",
)
CONTACT_FIELDS: Final = ("name", "title", "phone", "email", "languages", "notes")


def own_fields(row: object, names: tuple[str, ...]) -> dict[str, Any]:
    """The row's values of `names` as a record holds them: texts in several languages as a dict
    of its own, language lists as tuples (the row's own dicts and lists are never shared)."""
    values: dict[str, Any] = {}
    for name in names:
        value = getattr(row, name)
        if isinstance(value, dict):
            value = dict(value)
        elif isinstance(value, list):
            value = tuple(value)
        values[name] = value
    return values


def verify_before(today: date) -> date:
    """Records last verified before this date (twelve months ago) are flagged as stale."""
    try:
        return today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        return today.replace(year=today.year - 1, day=28)


def text_in(texts: dict[str, str], language: str) -> str:
    """A multilingual text in `language`, else English, else French, else any language."""
    for code in (language, "en", "fr"):
        if texts.get(code):
            return texts[code]
    return next((text for text in texts.values() if text), "")


@dataclass(frozen=True)
class OrganizationInput:
    name: str
    alternate_name: str = ""
    description: dict[str, str] = field(default_factory=dict)
    website: str = ""
    email: str = ""
    phone: str = ""
    notes: str = ""


@dataclass(frozen=True)
class OrganizationRecord(OrganizationInput):
    uid: str = ""
    services: int = 0
    exchange_source: str = ""


@dataclass(frozen=True)
class LocationInput:
    name: str = ""
    address_1: str = ""
    address_2: str = ""
    city: str = ""
    province: str = ""
    postal_code: str = ""
    country: str = "CA"
    transit: str = ""
    wheelchair_accessible: bool | None = None
    accessibility: str = ""

    def is_empty(self) -> bool:
        return not any(
            (self.name, self.address_1, self.address_2, self.city, self.postal_code, self.transit)
        ) and not (self.accessibility or self.wheelchair_accessible is not None)

    def address_lines(self) -> tuple[str, ...]:
        """The address as written on an envelope (Canadian order), empty lines left out."""
        town = " ".join(p for p in (self.city, self.province) if p)
        last = "  ".join(p for p in (town, self.postal_code) if p)
        return tuple(p for p in (self.address_1, self.address_2, last) if p)

    def one_line(self) -> str:
        return ", ".join(self.address_lines())


@dataclass(frozen=True)
class LocationRecord(LocationInput):
    uid: str = ""


@dataclass(frozen=True)
class ContactPersonInput:
    name: str
    title: str = ""
    phone: str = ""
    email: str = ""
    languages: tuple[str, ...] = ()
    notes: str = ""
    # The contact being edited; empty for a new one.
    uid: str = ""


@dataclass(frozen=True)
class ServiceInput:
    organization_uid: str
    name: str
    category: str = ""
    description: dict[str, str] = field(default_factory=dict)
    eligibility: dict[str, str] = field(default_factory=dict)
    what_to_bring: dict[str, str] = field(default_factory=dict)
    languages: tuple[str, ...] = ()
    in_french: bool = False
    hours: str = ""
    open_evenings: bool = False
    open_weekends: bool = False
    childcare: bool = False
    regardless_of_status: bool | None = None
    cost: str = ""
    how_to_refer: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    verified_on: date | None = None
    verified_by: str = ""
    is_active: bool = True
    notes: str = ""
    location: LocationInput = field(default_factory=LocationInput)
    contacts: tuple[ContactPersonInput, ...] = ()


@dataclass(frozen=True)
class ServiceRecord(ServiceInput):
    uid: str = ""
    organization_name: str = ""
    location_uid: str = ""
    # The organization's own contact people (for every service), after the service's own.
    organization_contacts: tuple[ContactPersonInput, ...] = ()
    exchange_source: str = ""

    def needs_verification(self, today: date) -> bool:
        return self.verified_on is None or self.verified_on < verify_before(today)

    def all_contacts(self) -> tuple[ContactPersonInput, ...]:
        return self.contacts + self.organization_contacts

    def as_input(self) -> ServiceInput:
        return ServiceInput(**{f.name: getattr(self, f.name) for f in fields(ServiceInput)})


@dataclass(frozen=True)
class ServiceRow:
    """One line of the directory list."""

    uid: str
    name: str
    organization: str
    category: str
    languages: tuple[str, ...]
    in_french: bool
    open_evenings: bool
    city: str
    phone: str
    verified_on: date | None
    is_active: bool


@dataclass(frozen=True)
class DirectoryFilter:
    text: str = ""
    category: str = ""
    language: str = ""
    evenings: bool = False
    in_french: bool = False
    # Only records not verified for twelve months (as of `today`).
    stale_only: bool = False
    include_inactive: bool = False
    organization_uid: str = ""


def _words(text: str, name: str, limit: int = 200) -> str:
    cleaned = " ".join(text.split())
    if len(cleaned) > limit:
        raise ValidationError(name, _("Keep this under {count} characters.").format(count=limit))
    return cleaned


def _text(text: str, name: str) -> str:
    cleaned = text.strip()
    if len(cleaned) > LONGEST_TEXT:
        raise ValidationError(
            name, _("Keep this under {count} characters.").format(count=LONGEST_TEXT)
        )
    return cleaned


def _texts(texts: dict[str, str], name: str) -> dict[str, str]:
    return {code: cleaned for code, text in texts.items() if (cleaned := _text(text, name))}


def _email(text: str, name: str) -> str:
    cleaned = text.strip()
    if cleaned and not EMAIL.match(cleaned):
        raise ValidationError(name, _("This does not look like an email address."))
    return cleaned


def _codes(codes: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(code.strip() for code in codes if code.strip()))


def clean_organization(organization: OrganizationInput) -> OrganizationInput:
    name = _words(organization.name, "name")
    if not name:
        raise ValidationError("name", _("Give the organization a name."))
    return OrganizationInput(
        name=name,
        alternate_name=_words(organization.alternate_name, "alternate_name"),
        description=_texts(organization.description, "description"),
        website=_words(organization.website, "website", 300),
        email=_email(organization.email, "email"),
        phone=_words(organization.phone, "phone", 60),
        notes=_text(organization.notes, "notes"),
    )


def clean_location(location: LocationInput) -> LocationInput:
    return LocationInput(
        name=_words(location.name, "location_name"),
        address_1=_words(location.address_1, "address_1"),
        address_2=_words(location.address_2, "address_2"),
        city=_words(location.city, "city", 120),
        province=_words(location.province, "province", 60),
        postal_code=_words(location.postal_code, "postal_code", 20).upper(),
        country=(_words(location.country, "country", 2) or "CA").upper(),
        transit=_text(location.transit, "transit"),
        wheelchair_accessible=location.wheelchair_accessible,
        accessibility=_text(location.accessibility, "accessibility"),
    )


def clean_contact(contact: ContactPersonInput) -> ContactPersonInput:
    name = _words(contact.name, "contacts")
    if not name:
        raise ValidationError("contacts", _("Give each contact person a name."))
    return replace(
        contact,
        name=name,
        title=_words(contact.title, "contacts"),
        phone=_words(contact.phone, "contacts", 60),
        email=_email(contact.email, "contacts"),
        languages=_codes(contact.languages),
        notes=_text(contact.notes, "contacts"),
    )


def clean_service(session: Session, service: ServiceInput) -> ServiceInput:
    name = _words(service.name, "name")
    if not name:
        raise ValidationError("name", _("Give the service a name."))
    if not service.organization_uid:
        raise ValidationError("organization", _("Choose the organization that offers it."))
    if service.category and not session.scalar(
        select(LookupItem.id).where(
            LookupItem.list_key == "referral_category", LookupItem.code == service.category
        )
    ):
        raise ValidationError(
            "category",
            _("Choose from the list: {value} is not in it.").format(value=service.category),
        )
    return replace(
        service,
        name=name,
        description=_texts(service.description, "description"),
        eligibility=_texts(service.eligibility, "eligibility"),
        what_to_bring=_texts(service.what_to_bring, "what_to_bring"),
        languages=_codes(service.languages),
        hours=_words(service.hours, "hours", 300),
        cost=_words(service.cost, "cost", 300),
        how_to_refer=_text(service.how_to_refer, "how_to_refer"),
        phone=_words(service.phone, "phone", 60),
        email=_email(service.email, "email"),
        website=_words(service.website, "website", 300),
        verified_by=_words(service.verified_by, "verified_by", 120),
        notes=_text(service.notes, "notes"),
        location=clean_location(service.location),
        contacts=tuple(clean_contact(contact) for contact in service.contacts),
    )


def service_search_text(
    service: DirectoryService,
    organization: ServiceOrganization,
    contacts: list[ServiceContactPerson],
) -> str:
    """What the search box finds a service by (see DirectoryService.search_text)."""
    return search_key(
        service.name,
        organization.name,
        organization.alternate_name,
        *service.description.values(),
        *service.eligibility.values(),
        *(contact.name for contact in contacts),
    )


def refresh_search_text(session: Session, organization_id: int) -> None:
    """Recompute the search column of an organization's services (after any of them, the
    organization or its contact people changed)."""
    organization = session.get_one(ServiceOrganization, organization_id)
    contacts = list(
        session.scalars(
            select(ServiceContactPerson).where(
                ServiceContactPerson.organization_id == organization_id,
                ServiceContactPerson.deleted_at.is_(None),
            )
        )
    )
    for service in session.scalars(
        select(DirectoryService).where(DirectoryService.organization_id == organization_id)
    ):
        own = [c for c in contacts if c.service_id in (None, service.id)]
        text = service_search_text(service, organization, own)
        if service.search_text != text:
            service.search_text = text


def _location(row: ServiceLocation) -> LocationRecord:
    return LocationRecord(**own_fields(row, LOCATION_FIELDS), uid=row.uid)


def _contact(row: ServiceContactPerson) -> ContactPersonInput:
    return ContactPersonInput(**own_fields(row, CONTACT_FIELDS), uid=row.uid)


def _organization(row: ServiceOrganization, services: int) -> OrganizationRecord:
    return OrganizationRecord(
        **own_fields(row, ORGANIZATION_FIELDS),
        uid=row.uid,
        services=services,
        exchange_source=row.exchange_source,
    )


def find_service(session: Session, uid: str, include_trash: bool = False) -> DirectoryService:
    missing = _("This service is no longer in the directory.")
    return by_uid(session, DirectoryService, uid, missing, include_deleted=include_trash)


def find_organization(
    session: Session, uid: str, include_trash: bool = False
) -> ServiceOrganization:
    missing = _("This organization is no longer in the directory.")
    return by_uid(session, ServiceOrganization, uid, missing, include_deleted=include_trash)


def find_contact(session: Session, uid: str) -> ServiceContactPerson:
    missing = _("This contact person is no longer in the directory.")
    return by_uid(session, ServiceContactPerson, uid, missing)


def service_record(session: Session, row: DirectoryService) -> ServiceRecord:
    organization = session.get_one(ServiceOrganization, row.organization_id)
    location = session.get(ServiceLocation, row.location_id) if row.location_id else None
    contacts = session.scalars(
        select(ServiceContactPerson)
        .where(
            ServiceContactPerson.organization_id == row.organization_id,
            ServiceContactPerson.deleted_at.is_(None),
            or_(
                ServiceContactPerson.service_id == row.id,
                ServiceContactPerson.service_id.is_(None),
            ),
        )
        .order_by(ServiceContactPerson.id)
    ).all()
    return ServiceRecord(
        organization_uid=organization.uid,
        **own_fields(row, SERVICE_FIELDS),
        location=_location(location) if location else LocationInput(),
        contacts=tuple(_contact(c) for c in contacts if c.service_id == row.id),
        uid=row.uid,
        organization_name=organization.name,
        location_uid=location.uid if location else "",
        organization_contacts=tuple(_contact(c) for c in contacts if c.service_id is None),
        exchange_source=row.exchange_source,
    )


def _same_place(a: LocationInput, b: LocationInput) -> bool:
    return fold(a.address_1) == fold(b.address_1) and fold(a.city) == fold(b.city)


class ServiceDirectory:
    def __init__(self, db: Database) -> None:
        self._db = db

    # --- organizations -------------------------------------------------------------------------

    def organizations(self) -> tuple[OrganizationRecord, ...]:
        with self._db.reading() as session:
            counts = dict(
                session.execute(
                    select(DirectoryService.organization_id, func.count())
                    .where(DirectoryService.deleted_at.is_(None))
                    .group_by(DirectoryService.organization_id)
                ).all()
            )
            rows = session.scalars(
                select(ServiceOrganization)
                .where(ServiceOrganization.deleted_at.is_(None))
                .order_by(func.lower(ServiceOrganization.name))
            )
            return tuple(_organization(row, counts.get(row.id, 0)) for row in rows)

    def organization(self, uid: str) -> OrganizationRecord:
        with self._db.reading() as session:
            row = find_organization(session, uid)
            count = session.scalar(
                select(func.count()).where(
                    DirectoryService.organization_id == row.id,
                    DirectoryService.deleted_at.is_(None),
                )
            )
            return _organization(row, count or 0)

    def organization_contacts(self, uid: str) -> tuple[ContactPersonInput, ...]:
        """The organization's contact people for all its services."""
        with self._db.reading() as session:
            row = find_organization(session, uid)
            return tuple(
                _contact(c)
                for c in session.scalars(
                    select(ServiceContactPerson)
                    .where(
                        ServiceContactPerson.organization_id == row.id,
                        ServiceContactPerson.service_id.is_(None),
                        ServiceContactPerson.deleted_at.is_(None),
                    )
                    .order_by(ServiceContactPerson.id)
                )
            )

    def save_organization(
        self,
        organization: OrganizationInput,
        uid: str = "",
        contacts: tuple[ContactPersonInput, ...] | None = None,
    ) -> str:
        """Create (no `uid`) or update an organization, and with `contacts` its own contact
        people, in one transaction. Returns its uid."""
        organization = clean_organization(organization)
        cleaned = None if contacts is None else tuple(clean_contact(c) for c in contacts)
        with self._db.unit_of_work() as session:
            row = find_organization(session, uid) if uid else ServiceOrganization()
            for name, value in vars(organization).items():
                setattr(row, name, value)
            session.add(row)
            session.flush()
            if cleaned is not None:
                self._sync_contacts(session, row.id, None, cleaned)
            refresh_search_text(session, row.id)
            return row.uid

    def delete_organization(self, uid: str) -> None:
        """To the Trash with its services, locations and contact people."""
        now = utc_now()
        with self._db.unit_of_work() as session:
            row = find_organization(session, uid)
            row.deleted_at = now
            for model in (DirectoryService, ServiceLocation, ServiceContactPerson):
                session.execute(
                    update(model)
                    .where(model.organization_id == row.id, model.deleted_at.is_(None))
                    .values(deleted_at=now)
                )

    def restore_organization(self, uid: str) -> None:
        """Back from the Trash with what was deleted with it (the same instant)."""
        with self._db.unit_of_work() as session:
            row = find_organization(session, uid, include_trash=True)
            when = row.deleted_at
            row.deleted_at = None
            for model in (DirectoryService, ServiceLocation, ServiceContactPerson):
                session.execute(
                    update(model)
                    .where(model.organization_id == row.id, model.deleted_at == when)
                    .values(deleted_at=None)
                )

    # --- services ------------------------------------------------------------------------------

    def _conditions(self, wanted: DirectoryFilter, today: date) -> list[ColumnElement[bool]]:
        conditions: list[ColumnElement[bool]] = [
            DirectoryService.deleted_at.is_(None),
        ]
        if not wanted.include_inactive:
            conditions.append(DirectoryService.is_active.is_(True))
        for word in fold(wanted.text).split():
            conditions.append(contains(DirectoryService.search_text, word))
        if wanted.category:
            conditions.append(DirectoryService.category == wanted.category)
        if wanted.language:
            conditions.append(list_contains(DirectoryService.languages, wanted.language))
        if wanted.evenings:
            conditions.append(DirectoryService.open_evenings.is_(True))
        if wanted.in_french:
            conditions.append(DirectoryService.in_french.is_(True))
        if wanted.stale_only:
            conditions.append(
                or_(
                    DirectoryService.verified_on.is_(None),
                    DirectoryService.verified_on < verify_before(today),
                )
            )
        return conditions

    def _query(self, wanted: DirectoryFilter, today: date) -> Select[DirectoryService]:
        query = (
            select(DirectoryService)
            .join(ServiceOrganization, ServiceOrganization.id == DirectoryService.organization_id)
            .where(*self._conditions(wanted, today))
        )
        if wanted.organization_uid:
            query = query.where(ServiceOrganization.uid == wanted.organization_uid)
        return query

    def count(self, wanted: DirectoryFilter, today: date | None = None) -> int:
        today = today or date.today()
        with self._db.reading() as session:
            query = self._query(wanted, today).with_only_columns(func.count())
            return int(session.scalar(query) or 0)

    def browse(
        self,
        wanted: DirectoryFilter,
        sort: str = "name",
        descending: bool = False,
        limit: int = 500,
        offset: int = 0,
        today: date | None = None,
    ) -> list[ServiceRow]:
        """A page of the directory, filtered and sorted in SQL."""
        today = today or date.today()
        keys = {
            "name": func.lower(DirectoryService.name),
            "organization": func.lower(ServiceOrganization.name),
            "category": DirectoryService.category,
            "verified_on": func.coalesce(DirectoryService.verified_on, date.min),
        }
        key = keys.get(sort, keys["name"])
        order = [key.desc() if descending else key.asc(), func.lower(DirectoryService.name)]
        query = (
            self._query(wanted, today)
            .outerjoin(ServiceLocation, ServiceLocation.id == DirectoryService.location_id)
            .with_only_columns(
                DirectoryService.uid,
                DirectoryService.name,
                ServiceOrganization.name,
                DirectoryService.category,
                DirectoryService.languages,
                DirectoryService.in_french,
                DirectoryService.open_evenings,
                ServiceLocation.city,
                DirectoryService.phone,
                ServiceOrganization.phone,
                DirectoryService.verified_on,
                DirectoryService.is_active,
            )
            .order_by(*order)
            .limit(limit)
            .offset(offset)
        )
        with self._db.reading() as session:
            return [
                ServiceRow(
                    uid=row[0],
                    name=row[1],
                    organization=row[2],
                    category=row[3],
                    languages=tuple(row[4] or ()),
                    in_french=row[5],
                    open_evenings=row[6],
                    city=row[7] or "",
                    phone=row[8] or row[9] or "",
                    verified_on=row[10],
                    is_active=row[11],
                )
                for row in session.execute(query)
            ]

    def stale_count(self, today: date | None = None) -> int:
        """Active services not verified for twelve months."""
        return self.count(DirectoryFilter(stale_only=True), today)

    def service(self, uid: str) -> ServiceRecord:
        with self._db.reading() as session:
            return service_record(session, find_service(session, uid))

    def services(self, uids: list[str]) -> list[ServiceRecord]:
        with self._db.reading() as session:
            return [service_record(session, find_service(session, uid)) for uid in uids]

    def save_service(self, service: ServiceInput, uid: str = "") -> str:
        """Create (no `uid`) or update a service with its address and contact people, in one
        transaction. Returns its uid."""
        with self._db.unit_of_work() as session:
            service = clean_service(session, service)
            organization = find_organization(session, service.organization_uid)
            row = find_service(session, uid) if uid else DirectoryService()
            moved = uid and row.organization_id != organization.id
            previous_organization = row.organization_id if uid else None
            row.organization_id = organization.id
            for name in SERVICE_FIELDS:
                setattr(row, name, getattr(service, name))
            row.languages = list(service.languages)
            session.add(row)
            session.flush()
            row.location_id = self._place(
                session, organization.id, None if moved else row.location_id, service.location
            )
            self._sync_contacts(session, organization.id, row.id, service.contacts)
            refresh_search_text(session, organization.id)
            if moved and previous_organization is not None:
                refresh_search_text(session, previous_organization)
            return row.uid

    def delete_services(self, *uids: str) -> None:
        """To the Trash, all or none. Referrals to them stay in the log."""
        now = utc_now()
        with self._db.unit_of_work() as session:
            for uid in uids:
                find_service(session, uid).deleted_at = now

    def restore_services(self, *uids: str) -> None:
        with self._db.unit_of_work() as session:
            for uid in uids:
                find_service(session, uid, include_trash=True).deleted_at = None

    def last_checker(self) -> str:
        """Who checked a service last, else the profile signed in: the next check's default."""
        with self._db.reading() as session:
            name = session.scalar(
                select(DirectoryService.verified_by)
                .where(
                    DirectoryService.verified_by != "", DirectoryService.verified_on.is_not(None)
                )
                .order_by(DirectoryService.verified_on.desc(), DirectoryService.updated_at.desc())
                .limit(1)
            )
        return name or self._db.actor

    def mark_verified(self, uids: list[str], on: date, by: str) -> None:
        """Record that these services were checked (called, website read) on `on` by `by`."""
        by = _words(by, "verified_by", 120)
        with self._db.unit_of_work() as session:
            for uid in uids:
                row = find_service(session, uid)
                row.verified_on = on
                row.verified_by = by

    def restore_verification(self, previous: dict[str, tuple[date | None, str]]) -> None:
        """Put back when and by whom services were last checked (uid -> (on, by)), in one
        transaction: what undoing "Mark verified" needs, "never checked" included."""
        with self._db.unit_of_work() as session:
            for uid, (on, by) in previous.items():
                row = find_service(session, uid)
                row.verified_on = on
                row.verified_by = _words(by, "verified_by", 120)

    def languages_in_use(self) -> tuple[str, ...]:
        """The language codes the directory's services are offered in (for a filter list)."""
        with self._db.reading() as session:
            found: set[str] = set()
            for languages in session.scalars(
                select(DirectoryService.languages).where(DirectoryService.deleted_at.is_(None))
            ):
                found.update(languages or ())
            return tuple(sorted(found))

    # --- helpers -------------------------------------------------------------------------------

    @staticmethod
    def _place(
        session: Session, organization_id: int, location_id: int | None, place: LocationInput
    ) -> int | None:
        """The location for `place`: the service's own (updated), else one of the
        organization's at the same address, else a new one; None when no address is given."""
        if place.is_empty():
            return None
        row = session.get(ServiceLocation, location_id) if location_id else None
        if row is None:
            row = next(
                (
                    existing
                    for existing in session.scalars(
                        select(ServiceLocation).where(
                            ServiceLocation.organization_id == organization_id,
                            ServiceLocation.deleted_at.is_(None),
                        )
                    )
                    if _same_place(_location(existing), place)
                ),
                None,
            ) or ServiceLocation(organization_id=organization_id)
        for name, value in vars(place).items():
            if name != "uid":
                setattr(row, name, value)
        session.add(row)
        session.flush()
        return row.id

    @staticmethod
    def _sync_contacts(
        session: Session,
        organization_id: int,
        service_id: int | None,
        contacts: tuple[ContactPersonInput, ...],
    ) -> None:
        """Make the contact people of this service (or of the organization itself, with no
        `service_id`) the ones typed: update, add, and send the removed ones to the Trash."""
        existing = {
            row.uid: row
            for row in session.scalars(
                select(ServiceContactPerson).where(
                    ServiceContactPerson.organization_id == organization_id,
                    ServiceContactPerson.service_id.is_(service_id)
                    if service_id is None
                    else ServiceContactPerson.service_id == service_id,
                    ServiceContactPerson.deleted_at.is_(None),
                )
            )
        }
        for contact in contacts:
            row = existing.pop(contact.uid, None) if contact.uid else None
            if row is None:
                row = ServiceContactPerson(organization_id=organization_id, service_id=service_id)
                session.add(row)
            row.name = contact.name
            row.title = contact.title
            row.phone = contact.phone
            row.email = contact.email
            row.languages = list(contact.languages)
            row.notes = contact.notes
        now = utc_now()
        for row in existing.values():
            row.deleted_at = now
        session.flush()
