"""The directory exchange with a hub or another group: Open Referral (HSDS) CSV files out and in.

Export writes the whole live directory (not the Trash) to a folder or a .zip, in the format
`importers.hsds` describes, and stamps every record written with the fingerprint of what was
sent. Import is a plan first (nothing written), then everything in one transaction.

How a record of the files meets the same record here (the same id, which is our uid):

- not here at all: **new**, added;
- the same fields: **unchanged**;
- different, and not edited here since the last exchange (its fields still match its
  `exchange_fingerprint`): **changed**, updated from the file;
- different, edited here since, and the file still holds the version last exchanged: kept as
  edited here (the hub did not change it): **unchanged**;
- different, edited here since, and changed in the file too: a **conflict**. The volunteer
  chooses per record: "mine" (the default: a local edit is never silently overwritten) or
  "theirs". A record in the Trash here counts as edited here: "theirs" brings it back.

After an import every record of the files carries the fingerprint of the file's version and the
file's source name; a record kept as edited here therefore stays "edited here" until the hub
changes it again. Records only here are left alone: an import never deletes. Export does not
change `exchange_source` (empty for records written here, as the model says).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any, Final, cast

from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.orm import Session

from communitydesk.core.errors import NotAllowedError, ValidationError
from communitydesk.core.i18n import N_, _, current_language, format_date, language_name
from communitydesk.core.text import fold
from communitydesk.db.session import Database
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
    read_directory,
    write_directory,
)
from communitydesk.models import (
    ChangeEntry,
    DirectoryService,
    LookupItem,
    LookupLabel,
    ServiceContactPerson,
    ServiceLocation,
    ServiceOrganization,
)
from communitydesk.models.base import utc_now
from communitydesk.services.directory import (
    ContactPersonInput,
    LocationInput,
    OrganizationInput,
    ServiceInput,
    clean_contact,
    clean_location,
    clean_organization,
    clean_service,
    refresh_search_text,
)

Row = ServiceOrganization | ServiceLocation | DirectoryService | ServiceContactPerson

KINDS: Final = ("organization", "location", "service", "contact")
MODELS: Final[dict[str, Any]] = {
    "organization": ServiceOrganization,
    "location": ServiceLocation,
    "service": DirectoryService,
    "contact": ServiceContactPerson,
}
KIND_LABELS: Final = {
    "organization": N_("Organizations"),
    "location": N_("Locations"),
    "service": N_("Services"),
    "contact": N_("Contact people"),
}
KIND_LABEL: Final = {
    "organization": N_("Organization"),
    "location": N_("Location"),
    "service": N_("Service"),
    "contact": N_("Contact person"),
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
MINE, THEIRS = "mine", "theirs"
CHUNK: Final = 500
# The fields a ValidationError of services.directory names, as the record's own.
_FIELD_OF: Final = {"location_name": "name", "contacts": ""}


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    here: str  # as shown to the volunteer
    in_file: str


@dataclass(frozen=True)
class PlannedRecord:
    kind: str  # organization, location, service or contact
    uid: str
    name: str
    status: str  # new, changed or conflict
    changes: tuple[FieldChange, ...] = ()
    in_trash: bool = False


@dataclass(frozen=True)
class KindCounts:
    kind: str
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    conflicts: int = 0

    @property
    def label(self) -> str:
        return _(KIND_LABELS[self.kind]) if self.kind in KIND_LABELS else _("All")


@dataclass(frozen=True)
class ImportPlan:
    path: Path
    source: str
    directory: HsdsDirectory
    counts: tuple[KindCounts, ...]
    # New, changed and conflicting records (unchanged ones are only counted): conflicts first.
    records: tuple[PlannedRecord, ...]

    @property
    def conflicts(self) -> tuple[PlannedRecord, ...]:
        return tuple(r for r in self.records if r.status == CONFLICT)

    @property
    def total(self) -> KindCounts:
        return KindCounts(
            "",
            sum(c.new for c in self.counts),
            sum(c.changed for c in self.counts),
            sum(c.unchanged for c in self.counts),
            sum(c.conflicts for c in self.counts),
        )


@dataclass(frozen=True)
class ImportSummary:
    source: str
    added: int
    updated: int  # changed in the file, and conflicts resolved as "theirs"
    unchanged: int
    kept_mine: int  # conflicts resolved as "mine"
    took_theirs: int


@dataclass(frozen=True)
class ExportSummary:
    target: Path
    files: tuple[tuple[str, int], ...]  # (file name, rows)
    organizations: int
    locations: int
    services: int
    contacts: int


@dataclass
class _Compared:
    kind: str
    record: HsdsRecord  # the file's version (cleaned)
    row: Row | None  # the record here
    local: HsdsRecord | None  # the record here, as the file would hold it
    status: str


def _chunks(items: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


# --- records here, as the files hold them -------------------------------------------------------


@dataclass
class _Uids:
    """id -> uid of every organization, location (live ones) and service here."""

    organizations: dict[int, str]
    live_locations: dict[int, str]
    services: dict[int, str]


def _uids(session: Session) -> _Uids:
    return _Uids(
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


def _as_record(kind: str, row: Any, uids: _Uids) -> HsdsRecord:
    if kind == "organization":
        return HsdsOrganization(
            uid=row.uid,
            name=row.name,
            alternate_name=row.alternate_name,
            description=dict(row.description),
            website=row.website,
            email=row.email,
            phone=row.phone,
            notes=row.notes,
        )
    if kind == "location":
        return HsdsLocation(
            uid=row.uid,
            organization_uid=uids.organizations[row.organization_id],
            name=row.name,
            address_1=row.address_1,
            address_2=row.address_2,
            city=row.city,
            province=row.province,
            postal_code=row.postal_code,
            country=row.country,
            transit=row.transit,
            wheelchair_accessible=row.wheelchair_accessible,
            accessibility=row.accessibility,
        )
    if kind == "service":
        return HsdsService(
            uid=row.uid,
            organization_uid=uids.organizations[row.organization_id],
            name=row.name,
            location_uid=uids.live_locations.get(row.location_id, ""),
            category=row.category,
            description=dict(row.description),
            eligibility=dict(row.eligibility),
            what_to_bring=dict(row.what_to_bring),
            languages=tuple(row.languages),
            in_french=row.in_french,
            hours=row.hours,
            open_evenings=row.open_evenings,
            open_weekends=row.open_weekends,
            childcare=row.childcare,
            regardless_of_status=row.regardless_of_status,
            cost=row.cost,
            how_to_refer=row.how_to_refer,
            phone=row.phone,
            email=row.email,
            website=row.website,
            verified_on=row.verified_on,
            verified_by=row.verified_by,
            is_active=row.is_active,
            notes=row.notes,
        )
    return HsdsContact(
        uid=row.uid,
        organization_uid=uids.organizations[row.organization_id],
        name=row.name,
        service_uid=uids.services.get(row.service_id, "") if row.service_id else "",
        title=row.title,
        phone=row.phone,
        email=row.email,
        languages=tuple(row.languages),
        notes=row.notes,
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


def _clean(session: Session, directory: HsdsDirectory) -> HsdsDirectory:
    """Every record cleaned as the directory's forms clean it (spaces, lengths, e-mail
    addresses, categories); a refusal names its file, row and column."""
    organizations, locations, services, contacts = [], [], [], []
    for org in directory.organizations:
        try:
            cleaned_org = clean_organization(
                OrganizationInput(
                    name=org.name,
                    alternate_name=org.alternate_name,
                    description=org.description,
                    website=org.website,
                    email=org.email,
                    phone=org.phone,
                    notes=org.notes,
                )
            )
        except ValidationError as error:
            raise _located(org, error) from error
        organizations.append(replace(org, **vars(cleaned_org)))
    for location in directory.locations:
        values = {k: v for k, v in vars(location).items() if k in LocationInput.__annotations__}
        try:
            cleaned_location = clean_location(LocationInput(**values))
        except ValidationError as error:
            raise _located(location, error) from error
        locations.append(replace(location, **vars(cleaned_location)))
    categories = _categories(session)
    for service in directory.services:
        values = {
            k: v
            for k, v in vars(service).items()
            if k in ServiceInput.__annotations__ and k not in ("location", "contacts")
        }
        try:
            cleaned_service = clean_service(session, ServiceInput(**{**values, "category": ""}))
        except ValidationError as error:
            raise _located(service, error) from error
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
        updates = {
            k: v for k, v in vars(cleaned_service).items() if k not in ("location", "contacts")
        }
        services.append(replace(service, **{**updates, "category": category}))
    for contact in directory.contacts:
        try:
            cleaned_contact = clean_contact(
                ContactPersonInput(
                    name=contact.name,
                    title=contact.title,
                    phone=contact.phone,
                    email=contact.email,
                    languages=contact.languages,
                    notes=contact.notes,
                )
            )
        except ValidationError as error:
            raise _located(contact, error) from error
        updates = {k: v for k, v in vars(cleaned_contact).items() if k != "uid"}
        contacts.append(replace(contact, **updates))
    return HsdsDirectory(tuple(organizations), tuple(locations), tuple(services), tuple(contacts))


# --- what a difference looks like -----------------------------------------------------------------


class _Shown:
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


def _changes(shown: _Shown, compared: _Compared) -> tuple[FieldChange, ...]:
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


# --- the service ---------------------------------------------------------------------------------


def _source_name(path: Path) -> str:
    if path.is_dir():
        return path.name
    if path.suffix.lower() == ".zip":
        return path.stem
    return path.parent.name


class DirectoryExchange:
    def __init__(self, db: Database) -> None:
        self._db = db

    def _may_write(self) -> bool:
        may = self._db.may_write
        return may is None or all(may(MODELS[kind].__tablename__) for kind in KINDS)

    # --- export ----------------------------------------------------------------------------------

    def export(self, target: Path, today: date | None = None) -> ExportSummary:
        """The live directory to the folder `target` (or the .zip file `target`), every file
        written even when empty; every record written is stamped with its fingerprint."""
        with self._db.unit_of_work() as session:
            uids = _uids(session)
            organizations = list(
                session.scalars(
                    select(ServiceOrganization)
                    .where(ServiceOrganization.deleted_at.is_(None))
                    .order_by(ServiceOrganization.name, ServiceOrganization.id)
                )
            )
            rank = {org.id: index for index, org in enumerate(organizations)}
            locations = sorted(
                (
                    row
                    for row in session.scalars(
                        select(ServiceLocation).where(ServiceLocation.deleted_at.is_(None))
                    )
                    if row.organization_id in rank
                ),
                key=lambda row: (rank[row.organization_id], row.id),
            )
            services = sorted(
                (
                    row
                    for row in session.scalars(
                        select(DirectoryService).where(DirectoryService.deleted_at.is_(None))
                    )
                    if row.organization_id in rank
                ),
                key=lambda row: (rank[row.organization_id], row.name, row.id),
            )
            live_services = {row.id for row in services}
            contacts = [
                row
                for row in session.scalars(
                    select(ServiceContactPerson)
                    .where(ServiceContactPerson.deleted_at.is_(None))
                    .order_by(ServiceContactPerson.id)
                )
                if row.organization_id in rank
                and (row.service_id is None or row.service_id in live_services)
            ]
            written: dict[str, list[tuple[Any, HsdsRecord]]] = {
                kind: [(row, _as_record(kind, row, uids)) for row in rows]
                for kind, rows in (
                    ("organization", organizations),
                    ("location", locations),
                    ("service", services),
                    ("contact", contacts),
                )
            }
            directory = HsdsDirectory(
                organizations=tuple(cast(HsdsOrganization, r) for _, r in written["organization"]),
                locations=tuple(cast(HsdsLocation, r) for _, r in written["location"]),
                services=tuple(cast(HsdsService, r) for _, r in written["service"]),
                contacts=tuple(cast(HsdsContact, r) for _, r in written["contact"]),
            )
            files = write_directory(target, directory, today or date.today())
            if self._may_write():
                for kind in KINDS:
                    self._stamp(
                        session,
                        kind,
                        [(row.id, fingerprint(record), None) for row, record in written[kind]],
                    )
            session.add(
                ChangeEntry(
                    actor=self._db.actor,
                    action="export",
                    record_kind="service_organization",
                    record_uid="",
                    label=target.name,
                    changes={kind: [None, len(written[kind])] for kind in KINDS},
                )
            )
        return ExportSummary(
            target,
            files,
            len(organizations),
            len(locations),
            len(services),
            len(contacts),
        )

    @staticmethod
    def _stamp(session: Session, kind: str, stamps: list[tuple[int, str, str | None]]) -> None:
        """Set fingerprints (and sources, unless None) without touching `updated_at`: this is
        bookkeeping of the exchange, not an edit."""
        if not stamps:
            return
        table = cast(Table, MODELS[kind].__table__)
        values: dict[str, Any] = {
            "exchange_fingerprint": bindparam("b_fingerprint"),
            "updated_at": table.c.updated_at,
        }
        if stamps[0][2] is not None:
            values["exchange_source"] = bindparam("b_source")
        statement = update(table).where(table.c.id == bindparam("b_id")).values(**values)
        for chunk in _chunks(stamps):
            session.execute(
                statement,
                [{"b_id": i, "b_fingerprint": f, "b_source": s} for i, f, s in chunk],
            )

    # --- import ----------------------------------------------------------------------------------

    def plan(self, path: Path, source: str = "") -> ImportPlan:
        """Read and check the files at `path` (a folder, a .zip, or services.csv with its
        siblings) against the directory here, writing nothing. Raises FileFormatError."""
        with self._db.reading() as session:
            directory = self._read(session, path)
            compared = self._compare(session, directory)
            shown = _Shown(session, directory)
            counts = tuple(
                KindCounts(
                    kind,
                    *(
                        sum(1 for c in compared if c.kind == kind and c.status == status)
                        for status in (NEW, CHANGED, UNCHANGED, CONFLICT)
                    ),
                )
                for kind in KINDS
            )
            order = {CONFLICT: 0, CHANGED: 1, NEW: 2}
            records = tuple(
                PlannedRecord(
                    kind=c.kind,
                    uid=c.record.uid,
                    name=shown.label(c.kind, c.record),
                    status=c.status,
                    changes=_changes(shown, c) if c.status != NEW else (),
                    in_trash=c.row is not None and c.row.deleted_at is not None,
                )
                for c in sorted(
                    (c for c in compared if c.status != UNCHANGED),
                    key=lambda c: (order[c.status], KINDS.index(c.kind)),
                )
            )
        return ImportPlan(path, source or _source_name(path), directory, counts, records)

    def apply(self, plan: ImportPlan, choices: Mapping[str, str] | None = None) -> ImportSummary:
        """Write the plan in one transaction: new records added, changed ones updated, each
        conflict resolved as `choices[uid]` says ("mine", the default, or "theirs")."""
        if not self._may_write():
            raise NotAllowedError(_("The profile signed in can look at this but not change it."))
        choices = choices or {}
        now = utc_now()
        with self._db.unit_of_work() as session:
            # Compared again inside the transaction: what is written matches the data as it is.
            compared = self._compare(session, plan.directory)
            ids: dict[str, dict[str, int]] = {
                kind: dict(session.execute(select(MODELS[kind].uid, MODELS[kind].id)).all())
                for kind in KINDS
            }
            touched: set[int] = set()
            for kind in KINDS:
                new = [c.record for c in compared if c.kind == kind and c.status == NEW]
                for chunk in _chunks(new):
                    values = [
                        self._columns(kind, record, ids)
                        | {
                            "uid": record.uid,
                            "exchange_source": plan.source,
                            "exchange_fingerprint": fingerprint(record),
                            "created_at": now,
                            "updated_at": now,
                        }
                        for record in chunk
                    ]
                    session.execute(insert(MODELS[kind]), values)
                    model = MODELS[kind]
                    ids[kind].update(
                        session.execute(
                            select(model.uid, model.id).where(model.uid.in_([r.uid for r in chunk]))
                        ).all()
                    )
                    touched.update(
                        ids["organization"][r.uid]
                        if isinstance(r, HsdsOrganization)
                        else ids["organization"][r.organization_uid]
                        for r in chunk
                    )
            kept = taken = 0
            for item in compared:
                if item.status == CONFLICT:
                    theirs = choices.get(item.record.uid, MINE) == THEIRS
                    kept += not theirs
                    taken += theirs
                    if not theirs:
                        continue
                elif item.status != CHANGED:
                    continue
                row = item.row
                assert row is not None
                touched.add(_organization_id(row))  # the one it leaves, if it moves
                for name, value in self._columns(item.kind, item.record, ids).items():
                    setattr(row, name, value)
                row.deleted_at = None
                touched.add(_organization_id(row))
            session.flush()
            for kind in KINDS:
                self._stamp(
                    session,
                    kind,
                    [
                        (ids[kind][c.record.uid], fingerprint(c.record), plan.source)
                        for c in compared
                        if c.kind == kind and c.status != NEW
                    ],
                )
            for organization_id in sorted(touched):
                refresh_search_text(session, organization_id)
            added = sum(c.status == NEW for c in compared)
            changed = sum(c.status == CHANGED for c in compared)
            unchanged = sum(c.status == UNCHANGED for c in compared)
            session.add(
                ChangeEntry(
                    actor=self._db.actor,
                    action="import",
                    record_kind="service_organization",
                    record_uid="",
                    label=plan.source[:240],
                    changes={
                        "added": [None, added],
                        "updated": [None, changed + taken],
                        "kept_mine": [None, kept],
                    },
                )
            )
        return ImportSummary(plan.source, added, changed + taken, unchanged, kept, taken)

    # --- helpers ---------------------------------------------------------------------------------

    def _read(self, session: Session, path: Path) -> HsdsDirectory:
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
        return _clean(session, directory)

    @staticmethod
    def _compare(session: Session, directory: HsdsDirectory) -> list[_Compared]:
        uids = _uids(session)
        found: list[_Compared] = []
        for kind, records in _by_kind(directory):
            model = MODELS[kind]
            rows: dict[str, Any] = {}
            for chunk in _chunks([r.uid for r in records]):
                rows.update(
                    (row.uid, row)
                    for row in session.scalars(select(model).where(model.uid.in_(chunk)))
                )
            for record in records:
                row = rows.get(record.uid)
                if row is None:
                    found.append(_Compared(kind, record, None, None, NEW))
                    continue
                local = _as_record(kind, row, uids)
                found.append(_Compared(kind, record, row, local, _status(record, local, row)))
        return found

    @staticmethod
    def _columns(
        kind: str, record: HsdsRecord, ids: Mapping[str, Mapping[str, int]]
    ) -> dict[str, Any]:
        """The database columns of a record of the files."""

        def id_of(target: str, uid: str, field: str) -> int:
            try:
                return ids[target][uid]
            except KeyError:  # removed from the database since the plan
                cell = record.origin.get(field) or record.origin.get("") or Cell("", 0, "")
                raise problem(
                    cell, _("“{id}” is no longer in the directory.").format(id=uid)
                ) from None

        values = {k: v for k, v in exchanged(record).items() if k != "uid"}
        if isinstance(record, HsdsService):
            values["verified_on"] = record.verified_on
        for name in ("organization_uid", "location_uid", "service_uid"):
            if name in values:
                uid = values.pop(name)
                target = name.removesuffix("_uid")
                values[f"{target}_id"] = id_of(target, uid, name) if uid else None
        return values


def _by_kind(directory: HsdsDirectory) -> Iterator[tuple[str, Sequence[HsdsRecord]]]:
    yield "organization", directory.organizations
    yield "location", directory.locations
    yield "service", directory.services
    yield "contact", directory.contacts


def _organization_id(row: Row) -> int:
    return row.id if isinstance(row, ServiceOrganization) else row.organization_id


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


def plan_lines(records: Iterable[PlannedRecord]) -> list[str]:
    """Each record named with its kind and what differs, for a terminal or a log."""
    return [
        _("{kind} “{name}”: {fields}").format(
            kind=_(KIND_LABEL[r.kind]), name=r.name, fields=", ".join(c.label for c in r.changes)
        )
        for r in records
    ]
