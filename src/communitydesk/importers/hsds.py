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
  apostrophe and read back without it (core.csv_safety), in a form that also returns a text that
  itself began with an apostrophe unchanged.
- One phone, schedule, address and location per record is kept: of a hub's several, the first
  (the first physical address) is read; several accessibility rows are joined line by line.

A problem in the files raises FileFormatError naming the file, its row as a spreadsheet numbers
it (the header is row 1) and the column.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import uuid
import zipfile
import zlib
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any, Final, NamedTuple

from communitydesk.core.csv_safety import spreadsheet_safe
from communitydesk.core.errors import FileFormatError
from communitydesk.core.files import written_whole
from communitydesk.core.i18n import _
from communitydesk.core.text import fold
from communitydesk.importers.dates import DateError, parse_date
from communitydesk.importers.table import BIGGEST_FILE, DELIMITERS, decode_text

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
_NAMESPACE: Final = uuid.UUID("8d6f3c1e-6b0e-4c55-9a43-2f1d3e0c7a51")
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


def _shown(value: str) -> str:
    one_line = " ".join(value.split())
    return one_line if len(one_line) <= _SHOWN else one_line[: _SHOWN - 1] + "…"


# --- cells that are not formulas ----------------------------------------------------------------


def _needs_mark(value: str) -> bool:
    bare = value.lstrip("'")
    return spreadsheet_safe(bare) != bare


def to_cell(value: str) -> str:
    """As core.csv_safety.spreadsheet_safe ("=1+1" -> "'=1+1"), and "'=1+1" -> "''=1+1", so that
    `from_cell` returns every text as it was (csv_safety alone would lose that apostrophe)."""
    return "'" + value if _needs_mark(value) else value


def from_cell(value: str) -> str:
    return value[1:] if value.startswith("'") and _needs_mark(value[1:]) else value


# --- finding the files ---------------------------------------------------------------------------


def _too_big(name: str) -> FileFormatError:
    return FileFormatError(_("{file} is too big to import (over 200 MB).").format(file=name))


def _cannot_read(name: str, error: OSError) -> FileFormatError:
    return FileFormatError(
        _("The file {path} cannot be read: {error}").format(
            path=name, error=error.strerror or error
        )
    )


def _from_folder(folder: Path) -> dict[str, bytes]:
    found: dict[str, bytes] = {}
    try:
        children = sorted(folder.iterdir())
    except OSError as error:
        raise _cannot_read(folder.name, error) from error
    for child in children:
        name = child.name.lower()
        if name not in FILES or name in found:
            continue
        try:
            if not child.is_file():
                continue
            if child.stat().st_size > BIGGEST_FILE:
                raise _too_big(child.name)
            found[name] = child.read_bytes()
        except OSError as error:
            raise _cannot_read(child.name, error) from error
    return found


def _from_zip(path: Path) -> dict[str, bytes]:
    found: dict[str, bytes] = {}
    try:
        with zipfile.ZipFile(path) as archive:
            members = [
                info
                for info in archive.infolist()
                if not info.is_dir() and PurePosixPath(info.filename).name.lower() in FILES
            ]
            # The shallowest copy of each file wins (a zip of a folder holds it one level down).
            members.sort(key=lambda info: (info.filename.count("/"), info.filename))
            for info in members:
                name = PurePosixPath(info.filename).name.lower()
                if name in found:
                    continue
                if info.file_size > BIGGEST_FILE:
                    raise _too_big(info.filename)
                with archive.open(info) as member:
                    found[name] = member.read(BIGGEST_FILE + 1)
                if len(found[name]) > BIGGEST_FILE:
                    raise _too_big(info.filename)
    except FileFormatError:
        raise
    except OSError as error:
        raise _cannot_read(path.name, error) from error
    except (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        NotImplementedError,
        RuntimeError,
        ValueError,
    ) as error:
        raise FileFormatError(
            _("{path} is not a readable .zip file ({error}).").format(path=path.name, error=error)
        ) from error
    return found


def _files(path: Path) -> dict[str, bytes]:
    """The directory's CSV files by (lower-case) name: from a folder, a .zip, or one of the
    files with its siblings beside it."""
    is_folder = path.is_dir()
    start = b""
    if not is_folder:
        try:
            with path.open("rb") as handle:
                start = handle.read(4)
        except OSError as error:
            raise _cannot_read(path.name, error) from error
    if is_folder:
        found = _from_folder(path)
    elif start == b"PK\x03\x04" or path.suffix.lower() == ".zip":
        found = _from_zip(path)
    elif path.name.lower() in FILES:
        found = _from_folder(path.parent)
    else:
        raise FileFormatError(
            _(
                "{name} is not one of the directory's files. Choose the folder or the .zip file "
                "that holds organizations.csv and services.csv."
            ).format(name=path.name)
        )
    if not any(name in found for name in (ORGANIZATIONS, SERVICES, LOCATIONS, CONTACTS)):
        raise FileFormatError(
            _(
                "{name} holds no directory files: organizations.csv, services.csv, "
                "locations.csv or contacts.csv (Open Referral format)."
            ).format(name=path.name)
        )
    return found


# --- reading one file ---------------------------------------------------------------------------


class _Row:
    def __init__(self, sheet: _Sheet, number: int, cells: list[str]) -> None:
        self.sheet, self.number, self.cells = sheet, number, cells

    def cell(self, column: str) -> Cell:
        return Cell(self.sheet.name, self.number, self.sheet.header(column))

    def where(self) -> Cell:
        return Cell(self.sheet.name, self.number, "")

    def text(self, column: str) -> str:
        index = self.sheet.index.get(column)
        if index is None or index >= len(self.cells):
            return ""
        return from_cell(self.cells[index].strip())

    def identifier(self, column: str, required: bool = True) -> str:
        value = self.text(column)
        if not value and required:
            raise problem(
                self.cell(column),
                _("the id is empty; every row needs one (keep the ids the file came with)."),
            )
        if len(value) > LONGEST_ID:
            raise problem(
                self.cell(column),
                _("the id “{id}” is longer than {count} characters.").format(
                    id=_shown(value), count=LONGEST_ID
                ),
            )
        return value

    def yes_no(self, column: str) -> bool | None:
        value = self.text(column)
        key = value.casefold()
        if not key:
            return None
        if key in YES:
            return True
        if key in NO:
            return False
        raise problem(
            self.cell(column),
            _("“{value}” is not yes or no (leave it empty when not known).").format(
                value=_shown(value)
            ),
        )

    def day(self, column: str) -> date | None:
        value = self.text(column)
        if not value:
            return None
        try:
            return parse_date(value)
        except DateError as error:
            raise problem(self.cell(column), str(error)) from error

    def texts(self, base: str) -> dict[str, str]:
        """A multilingual text: English in `base`, other languages in `base`_<code>."""
        found = {
            code: text
            for code, column in self.sheet.translations.get(base, {}).items()
            if (text := self.text(column))
        }
        english = self.text(base)
        if english:
            found["en"] = english
        return found

    def texts_cell(self, base: str) -> Cell:
        if self.text(base):
            return self.cell(base)
        for column in self.sheet.translations.get(base, {}).values():
            if self.text(column):
                return self.cell(column)
        return self.cell(base)


class _Sheet:
    def __init__(self, name: str, headers: list[str], rows: list[tuple[int, list[str]]]) -> None:
        self.name = name
        self.headers = headers
        self.rows = rows
        self.index: dict[str, int] = {}
        for position, header in enumerate(headers):
            key = header.strip().lower()
            if key in self.index and key:
                raise problem(
                    Cell(name, 1, header.strip()),
                    _("this column appears twice; keep one of them."),
                )
            self.index[key] = position
        # base column -> {language code: column}, for the multilingual texts
        self.translations: dict[str, dict[str, str]] = {}
        for base in MULTILINGUAL.get(name, {}).values():
            for position, header in enumerate(headers):
                key = header.strip()
                prefix = base + "_"
                if key.lower().startswith(prefix) and LANGUAGE_CODE.match(key[len(prefix) :]):
                    code = key[len(prefix) :]
                    if code.lower() != "en":
                        self.translations.setdefault(base, {})[code] = key.lower()
                    elif base not in self.index:  # English in a column of its own
                        self.index[base] = position

    def header(self, column: str) -> str:
        index = self.index.get(column)
        return self.headers[index].strip() if index is not None else column

    def require(self, *columns: str) -> None:
        if not self.rows:
            return
        for column in columns:
            if column not in self.index:
                raise FileFormatError(
                    _(
                        "{file} has no column “{column}”. The first row must name the columns "
                        "(Open Referral names, such as {columns})."
                    ).format(
                        file=self.name, column=column, columns=", ".join(COLUMNS[self.name][:4])
                    ),
                    row=1,
                    column=column,
                )

    def __iter__(self) -> Iterator[_Row]:
        for number, cells in self.rows:
            yield _Row(self, number, cells)


def _sheet(name: str, data: bytes | None) -> _Sheet:
    if not data:
        return _Sheet(name, [], [])
    text, _encoding = decode_text(data, name, None)
    text = text.removeprefix("\ufeff")
    first = next((line for line in io.StringIO(text) if line.strip()), "")
    # The header row decides the separator: HSDS column names never hold one, while a text cell
    # may hold many on every line.
    delimiter = max(DELIMITERS, key=lambda d: (first.count(d), -DELIMITERS.index(d)))
    csv.field_size_limit(BIGGEST_FILE)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    headers: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    number = 0
    try:
        for record in reader:
            number += 1
            if not any(cell.strip() for cell in record):
                continue
            if headers is None:
                headers = record
                continue
            if len(record) > len(headers) and any(c.strip() for c in record[len(headers) :]):
                raise problem(
                    Cell(name, number, ""),
                    _(
                        "this row has more cells than the file has columns; a cell holding a "
                        "comma may have lost its quotes."
                    ),
                )
            rows.append((number, record))
    except csv.Error as error:
        raise problem(
            Cell(name, number + 1, ""),
            _("the file cannot be read from here on ({error}); it may be cut short.").format(
                error=error
            ),
        ) from error
    return _Sheet(name, headers or [], rows)


# --- reading the directory ----------------------------------------------------------------------


def _unique(seen: dict[str, Cell], uid: str, cell: Cell) -> None:
    if uid in seen:
        raise problem(
            cell,
            _("the id “{id}” is already used on row {row}; each row needs its own.").format(
                id=_shown(uid), row=seen[uid].row
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
    return problem(cell, messages[kind].format(id=_shown(uid)))


class _Reader:
    def __init__(self, files: Mapping[str, bytes], known: Known) -> None:
        self.sheets = {name: _sheet(name, files.get(name)) for name in FILES}
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
        codes = _language_codes()
        for row in sheet:
            code = row.text("code")
            if not code and (name := row.text("name")):
                code = codes.get(fold(name), "")
                if not code:
                    raise problem(
                        row.cell("name"),
                        _("“{name}” is not a language this app knows; give its code.").format(
                            name=_shown(name)
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
        addresses: dict[str, _Row] = {}
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
        access: dict[str, list[_Row]] = {}
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
        at: dict[str, _Row] = {}
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
        hours: dict[str, list[_Row]] = {}
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
                        value=_shown(row.text("status"))
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


def _language_codes() -> dict[str, str]:
    # The people importer's table of language names in English, French and Arabic (cached).
    from communitydesk.importers.people_rows import _language_codes as names

    return names()


def _country(text: str) -> str:
    """A country as its two-letter code ("Canada" -> "CA"); left as written when unknown."""
    if len(text) <= 2:
        return text
    from communitydesk.importers.people_rows import _country_codes

    return _country_codes().get(fold(text), text)


def read_directory(path: Path, known: Known | None = None) -> HsdsDirectory:
    """The directory held by a folder of HSDS CSV files, a .zip of them, or one of the files
    (with its siblings beside it). Raises FileFormatError for anything it cannot use."""
    return _Reader(_files(path), known or Known()).read()


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
    writer.writerows([[to_cell(cell) for cell in row] for row in rows[1:]])
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
