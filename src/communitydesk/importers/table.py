"""A spreadsheet file read into headers and rows of text, with what was detected.

CSV in the encodings spreadsheets write (UTF-8 with or without BOM, UTF-16 from Excel's
"Unicode text", Windows-1252/1256, Latin-1), with comma, semicolon or tab; or the first (or a
chosen) sheet of an .xlsx. Anything else ends in a FileFormatError a volunteer can act on.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Final

from communitydesk.core.csv_safety import from_spreadsheet
from communitydesk.core.errors import FileFormatError
from communitydesk.core.i18n import _

DELIMITERS: Final = (",", ";", "\t")
BIGGEST_FILE: Final = 200 * 1024 * 1024
XLSX_MAGIC: Final = b"PK\x03\x04"
BINARY_MAGICS: Final = {
    b"%PDF": "PDF",
    b"\xd0\xcf\x11\xe0": "old Excel (.xls) or Word",
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
}


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]  # each as long as the headers
    encoding: str = ""  # for CSV
    delimiter: str = ""  # for CSV
    sheet: str = ""  # for .xlsx
    sheets: tuple[str, ...] = ()


def read_table(
    path: Path, encoding: str | None = None, delimiter: str | None = None, sheet: str | None = None
) -> Table:
    try:
        size = path.stat().st_size
        if size > BIGGEST_FILE:
            raise FileFormatError(_("The file is too big to import (over 200 MB)."))
        with path.open("rb") as handle:
            start = handle.read(8)
    except OSError as error:
        raise FileFormatError(
            _("The file {path} cannot be read: {error}").format(
                path=path.name, error=error.strerror or error
            )
        ) from error
    if size == 0:
        raise FileFormatError(_("The file {path} is empty.").format(path=path.name))
    if start.startswith(XLSX_MAGIC):
        return _read_xlsx(path, sheet)
    for magic, kind in BINARY_MAGICS.items():
        if start.startswith(magic):
            raise FileFormatError(
                _("{path} is a {kind} file, not a spreadsheet. Save it as CSV or .xlsx.").format(
                    path=path.name, kind=kind
                )
            )
    return _read_csv(path.read_bytes(), path.name, encoding, delimiter)


def decode_text(data: bytes, name: str, encoding: str | None) -> tuple[str, str]:
    if encoding:
        try:
            return data.decode(encoding), encoding
        except (LookupError, UnicodeDecodeError) as error:
            raise FileFormatError(
                _("{path} cannot be read as {encoding}. Let the app detect the encoding.").format(
                    path=name, encoding=encoding
                )
            ) from error
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    if b"\x00" in data[:4096]:
        raise FileFormatError(
            _("{path} is not a text file. Save the spreadsheet as CSV or .xlsx.").format(path=name)
        )
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000], cp_isolation=["cp1252", "cp1256", "latin_1", "cp1251"]).best()
    guess = best.encoding if best is not None else "cp1252"
    return data.decode(guess, errors="replace"), guess


def sniff_delimiter(text: str) -> str:
    lines = [line for line in text.splitlines()[:20] if line.strip()]
    counts = {d: min((line.count(d) for line in lines), default=0) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: (counts[d], -DELIMITERS.index(d)))
    if counts[best] == 0:  # one column, or ragged: the most frequent in the header
        header = lines[0] if lines else ""
        best = max(DELIMITERS, key=lambda d: header.count(d))
    return best


def _headers(raw: list[str]) -> tuple[str, ...]:
    """Blank headers get a name; repeated ones are numbered: no column is lost or confused."""
    seen: dict[str, int] = {}
    headers = []
    for index, header in enumerate(raw, start=1):
        name = " ".join(header.split()) or _("Column {number}").format(number=index)
        key = name.casefold()
        seen[key] = seen.get(key, 0) + 1
        headers.append(name if seen[key] == 1 else f"{name} ({seen[key]})")
    return tuple(headers)


def _rectangle(headers: tuple[str, ...], rows: list[list[str]]) -> tuple[tuple[str, ...], ...]:
    width = len(headers)
    shaped = []
    for row in rows:
        if not any(cell.strip() for cell in row):
            continue  # a blank line is no person
        cells = [from_spreadsheet(cell.strip()) for cell in row[:width]]
        # Cells beyond the last header are kept joined in the last column, not dropped silently.
        if len(row) > width and any(c.strip() for c in row[width:]):
            cells[-1] = " ".join(c for c in [cells[-1], *[x.strip() for x in row[width:]]] if c)
        shaped.append(tuple(cells + [""] * (width - len(cells))))
    return tuple(shaped)


def _read_csv(data: bytes, name: str, encoding: str | None, delimiter: str | None) -> Table:
    text, used = decode_text(data, name, encoding)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    chosen = delimiter or sniff_delimiter(text)
    csv.field_size_limit(BIGGEST_FILE)  # long cells are read, then refused row by row
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=chosen))
    except csv.Error as error:
        raise FileFormatError(
            _("{path} is not a readable CSV file: {error}").format(path=name, error=error)
        ) from error
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        raise FileFormatError(_("The file {path} is empty.").format(path=name))
    headers = _headers(rows[0])
    return Table(headers, _rectangle(headers, rows[1:]), encoding=used, delimiter=chosen)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return (
            value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a year or a phone number typed as a number
    return str(value)


def _read_xlsx(path: Path, sheet: str | None) -> Table:
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        # data_only: a formula counts by its last computed value, never as code to run. Opened
        # from its bytes, so an .xlsx saved under another name is still read.
        workbook = load_workbook(io.BytesIO(path.read_bytes()), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as error:
        raise FileFormatError(
            _("{path} is not a readable Excel file (.xlsx).").format(path=path.name)
        ) from error
    try:
        names = tuple(workbook.sheetnames)
        if sheet is not None and sheet not in names:
            raise FileFormatError(
                _("There is no sheet named “{sheet}” in {path}; it has {sheets}.").format(
                    sheet=sheet, path=path.name, sheets=", ".join(names)
                )
            )
        worksheet = workbook[sheet] if sheet is not None else workbook.worksheets[0]
        rows = [[_cell(value) for value in row] for row in worksheet.iter_rows(values_only=True)]
    finally:
        workbook.close()
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        raise FileFormatError(
            _("The sheet “{sheet}” of {path} is empty.").format(
                sheet=worksheet.title, path=path.name
            )
        )
    headers = _headers(rows[0])
    return Table(headers, _rectangle(headers, rows[1:]), sheet=worksheet.title, sheets=names)
