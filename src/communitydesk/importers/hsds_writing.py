"""Records written as the directory's CSV files with a README (importers.hsds has the
format): write_directory."""

from __future__ import annotations

import csv
import io
import uuid
import zipfile
from collections.abc import Collection
from datetime import date
from pathlib import Path
from typing import Any, Final

from communitydesk.core.csv_safety import spreadsheet_safe
from communitydesk.core.files import written_whole
from communitydesk.core.i18n import _
from communitydesk.importers.hsds import (
    ACCESSIBILITY,
    ADDRESSES,
    COLUMNS,
    CONTACTS,
    DEFAULT_COUNTRY,
    FILES,
    LANGUAGE_CODE,
    LANGUAGES,
    LOCATIONS,
    MULTILINGUAL,
    ORGANIZATIONS,
    PHONES,
    README,
    SCHEDULES,
    SERVICE_AT_LOCATIONS,
    SERVICES,
    HsdsDirectory,
)

_NAMESPACE: Final = uuid.UUID("8d6f3c1e-6b0e-4c55-9a43-2f1d3e0c7a51")


# --- writing -------------------------------------------------------------------------------------


def _derived_id(*parts: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, "/".join(parts)))


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def _other_languages(records: Collection[Any], name: str) -> list[str]:
    return sorted(
        {code for r in records for code in getattr(r, name) if code != "en"},
        key=lambda code: (code.lower(), code),
    )


def _with_translations(
    file: str, records: Collection[Any]
) -> tuple[list[str], list[tuple[str, str, str]]]:
    """The file's columns, with one per other language of its multilingual texts."""
    columns = list(COLUMNS[file])
    extra: list[tuple[str, str, str]] = []  # (field, code, column)
    for name, base in MULTILINGUAL.get(file, {}).items():
        for code in _other_languages(records, name):
            if LANGUAGE_CODE.match(code):
                extra.append((name, code, f"{base}_{code}"))
    return columns + [column for _name, _code, column in extra], extra


def _tables(directory: HsdsDirectory) -> dict[str, list[list[str]]]:
    """Every file as its rows of cells, the header first."""
    org_columns, org_extra = _with_translations(ORGANIZATIONS, directory.organizations)
    service_columns, service_extra = _with_translations(SERVICES, directory.services)
    tables: dict[str, list[list[str]]] = {name: [list(COLUMNS[name])] for name in FILES}
    tables[ORGANIZATIONS] = [org_columns]
    tables[SERVICES] = [service_columns]

    def phone(owner_column: str, uid: str, number: str) -> None:
        if number:
            owners = {"organization_id": "", "service_id": "", "contact_id": ""}
            owners[owner_column] = uid
            tables[PHONES].append([_derived_id(uid, "phone"), *owners.values(), number, "voice"])

    def languages(owner_column: str, uid: str, codes: tuple[str, ...]) -> None:
        from babel import Locale, UnknownLocaleError

        for code in codes:
            try:
                name = str(Locale.parse(code).get_display_name("en") or code)
            except (ValueError, UnknownLocaleError):
                name = code
            owners = {"service_id": "", "contact_id": ""}
            owners[owner_column] = uid
            tables[LANGUAGES].append(
                [_derived_id(uid, "language", code), *owners.values(), name, code]
            )

    for org in directory.organizations:
        tables[ORGANIZATIONS].append(
            [
                org.uid,
                org.name,
                org.alternate_name,
                org.description.get("en", ""),
                org.email,
                org.website,
                org.notes,
                *(getattr(org, name).get(code, "") for name, code, _c in org_extra),
            ]
        )
        phone("organization_id", org.uid, org.phone)
    for loc in directory.locations:
        tables[LOCATIONS].append(
            [
                loc.uid,
                "physical",
                loc.organization_uid,
                loc.name,
                loc.transit,
                _yes_no(loc.wheelchair_accessible),
            ]
        )
        parts = (loc.address_1, loc.address_2, loc.city, loc.province, loc.postal_code)
        if any(parts) or loc.country not in ("", DEFAULT_COUNTRY):
            tables[ADDRESSES].append(
                [_derived_id(loc.uid, "address"), loc.uid, *parts, loc.country, "physical"]
            )
        if loc.accessibility:
            tables[ACCESSIBILITY].append(
                [_derived_id(loc.uid, "accessibility"), loc.uid, loc.accessibility, ""]
            )
    for service in directory.services:
        tables[SERVICES].append(
            [
                service.uid,
                service.organization_uid,
                service.name,
                service.description.get("en", ""),
                service.website,
                service.email,
                "active" if service.is_active else "inactive",
                service.how_to_refer,
                service.cost,
                service.eligibility.get("en", ""),
                service.verified_on.isoformat() if service.verified_on else "",
                service.category,
                _yes_no(service.in_french),
                _yes_no(service.open_evenings),
                _yes_no(service.open_weekends),
                _yes_no(service.childcare),
                _yes_no(service.regardless_of_status),
                service.what_to_bring.get("en", ""),
                service.verified_by,
                service.notes,
                *(getattr(service, name).get(code, "") for name, code, _c in service_extra),
            ]
        )
        if service.location_uid:
            tables[SERVICE_AT_LOCATIONS].append(
                [
                    _derived_id(service.uid, "at", service.location_uid),
                    service.uid,
                    service.location_uid,
                ]
            )
        phone("service_id", service.uid, service.phone)
        languages("service_id", service.uid, service.languages)
        if service.hours:
            tables[SCHEDULES].append(
                [_derived_id(service.uid, "schedule"), service.uid, service.hours]
            )
    for contact in directory.contacts:
        tables[CONTACTS].append(
            [
                contact.uid,
                contact.organization_uid,
                contact.service_uid,
                contact.name,
                contact.title,
                contact.email,
                contact.notes,
            ]
        )
        phone("contact_id", contact.uid, contact.phone)
        languages("contact_id", contact.uid, contact.languages)
    return tables


def _csv_bytes(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(rows[0])
    writer.writerows([[spreadsheet_safe(cell) for cell in row] for row in rows[1:]])
    return buffer.getvalue().encode("utf-8-sig")


def readme(written_on: date) -> str:
    return _(
        "This folder holds a directory of services in the Open Referral format (Human "
        "Services Data Specification, HSDS 3.0), written by CommunityDesk on {date}.\n\n"
        "Each .csv file is one table. The first row names the columns; the id columns link "
        "the tables. Columns that HSDS does not define (category, in_french, open_evenings, "
        "open_weekends, childcare, regardless_of_status, what_to_bring, verified_by, notes, "
        "wheelchair_accessible) are extensions. A text in another language than English is in "
        "a column named after its language code, such as description_fr. Yes/no columns hold "
        "yes, no, or nothing when not known.\n\n"
        "To send changes back, edit the cells and keep the ids as they are; a new row needs an "
        "id of its own.\n"
    ).format(date=written_on.isoformat())


def write_directory(
    target: Path, directory: HsdsDirectory, written_on: date
) -> tuple[tuple[str, int], ...]:
    """Every file (and README.txt) into the folder `target`, or into the .zip file `target`.
    Each file is written whole or not at all. Returns (file name, rows) for each CSV file."""
    tables = _tables(directory)
    contents = {name: _csv_bytes(rows) for name, rows in tables.items()}
    contents[README] = readme(written_on).encode("utf-8")
    if target.suffix.lower() == ".zip":
        with (
            written_whole(target) as partial,
            zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive,
        ):
            for name, data in contents.items():
                archive.writestr(name, data)
    else:
        for name, data in contents.items():
            with written_whole(target / name) as partial:
                partial.write_bytes(data)
    return tuple((name, len(rows) - 1) for name, rows in tables.items())
