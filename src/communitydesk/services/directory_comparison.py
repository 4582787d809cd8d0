"""The files' records compared with the directory here, for an import (services.directory_exchange):
each cleaned as the directory's forms would save it, met with the same record here (new, changed,
unchanged or a conflict), and what differs shown as a volunteer reads it."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any, Final, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from communitydesk.core.errors import ValidationError
from communitydesk.core.i18n import N_, _, current_language, format_date, language_name
from communitydesk.core.text import fold
from communitydesk.importers.hsds import (
    Cell,
    HsdsContact,
    HsdsDirectory,
    HsdsLocation,
    HsdsOrganization,
    HsdsRecord,
    HsdsService,
    Known,
    exchanged,
    fingerprint,
    problem,
)
from communitydesk.importers.hsds_reading import read_directory
from communitydesk.models import (
    DirectoryService,
    LookupItem,
    LookupLabel,
    ServiceContactPerson,
    ServiceLocation,
    ServiceOrganization,
)
from communitydesk.services.directory import (
    CONTACT_FIELDS,
    LOCATION_FIELDS,
    ORGANIZATION_FIELDS,
    SERVICE_FIELDS,
    ContactPersonInput,
    LocationInput,
    OrganizationInput,
    ServiceInput,
    clean_contact,
    clean_location,
    clean_organization,
    clean_service,
    own_fields,
)

Row = ServiceOrganization | ServiceLocation | DirectoryService | ServiceContactPerson
RecordT = TypeVar("RecordT", HsdsOrganization, HsdsLocation, HsdsService, HsdsContact)
FormT = TypeVar("FormT", OrganizationInput, LocationInput, ServiceInput, ContactPersonInput)

KINDS: Final = ("organization", "location", "service", "contact")
MODELS: Final[dict[str, Any]] = {
    "organization": ServiceOrganization,
    "location": ServiceLocation,
    "service": DirectoryService,
    "contact": ServiceContactPerson,
}
FIELD_LABELS: Final = {
    "organization_uid": N_("Organization"),
    "location_uid": N_("Location"),
    "service_uid": N_("Service"),
    "name": N_("Name"),
    "alternate_name": N_("Other name"),
    "description": N_("Description"),
    "website": N_("Website"),
    "email": N_("E-mail"),
    "phone": N_("Phone"),
    "notes": N_("Notes"),
    "address_1": N_("Address"),
    "address_2": N_("Address (line 2)"),
    "city": N_("City"),
    "province": N_("Province"),
    "postal_code": N_("Postal code"),
    "country": N_("Country"),
    "transit": N_("Transit"),
    "wheelchair_accessible": N_("Wheelchair accessible"),
    "accessibility": N_("Accessibility"),
    "category": N_("Category"),
    "eligibility": N_("Eligibility"),
    "what_to_bring": N_("What to bring"),
    "languages": N_("Languages"),
    "in_french": N_("Service in French"),
    "hours": N_("Hours"),
    "open_evenings": N_("Open evenings"),
    "open_weekends": N_("Open weekends"),
    "childcare": N_("Childcare on site"),
    "regardless_of_status": N_("Served regardless of immigration status"),
    "cost": N_("Cost"),
    "how_to_refer": N_("How to refer"),
    "verified_on": N_("Last verified on"),
    "verified_by": N_("Verified by"),
    "is_active": N_("Active"),
    "title": N_("Title"),
}
NEW, CHANGED, UNCHANGED, CONFLICT = "new", "changed", "unchanged", "conflict"
CHUNK: Final = 500
# The fields a ValidationError of services.directory names, as the record's own.
_FIELD_OF: Final = {"location_name": "name", "contacts": ""}


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    here: str  # as shown to the volunteer
    in_file: str


@dataclass
class Compared:
    kind: str
    record: HsdsRecord  # the file's version (cleaned)
    row: Row | None  # the record here
    local: HsdsRecord | None  # the record here, as the file would hold it
    status: str


def chunks(items: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


# --- records here, as the files hold them -------------------------------------------------------


@dataclass
class Uids:
    """id -> uid of every organization, location (live ones) and service here."""

    organizations: dict[int, str]
    live_locations: dict[int, str]
    services: dict[int, str]


def local_uids(session: Session) -> Uids:
    return Uids(
        organizations=dict(
            session.execute(select(ServiceOrganization.id, ServiceOrganization.uid)).all()
        ),
        live_locations=dict(
            session.execute(
                select(ServiceLocation.id, ServiceLocation.uid).where(
                    ServiceLocation.deleted_at.is_(None)
                )
            ).all()
        ),
        services=dict(session.execute(select(DirectoryService.id, DirectoryService.uid)).all()),
    )


def as_record(kind: str, row: Any, uids: Uids) -> HsdsRecord:
    if kind == "organization":
        return HsdsOrganization(uid=row.uid, **own_fields(row, ORGANIZATION_FIELDS))
    if kind == "location":
        return HsdsLocation(
            uid=row.uid,
            organization_uid=uids.organizations[row.organization_id],
            **own_fields(row, LOCATION_FIELDS),
        )
    if kind == "service":
        return HsdsService(
            uid=row.uid,
            organization_uid=uids.organizations[row.organization_id],
            location_uid=uids.live_locations.get(row.location_id, ""),
            **own_fields(row, SERVICE_FIELDS),
        )
    return HsdsContact(
        uid=row.uid,
        organization_uid=uids.organizations[row.organization_id],
        service_uid=uids.services.get(row.service_id, "") if row.service_id else "",
        **own_fields(row, CONTACT_FIELDS),
    )


# --- the file's records, as the directory's forms would save them --------------------------------


def _located(record: HsdsRecord, error: ValidationError) -> Exception:
    name = _FIELD_OF.get(error.field, error.field)
    cell = record.origin.get(name) or record.origin.get("") or Cell("", 0, "")
    return problem(cell, error.message)


def _categories(session: Session) -> dict[str, str]:
    """The referral categories by code, and by their labels in every language (folded)."""
    items = dict(
        session.execute(
            select(LookupItem.id, LookupItem.code).where(LookupItem.list_key == "referral_category")
        ).all()
    )
    found = {
        fold(label): items[item]
        for item, label in session.execute(
            select(LookupLabel.item_id, LookupLabel.label).where(LookupLabel.item_id.in_(items))
        ).all()
    }
    return found | {code: code for code in items.values()}


def _cleaned(record: RecordT, clean: Callable[[FormT], FormT], form: FormT) -> RecordT:
    """The record with its own fields as `clean` leaves its `form` (not its uid nor linked
    records); a refusal names the record's file, row and column."""
    try:
        cleaned = clean(form)
    except ValidationError as error:
        raise _located(record, error) from error
    own = {k: v for k, v in vars(cleaned).items() if k not in ("uid", "location", "contacts")}
    return replace(record, **own)


def clean_directory(session: Session, directory: HsdsDirectory) -> HsdsDirectory:
    """Every record cleaned as the directory's forms clean it (spaces, lengths, e-mail
    addresses, categories); a refusal names its file, row and column."""
    organizations = tuple(
        _cleaned(org, clean_organization, OrganizationInput(**own_fields(org, ORGANIZATION_FIELDS)))
        for org in directory.organizations
    )
    locations = tuple(
        _cleaned(place, clean_location, LocationInput(**own_fields(place, LOCATION_FIELDS)))
        for place in directory.locations
    )
    categories = _categories(session)
    services = []
    for service in directory.services:
        form = ServiceInput(
            organization_uid=service.organization_uid,
            **{**own_fields(service, SERVICE_FIELDS), "category": ""},
        )
        cleaned = _cleaned(service, partial(clean_service, session), form)
        category = service.category
        if category:
            category = categories.get(category) or categories.get(fold(category), "")
            if not category:
                raise problem(
                    service.origin.get("category") or Cell("", 0, ""),
                    _(
                        "“{value}” is not one of the referral categories here; add it to the "
                        "list in the settings, or correct the file."
                    ).format(value=service.category),
                )
        services.append(replace(cleaned, category=category))
    contacts = tuple(
        _cleaned(person, clean_contact, ContactPersonInput(**own_fields(person, CONTACT_FIELDS)))
        for person in directory.contacts
    )
    return HsdsDirectory(organizations, locations, tuple(services), contacts)


# --- what a difference looks like -----------------------------------------------------------------


class Shown:
    """Values as a volunteer reads them: names for ids, Yes/No, dates, language names."""

    def __init__(self, session: Session, directory: HsdsDirectory) -> None:
        self.names: dict[tuple[str, str], str] = {}
        for kind in ("organization", "service"):
            model = MODELS[kind]
            for uid, name in session.execute(select(model.uid, model.name)).all():
                self.names[(kind, uid)] = name
        for org in directory.organizations:
            self.names[("organization", org.uid)] = org.name
        for service in directory.services:
            self.names[("service", service.uid)] = service.name
        for location in session.scalars(select(ServiceLocation)):
            self.names[("location", location.uid)] = _place_name(location)
        for place in directory.locations:
            self.names[("location", place.uid)] = _place_name(place)
        language = current_language().code
        self.categories: dict[str, str] = {}
        for code, label_language, label in session.execute(
            select(LookupItem.code, LookupLabel.language, LookupLabel.label)
            .join(LookupLabel, LookupLabel.item_id == LookupItem.id)
            .where(
                LookupItem.list_key == "referral_category",
                LookupLabel.language.in_([language, "en"]),
            )
        ).all():
            if label_language == language or code not in self.categories:
                self.categories[code] = label

    def value(self, name: str, value: Any) -> str:
        if name.endswith("_uid"):
            kind = name.removesuffix("_uid")
            return self.names.get((kind, value), value) if value else "—"
        if name == "category":
            return self.categories.get(value, value) or "—"
        if name == "regardless_of_status" and value is None:
            return _("Not known")
        if isinstance(value, bool):
            return _("Yes") if value else _("No")
        if value is None:
            return "—" if name != "wheelchair_accessible" else _("Not known")
        if isinstance(value, date):
            return format_date(value)
        if isinstance(value, dict):
            return (
                "\n".join(
                    _("{language}: {text}").format(language=language_name(code), text=text)
                    for code, text in sorted(value.items())
                )
                or "—"
            )
        if isinstance(value, (list, tuple)):
            return ", ".join(language_name(code) for code in value) or "—"
        return str(value) or "—"

    def label(self, kind: str, record: HsdsRecord) -> str:
        own = _place_name(record) if isinstance(record, HsdsLocation) else record.name
        if isinstance(record, HsdsOrganization):
            return own
        organization = self.names.get(("organization", record.organization_uid), "")
        return _("{name} ({organization})").format(name=own, organization=organization)


def _place_name(place: HsdsLocation | ServiceLocation) -> str:
    return place.name or ", ".join(p for p in (place.address_1, place.city) if p) or place.uid


def field_changes(shown: Shown, compared: Compared) -> tuple[FieldChange, ...]:
    assert compared.local is not None and compared.row is not None
    found = []
    for name in exchanged(compared.local):
        here, there = getattr(compared.local, name), getattr(compared.record, name)
        if name != "uid" and here != there:
            label = _(FIELD_LABELS.get(name, name))
            found.append(
                FieldChange(name, label, shown.value(name, here), shown.value(name, there))
            )
    if compared.row.deleted_at is not None:
        found.insert(0, FieldChange("deleted_at", _("In the Trash"), _("Yes"), _("No")))
    return tuple(found)


def read_cleaned(session: Session, path: Path) -> HsdsDirectory:
    """The files' records, every one cleaned as the directory's forms clean it."""
    organizations = set(session.scalars(select(ServiceOrganization.uid)))
    locations = set(session.scalars(select(ServiceLocation.uid)))
    services = dict(
        session.execute(
            select(DirectoryService.uid, ServiceOrganization.uid).join(
                ServiceOrganization,
                ServiceOrganization.id == DirectoryService.organization_id,
            )
        ).all()
    )
    directory = read_directory(path, Known(organizations, locations, services))
    return clean_directory(session, directory)


def compare(session: Session, directory: HsdsDirectory) -> list[Compared]:
    """Each record of the files with the same record here, and what the import would do."""
    uids = local_uids(session)
    found: list[Compared] = []
    for kind, records in _by_kind(directory):
        model = MODELS[kind]
        rows: dict[str, Any] = {}
        for chunk in chunks([r.uid for r in records]):
            rows.update(
                (row.uid, row) for row in session.scalars(select(model).where(model.uid.in_(chunk)))
            )
        for record in records:
            row = rows.get(record.uid)
            if row is None:
                found.append(Compared(kind, record, None, None, NEW))
                continue
            local = as_record(kind, row, uids)
            found.append(Compared(kind, record, row, local, _status(record, local, row)))
    return found


def _by_kind(directory: HsdsDirectory) -> Iterator[tuple[str, Sequence[HsdsRecord]]]:
    yield "organization", directory.organizations
    yield "location", directory.locations
    yield "service", directory.services
    yield "contact", directory.contacts


def _status(record: HsdsRecord, local: HsdsRecord, row: Row) -> str:
    theirs = fingerprint(record)
    if row.deleted_at is not None:
        return UNCHANGED if theirs == row.exchange_fingerprint else CONFLICT
    if record == local:
        return UNCHANGED
    if fingerprint(local) == row.exchange_fingerprint:
        return CHANGED
    if theirs == row.exchange_fingerprint:
        return UNCHANGED
    return CONFLICT
