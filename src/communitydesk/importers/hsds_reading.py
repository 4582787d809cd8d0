"""Records made of the directory's CSV files, every link and value checked (importers.hsds has
the format): read_directory."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from pathlib import Path

from communitydesk.core.errors import FileFormatError
from communitydesk.core.i18n import _
from communitydesk.core.text import fold
from communitydesk.importers.hsds import (
    ACCESSIBILITY,
    ACTIVE,
    ADDRESSES,
    CONTACTS,
    FILES,
    INACTIVE,
    LANGUAGES,
    LOCATIONS,
    ORGANIZATIONS,
    PHONES,
    SCHEDULES,
    SERVICE_AT_LOCATIONS,
    SERVICES,
    Cell,
    HsdsContact,
    HsdsDirectory,
    HsdsLocation,
    HsdsOrganization,
    HsdsService,
    Known,
    problem,
    shown,
)
from communitydesk.importers.hsds_files import Row, directory_files, read_sheet
from communitydesk.importers.people_rows import country_codes, language_codes

# --- reading the directory ----------------------------------------------------------------------


def _unique(seen: dict[str, Cell], uid: str, cell: Cell) -> None:
    if uid in seen:
        raise problem(
            cell,
            _("the id “{id}” is already used on row {row}; each row needs its own.").format(
                id=shown(uid), row=seen[uid].row
            ),
        )
    seen[uid] = cell


def _unknown(cell: Cell, kind: str, uid: str) -> FileFormatError:
    messages = {
        "organization": _(
            "no organization has the id “{id}” (neither in organizations.csv nor in this "
            "directory)."
        ),
        "location": _(
            "no location has the id “{id}” (neither in locations.csv nor in this directory)."
        ),
        "service": _(
            "no service has the id “{id}” (neither in services.csv nor in this directory)."
        ),
        "contact": _("no contact person has the id “{id}” in contacts.csv."),
    }
    return problem(cell, messages[kind].format(id=shown(uid)))


class _Reader:
    def __init__(self, files: Mapping[str, bytes], known: Known) -> None:
        self.sheets = {name: read_sheet(name, files.get(name)) for name in FILES}
        self.known = known

    def _ids(self, file: str) -> set[str]:
        return {text for row in self.sheets[file] if (text := row.text("id"))}

    def read(self) -> HsdsDirectory:
        contact_ids = self._ids(CONTACTS)
        service_ids = self._ids(SERVICES) | set(self.known.services)
        self.phones = self._phones(
            {
                "organization_id": self._ids(ORGANIZATIONS) | set(self.known.organizations),
                "service_id": service_ids,
                "contact_id": contact_ids,
            }
        )
        self.spoken = self._languages({"service_id": service_ids, "contact_id": contact_ids})
        organizations = self._organizations()
        org_uids = {o.uid for o in organizations} | set(self.known.organizations)
        locations = self._locations(org_uids)
        location_uids = {loc.uid for loc in locations} | set(self.known.locations)
        services = self._services(org_uids, location_uids)
        service_orgs = dict(self.known.services) | {s.uid: s.organization_uid for s in services}
        contacts = self._contacts(org_uids, service_orgs)
        return HsdsDirectory(tuple(organizations), tuple(locations), tuple(services), contacts)

    # Details kept in tables of their own, by owner.

    def _phones(
        self, owners: Mapping[str, Collection[str]]
    ) -> dict[tuple[str, str], tuple[str, Cell]]:
        """(owner column, owner id) -> the owner's first phone number, and its cell."""
        sheet = self.sheets[PHONES]
        sheet.require("number")
        first: dict[tuple[str, str], tuple[str, Cell]] = {}
        for row in sheet:
            if not row.text("number"):
                continue
            for column in ("contact_id", "service_id", "organization_id"):
                owner = row.identifier(column, required=False)
                if owner:
                    if owner not in owners[column]:
                        kind = column.removesuffix("_id")
                        raise _unknown(row.cell(column), kind, owner)
                    first.setdefault((column, owner), (row.text("number"), row.cell("number")))
                    break
        return first

    def _phone(self, column: str, uid: str) -> tuple[str, dict[str, Cell]]:
        found = self.phones.get((column, uid))
        if found is None:
            return "", {}
        return found[0], {"phone": found[1]}

    def _languages(
        self, owners: Mapping[str, Collection[str]]
    ) -> dict[tuple[str, str], list[tuple[str, Cell]]]:
        """(owner column, owner id) -> the owner's language codes in order, with their cells."""
        sheet = self.sheets[LANGUAGES]
        if "name" not in sheet.index:
            sheet.require("code")
        spoken: dict[tuple[str, str], list[tuple[str, Cell]]] = {}
        codes = language_codes()
        for row in sheet:
            code = row.text("code")
            if not code and (name := row.text("name")):
                code = codes.get(fold(name), "")
                if not code:
                    raise problem(
                        row.cell("name"),
                        _("“{name}” is not a language this app knows; give its code.").format(
                            name=shown(name)
                        ),
                    )
            if not code:
                continue
            for column in ("contact_id", "service_id"):
                owner = row.identifier(column, required=False)
                if owner:
                    if owner not in owners[column]:
                        raise _unknown(row.cell(column), column.removesuffix("_id"), owner)
                    cell = row.cell("code" if row.text("code") else "name")
                    spoken.setdefault((column, owner), []).append((code, cell))
                    break
        return spoken

    def _organizations(self) -> list[HsdsOrganization]:
        sheet = self.sheets[ORGANIZATIONS]
        sheet.require("id", "name")
        seen: dict[str, Cell] = {}
        found = []
        for row in sheet:
            uid = row.identifier("id")
            _unique(seen, uid, row.cell("id"))
            phone, phone_cell = self._phone("organization_id", uid)
            origin = {
                "": row.where(),
                "name": row.cell("name"),
                "alternate_name": row.cell("alternate_name"),
                "description": row.texts_cell("description"),
                "website": row.cell("website" if row.text("website") else "url"),
                "email": row.cell("email"),
                "notes": row.cell("notes"),
                **phone_cell,
            }
            found.append(
                HsdsOrganization(
                    uid=uid,
                    name=row.text("name"),
                    alternate_name=row.text("alternate_name"),
                    description=row.texts("description"),
                    website=row.text("website") or row.text("url"),
                    email=row.text("email"),
                    phone=phone,
                    notes=row.text("notes"),
                    origin=origin,
                )
            )
        return found

    def _locations(self, org_uids: Collection[str]) -> list[HsdsLocation]:
        sheet = self.sheets[LOCATIONS]
        sheet.require("id", "organization_id")
        location_ids = self._ids(LOCATIONS) | set(self.known.locations)
        addresses: dict[str, Row] = {}
        addresses_sheet = self.sheets[ADDRESSES]
        addresses_sheet.require("location_id")
        for row in addresses_sheet:
            owner = row.identifier("location_id")
            if owner not in location_ids:
                raise _unknown(row.cell("location_id"), "location", owner)
            physical = row.text("address_type").lower() in ("", "physical")
            if owner not in addresses or (
                physical and addresses[owner].text("address_type").lower() not in ("", "physical")
            ):
                addresses[owner] = row
        access: dict[str, list[Row]] = {}
        access_sheet = self.sheets[ACCESSIBILITY]
        access_sheet.require("location_id")
        for row in access_sheet:
            owner = row.identifier("location_id")
            if owner not in location_ids:
                raise _unknown(row.cell("location_id"), "location", owner)
            if row.text("description") or row.text("details"):
                access.setdefault(owner, []).append(row)
        seen: dict[str, Cell] = {}
        found = []
        for row in sheet:
            uid = row.identifier("id")
            _unique(seen, uid, row.cell("id"))
            organization = row.identifier("organization_id")
            if organization not in org_uids:
                raise _unknown(row.cell("organization_id"), "organization", organization)
            origin: dict[str, Cell] = {
                "": row.where(),
                "name": row.cell("name"),
                "transit": row.cell("transportation"),
                "wheelchair_accessible": row.cell("wheelchair_accessible"),
            }
            address = addresses.get(uid)
            values: dict[str, str] = {}
            for name, column in (
                ("address_1", "address_1"),
                ("address_2", "address_2"),
                ("city", "city"),
                ("province", "state_province"),
                ("postal_code", "postal_code"),
                ("country", "country"),
            ):
                values[name] = address.text(column) if address is not None else ""
                if address is not None:
                    origin[name] = address.cell(column)
            rows = access.get(uid, [])
            if rows:
                origin["accessibility"] = rows[0].cell("description")
            found.append(
                HsdsLocation(
                    uid=uid,
                    organization_uid=organization,
                    name=row.text("name"),
                    transit=row.text("transportation"),
                    wheelchair_accessible=row.yes_no("wheelchair_accessible"),
                    accessibility="\n".join(
                        " — ".join(p for p in (r.text("description"), r.text("details")) if p)
                        for r in rows
                    ),
                    address_1=values["address_1"],
                    address_2=values["address_2"],
                    city=values["city"],
                    province=values["province"],
                    postal_code=values["postal_code"],
                    country=_country(values["country"]),
                    origin=origin,
                )
            )
        return found

    def _services(
        self, org_uids: Collection[str], location_uids: Collection[str]
    ) -> list[HsdsService]:
        sheet = self.sheets[SERVICES]
        sheet.require("id", "organization_id", "name")
        known_services = self._ids(SERVICES) | set(self.known.services)
        at: dict[str, Row] = {}
        at_sheet = self.sheets[SERVICE_AT_LOCATIONS]
        at_sheet.require("service_id", "location_id")
        for row in at_sheet:
            service = row.identifier("service_id")
            if service not in known_services:
                raise _unknown(row.cell("service_id"), "service", service)
            location = row.identifier("location_id")
            if location not in location_uids:
                raise _unknown(row.cell("location_id"), "location", location)
            at.setdefault(service, row)
        hours: dict[str, list[Row]] = {}
        schedules = self.sheets[SCHEDULES]
        schedules.require("service_id")
        for row in schedules:
            service = row.identifier("service_id", required=False)
            if not service:
                continue  # the hours of a location, or of a service at a location
            if service not in known_services:
                raise _unknown(row.cell("service_id"), "service", service)
            if row.text("description"):
                hours.setdefault(service, []).append(row)
        seen: dict[str, Cell] = {}
        found = []
        for row in sheet:
            uid = row.identifier("id")
            _unique(seen, uid, row.cell("id"))
            organization = row.identifier("organization_id")
            if organization not in org_uids:
                raise _unknown(row.cell("organization_id"), "organization", organization)
            status = row.text("status").lower()
            if status not in ACTIVE | INACTIVE:
                raise problem(
                    row.cell("status"),
                    _("“{value}” is not a status: write active or inactive.").format(
                        value=shown(row.text("status"))
                    ),
                )
            phone, phone_cell = self._phone("service_id", uid)
            spoken = self.spoken.get(("service_id", uid), [])
            place = at.get(uid)
            times = hours.get(uid, [])
            origin: dict[str, Cell] = {
                "": row.where(),
                **{
                    name: row.cell(column)
                    for name, column in (
                        ("name", "name"),
                        ("category", "category"),
                        ("cost", "fees_description"),
                        ("how_to_refer", "application_process"),
                        ("email", "email"),
                        ("website", "url"),
                        ("verified_on", "assured_date"),
                        ("verified_by", "verified_by"),
                        ("notes", "notes"),
                    )
                },
                "description": row.texts_cell("description"),
                "eligibility": row.texts_cell("eligibility_description"),
                "what_to_bring": row.texts_cell("what_to_bring"),
                **phone_cell,
            }
            if place is not None:
                origin["location_uid"] = place.cell("location_id")
            if times:
                origin["hours"] = times[0].cell("description")
            if spoken:
                origin["languages"] = spoken[0][1]
            found.append(
                HsdsService(
                    uid=uid,
                    organization_uid=organization,
                    name=row.text("name"),
                    location_uid=place.text("location_id") if place is not None else "",
                    category=row.text("category"),
                    description=row.texts("description"),
                    eligibility=row.texts("eligibility_description"),
                    what_to_bring=row.texts("what_to_bring"),
                    languages=tuple(code for code, _cell in spoken),
                    in_french=bool(row.yes_no("in_french")),
                    hours="; ".join(r.text("description") for r in times),
                    open_evenings=bool(row.yes_no("open_evenings")),
                    open_weekends=bool(row.yes_no("open_weekends")),
                    childcare=bool(row.yes_no("childcare")),
                    regardless_of_status=row.yes_no("regardless_of_status"),
                    cost=row.text("fees_description"),
                    how_to_refer=row.text("application_process"),
                    phone=phone,
                    email=row.text("email"),
                    website=row.text("url"),
                    verified_on=row.day("assured_date"),
                    verified_by=row.text("verified_by"),
                    is_active=status in ACTIVE,
                    notes=row.text("notes"),
                    origin=origin,
                )
            )
        return found

    def _contacts(
        self, org_uids: Collection[str], service_orgs: Mapping[str, str]
    ) -> tuple[HsdsContact, ...]:
        sheet = self.sheets[CONTACTS]
        sheet.require("id", "name")
        if sheet.rows and "organization_id" not in sheet.index:
            sheet.require("service_id")
        seen: dict[str, Cell] = {}
        found = []
        for row in sheet:
            uid = row.identifier("id")
            _unique(seen, uid, row.cell("id"))
            organization = row.identifier("organization_id", required=False)
            service = row.identifier("service_id", required=False)
            if service:
                if service not in service_orgs:
                    raise _unknown(row.cell("service_id"), "service", service)
                if organization and organization != service_orgs[service]:
                    raise problem(
                        row.cell("organization_id"),
                        _(
                            "this contact person handles a service of another organization; "
                            "leave organization_id empty or give the service's."
                        ),
                    )
                organization = service_orgs[service]
            elif not organization:
                raise problem(
                    row.cell("organization_id"),
                    _("say which organization (or service) this contact person belongs to."),
                )
            elif organization not in org_uids:
                raise _unknown(row.cell("organization_id"), "organization", organization)
            phone, phone_cell = self._phone("contact_id", uid)
            spoken = self.spoken.get(("contact_id", uid), [])
            origin: dict[str, Cell] = {
                "": row.where(),
                "name": row.cell("name"),
                "title": row.cell("title"),
                "email": row.cell("email"),
                "notes": row.cell("notes"),
                **phone_cell,
            }
            if spoken:
                origin["languages"] = spoken[0][1]
            found.append(
                HsdsContact(
                    uid=uid,
                    organization_uid=organization,
                    name=row.text("name"),
                    service_uid=service,
                    title=row.text("title"),
                    phone=phone,
                    email=row.text("email"),
                    languages=tuple(code for code, _cell in spoken),
                    notes=row.text("notes"),
                    origin=origin,
                )
            )
        return tuple(found)


def _country(text: str) -> str:
    """A country as its two-letter code ("Canada" -> "CA"); left as written when unknown."""
    if len(text) <= 2:
        return text
    return country_codes().get(fold(text), text)


def read_directory(path: Path, known: Known | None = None) -> HsdsDirectory:
    """The directory held by a folder of HSDS CSV files, a .zip of them, or one of the files
    (with its siblings beside it). Raises FileFormatError for anything it cannot use."""
    return _Reader(directory_files(path), known or Known()).read()
