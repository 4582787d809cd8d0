"""Bank statements as Canadian banks let a treasurer download them (CSV), read into dated lines
with a signed amount in cents: money in is positive, money out negative. No Qt, no database.

Decoding (UTF-8 with or without BOM, UTF-16, Windows-1252...) and the delimiter (comma,
semicolon, tab) are found by the spreadsheet reader's own helpers (`importers.table`); dates are
read by `importers.dates` and amounts by `core.money.parse_money`, so every importer reads a
cell the same way.

The layouts known, as the banks' websites export them:

- RBC Royal Bank: a header row "Account Type, Account Number, Transaction Date, Cheque Number,
  Description 1, Description 2, CAD$, USD$"; dates month first (1/31/2025); one signed amount.
- TD Canada Trust: no header; date (01/31/2025), description, debit, credit, balance.
- Scotiabank: no header; date (1/31/2025), signed amount, "-" (or a cheque number), type of
  transaction, description.
- BMO Bank of Montreal: a few lines about the download, then the header "First Bank Card,
  Transaction Type, Date Posted, Transaction Amount, Description"; dates 20250131.
- CIBC: no header; date (2025-01-31), description, debit, credit (and the card number on a
  credit card's file).
- Desjardins (AccèsD "relevé" CSV): no header, fourteen columns: institution, account,
  account type, date (2025/01/31), line number, description, cheque number (often empty),
  withdrawal, deposit, four interest and capital columns, balance. We read the date from the
  fourth column, the description from the sixth, the reference from the seventh, the
  withdrawal from the eighth and the deposit from the ninth; the columns after them are not
  needed. (Assumption: the files seen in the wild all follow this order; a file that does not
  can be read with the generic mapping.)

Any other bank: a `GenericMapping` names the columns.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final

from communitydesk.core.errors import FileFormatError, ValidationError
from communitydesk.core.i18n import N_, _, ngettext
from communitydesk.core.money import parse_money
from communitydesk.core.text import fold
from communitydesk.importers.dates import DateError, parse_date
from communitydesk.importers.table import (
    BIGGEST_FILE,
    BINARY_MAGICS,
    XLSX_MAGIC,
    decode_text,
    sniff_delimiter,
)

LAYOUTS: Final[dict[str, str]] = {
    "rbc": N_("RBC Royal Bank"),
    "td": N_("TD Canada Trust"),
    "scotiabank": N_("Scotiabank"),
    "bmo": N_("BMO Bank of Montreal"),
    "cibc": N_("CIBC"),
    "desjardins": N_("Desjardins"),
}
GENERIC: Final = "generic"
GENERIC_NAME: Final = N_("Another bank (choose the columns)")
DATE_ORDERS: Final[dict[str, str]] = {
    "day_first": N_("Day first (31/01/2025)"),
    "month_first": N_("Month first (01/31/2025)"),
    "iso": N_("Year first (2025-01-31)"),
}
DESCRIPTION_LIMIT: Final = 300  # as long as StatementLine.description
REFERENCE_LIMIT: Final = 60
EARLIEST_YEAR: Final = 1900
LATEST_YEAR: Final = 2199

Column = int | str  # a column by its place (0 is the first) or by its header


@dataclass(frozen=True)
class StatementLineData:
    """One line of a statement. `row` is the file's row number, to point at it in messages."""

    row: int
    posted_on: date
    amount_cents: int  # money in positive, money out negative
    description: str = ""
    reference: str = ""


@dataclass(frozen=True)
class GenericMapping:
    """Which columns hold what, for a bank whose layout is not known.

    The amount is either one signed column (`amount_column`) or a money-out column
    (`debit_column`) and a money-in column (`credit_column`). `money_out_positive` is for files
    whose single amount column shows money out as positive (a credit card's, often).
    """

    date_column: Column
    amount_column: Column | None = None
    debit_column: Column | None = None
    credit_column: Column | None = None
    description_column: Column | None = None
    reference_column: Column | None = None
    date_order: str = "iso"  # a key of DATE_ORDERS
    has_header: bool = True
    money_out_positive: bool = False


_Row = tuple[int, tuple[str, ...]]  # (row number in the file, its cells)

_MONTH_FIRST = re.compile(r"^\d{1,2}/\d{1,2}/\d{4}$")
_ISO_DASH = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")
_ISO_SLASH = re.compile(r"^\d{4}/\d{1,2}/\d{1,2}$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_AMOUNT = re.compile(r"^[-+(]?\s*\$?\s*\d[\d,\s]*(?:[.,]\d{1,2})?\s*\$?\s*\)?-?$")
_DECIMAL_COMMA = re.compile(r",(\d{1,2})$")
_PLAIN_NUMBER = re.compile(r"^(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$")
_MINUS_SIGNS = str.maketrans({"\u2212": "-", "\u2013": "-"})


# --- reading the file ------------------------------------------------------------------------


def _text(data: bytes) -> str:
    if len(data) > BIGGEST_FILE:
        raise FileFormatError(_("The file is too big to import (over 200 MB)."))
    if not data.strip():
        raise FileFormatError(_("The file is empty."))
    if data.startswith(XLSX_MAGIC):
        raise FileFormatError(
            _(
                "This is an Excel workbook. Download the statement from the bank's website as "
                "CSV (comma-separated values), or save it as CSV, then import that."
            )
        )
    for magic, kind in BINARY_MAGICS.items():
        if data.startswith(magic):
            raise FileFormatError(
                _(
                    "This is a {kind} file, not a statement in CSV. Download the transactions "
                    "from the bank's website as CSV (comma-separated values)."
                ).format(kind=kind)
            )
    text, _encoding = decode_text(data, _("The file"), None)
    if "\x00" in text:  # NUL bytes past the first few kilobytes: not text after all
        raise FileFormatError(_("The file is not a text file. Download the statement as CSV."))
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _records(data: bytes) -> list[_Row]:
    """The file's non-blank rows, each with its row number as a spreadsheet would count it."""
    text = _text(data)
    delimiter = sniff_delimiter(text)
    csv.field_size_limit(BIGGEST_FILE)
    rows: list[_Row] = []
    try:
        for number, cells in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), 1):
            cleaned = tuple(" ".join(cell.split()) for cell in cells)
            if any(cleaned):
                rows.append((number, cleaned))
    except csv.Error as error:
        raise FileFormatError(
            _("The file is not a readable CSV file: {error}").format(error=error)
        ) from error
    if not rows:
        raise FileFormatError(_("The file is empty."))
    return rows


def raw_rows(data: bytes, limit: int = 20) -> tuple[tuple[str, ...], ...]:
    """The first rows of the file as text, to show the columns when choosing them by hand."""
    return tuple(cells for _number, cells in _records(data)[:limit])


# --- cells -----------------------------------------------------------------------------------


def _problem(row: int, column: str, reason: str) -> FileFormatError:
    return FileFormatError(
        _("Row {row}, column {column}: {reason}").format(row=row, column=column, reason=reason),
        row,
        column,
    )


def _date(row: int, column: str, text: str, day_first: bool | None) -> date:
    compact = _COMPACT.match(text.strip())
    if compact:  # 20250131, as BMO writes it
        text = f"{compact[1]}-{compact[2]}-{compact[3]}"
    try:
        found = parse_date(text, day_first)
    except DateError as error:
        raise _problem(row, column, str(error)) from error
    if not EARLIEST_YEAR <= found.year <= LATEST_YEAR:  # a typing slip, or the wrong column
        raise _problem(
            row, column, _("“{text}” is too far in the past or the future.").format(text=text)
        )
    return found


def _amount(row: int, column: str, text: str) -> int | None:
    """Signed cents; None for an empty cell. '-25.00', '(25.00)', '25.00-', '1,234.56' and
    '1 234,56' are all understood."""
    cleaned = "".join(text.translate(_MINUS_SIGNS).split())
    if not cleaned:
        return None
    negative = False
    if cleaned.startswith("(") and cleaned.endswith(")"):
        negative, cleaned = True, cleaned[1:-1]
    if cleaned.startswith(("-", "+")):
        negative, cleaned = negative or cleaned[0] == "-", cleaned[1:]
    elif cleaned.endswith("-"):
        negative, cleaned = True, cleaned[:-1]
    cleaned = cleaned.replace("$", "")
    # The file's own decimal mark, whatever the window's language: the last of "." and "," is
    # the decimal mark when both appear; a lone "," before one or two digits is one too.
    if "," in cleaned and "." in cleaned:
        if cleaned.rfind(",") > cleaned.rfind("."):
            cleaned = cleaned.replace(".", "").replace(",", ".")
        else:
            cleaned = cleaned.replace(",", "")
    elif cleaned.count(",") == 1 and _DECIMAL_COMMA.search(cleaned):
        cleaned = cleaned.replace(",", ".")
    else:
        cleaned = cleaned.replace(",", "")
    if not _PLAIN_NUMBER.match(cleaned):  # a letter, a second sign: not read as a number
        raise _problem(row, column, _("“{text}” is not an amount.").format(text=text))
    try:
        cents = parse_money(cleaned, column)
    except ValidationError as error:
        raise _problem(
            row,
            column,
            _("“{text}” is not an amount. {reason}").format(text=text, reason=error.message),
        ) from error
    return -cents if negative else cents


def _debit_credit(row: int, debit: tuple[str, str], credit: tuple[str, str]) -> int | None:
    """Money out and money in from two columns, each (column name, cell text)."""
    out = _amount(row, debit[0], debit[1])
    into = _amount(row, credit[0], credit[1])
    if out is None and into is None:
        raise _problem(
            row,
            debit[0],
            _("there is no amount, neither in {debit} nor in {credit}.").format(
                debit=debit[0], credit=credit[0]
            ),
        )
    return abs(into or 0) - abs(out or 0)


def _line(
    row: int, posted_on: date, cents: int | None, description: str, reference: str
) -> StatementLineData | None:
    if not cents:
        return None  # a line of zero (a note, a balance carried forward) moves no money
    return StatementLineData(
        row,
        posted_on,
        cents,
        " ".join(description.split())[:DESCRIPTION_LIMIT],
        " ".join(reference.split())[:REFERENCE_LIMIT],
    )


def _joined(*parts: str) -> str:
    return " ".join(part for part in parts if part)


def _cell(cells: tuple[str, ...], index: int | None) -> str:
    return cells[index] if index is not None and index < len(cells) else ""


def _refuse_short(row: int, cells: tuple[str, ...], needed: int, bank: str) -> None:
    if len(cells) < needed:
        raise FileFormatError(
            ngettext(
                "Row {row} has {count} column; a {bank} statement has at least {expected}. "
                "Choose another bank, or choose the columns.",
                "Row {row} has {count} columns; a {bank} statement has at least {expected}. "
                "Choose another bank, or choose the columns.",
                len(cells),
            ).format(row=row, count=len(cells), bank=bank, expected=needed),
            row,
        )


def _titles(cells: Sequence[str]) -> bool:
    """A row without a single digit: titles a spreadsheet added above a headerless layout."""
    return not any(ch.isdigit() for cell in cells for ch in cell)


def _data_rows(rows: list[_Row]) -> list[_Row]:
    return rows[1:] if _titles(rows[0][1]) else rows


# --- the known layouts -----------------------------------------------------------------------


def _header_index(rows: list[_Row], *needed: str) -> int | None:
    """Where the header row is among the first rows (BMO puts a few lines before it)."""
    for index, (_number, cells) in enumerate(rows[:12]):
        folded = {fold(cell) for cell in cells}
        if all(name in folded for name in needed):
            return index
    return None


def _by_header(
    rows: list[_Row], layout: str, *needed: str
) -> tuple[tuple[str, ...], dict[str, int], list[_Row]]:
    """The header row, each title's place (folded) and the rows under it."""
    index = _header_index(rows, *needed)
    if index is None:
        raise FileFormatError(
            _(
                "This file does not look like a statement from {bank}: its column titles are "
                "not there. Choose another bank, or choose the columns."
            ).format(bank=_(LAYOUTS[layout]))
        )
    header = rows[index][1]
    columns: dict[str, int] = {}
    for position, cell in enumerate(header):
        columns.setdefault(fold(cell), position)
    return header, columns, rows[index + 1 :]


def _rbc(rows: list[_Row]) -> list[StatementLineData | None]:
    header, columns, data = _by_header(rows, "rbc", "transaction date", "description 1", "cad$")
    day = columns["transaction date"]
    cad, usd = columns["cad$"], columns.get("usd$")
    cheque = columns.get("cheque number")
    first, second = columns["description 1"], columns.get("description 2")
    lines = []
    for row, cells in data:
        _refuse_short(row, cells, max(day, cad, first) + 1, _(LAYOUTS["rbc"]))
        posted_on = _date(row, header[day], cells[day], False)
        amount_column = cad if cells[cad] or usd is None or not _cell(cells, usd) else usd
        cents = _amount(row, header[amount_column], cells[amount_column])
        if cents is None:
            raise _problem(row, header[cad], _("there is no amount."))
        lines.append(
            _line(
                row,
                posted_on,
                cents,
                _joined(cells[first], _cell(cells, second)),
                _cell(cells, cheque),
            )
        )
    return lines


def _bmo(rows: list[_Row]) -> list[StatementLineData | None]:
    needed = ("first bank card", "date posted", "transaction amount")
    header, columns, data = _by_header(rows, "bmo", *needed)
    day, amount = columns["date posted"], columns["transaction amount"]
    kind, description = columns.get("transaction type"), columns.get("description")
    lines = []
    for row, cells in data:
        _refuse_short(row, cells, max(day, amount) + 1, _(LAYOUTS["bmo"]))
        posted_on = _date(row, header[day], cells[day], None)
        cents = _amount(row, header[amount], cells[amount])
        if cents is None:
            raise _problem(row, header[amount], _("there is no amount."))
        # The type says which way the money went, whatever sign the amount carries.
        direction = fold(_cell(cells, kind))
        if direction == "debit":
            cents = -abs(cents)
        elif direction == "credit":
            cents = abs(cents)
        lines.append(_line(row, posted_on, cents, _cell(cells, description), ""))
    return lines


def _td(rows: list[_Row]) -> list[StatementLineData | None]:
    bank = _(LAYOUTS["td"])
    lines = []
    for row, cells in _data_rows(rows):
        _refuse_short(row, cells, 4, bank)
        posted_on = _date(row, _("Date"), cells[0], False)
        cents = _debit_credit(row, (_("Debit"), cells[2]), (_("Credit"), cells[3]))
        lines.append(_line(row, posted_on, cents, cells[1], ""))
    return lines


def _scotiabank(rows: list[_Row]) -> list[StatementLineData | None]:
    bank = _(LAYOUTS["scotiabank"])
    lines = []
    for row, cells in _data_rows(rows):
        _refuse_short(row, cells, 2, bank)
        posted_on = _date(row, _("Date"), cells[0], False)
        cents = _amount(row, _("Amount"), cells[1])
        if cents is None:
            raise _problem(row, _("Amount"), _("there is no amount."))
        reference = _cell(cells, 2)
        lines.append(
            _line(
                row,
                posted_on,
                cents,
                _joined(_cell(cells, 3), _cell(cells, 4), *cells[5:]),
                "" if reference == "-" else reference,
            )
        )
    return lines


def _cibc(rows: list[_Row]) -> list[StatementLineData | None]:
    bank = _(LAYOUTS["cibc"])
    lines = []
    for row, cells in _data_rows(rows):
        _refuse_short(row, cells, 3, bank)
        posted_on = _date(row, _("Date"), cells[0], None)
        cents = _debit_credit(row, (_("Debit"), cells[2]), (_("Credit"), _cell(cells, 3)))
        lines.append(_line(row, posted_on, cents, cells[1], ""))
    return lines


def _desjardins(rows: list[_Row]) -> list[StatementLineData | None]:
    bank = _(LAYOUTS["desjardins"])
    lines = []
    for row, cells in _data_rows(rows):
        _refuse_short(row, cells, 8, bank)
        posted_on = _date(row, _("Date"), cells[3], None)
        cents = _debit_credit(row, (_("Withdrawal"), cells[7]), (_("Deposit"), _cell(cells, 8)))
        lines.append(_line(row, posted_on, cents, cells[5], cells[6]))
    return lines


_READERS: Final[dict[str, Callable[[list[_Row]], list[StatementLineData | None]]]] = {
    "rbc": _rbc,
    "td": _td,
    "scotiabank": _scotiabank,
    "bmo": _bmo,
    "cibc": _cibc,
    "desjardins": _desjardins,
}
assert set(_READERS) == set(LAYOUTS)


# --- the generic mapping ---------------------------------------------------------------------


def _check_mapping(mapping: GenericMapping) -> None:
    if mapping.date_order not in DATE_ORDERS:
        raise ValidationError("date_order", _("Choose how the dates are written."))
    if mapping.amount_column is None and (
        mapping.debit_column is None or mapping.credit_column is None
    ):
        raise ValidationError(
            "amount",
            _("Choose the column with the amount, or the columns with money out and money in."),
        )


def _resolve(column: Column | None, header: tuple[str, ...] | None) -> tuple[int, str] | None:
    """A column's place and the name messages call it by."""
    if column is None:
        return None
    if isinstance(column, str):
        folded = fold(column)
        for index, name in enumerate(header or ()):
            if fold(name) == folded:
                return index, name
        raise FileFormatError(
            _("The file has no column “{column}”. Choose the columns again.").format(column=column)
        )
    if column < 0:
        raise ValidationError("column", _("Choose a column of the file."))
    if header is not None and column < len(header) and header[column]:
        return column, header[column]
    return column, str(column + 1)


def _generic(rows: list[_Row], mapping: GenericMapping) -> list[StatementLineData | None]:
    _check_mapping(mapping)
    header = rows[0][1] if mapping.has_header else None
    data = rows[1:] if mapping.has_header else rows
    day = _resolve(mapping.date_column, header)
    amount = _resolve(mapping.amount_column, header)
    debit = _resolve(mapping.debit_column, header)
    credit = _resolve(mapping.credit_column, header)
    description = _resolve(mapping.description_column, header)
    reference = _resolve(mapping.reference_column, header)
    assert day is not None
    day_first = {"day_first": True, "month_first": False, "iso": None}[mapping.date_order]
    lines = []
    for row, cells in data:
        if day[0] >= len(cells):
            raise _problem(row, day[1], _("the row is shorter than this column."))
        posted_on = _date(row, day[1], cells[day[0]], day_first)
        if amount is not None:
            cents = _amount(row, amount[1], _cell(cells, amount[0]))
            if cents is None:
                raise _problem(row, amount[1], _("there is no amount."))
            if mapping.money_out_positive:
                cents = -cents
        else:
            assert debit is not None and credit is not None
            cents = _debit_credit(
                row,
                (debit[1], _cell(cells, debit[0])),
                (credit[1], _cell(cells, credit[0])),
            )
        lines.append(
            _line(
                row,
                posted_on,
                cents,
                _cell(cells, description[0]) if description else "",
                _cell(cells, reference[0]) if reference else "",
            )
        )
    return lines


# Header words (folded) for each field, English and French, separated by "|".
_WORDS: Final[dict[str, tuple[str, ...]]] = {
    field: tuple(words.split("|"))
    for field, words in {
        "date": "date|transaction date|date posted|posted date|posting date|jour",
        "amount": "amount|transaction amount|montant|cad$|cad|value|valeur",
        "debit": "debit|debits|withdrawal|withdrawals|retrait|retraits|money out|paid out|"
        "sortie|sorties|debit amount",
        "credit": "credit|credits|deposit|deposits|depot|depots|money in|paid in|entree|"
        "entrees|credit amount",
        "description": "description|description 1|details|detail|payee|name|memo|libelle|"
        "transaction|beneficiaire|narrative",
        "reference": "reference|ref|cheque|cheque number|check number|cheque no|"
        "numero de cheque|no de cheque",
    }.items()
}


def guess_mapping(data: bytes) -> GenericMapping | None:
    """Columns guessed from a header row in English or French; None when no date and amount
    columns are found (the treasurer then chooses them)."""
    rows = _records(data)
    header = rows[0][1]
    found: dict[str, int] = {}
    for index, cell in enumerate(header):
        name = fold(cell)
        for field, words in _WORDS.items():
            if field not in found and (name in words or (field == "date" and "date" in name)):
                found[field] = index
                break
    if "date" not in found or not ("amount" in found or {"debit", "credit"} <= set(found)):
        return None
    order = "iso"
    for _number, cells in rows[1:50]:
        parts = re.findall(r"\d+", _cell(cells, found["date"]))
        if len(parts) == 3 and len(parts[0]) <= 2:
            if int(parts[0]) > 12:
                order = "day_first"
                break
            if int(parts[1]) > 12:
                order = "month_first"
                break
    return GenericMapping(
        date_column=found["date"],
        amount_column=found.get("amount"),
        debit_column=None if "amount" in found else found["debit"],
        credit_column=None if "amount" in found else found["credit"],
        description_column=found.get("description"),
        reference_column=found.get("reference"),
        date_order=order,
        has_header=True,
    )


# --- detection and reading -------------------------------------------------------------------


def _is_amount(text: str, blank: bool = False) -> bool:
    return (blank and not text) or bool(_AMOUNT.match(text))


def _shape_scotiabank(cells: Sequence[str]) -> bool:
    return (
        len(cells) >= 5
        and bool(_MONTH_FIRST.match(cells[0]))
        and _is_amount(cells[1])
        and (cells[2] == "-" or cells[2].isdigit())
    )


def _shape_td(cells: Sequence[str]) -> bool:
    return (
        len(cells) in (4, 5)
        and bool(_MONTH_FIRST.match(cells[0]))
        and not _is_amount(cells[1])
        and _is_amount(cells[2], True)
        and _is_amount(cells[3], True)
        and bool(cells[2]) != bool(cells[3])
        and (len(cells) == 4 or _is_amount(cells[4], True))
    )


def _shape_cibc(cells: Sequence[str]) -> bool:
    return (
        len(cells) in (3, 4, 5)
        and bool(_ISO_DASH.match(cells[0]))
        and _is_amount(cells[2], True)
        and _is_amount(_cell(tuple(cells), 3), True)
        and bool(cells[2]) != bool(_cell(tuple(cells), 3))
    )


def _shape_desjardins(cells: Sequence[str]) -> bool:
    return (
        len(cells) >= 9
        and bool(_ISO_SLASH.match(cells[3]))
        and _is_amount(cells[7], True)
        and _is_amount(cells[8], True)
        and bool(cells[7] or cells[8])
    )


_SHAPES: Final = (
    ("scotiabank", _shape_scotiabank),
    ("td", _shape_td),
    ("cibc", _shape_cibc),
    ("desjardins", _shape_desjardins),
)


def detect_layout(data: bytes) -> str | None:
    """The bank whose layout this file has (a key of LAYOUTS), or None when not recognized.

    Raises FileFormatError when the file cannot be read at all (empty, not text)."""
    rows = _records(data)
    if _header_index(rows, "transaction date", "description 1", "cad$") is not None:
        return "rbc"
    if _header_index(rows, "first bank card", "date posted", "transaction amount") is not None:
        return "bmo"
    sample = [cells for _number, cells in rows[:6]]
    if len(sample) > 1 and _titles(sample[0]):
        sample = sample[1:]
    for key, fits in _SHAPES:
        if all(fits(cells) for cells in sample):
            return key
    return None


def layout_name(layout: str | GenericMapping) -> str:
    """The layout as the treasurer sees it, translated."""
    if isinstance(layout, GenericMapping) or layout == GENERIC:
        return _(GENERIC_NAME)
    return _(LAYOUTS[layout])


def read_statement(data: bytes, layout: str | GenericMapping) -> tuple[StatementLineData, ...]:
    """Every line of the statement, in the file's order.

    Raises FileFormatError (with the row and the column) for anything in the file that cannot
    be read, and when no line is found at all.
    """
    if isinstance(layout, str) and layout not in LAYOUTS:
        raise ValidationError("layout", _("Choose the bank, or choose the columns."))
    rows = _records(data)
    read = _READERS[layout] if isinstance(layout, str) else lambda r: _generic(r, layout)
    found = read(rows)
    lines = tuple(line for line in found if line is not None)
    if not lines:
        raise FileFormatError(_("There are no bank transactions in this file."))
    return lines
