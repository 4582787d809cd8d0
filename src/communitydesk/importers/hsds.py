"""The service directory as Open Referral CSV files (the Human Services Data Specification,
HSDS 3.0, table and column names where they fit), read and written. No services, no database.

A hub keeps its directory in a spreadsheet; HSDS names the tables and columns so that a 211 line
or another tool reads the same files. What has no HSDS home travels in extension columns (after
the "|" below), which HSDS allows and other tools ignore.

    organizations.csv         id, name, alternate_name, description, email, website | notes
    services.csv              id, organization_id, name, description, url (website), email,
                              status (active or inactive), application_process (how to refer),
                              fees_description (cost), eligibility_description, assured_date
                              (last verified on, YYYY-MM-DD) | category (a code of the referral
                              categories), in_french, open_evenings, open_weekends, childcare,
                              regardless_of_status, what_to_bring, verified_by, notes
    locations.csv             id, location_type (physical), organization_id, name,
                              transportation (transit) | wheelchair_accessible
    addresses.csv             id, location_id, address_1, address_2, city, state_province,
                              postal_code, country, address_type (physical); no row: no address
                              (and the country is Canada, the app's default)
    accessibility.csv         id, location_id, description (accessibility in words), details
    service_at_locations.csv  id, service_id, location_id
    phones.csv                id, organization_id, service_id, contact_id, number, type (voice)
    contacts.csv              id, organization_id, service_id, name, title, email | notes
    languages.csv             id, service_id, contact_id (an extension: a contact person's
                              languages), name (in English), code (ISO 639)
    schedules.csv             id, service_id, description (the hours, as written)

- The `id` of an organization, location, service or contact person is its uid here, so that a
  file sent back merges record by record. Rows of the other tables get ids derived from their
  owner's (the same on every export); on reading, those ids are not used.
- Texts written in several languages: the HSDS column holds the English text, every other
  language its own column named after the code: description_fr, eligibility_description_ar,
  what_to_bring_es.
- Yes/no columns hold "yes", "no", or nothing for "not known" (which, for columns that are never
  unknown here, reads as no). Read back: yes/no, true/false, 1/0, oui/non, نعم/لا.
- Files are UTF-8 with a byte-order mark (so that Excel shows Arabic and accents, not mojibake),
  comma-separated, one header row; every file is written, even with no rows, with a README.txt.
  Read back: any encoding `importers.table` detects, separated by commas, semicolons or tabs.
- A cell that a spreadsheet would run as a formula (=, +, -, @ first) is written after an
  apostrophe and read back without it (core.csv_safety), which also returns unchanged a text
  that itself began with an apostrophe.
- One phone, schedule, address and location per record is kept: of a hub's several, the first
  (the first physical address) is read; several accessibility rows are joined line by line.

A problem in the files raises FileFormatError naming the file, its row as a spreadsheet numbers
it (the header is row 1) and the column.

This module holds the format and its records; importers.hsds_files finds and parses the
CSV files, importers.hsds_reading makes records of them (read_directory), and
importers.hsds_writing writes records out (write_directory).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any, Final, NamedTuple

from communitydesk.core.errors import FileFormatError
from communitydesk.core.i18n import _

ORGANIZATIONS: Final = "organizations.csv"
SERVICES: Final = "services.csv"
LOCATIONS: Final = "locations.csv"
ADDRESSES: Final = "addresses.csv"
ACCESSIBILITY: Final = "accessibility.csv"
SERVICE_AT_LOCATIONS: Final = "service_at_locations.csv"
PHONES: Final = "phones.csv"
CONTACTS: Final = "contacts.csv"
LANGUAGES: Final = "languages.csv"
SCHEDULES: Final = "schedules.csv"
README: Final = "README.txt"
# Each file with the columns written, HSDS's first, then the extensions.
COLUMNS: Final[dict[str, tuple[str, ...]]] = {
    ORGANIZATIONS: ("id", "name", "alternate_name", "description", "email", "website", "notes"),
    SERVICES: (
        "id",
        "organization_id",
        "name",
        "description",
        "url",
        "email",
        "status",
        "application_process",
        "fees_description",
        "eligibility_description",
        "assured_date",
        "category",
        "in_french",
        "open_evenings",
        "open_weekends",
        "childcare",
        "regardless_of_status",
        "what_to_bring",
        "verified_by",
        "notes",
    ),
    LOCATIONS: (
        "id",
        "location_type",
        "organization_id",
        "name",
        "transportation",
        "wheelchair_accessible",
    ),
    ADDRESSES: (
        "id",
        "location_id",
        "address_1",
        "address_2",
        "city",
        "state_province",
        "postal_code",
        "country",
        "address_type",
    ),
    ACCESSIBILITY: ("id", "location_id", "description", "details"),
    SERVICE_AT_LOCATIONS: ("id", "service_id", "location_id"),
    PHONES: ("id", "organization_id", "service_id", "contact_id", "number", "type"),
    CONTACTS: ("id", "organization_id", "service_id", "name", "title", "email", "notes"),
    LANGUAGES: ("id", "service_id", "contact_id", "name", "code"),
    SCHEDULES: ("id", "service_id", "description"),
}
FILES: Final = tuple(COLUMNS)
# Multilingual texts: the column of the English text; other languages add "_<code>".
MULTILINGUAL: Final = {
    ORGANIZATIONS: {"description": "description"},
    SERVICES: {
        "description": "description",
        "eligibility": "eligibility_description",
        "what_to_bring": "what_to_bring",
    },
}
LANGUAGE_CODE: Final = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$")
DEFAULT_COUNTRY: Final = "CA"
LONGEST_ID: Final = 36  # a uid
YES: Final = frozenset({"yes", "y", "true", "1", "oui", "o", "vrai", "x", "نعم"})
NO: Final = frozenset({"no", "n", "false", "0", "non", "faux", "لا"})
ACTIVE: Final = frozenset({"", "active"})
INACTIVE: Final = frozenset({"inactive", "defunct", "temporarily closed", "temporarily_closed"})
_SHOWN: Final = 60  # characters of a cell quoted in a message


class Cell(NamedTuple):
    """Where a value came from: the file, its row as a spreadsheet numbers it, the column."""

    file: str
    row: int
    column: str


Origins = Mapping[str, Cell]  # field name -> cell; "" -> the record's own row


@dataclass(frozen=True)
class HsdsOrganization:
    uid: str
    name: str
    alternate_name: str = ""
    description: dict[str, str] = field(default_factory=dict)
    website: str = ""
    email: str = ""
    phone: str = ""
    notes: str = ""
    origin: Origins = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class HsdsLocation:
    uid: str
    organization_uid: str
    name: str = ""
    address_1: str = ""
    address_2: str = ""
    city: str = ""
    province: str = ""
    postal_code: str = ""
    country: str = ""
    transit: str = ""
    wheelchair_accessible: bool | None = None
    accessibility: str = ""
    origin: Origins = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class HsdsService:
    uid: str
    organization_uid: str
    name: str
    location_uid: str = ""
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
    origin: Origins = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class HsdsContact:
    uid: str
    organization_uid: str
    name: str
    service_uid: str = ""
    title: str = ""
    phone: str = ""
    email: str = ""
    languages: tuple[str, ...] = ()
    notes: str = ""
    origin: Origins = field(default_factory=dict, compare=False, repr=False)


HsdsRecord = HsdsOrganization | HsdsLocation | HsdsService | HsdsContact


@dataclass(frozen=True)
class HsdsDirectory:
    organizations: tuple[HsdsOrganization, ...] = ()
    locations: tuple[HsdsLocation, ...] = ()
    services: tuple[HsdsService, ...] = ()
    contacts: tuple[HsdsContact, ...] = ()


@dataclass(frozen=True)
class Known:
    """Records already in the database that the files may point at without holding them."""

    organizations: Collection[str] = frozenset()
    locations: Collection[str] = frozenset()
    # service uid -> its organization's uid (a contact person's organization follows it)
    services: Mapping[str, str] = field(default_factory=dict)


# --- what travels, and its digest ----------------------------------------------------------------


def exchanged(record: HsdsRecord) -> dict[str, Any]:
    """The record's exchanged fields as plain JSON values (its place in a file left out)."""
    values: dict[str, Any] = {}
    for item in fields(record):
        if item.name == "origin":
            continue
        value = getattr(record, item.name)
        if isinstance(value, date):
            value = value.isoformat()
        elif isinstance(value, tuple):
            value = list(value)
        values[item.name] = value
    return values


def fingerprint(record: HsdsRecord) -> str:
    """A digest of the exchanged fields: equal digests, equal records (64 hex digits)."""
    text = json.dumps(exchanged(record), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def problem(cell: Cell, message: str) -> FileFormatError:
    """A FileFormatError that says where: file, row and column."""
    if cell.column:
        text = _("{file}, row {row}, column “{column}”: {problem}").format(
            file=cell.file, row=cell.row, column=cell.column, problem=message
        )
    else:
        text = _("{file}, row {row}: {problem}").format(
            file=cell.file, row=cell.row, problem=message
        )
    return FileFormatError(text, row=cell.row, column=cell.column or None)


def shown(value: str) -> str:
    one_line = " ".join(value.split())
    return one_line if len(one_line) <= _SHOWN else one_line[: _SHOWN - 1] + "…"
