"""The import window: a file, its columns, the preview, the import, and its undo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from communitydesk.services.context import Services
from communitydesk.ui.dialogs.import_dialog import ImportDialog


def test_import_a_french_spreadsheet_step_by_step(
    organized: Services, qtbot: QtBot, tmp_path: Path
) -> None:
    sheet = tmp_path / "membres.csv"
    sheet.write_bytes(
        "Prénom;Nom;Langue;Naissance\nJosé;Peña;espagnol;1980\nLucía;Peña;Martien;1982\n"
        "Thu Hà;Lê;vietnamien;15/03/1975\n".encode("cp1252", errors="replace")
    )
    dialog = ImportDialog(organized.imports)
    qtbot.addWidget(dialog)
    assert not dialog.next_button.isEnabled()  # no file yet

    dialog.open_file(sheet)
    qtbot.waitUntil(lambda: dialog.pending is None and dialog.table is not None)
    assert dialog.detected.text().startswith("3 rows found. Read as ")
    assert dialog.delimiter.currentData() == ""  # detected: ";" shown in the text
    dialog.next_button.click()
    holds = []
    for row in range(dialog.columns.rowCount()):
        combo = dialog.columns.cellWidget(row, 2)
        assert isinstance(combo, QComboBox)
        holds.append(combo.currentText())
    assert holds == ["First name", "Family name", "Languages", "Year or date of birth"]
    # A choice saved last time is applied by header name, whatever the order.
    saved = tmp_path / "mapping.json"
    saved.write_text('{"Naissance": "notes", "Prénom": "given_name", "Nom": "family_name"}')
    dialog.use_mapping(saved)
    assert dialog.mapping() == {0: "given_name", 1: "family_name", 3: "notes"}
    saved.write_text(
        '{"Prénom": "given_name", "Nom": "family_name", "Langue": "languages",'
        ' "Naissance": "birth"}'
    )
    dialog.use_mapping(saved)

    dialog.next_button.click()  # Preview
    qtbot.waitUntil(lambda: dialog.pending is None and dialog.preview is not None)
    assert dialog.summary.text().split("<br/>") == [
        "2 people to add",
        "0 already in the roster (skipped)",
        "0 possible duplicates",
        "1 row rejected",
    ]
    assert [dialog.problems.item(0, c).text() for c in range(3)] == [  # type: ignore[union-attr]
        "3",
        "Langue",
        "Unknown language “Martien”.",
    ]
    assert dialog.next_button.text() == "Import them"

    dialog.next_button.click()
    qtbot.waitUntil(lambda: dialog.pending is None and dialog.result_summary is not None)
    assert dialog.summary.text() == "Imported: 2 people added."
    assert organized.dashboard.summary().people == 2
    assert not dialog.back_button.isEnabled() and not dialog.next_button.isEnabled()

    dialog.undo_button.click()
    assert dialog.summary.text() == "Import undone: 2 people removed."
    assert organized.dashboard.summary().people == 0


def test_a_file_that_cannot_be_read_says_why(
    organized: Services, qtbot: QtBot, tmp_path: Path
) -> None:
    pdf = tmp_path / "members.csv"
    pdf.write_bytes(b"%PDF-1.7 not a spreadsheet")
    dialog = ImportDialog(organized.imports)
    qtbot.addWidget(dialog)
    dialog.open_file(pdf)
    qtbot.waitUntil(lambda: dialog.pending is None)
    assert dialog.error.text() == (
        "members.csv is a PDF file, not a spreadsheet. Save it as CSV or .xlsx."
    )
    assert not dialog.next_button.isEnabled()


def test_export_the_whole_roster_from_the_file_menu(
    window: object, qtbot: QtBot, tmp_path: Path
) -> None:
    from communitydesk.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    target = tmp_path / "roster.xlsx"
    window.export_roster_to(target)
    qtbot.waitUntil(lambda: not window.tasks.busy)
    people = window._services.dashboard.summary().people
    assert window.statusBar().currentMessage().startswith(f"Exported {people} people to ")
    table, _mapping = window._services.imports.read(target)
    assert len(table.rows) == people and table.headers[0] == "First name"


def test_stop_a_long_preview(organized: Services, qtbot: QtBot, tmp_path: Path) -> None:
    sheet = tmp_path / "many.csv"
    sheet.write_text(
        "\n".join(["First name,Family name"] + [f"P{i},F{i}" for i in range(30_000)]),
        encoding="utf-8",
    )
    dialog = ImportDialog(organized.imports)
    qtbot.addWidget(dialog)
    dialog.open_file(sheet)
    qtbot.waitUntil(lambda: dialog.pending is None and dialog.table is not None)
    dialog.next_button.click()
    dialog.next_button.click()  # Preview: thirty thousand rows take a few seconds
    assert dialog.cancel_button.isVisibleTo(dialog)
    dialog.cancel_button.click()
    assert dialog.error.text() == "Stopped: nothing was written."
    assert dialog.next_button.isEnabled() and not dialog.cancel_button.isVisibleTo(dialog)
    assert organized.dashboard.summary().people == 0
