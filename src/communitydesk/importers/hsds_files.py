"""The directory's CSV files found (a folder, a .zip, or one file with its siblings) and each
parsed into rows whose cells say where they came from (importers.hsds has the format)."""

from __future__ import annotations

import csv
import io
import zipfile
import zlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path, PurePosixPath

from communitydesk.core.csv_safety import from_spreadsheet
from communitydesk.core.errors import FileFormatError
from communitydesk.core.i18n import _
from communitydesk.importers.dates import DateError, parse_date
from communitydesk.importers.hsds import (
    COLUMNS,
    CONTACTS,
    FILES,
    LANGUAGE_CODE,
    LOCATIONS,
    LONGEST_ID,
    MULTILINGUAL,
    NO,
    ORGANIZATIONS,
    SERVICES,
    YES,
    Cell,
    problem,
    shown,
)
from communitydesk.importers.table import BIGGEST_FILE, DELIMITERS, decode_text

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


def directory_files(path: Path) -> dict[str, bytes]:
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


class Row:
    def __init__(self, sheet: Sheet, number: int, cells: list[str]) -> None:
        self.sheet, self.number, self.cells = sheet, number, cells

    def cell(self, column: str) -> Cell:
        return Cell(self.sheet.name, self.number, self.sheet.header(column))

    def where(self) -> Cell:
        return Cell(self.sheet.name, self.number, "")

    def text(self, column: str) -> str:
        index = self.sheet.index.get(column)
        if index is None or index >= len(self.cells):
            return ""
        return from_spreadsheet(self.cells[index].strip())

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
                    id=shown(value), count=LONGEST_ID
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
                value=shown(value)
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


class Sheet:
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

    def __iter__(self) -> Iterator[Row]:
        for number, cells in self.rows:
            yield Row(self, number, cells)


def read_sheet(name: str, data: bytes | None) -> Sheet:
    if not data:
        return Sheet(name, [], [])
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
    return Sheet(name, headers or [], rows)
