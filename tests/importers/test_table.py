"""Reading the spreadsheets groups really have, and refusing the rest with a clear message."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from communitydesk.core.errors import FileFormatError
from communitydesk.importers.table import read_table

ROWS = [
    ["Prénom", "Nom de famille", "Téléphone"],
    ["José", "Peña", "613-555-0101"],
    ["محمد", "الحسن", "613 555 0102"],
]


def _write(path: Path, text: str, encoding: str) -> Path:
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize(
    ("encoding", "delimiter", "detected"),
    [
        ("utf-8", ",", "utf-8"),
        ("utf-8-sig", ";", "utf-8-sig"),  # French-locale Excel: BOM and semicolons
        ("utf-16", "\t", "utf-16"),  # Excel's "Unicode text"
        ("cp1256", ";", "cp1256"),  # Arabic Windows
    ],
)
def test_encodings_and_delimiters_are_detected(
    tmp_path: Path, encoding: str, delimiter: str, detected: str
) -> None:
    text = "\r\n".join(delimiter.join(row) for row in ROWS) + "\r\n"
    if encoding == "cp1256":  # Arabic Windows has é but no ñ
        text = text.replace("Peña", "Pena")
    table = read_table(_write(tmp_path / "members.csv", text, encoding))
    assert table.headers == ("Prénom", "Nom de famille", "Téléphone")
    family = "Pena" if encoding == "cp1256" else "Peña"
    assert table.rows == (("José", family, "613-555-0101"), ("محمد", "الحسن", "613 555 0102"))
    assert table.delimiter == delimiter
    assert table.encoding == detected or (detected == "cp1256" and table.encoding.startswith("cp"))


def test_latin1_accents_survive(tmp_path: Path) -> None:
    text = "Prénom,Nom\nRéginald,Baptiste\nFrançoise,Désir\n"
    table = read_table(_write(tmp_path / "old.csv", text, "cp1252"))
    assert table.rows == (("Réginald", "Baptiste"), ("Françoise", "Désir"))
    assert table.encoding != "utf-8"


def test_ragged_rows_blank_and_repeated_headers(tmp_path: Path) -> None:
    text = "Name,,Name,Phone\nAna,x,Peña\nHodan,y,Warsame,613,extra\n\n,,,\n"
    table = read_table(_write(tmp_path / "ragged.csv", text, "utf-8"))
    assert table.headers == ("Name", "Column 2", "Name (2)", "Phone")
    assert table.rows == (("Ana", "x", "Peña", ""), ("Hodan", "y", "Warsame", "613 extra"))


def test_xlsx_first_or_chosen_sheet_with_formulas_and_merged_cells(tmp_path: Path) -> None:
    from datetime import date

    from openpyxl import Workbook

    book = Workbook()
    first = book.active
    first.title = "Notes"
    first.append(["nothing here"])
    members = book.create_sheet("Members")
    members.append(["Given name", "Family name", "Born", "Year"])
    members.append(["Thu Hà", "Lê", date(1982, 5, 1), 1982.0])
    members.append(['=HYPERLINK("x")', "Nguyễn", None, None])
    members.merge_cells("A4:B4")
    members["A4"] = "Merged"
    path = tmp_path / "members.xlsx"
    book.save(path)

    table = read_table(path, sheet="Members")
    assert table.sheet == "Members" and table.sheets == ("Notes", "Members")
    assert table.rows[0] == ("Thu Hà", "Lê", "1982-05-01", "1982")
    assert table.rows[1][1] == "Nguyễn"  # a formula is never run: its saved value, or nothing
    assert table.rows[2] == ("Merged", "", "", "")
    with pytest.raises(FileFormatError, match="no sheet named “Membres”"):
        read_table(path, sheet="Membres")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"%PDF-1.7\n...", "is a PDF file, not a spreadsheet"),
        (b"\x00\x01\x02binary\x00data", "is not a text file"),
        (b"PK\x03\x04not really a zip", "is not a readable Excel file"),
        (b"\n\n  \n", "is empty"),
    ],
)
def test_files_that_are_not_spreadsheets_get_a_clear_message(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "members.csv"
    path.write_bytes(content)
    with pytest.raises(FileFormatError) as raised:
        read_table(path)
    assert message in raised.value.message


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=2000))
def test_hostile_bytes_end_in_a_table_or_a_clear_message(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "hostile.csv"
    path.write_bytes(content)
    try:
        table = read_table(path)
    except FileFormatError as error:
        assert error.message
    else:
        assert all(len(row) == len(table.headers) for row in table.rows)


@settings(max_examples=100, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(st.text(max_size=30), min_size=1, max_size=6), min_size=1, max_size=12))
def test_hostile_text_cells_keep_the_table_rectangular(
    tmp_path: Path, rows: list[list[str]]
) -> None:
    import csv

    path = tmp_path / "cells.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    try:
        table = read_table(path)
    except FileFormatError as error:
        assert error.message
    else:
        assert all(len(row) == len(table.headers) for row in table.rows)
        assert len(set(h.casefold() for h in table.headers)) == len(table.headers)
